#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# objtool-lite on inputs a hostile-input pass found it wrong on (issue 8,
# items 3 and 5), built here from C for $ARCH with the port's compiler:
#
#   cold parts in an ld -r merge: two files, each with a static foo() whose
#   unlikely path gcc moves into a foo.cold part.  Each foo.cold must belong
#   to the foo of its own source file (the STT_FILE symbol before it), as
#   upstream objtool links them: no "falls through" warning, ORC defined
#   over both cold parts, and every state agrees with gcc's own CFI
#   (--check-cfi, the independent oracle), none missing.
#
#   a 300,000-byte stack frame without a frame pointer: the CFA offset does
#   not fit any port's ORC (16-bit byte offsets, or 16-bit doubleword
#   offsets: 256 KiB).  The run must fail with an "error:" line naming
#   the file, the function and the cause, even when the function was warned
#   about before (one warning per function must not hide it), and leave
#   the object unchanged.
#
#   a relocation section pointed (sh_info) at a section that has one
#   already: refused with an error naming both, the object unchanged
#   (one of the two used to be read and the other ignored); but one
#   flagged SHF_RELA_LIVEPATCH (a livepatch module's .klp.rela section) is
#   left alone, the object accepted.
#
#   CFI that libdw would build enormous frames for (objtool:check-cfi fuzz
#   target): a DW_CFA_offset_extended_sf naming DWARF register 237945020,
#   a DW_CFA_register whose second operand names it, DW_CFA_undefined of
#   register 2^64 - 1 and of a ULEB128 too wide for 64 bits, and 65 nested
#   DW_CFA_remember_state, put into a function's CFI with .cfi_escape, in
#   .eh_frame and (built with -g and no unwind tables) in .debug_frame.
#   --check-cfi must refuse each at once with an error
#   naming the section, the entry and the cause, without calling libdw
#   (which took 29 s and 1.9 GB on the fuzzer's input); register 4095, the
#   last the bound allows, still goes to libdw; and an FDE whose CIE
#   pointer leads nowhere is refused (what follows it went unchecked).
#
# The ports' own cases (asm) are in arch/<p>/tests/ (alternatives,
# undecodable data, a jump into an instruction).
set -uo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh
. selftests/objtool-hardening/lib.sh

ARCH=${ARCH:?}
O=${O:-build}
OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
cross=$(scripts/ports.sh cross "$ARCH")
CC=${cross}gcc LD=${cross}ld
work=$O/selftests/objtool-hardening.$ARCH

command -v "$CC" >/dev/null || { echo "SKIP: no compiler $CC for $ARCH"; exit 77; }
[ -x "$OBJTOOL" ] || { echo "no $OBJTOOL (make objtool)"; exit 1; }
rm -rf "$work"
mkdir -p "$work"
CFLAGS="-O2 -fno-pic -fno-omit-frame-pointer -freorder-blocks-and-partition"
# The cold parts also get the port's own kit flags: they are what its
# --stackval rule is written for (a frame pointer, or on a port whose
# frame-pointer unwinder follows a back chain, -mbackchain).
PORT_CFLAGS=$(scripts/ports.sh get "$ARCH" cflags)

# --- cold parts of two same-named static functions, merged by ld -r ------
for n in 1 2; do
	cat >"$work/cold$n.c" <<EOF
extern int ext(int);
extern void slow(const char *, int) __attribute__((cold));

static __attribute__((noinline)) int foo(int x, int y)
{
	int r = ext(x);

	if (__builtin_expect(r < $n, 0)) {
		slow("unlikely", r);
		r = ext(r + y) * ext(y + $n);
		return ext(r) + $n;
	}
	return r + $n;
}

int entry$n(int x)
{
	return foo(x, x + $n) + 1;
}
EOF
	$CC $CFLAGS $PORT_CFLAGS -c "$work/cold$n.c" -o "$work/cold$n.o" || exit 1
