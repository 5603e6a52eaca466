#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# objtool-lite on s390x: objects built here with the kit's s390x flags
# (the descriptor's port_cflags), then asserted (KTAP):
#   - the objects have what is tested: "brcl 0,0" sites in __mcount_loc,
#     stmg/lay and a back-chain store;
#   - --stackval --orc --mcount --werror: exit 0, no warnings; the ORC
#     entries at an entry and after the prologue are the bytes the format
#     (include/asm/orc_types.h) says, worked out by hand: big-endian,
#     offsets in doublewords; .orc_header is the SHA-1 of the layout string;
#   - --check-cfi agrees with gcc at every address; --dump=orc --json is JSON;
#   - the --stackval rule: the same code without -mbackchain, and a
#     hand-written function that calls before storing its back chain, are
#     refused with "call without back chain";
#   - a switch jump table (PC64 offsets from the table) is walked: every
#     case gets a state; "ber %r14" returns or falls through, and is
#     refused from an allocated frame;
#   - hard-float code: r11 parked in f4 gets ORC saying "lost" (r14 there
#     is still refused); an exrl template is not "unreachable";
#   - --mcount: a site turned into "brcl 1" is refused; "brasl %r0" sites
#     (no -mnop-mcount) are listed;
#   - bad input: an instruction cut at the section end, a branch into the
#     middle of an instruction, the byte order flipped, a malformed ORC
#     table: exit 1 with a message naming the problem, the file unchanged,
#     no temporary left behind.
set -uo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../../.."
. selftests/lib/ktap.sh
O=${O:-build}
OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
X=$(scripts/ports.sh cross s390x)
CC=${X}gcc OBJDUMP=${X}objdump OBJCOPY=${X}objcopy READELF=${X}readelf

command -v "$CC" >/dev/null || { echo "SKIP: no s390x compiler ($CC)"; exit 77; }
[ -x "$OBJTOOL" ] || { echo "no $OBJTOOL (make objtool)"; exit 1; }

work=$O/selftests/objtool-s390x
rm -rf "$work"
mkdir -p "$work"
FLAGS="-O2 -ffreestanding -fno-pic -fno-omit-frame-pointer -fasynchronous-unwind-tables $(scripts/ports.sh get s390x cflags)"

cat >"$work/t.c" <<'C'
extern int ext(int);
extern void use(void *, int);
int leaf(int a, int b) { return a * b + 3; }
int caller(int a) { return ext(a + 1) + 2; }
int bigframe(int a) { char buf[8192]; use(buf, a); return buf[a]; }
int early(int x) { if (!x) return 0; return ext(x) * 3 + ext(x + 2); }
C
cc_obj() {	# cc_obj OUT EXTRA-FLAGS...
	local out=$1
	shift
	$CC $FLAGS "$@" -c -o "$out" "$work/t.c"
}
cc_obj "$work/t.o" || { echo "compile failed"; exit 1; }
dis=$($OBJDUMP -d "$work/t.o")

# --- the input has the features ---------------------------------------
grep -q __mcount_loc <<<"$($READELF -S --wide "$work/t.o")"
report $? "__mcount_loc present"
grep -q 'c0 04 00 00 00 00.*jgnop' <<<"$dis"
report $? "brcl 0,0 sites at function entries"
grep -q 'stmg.*%r15' <<<"$dis" && grep -q 'stg	%r14,152(%r15)' <<<"$dis"
report $? "stmg prologue and a back-chain store at 152(%r15)"

# --- the build-time pass ------------------------------------------------
cp "$work/t.o" "$work/orc.o"
out=$("$OBJTOOL" --stackval --orc --mcount --werror "$work/orc.o" 2>&1)
report $? "--stackval --orc --mcount --werror: exit 0"
[ -z "$out" ]
report $? "no warnings${out:+: ${out:0:200}}"

$OBJCOPY -O binary --only-section=.orc_unwind "$work/orc.o" "$work/orc.bin" 2>/dev/null
hex=$(od -An -v -tx1 "$work/orc.bin" | tr -d ' \n')
# caller's entry: CFA r15+160 (20 doublewords), fp undefined, ra in r14,
# type CALL: 0014 0000 0000, then 2 | 4 << 8 | 2 << 12 = 0x2402
grep -q '0014000000002402' <<<"$hex"
report $? "entry at a function entry: 00 14 00 00 00 00 24 02"
# after "stmg %r11,%r15,112(%r15)" (packed stack): r11 at CFA-48 (-6),
# r14 at CFA-24 (-3), both PREV_SP: 0014 fffa fffd, 2 | 1 << 4 | 1 << 8 | 2 << 12
grep -q '0014fffafffd2112' <<<"$hex"
report $? "entry after stmg: 00 14 ff fa ff fd 21 12"
# after "lay %r15,-48(%r15)": CFA r15+208 = 26 doublewords
grep -q '001afffafffd2112' <<<"$hex"
report $? "entry after lay -48: 00 1a ff fa ff fd 21 12"
# bigframe's "lay %r15,-8240(%r15)": CFA r15+8400, 1050 doublewords (0x41a)
grep -q '041afffafffd2112' <<<"$hex"
report $? "entry of an 8 KiB frame: 04 1a ff fa ff fd 21 12"

