#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# objtool-lite on ppc64le objects built here with the kit's flags
# (arch/ppc64le/port.mk), asserted against independent facts: objdump's
# disassembly and relocations, readelf's symbols.
#   - --stackval --orc --mcount: exit 0, no warnings, on a leaf, callers, a
#     local call, an early return and alloca;
#   - __mcount_loc: one R_PPC64_ADDR64 per function, each at the address
#     objdump shows for its "bl _mcount", right after "mflr r0";
#   - ORC (--dump=orc --json): at an entry LR holds the return address and
#     the CFA is r1+0; after "stdu r1,-N(r1)" the CFA is r1+N or r31+N
#     and the return address is saved at CFA+16;
#   - traceback tables (built with -mtraceback=full) are skipped: no
#     decode error, no warning;
#   - --stackval's ppc64le rule: a call before LR is saved is refused;
#   - switch tables inline after a bctr: found when the code proves them
#     (its address through a relocation; the bounds check, or the words
#     that cannot be instructions), every case block walked; through an
#     address the function did not compute, the bctr stays a tail call;
#   - bad input: a reserved st_other local-entry value, a "bl" as the last
#     word of a section: a clear error, exit 1, the object unchanged; a
#     truncated .orc_unwind and a foreign .orc_header: --dump=orc refuses.
set -uo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../../.."
O=${O:-build}
OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
ARCH=ppc64le
cross=$(scripts/ports.sh cross $ARCH)
CC=${cross}gcc OBJDUMP=${cross}objdump READELF=${cross}readelf
command -v "$CC" >/dev/null || { echo "SKIP: no $ARCH compiler ($CC)"; exit 77; }
[ -x "$OBJTOOL" ] || { echo "no $OBJTOOL (make objtool)"; exit 1; }
. selftests/lib/ktap.sh

work=$O/selftests/objtool-ppc64le
rm -rf "$work"
mkdir -p "$work"
FLAGS="-O2 -g -ffreestanding -fno-pic -fno-pie -fno-stack-protector
	-fno-omit-frame-pointer -fasynchronous-unwind-tables
	$(scripts/ports.sh get $ARCH cflags)"

cat >"$work/t.c" <<'C'
extern int ext(int);
int leaf(int a, int b) { return a * b; }
int caller(int a) { return ext(a + 1) + 3; }
static __attribute__((noinline)) int helper(int x) { return ext(x) * 2; }
int callsh(int x) { return helper(x) + 1; }
int dyn(int n) { char *p = __builtin_alloca(n); p[0] = 1; return ext(p[n - 1]); }
int early(int n) { if (n < 0) return 0; return ext(n) + ext(n + 1); }
C
# shellcheck disable=SC2086
$CC $FLAGS -c -o "$work/t.o" "$work/t.c" || { echo "compile failed"; exit 1; }

out=$("$OBJTOOL" --stackval --orc --mcount --werror "$work/t.o" 2>&1)
report $? "--stackval --orc --mcount: exit 0"
check "no warnings" test -z "$out"
[ -z "$out" ] || report_info "$out"

# "bl _mcount" addresses per objdump, as .text offsets
$OBJDUMP -dr "$work/t.o" >"$work/t.dis"
awk '/^[0-9a-f]+ <.*>:$/ { prev = "" }
     /R_PPC64_REL24[ \t]+_mcount$/ { print site }
     /^ +[0-9a-f]+:/ { split($0, a, ":"); site = a[1]; gsub(/ /, "", site);
		       if (prev ~ /mflr[ \t]+r0/) ok[site] = 1; line[site] = $0 }
     { if ($0 ~ /^ +[0-9a-f]+:/) prev = $0 }' "$work/t.dis" |
	while read -r a; do printf '%x\n' "0x$a"; done | sort >"$work/sites.objdump"
$READELF -rW "$work/t.o" | awk '/Relocation section .\.rela__mcount_loc/ { on = 1; next }
	/Relocation section/ { on = 0 } on && /R_PPC64_ADDR64/ { print $NF }' |
	sed 's/^\.text + //' | sort >"$work/sites.loc"
nfunc=$($READELF -sW "$work/t.o" | awk '$4 == "FUNC"' | wc -l)
check "__mcount_loc has one entry per function ($(wc -l <"$work/sites.loc") for $nfunc)" \
	test "$(wc -l <"$work/sites.loc")" = "$nfunc"
check "__mcount_loc entries are objdump's bl _mcount addresses" \
	cmp -s "$work/sites.objdump" "$work/sites.loc"
# each site follows "mflr r0" (the instruction before it in objdump)
bad=0
while read -r s; do
	prev=$(printf '%x' $((0x$s - 4)))
	grep -qE "^ +$prev:.*mflr[[:space:]]+r0" "$work/t.dis" || bad=1
done <"$work/sites.loc"
report $bad "every site follows mflr r0"