done
$LD -r "$work/cold1.o" "$work/cold2.o" -o "$work/cold.o" || exit 1

# the input has what the case is about: two files, two foo, two foo.cold
readelf -sW "$work/cold.o" >"$work/cold.syms"
nfile=$(grep -c ' FILE ' "$work/cold.syms")
# (by field from the ends: readelf may add st_other notes after "DEFAULT")
nfoo=$(awk '$4 == "FUNC" && $5 == "LOCAL" && $NF == "foo"' "$work/cold.syms" | wc -l)
ncold=$(awk '$4 == "FUNC" && $5 == "LOCAL" && $NF == "foo.cold"' "$work/cold.syms" | wc -l)
[ "$nfile" = 2 ] && [ "$nfoo" = 2 ] && [ "$ncold" = 2 ]
report $? "ld -r object: 2 source files, 2 static foo, 2 foo.cold (got $nfile, $nfoo, $ncold)"

run_copy "$work/cold.o" "$work/cold-orc.o" --stackval --orc
[ $rc = 0 ] && ! grep -q . "$work/cold-orc.o.log"
report $? "--stackval --orc: exit 0 ($rc), no warnings" ||
	report_info "$(cat "$work/cold-orc.o.log")"

"$OBJTOOL" --dump=orc "$work/cold-orc.o" >"$work/cold.dump" 2>&1
# symbol lines: "num: value size type bind vis ndx name"; the section by index
secname() { readelf -SW "$work/cold.o" | sed -n "s/^ *\[ *$1\] \([^ ]*\) .*/\1/p"; }
i=0
while read -r value size ndx; do
	i=$((i + 1))
	sec=$(secname "$ndx")
	first=$(orc_at "$work/cold.dump" "$sec" "0x$value")
	last=$(orc_at "$work/cold.dump" "$sec" $((0x$value + size - 1)))
	orc_defined "$first" && orc_defined "$last"
	report $? "foo.cold #$i ($sec+0x$value, $size bytes): ORC defined at its first and last byte" ||
		report_info "first: '$first' last: '$last'"
done < <(awk '$NF == "foo.cold" { print $2, $3, $(NF - 1) }' "$work/cold.syms")
[ "$i" = 2 ] || report 1 "two foo.cold symbols to check (got $i)"

run_copy "$work/cold.o" "$work/cold-cfi.o" --check-cfi --stats
log=$work/cold-cfi.o.log
[ $rc = 0 ] && grep -Eq '^check-cfi: [0-9]+ addresses compared, .* 0 without objtool state' "$log" &&
	grep -Eq 'check-cfi: ([0-9]+) addresses compared, \1 agree' "$log" &&
	! grep -q 'warning:' "$log"
report $? "--check-cfi: every address has a state and all agree with gcc's CFI (rc $rc)" ||
	report_info "$(cat "$log")"

# --- a 300,000-byte frame: not expressible in ORC -------------------------
cat >"$work/bigframe.c" <<'EOF'
extern void use(char *);

void big(void)
{
	char buf[300000];

	use(buf);
}
EOF
$CC ${CFLAGS/-fno-omit-frame-pointer/-fomit-frame-pointer} -c "$work/bigframe.c" \
	-o "$work/bigframe.o" || exit 1