layout=$(sed -n '/define ORC_S390X_LAYOUT/,/^#define ORC_S390X_HASH/p' \
	arch/s390x/include/asm/orc_types.h | grep -o '"[^"]*"' | tr -d '"' | tr -d '\n')
want=$(printf '%s' "$layout" | sha1sum | cut -c1-40)
$OBJCOPY -O binary --only-section=.orc_header "$work/orc.o" "$work/hdr.bin" 2>/dev/null
got=$(od -An -v -tx1 "$work/hdr.bin" | tr -d ' \n')
[ -n "$want" ] && [ "$got" = "$want" ]
report $? ".orc_header is the SHA-1 of ORC_S390X_LAYOUT ($got)"

cfi=$("$OBJTOOL" --check-cfi "$work/t.o" 2>&1)
grep -q 'check-cfi: [1-9][0-9]* addresses compared, [0-9]* agree (100\.0*%)' <<<"$cfi" &&
	grep -q ' 0 without objtool state' <<<"$cfi"
report $? "--check-cfi: every address agrees ($(head -1 <<<"$cfi"))"

"$OBJTOOL" --dump=orc --json "$work/orc.o" >"$work/orc.json" 2>&1 &&
	python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$work/orc.json"
report $? "--dump=orc --json is one JSON object a line"
grep -q '"sp_reg":"r15","sp_offset":208,"fp_reg":"prev_sp","fp_offset":-48,"ra_reg":"prev_sp","ra_offset":-24' "$work/orc.json"
report $? "--json gives offsets in bytes"

grep -q 'stmg.*cfa=r15+160 r11=same r14=same' <<<"$("$OBJTOOL" --disas=caller "$work/orc.o" 2>&1)"
report $? "--disas shows the s390x instructions with their states"

# --- the --stackval rule ---------------------------------------------------
# the default layout (r14 at 112, back chain at 0) without the chain
cc_obj "$work/nochain.o" -mno-backchain -mno-packed-stack
out=$("$OBJTOOL" --stackval --werror "$work/nochain.o" 2>&1)
rc=$?
[ $rc = 1 ] && grep -q 'caller+0x[0-9a-f]*: call without back chain' <<<"$out"
report $? "without -mbackchain: \"call without back chain\", exit 1 (got $rc)"

cat >"$work/late.S" <<'S'
	.text
	.globl	late
	.type	late, @function
late:
	.cfi_startproc
	stmg	%r14,%r15,136(%r15)
	.cfi_offset 14, -24
	.cfi_offset 15, -16
	lay	%r15,-160(%r15)
	.cfi_def_cfa_offset 320
	brasl	%r14,ext
	lmg	%r14,%r15,296(%r15)
	.cfi_restore 15
	.cfi_restore 14
	.cfi_def_cfa_offset 160
	br	%r14
	.cfi_endproc
	.size	late, .-late
S
$CC -c -o "$work/late.o" "$work/late.S"
out=$("$OBJTOOL" --stackval --werror "$work/late.o" 2>&1)
rc=$?
[ $rc = 1 ] && grep -q 'late+0x[0-9a-f]*: call without back chain' <<<"$out"
report $? "a call before the back chain is stored is refused (got $rc)"
out=$("$OBJTOOL" --orc --werror "$work/late.o" 2>&1)
report $? "the same code without --stackval is fine for ORC${out:+: $out}"

# --- switch jump tables and conditional returns ------------------------------
{
	for i in 0 1 2 3 4 5 6 7; do echo "extern int f$i(int);"; done
	echo "int sw(int x, int y)"
	echo "{"
	echo "	switch (x) {"
	for i in $(seq 0 19); do
		echo "	case $i: return f$((i % 8))(f$(((i + 3) % 8))(y + $i)) * $((i + 2));"
	done
	echo "	default: return -1;"
	echo "	}"
	echo "}"
} >"$work/sw.c"
# -fno-pic (the kit's code model): absolute entries, "br %rD";
# -fpic (Debian's libraries): offsets from the table, "b 0(%rX,%rY)"
switch_case() {	# switch_case NAME FLAG DISPATCH-REGEX RELOC
	local o=$work/sw-$1.o out cfi
	$CC $FLAGS -fjump-tables $2 -c -o "$o" "$work/sw.c"
	grep -q "$3" <<<"$($OBJDUMP -d "$o")" &&
		grep -q "$4" <<<"$($READELF -rW "$o" | grep -A3 '.rela.rodata')"
	report $? "$1: the switch dispatches with \"$3\" through an $4 table"
	out=$("$OBJTOOL" --stackval --orc --werror "$o" 2>&1)
	report $? "$1: --stackval --orc --werror, exit 0${out:+: ${out:0:160}}"
	cfi=$("$OBJTOOL" --check-cfi "$o" 2>&1)
	grep -q 'agree (100\.0*%)' <<<"$cfi" && grep -q ' 0 without objtool state' <<<"$cfi"
	report $? "$1: every case has a state and agrees with gcc ($(head -1 <<<"$cfi"))"
}
switch_case no-pic -fno-pic 'br	%r[0-9]' R_390_64
switch_case pic -fpic 'b	0(%r[0-9]*,%r[0-9]*)' R_390_PC64