# ORC rows, by address: "ip json"
"$OBJTOOL" --dump=orc --json "$work/t.o" >"$work/orc.json" 2>&1
report $? "--dump=orc --json"
row() {	# row HEXADDR: the entry in force at that .text offset
	python3 - "$work/orc.json" "$1" <<'PY'
import json, sys
addr = int(sys.argv[2], 16)
best = None
for line in open(sys.argv[1]):
    line = line.strip()
    if not line.startswith("{"):
        continue
    r = json.loads(line)
    if r.get("section") == ".text" and r["offset"] <= addr and (best is None or r["offset"] >= best["offset"]):
        best = r
e = best["entry"] if best else {}
print(e.get("sp_reg"), e.get("sp_offset"), e.get("ra_reg"), e.get("ra_offset"))
PY
}
sym_addr() { $READELF -sW "$work/t.o" | awk -v n="$1" '$NF == n { print $2 }'; }
stdu_after() {	# first "stdu r1,-N(r1)" in function $1: "addr N"
	awk -v f="<$1>:" '$0 ~ f { on = 1; next } /^$/ { on = 0 }
		on && /stdu[ \t]+r1,-[0-9]+\(r1\)/ { split($0, a, ":"); gsub(/ /, "", a[1]);
			match($0, /-[0-9]+\(/); print a[1], substr($0, RSTART + 1, RLENGTH - 2); exit }' "$work/t.dis"
}
for f in caller callsh early; do
	a=$(sym_addr "$f")
	check "$f entry: CFA r1+0, return address in LR" \
		test "$(row "$a")" = "r1 0 lr 0"
	read -r s n <<<"$(stdu_after "$f")"
	r=$(row "$(printf '%x' $((0x$s + 4)))")
	check "$f after stdu r1,-$n(r1): CFA $n above r1/r31, LR saved at CFA+16 ($r)" \
		grep -qE "^(r1|r31) $n prev_sp 16$" <<<"$r"
done

# traceback tables left in: skipped as data
# shellcheck disable=SC2086
$CC $FLAGS -mtraceback=full -c -o "$work/tb.o" "$work/t.c"
# objdump prints a traceback table's first words as ".long 0x0" or "..."
$OBJDUMP -d "$work/tb.o" >"$work/tb.dis"
grep -qE '\.long 0x0$|^[[:space:]]+\.\.\.$' "$work/tb.dis"
report $? "traceback build: zero words inside functions"
out=$("$OBJTOOL" --stackval --orc --mcount --werror "$work/tb.o" 2>&1)
report $? "traceback build: --stackval --orc --mcount exit 0"
check "traceback build: no warnings" test -z "$out"
[ -z "$out" ] || report_info "$out"

# --stackval: a call while LR is only in the register
cat >"$work/noframe.S" <<'S'
	.text
	.globl f
	.type f, @function
f:
	stdu 1,-32(1)
	bl ext
	nop
	addi 1,1,32
	blr
	.size f, .-f
S
$CC -c -o "$work/noframe.o" "$work/noframe.S"
out=$("$OBJTOOL" --stackval --werror --dry-run "$work/noframe.o" 2>&1)
rc=$?
check "a call before LR is saved: --stackval refuses it (exit $rc)" test "$rc" != 0
check "... saying why" grep -q "call without frame pointer save/setup" <<<"$out"

# bad input: a reserved local entry value (st_other bits 5-7 = 7)
cp "$work/t.o" "$work/badlep.o"
python3 - "$work/badlep.o" <<'PY'
import struct, sys
p = sys.argv[1]; b = bytearray(open(p, "rb").read())
shoff, = struct.unpack_from("<Q", b, 0x28); shentsize, shnum = struct.unpack_from("<HH", b, 0x3a)
for i in range(shnum):
    sh = shoff + i * shentsize
    if struct.unpack_from("<I", b, sh + 4)[0] == 2:		# SHT_SYMTAB
        off, size = struct.unpack_from("<QQ", b, sh + 0x18)
        for s in range(off, off + size, 24):
            if b[s + 4] & 0xf == 2:				# STT_FUNC
                b[s + 5] = (b[s + 5] & 0x1f) | 7 << 5
                break
open(p, "wb").write(b)
PY
sum=$(md5sum <"$work/badlep.o")
out=$("$OBJTOOL" --stackval --orc --mcount "$work/badlep.o" 2>&1)
rc=$?
check "reserved st_other local entry: exit 1 (got $rc)" test "$rc" = 1
check "... naming the problem" grep -q "st_other local entry field 7 is reserved" <<<"$out"
check "... object unchanged" test "$(md5sum <"$work/badlep.o")" = "$sum"
ls "$work"/.*badlep* >/dev/null 2>&1
report $((!$?)) "... no temporary left"

# bad input: a bl as the last word of its section
printf '\t.text\n\t.globl g\n\t.type g,@function\ng:\n\tbl ext\n\t.size g,.-g\n' >"$work/blend.S"
$CC -c -o "$work/blend.o" "$work/blend.S"
sum=$(md5sum <"$work/blend.o")
out=$("$OBJTOOL" --orc --mcount --werror "$work/blend.o" 2>&1)
rc=$?
check "bl at the section end: exit 1 (got $rc)" test "$rc" = 1
check "... naming the problem" grep -q "unexpected end of section" <<<"$out"
check "... object unchanged" test "$(md5sum <"$work/blend.o")" = "$sum"

# switch tables inline after the bctr (built without -fno-jump-tables)
cat >"$work/sw.c" <<'C'
extern int f0(int), f1(int), f2(int), f3(int);
int sw(int x, int y)
{
	switch (x) {
	case 0: return f0(y) + 1;
	case 1: return f1(y) * 3;
	case 2: return f2(y + 2);
	case 3: return f3(y) - 4;
	case 4: return f0(f1(y));
	case 5: return f2(y) ^ 5;
	case 6: return f3(y + 6) * 7;
	case 7: return f1(y - 7);
	default: return -1;
	}
}
C
# shellcheck disable=SC2086
$CC ${FLAGS//-fno-jump-tables/} -c -o "$work/sw.o" "$work/sw.c"
ntab=$($OBJDUMP -d "$work/sw.o" | awk '/bctr/ { on = 1; next } on && /\.long/ { n++; next } { on = 0 } END { print n + 0 }')
check "the switch has an inline table of 8 words after its bctr ($ntab)" test "$ntab" = 8
out=$("$OBJTOOL" --stackval --orc --mcount --werror "$work/sw.o" 2>&1)
report $? "switch table: --stackval --orc --mcount exit 0"
check "switch table: no warnings (no sibling call taken for the bctr)" test -z "$out"
[ -z "$out" ] || report_info "$out"
# every case block was walked: only the table words and padding lack a state
nostate=$("$OBJTOOL" --disas=sw "$work/sw.o" 2>&1 | grep "(no state)" |
	grep -vcE '\.long|[[:space:]]nop[[:space:]]|ori[[:space:]]+r2,r2,0')
check "switch table: every instruction has a state ($nostate without)" test "$nostate" = 0
# no guessing: a table is taken only where the function computes its
# address (a relocation to it); the same dispatch through an address it
# was handed stays a tail call
dispatch() {	# dispatch BOUNDS-CHECK TABLE-ADDRESS
	printf '\t.text\n\t.globl h\n\t.type h,@function\nh:\n'
	printf '\tmflr 0\n\tstd 0,16(1)\n\tstdu 1,-32(1)\n%s%s' "$1" "$2"
	printf '\tsldi 3,3,2\n'
	printf '\tlwax 10,9,3\n\tadd 10,10,9\n\tmtctr 10\n\tbctr\n'
	printf '.Ltab:\n\t.long .Lc0-.Ltab\n\t.long .Lc1-.Ltab\n'
	printf '.Lc0:\n\tli 3,1\n\tb .Lout\n.Lc1:\n\tli 3,2\n'
	printf '.Lout:\n\taddi 1,1,32\n\tld 0,16(1)\n\tmtlr 0\n\tblr\n\t.size h,.-h\n'
}
toc=$'\taddis 9,2,.Ltab@toc@ha\n\taddi 9,9,.Ltab@toc@l\n'
dispatch $'\tcmplwi 3,1\n\tbgt .Lout\n' "$toc" >"$work/jb.S"
dispatch "" "$toc" >"$work/ja.S"
dispatch "" $'\tmr 9,4\n' >"$work/jn.S"
for j in jb ja jn; do $CC -c -o "$work/$j.o" "$work/$j.S"; done
"$OBJTOOL" --stackval --orc --werror --dry-run "$work/jb.o" >/dev/null 2>&1
report $? "hand-written dispatch with its bounds check: a table, no warning"
"$OBJTOOL" --stackval --orc --werror --dry-run "$work/ja.o" >/dev/null 2>&1
report $? "... without it: the words after the bctr that are no instructions"
out=$("$OBJTOOL" --stackval --orc --werror --dry-run "$work/jn.o" 2>&1)
check "... with a table address it did not compute: still a tail call from a modified frame" \
	grep -q "sibling call from callable instruction with modified stack frame" <<<"$out"

# bad input: malformed ppc64le ORC tables (the object t.o has good ones)
OBJCOPY=${cross}objcopy
printf 'abc' >"$work/short.bin"
head -c 20 /dev/zero >"$work/zero-hdr.bin"
$OBJCOPY --update-section .orc_unwind="$work/short.bin" "$work/t.o" "$work/orc-short.o"
$OBJCOPY --update-section .orc_header="$work/zero-hdr.bin" "$work/t.o" "$work/orc-hdr.o"
out=$("$OBJTOOL" --dump=orc "$work/t.o" 2>&1 >/dev/null)
check "the good tables dump cleanly" test -z "$out"
for t in short:"ip bytes" hdr:"is not the ppc64le ORC format"; do
	f=$work/orc-${t%%:*}.o
	out=$("$OBJTOOL" --dump=orc "$f" 2>&1 >/dev/null)
	rc=$?
	check "malformed ORC (${t%%:*}): exit 1 (got $rc)" test "$rc" = 1
	check "... saying \"malformed ORC table\"" grep -q "malformed ORC table.*${t#*:}" <<<"$out"
done

report_summary