# --stackval warns about big() first (a call without a frame pointer):
# the error must still be printed
for opts in "--orc" "--orc --werror" "--stackval --orc"; do
	copy=$work/bigframe-${opts//[ -]/}.o
	run_copy "$work/bigframe.o" "$copy" $opts
	refused "$copy.log" "$work/bigframe.o" "$copy" \
		"big\+0x[0-9a-f]+: can't express the stack state as ORC"
	report $? "$opts, 300,000-byte frame: exit 1, error line naming file and function, file unchanged"
	# the cause, with the offset, on a line naming the file and function
	grep -Eq "^${copy//./\\.}: [a-z]+: objtool: big\+0x[0-9a-f]+: .*\<30[0-9]{4}\>.*out of (ORC )?range" "$copy.log"
	report $? "$opts: the cause is given (an offset of 30xxxx bytes out of range)" ||
		report_info "$(cat "$copy.log")"
done

# with --werror that warning (the port's --stackval rule: "call without
# frame pointer save/setup", "call without back chain", ...) stops the run
# before ORC: the error says so
# A port whose frames always carry a complete back chain (stdu writes it)
# accepts this frame: there is no warning to be fatal.
copy=$work/bigframe-werror.o
"$OBJTOOL" --stackval --dry-run "$work/bigframe.o" >"$work/bigframe-stackval.log" 2>&1
if ! grep -q "call with" "$work/bigframe-stackval.log"; then
	report_skip "--stackval --orc --werror: $ARCH's --stackval accepts this frame"
else
	run_copy "$work/bigframe.o" "$copy" --stackval --orc --werror
	refused "$copy.log" "$work/bigframe.o" "$copy" ".*: 1 warning, fatal with --werror" &&
		grep -Eq "^${copy//./\\.}: warning: objtool: big\+0x[0-9a-f]+: call with(out)? " "$copy.log"
	report $? "--stackval --orc --werror: the warning, then an error line saying it is fatal; file unchanged"
fi

# --- two relocation sections for one section ----------------------------
# .rela.data's sh_info pointed at .text, which has .rela.text: one of the
# two would be read and the other ignored, so the object is refused.
cat >"$work/tworela.c" <<EOF
extern void use(int);
int x;
int *p = &x;

void f(int a)
{
	use(a);
}
EOF
$CC -O2 -fno-pic -c "$work/tworela.c" -o "$work/tworela.o" || exit 1
shdrs=$(readelf -SW "$work/tworela.o")
text_idx=$(sed -n 's/^ *\[ *\([0-9]*\)\] \.text  *PROGBITS .*/\1/p' <<<"$shdrs")
data_rela=$(sed -n 's/^ *\[ *\([0-9]*\)\] \.rela\.data  *RELA .*/\1/p' <<<"$shdrs")
shoff=$(readelf -hW "$work/tworela.o" | sed -n 's/^ *Start of section headers: *\([0-9]*\) .*/\1/p')
if [ "$(od -An -tu1 -j5 -N1 "$work/tworela.o" | tr -d ' ')" = 2 ]; then
	info=$(printf '\\000\\000\\000\\%03o' "$text_idx")
else
	info=$(printf '\\%03o\\000\\000\\000' "$text_idx")
fi
# sh_info: 44 bytes into an Elf64_Shdr
printf "$info" | dd of="$work/tworela.o" bs=1 seek=$((shoff + data_rela * 64 + 44)) conv=notrunc status=none
grep -Eq "^ *\[ *$data_rela\] \.rela\.data +RELA +[0-9a-f]+ [0-9a-f]+ [0-9a-f]+ 18 +I +[0-9]+ +$text_idx " \
	<<<"$(readelf -SW "$work/tworela.o" 2>&1)"
report $? "the input: .rela.data (section $data_rela) now relocates .text (section $text_idx)"
run_copy "$work/tworela.o" "$work/tworela-copy.o" --stackval --orc
refused "$work/tworela-copy.o.log" "$work/tworela.o" "$work/tworela-copy.o" \
	".*: section \.text has two relocation sections, \.rela\.text and \.rela\.data$"
report $? "two relocation sections for .text: refused (rc $rc), naming both; file unchanged" ||
	report_info "$(cat "$work/tworela-copy.o.log")"

# The same object with that section flagged SHF_RELA_LIVEPATCH, as a
# livepatch module's .klp.rela.<object>.<section> beside the section's own
# .rela: not read (the livepatch core resolves it against another
# object), so the object is accepted, gets its ORC, and keeps it.
cp "$work/tworela.o" "$work/klprela.o"
if [ "$(od -An -tu1 -j5 -N1 "$work/klprela.o" | tr -d ' ')" = 2 ]; then
	flags='\000\000\000\000\000\020\000\100'
else
	flags='\100\000\020\000\000\000\000\000'
fi
# sh_flags: 8 bytes into an Elf64_Shdr; SHF_RELA_LIVEPATCH | SHF_INFO_LINK
printf "$flags" | dd of="$work/klprela.o" bs=1 seek=$((shoff + data_rela * 64 + 8)) conv=notrunc status=none
run_copy "$work/klprela.o" "$work/klprela-orc.o" --stackval --orc
shdrs=$(readelf -SW "$work/klprela-orc.o" 2>&1)
[ $rc = 0 ] && grep -q ' \.orc_unwind ' <<<"$shdrs" &&
	grep -Eq "^ *\[ *$data_rela\] \.rela\.data +RELA +[0-9a-f]+ [0-9a-f]+ 000018 18 +Io +[0-9]+ +$text_idx " <<<"$shdrs" &&
	grep -Eq '^0+ +[0-9a-f]+ +R_[A-Z0-9_]+ +0+ +x \+ 0$' \
		<<<"$(readelf -rW "$work/klprela-orc.o" | sed -n '/^Relocation section .\.rela\.data/,/^$/p')"
report $? "the second one flagged SHF_RELA_LIVEPATCH: accepted (rc $rc), ORC written, it kept its relocation of x" ||
	report_info "$(cat "$work/klprela-orc.o.log")" "$shdrs"

# --- CFI beyond the bounds libdw is held to -------------------------------
cfi_case() {	# cfi_case NAME ESCAPE-BYTES [REPEAT]: a function with them in its CFI
		# (in .eh_frame; in .debug_frame for a NAME starting "dbg-")
	local unwind=-fasynchronous-unwind-tables
	local i esc=
	for ((i = 0; i < ${3:-1}; i++)); do esc="$esc asm volatile(\".cfi_escape $2\");"; done
	cat >"$work/$1.c" <<EOF
extern void use(int);

void hostile_cfi(int x)
{
	use(x);
	$esc
	use(x + 1);
}
EOF
	[[ $1 == dbg-* ]] && unwind="-fno-asynchronous-unwind-tables -fno-unwind-tables -g"
	$CC -O2 $unwind -c "$work/$1.c" -o "$work/$1.o"
}
cfi_case cfi-bigreg "0x11, 0xbc, 0x81, 0xbb, 0x71, 0x02" || exit 1
cfi_case cfi-deep "0x0a" 65 || exit 1
cfi_case cfi-reg4095 "0x11, 0xff, 0x1f, 0x02" || exit 1
cfi_case dbg-cfi-bigreg "0x11, 0xbc, 0x81, 0xbb, 0x71, 0x02" || exit 1
# DW_CFA_register r2 in r237945020: the second operand is a register too
cfi_case cfi-regpair "0x09, 0x02, 0xbc, 0x81, 0xbb, 0x71" || exit 1
cfi_case dbg-cfi-regpair "0x09, 0x02, 0xbc, 0x81, 0xbb, 0x71" || exit 1
# DW_CFA_undefined of register 2^64 - 1, and of 2^70 (a ULEB128 of 11 bytes)
cfi_case cfi-regmax "0x07, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01" || exit 1
cfi_case dbg-cfi-regmax "0x07, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01" || exit 1
cfi_case cfi-regwide "0x07, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01" || exit 1
cfi_case dbg-cfi-regwide "0x07, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01" || exit 1
cfi_case dbg-cfi-deep "0x0a" 65 || exit 1
grep -q 'r237945020' <<<"$(readelf -wf "$work/cfi-bigreg.o" 2>&1)"
report $? "the compiler kept the escape: .eh_frame names register 237945020"
sections=$(readelf -SW "$work/dbg-cfi-bigreg.o")
[[ $sections == *' .debug_frame '* && $sections != *' .eh_frame '* ]] &&
	grep -q 'r237945020' <<<"$(readelf -wf "$work/dbg-cfi-bigreg.o" 2>&1)"
report $? "without unwind tables, -g puts the escape in .debug_frame (no .eh_frame)"

esc_work=${work//./\\.}
for c in "cfi-bigreg:names a register beyond any ABI's DWARF numbering \(DWARF register 237945020\)" \
	 "cfi-regpair:names a register beyond any ABI's DWARF numbering \(DWARF register 237945020\)" \
	 "cfi-regmax:names a register beyond any ABI's DWARF numbering" \
	 "cfi-regwide:names a register beyond any ABI's DWARF numbering" \
	 "cfi-deep:nests DW_CFA_remember_state deeper than any compiler does"; do
	for name in ${c%%:*} dbg-${c%%:*}; do
		why=${c#*:} sec=.eh_frame
		[[ $name == dbg-* ]] && sec=.debug_frame
		esc_sec=${sec//./\\.}
		start=$SECONDS
		timeout 60 "$OBJTOOL" --check-cfi "$work/$name.o" >"$work/$name.log" 2>&1
		rc=$?
		[ $rc = 1 ] && [ $((SECONDS - start)) -lt 5 ] &&
			grep -Eq "^$esc_work/$name\.o: error: objtool: .*--check-cfi: $esc_sec: the entry at \+0x[0-9a-f]+ $why: not handed to libdw" \
				"$work/$name.log"
		report $? "--check-cfi, $name: exit 1 at once (rc $rc), an error naming $sec, the entry and the cause" ||
			report_info "$(cat "$work/$name.log")"
	done
done
"$OBJTOOL" --check-cfi "$work/cfi-reg4095.o" >"$work/cfi-reg4095.log" 2>&1
grep -q '^check-cfi: [0-9]* addresses compared' "$work/cfi-reg4095.log" &&
	! grep -q 'not handed to libdw' "$work/cfi-reg4095.log"
report $? "--check-cfi, DWARF register 4095: within the bound, compared by libdw" ||
	report_info "$(cat "$work/cfi-reg4095.log")"

# an FDE whose CIE pointer leads nowhere: libdw cannot read the entry, so
# nothing after it could be checked either
cp "$work/cfi-reg4095.o" "$work/cfi-unreadable.o"
eh_off=$(readelf -SW "$work/cfi-unreadable.o" | sed -n 's/^ *\[ *[0-9]*\] \.eh_frame  *PROGBITS  *[0-9a-f]*  *\([0-9a-f]*\) .*/\1/p')
cie_len=$(od -An -tu4 -j $((16#$eh_off)) -N4 --endian=$([ "$(od -An -tu1 -j5 -N1 "$work/cfi-unreadable.o" | tr -d ' ')" = 2 ] && echo big || echo little) "$work/cfi-unreadable.o" | tr -d ' ')
printf '\377\377\377\177' | dd of="$work/cfi-unreadable.o" bs=1 seek=$((16#$eh_off + 4 + cie_len + 4)) conv=notrunc status=none
"$OBJTOOL" --check-cfi "$work/cfi-unreadable.o" >"$work/cfi-unreadable.log" 2>&1
rc=$?
[ -n "$eh_off" ] && [ $rc = 1 ] &&
	grep -Eq "^$esc_work/cfi-unreadable\.o: error: objtool: .*--check-cfi: \.eh_frame: the entry at \+0x[0-9a-f]+ cannot be read: not handed to libdw" \
		"$work/cfi-unreadable.log"
report $? "--check-cfi, an FDE libdw cannot read: exit 1 (rc $rc), an error naming the entry" ||
	report_info "$(cat "$work/cfi-unreadable.log")"

report_summary