printf '\t.text\n\t.globl cr\n\t.type cr, @function\ncr:\n\tltgr %%r2,%%r2\n\tber %%r14\n\tlghi %%r2,1\n\tbr %%r14\n\t.size cr, .-cr\n' >"$work/cr.S"
$CC -c -o "$work/cr.o" "$work/cr.S"
out=$("$OBJTOOL" --orc --werror "$work/cr.o" 2>&1) && [ "$($OBJDUMP -d "$work/cr.o" | grep -c 'ber	%r14')" = 1 ]
report $? "\"ber %r14\" returns or falls through${out:+: $out}"
printf '\t.text\n\t.globl crbad\n\t.type crbad, @function\ncrbad:\n\tlay %%r15,-160(%%r15)\n\tltgr %%r2,%%r2\n\tber %%r14\n\tlay %%r15,160(%%r15)\n\tbr %%r14\n\t.size crbad, .-crbad\n' >"$work/crbad.S"
$CC -c -o "$work/crbad.o" "$work/crbad.S"
out=$("$OBJTOOL" --orc --werror "$work/crbad.o" 2>&1)
rc=$?
[ $rc = 1 ] && grep -q 'crbad+0x[0-9a-f]*: return with modified stack frame' <<<"$out"
report $? "a conditional return from an allocated frame is refused (got $rc)"

# gcc's conditional __builtin_trap(): "je .+2" lands on the invalid opcode
# inside itself; only the fall-through path goes on
printf '\t.text\n\t.globl ct\n\t.type ct, @function\nct:\n\tltgr %%r2,%%r2\n\t.long 0xa7840001\n\tbr %%r14\n\t.size ct, .-ct\n' >"$work/ct.S"
$CC -c -o "$work/ct.o" "$work/ct.S"
out=$("$OBJTOOL" --orc --werror "$work/ct.o" 2>&1)
report $? "a conditional trap \"je .+2\" is no branch into an instruction${out:+: $out}"

# --- hard-float code: r11 parked in a floating-point register -------------
# gcc's leaves in Debian's libraries (hard float) save r11 with ldgr; the
# entry cannot name f4, so it says the caller's r11 is lost (format v2).
cat >"$work/park.S" <<'S'
	.text
	.globl	park
	.type	park, @function
park:
	.cfi_startproc
	ldgr	%f4,%r11
	.cfi_register 11, 18
	lgr	%r11,%r2
	agr	%r2,%r11
	lgdr	%r11,%f4
	.cfi_restore 11
	br	%r14
	.cfi_endproc
	.size	park, .-park
S
$CC -c -o "$work/park.o" "$work/park.S"
out=$("$OBJTOOL" --orc --werror "$work/park.o" 2>&1)
report $? "r11 kept in f4 gets ORC, exit 0${out:+: ${out:0:160}}"
dump=$("$OBJTOOL" --dump=orc "$work/park.o" 2>&1)
grep -q '^\.text+4:.*fp:lost' <<<"$dump" && grep -q '^\.text+10:.*fp:(und)' <<<"$dump" &&
	[ "$(grep -c 'fp:lost' <<<"$dump")" = 1 ]
report $? "one entry says fp lost, from the ldgr to the lgdr; unchanged after it"

cfi=$("$OBJTOOL" --check-cfi "$work/park.o" 2>&1)
grep -q 'agree (100\.0*%)' <<<"$cfi"
report $? "--check-cfi: r11 in f4 agrees with gcc's .cfi_register ($(head -1 <<<"$cfi"))"
sed -e 's/%r11/%r14/g' -e 's/register 11/register 14/; s/restore 11/restore 14/' \
    -e 's/br	%r14/br	%r1/' "$work/park.S" >"$work/park14.S"
$CC -c -o "$work/park14.o" "$work/park14.S"
out=$("$OBJTOOL" --orc "$work/park14.o" 2>&1)
rc=$?
[ $rc = 1 ] && grep -q 'r14 saved in reg [0-9]*: not expressible in ORC' <<<"$out"
report $? "the return address kept in f4 is still refused (got $rc)"

# exrl runs a template (mvc/xc with a register length) in its own place:
# nothing branches to the template, and it is no dead code
cat >"$work/ex.S" <<'S'
	.text
	.globl	clr
	.type	clr, @function
clr:
	aghi	%r3,-1
	exrl	%r3,.Lxc
	br	%r14
.Lxc:
	xc	0(1,%r2),0(%r2)
	.size	clr, .-clr
	.globl	dead
	.type	dead, @function
dead:
	br	%r14
	lghi	%r2,1
	.size	dead, .-dead
S
$CC -c -o "$work/ex.o" "$work/ex.S"
out=$("$OBJTOOL" --orc "$work/ex.o" 2>&1)
! grep -q 'clr+' <<<"$out" && grep -q 'dead+0x2: unreachable instruction' <<<"$out"
report $? "an exrl template is not unreachable; dead code after a return still is${out:+: ${out:0:200}}"

# --- --mcount -------------------------------------------------------------
cp "$work/t.o" "$work/bad-site.o"
off=$($READELF -S --wide "$work/t.o" | sed -n 's/.* \.text  *PROGBITS  *[0-9a-f]* \([0-9a-f]*\) .*/\1/p')
leaf=$($READELF -s --wide "$work/t.o" | awk '$8 == "leaf" { print $2 }')
printf '\024' | dd of="$work/bad-site.o" bs=1 seek=$((16#$off + 16#$leaf + 1)) conv=notrunc status=none
out=$("$OBJTOOL" --mcount "$work/bad-site.o" 2>&1)
rc=$?
[ $rc = 1 ] && grep -q 'leaf.*not an ftrace site' <<<"$out"
report $? "a site patched to \"brcl 1\" (a conditional branch) is refused by --mcount (got $rc: ${out:0:120})"

$CC $FLAGS -mno-nop-mcount -c -o "$work/call.o" "$work/t.c"
grep -q 'brasl	%r0' <<<"$($OBJDUMP -d "$work/call.o")" &&
	"$OBJTOOL" --mcount --werror "$work/call.o" &&
	[ "$($READELF -r "$work/call.o" | grep -A100 '__mcount_loc' | grep -c R_390_64)" -ge 4 ]
report $? "\"brasl %r0,__fentry__\" sites are accepted and listed"

# --- bad input: exit 1, a message naming it, nothing written ---------------------
bad() {	# bad DESCRIPTION PATTERN FILE OPTIONS...
	local what=$1 pat=$2 f=$3 before out rc
	shift 3
	before=$(md5sum <"$f")
	out=$("$OBJTOOL" "$@" "$f" 2>&1)
	rc=$?
	[ $rc = 1 ] && grep -q -- "$pat" <<<"$out" && [ "$(md5sum <"$f")" = "$before" ] &&
		[ -z "$(find "$(dirname "$f")" -name '*.tmp*' -o -name '.objtool*')" ]
	report $? "$what: exit 1, \"$pat\", file unchanged (got $rc: ${out:0:140})"
}
# 8 bytes, so no padding follows: the 6-byte brcl at +6 has 2 of its bytes
printf '\t.text\n\t.globl cut\n\t.type cut, @function\ncut:\n\tbr %%r14\n\tnopr\n\tnopr\n\t.byte 0xc0, 0x04\n\t.size cut, .-cut\n' >"$work/cut.S"
$CC -c -o "$work/cut.o" "$work/cut.S"
bad "an instruction cut at the section end" "can't decode instruction" "$work/cut.o" --orc

# j .+8 lands inside the 6-byte brcl that starts at +4
printf '\t.text\n\t.globl mid\n\t.type mid, @function\nmid:\n\t.long 0xa7f40004\n\t.byte 0xc0, 0x04, 0, 0, 0, 0\n\tbr %%r14\n\t.size mid, .-mid\n' >"$work/mid.S"
$CC -c -o "$work/mid.o" "$work/mid.S"
bad "a branch into the middle of an instruction" "can't find jump dest instruction" "$work/mid.o" --orc

cp "$work/t.o" "$work/le.o"
printf '\001' | dd of="$work/le.o" bs=1 seek=5 conv=notrunc status=none	# EI_DATA = LSB
bad "an s390x object marked little-endian" "machine\|endian\|byte order" "$work/le.o" --orc

cp "$work/orc.o" "$work/badorc.o"
$OBJCOPY --update-section .orc_unwind=<(head -c 12 "$work/orc.bin") "$work/badorc.o" 2>/dev/null ||
	$OBJCOPY --update-section .orc_unwind="$work/orc.bin" "$work/badorc.o"
bad "a malformed s390x ORC table (entries cut to 12 bytes)" "malformed ORC table" "$work/badorc.o" --dump=orc

report_summary
