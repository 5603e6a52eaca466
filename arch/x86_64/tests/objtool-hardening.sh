#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# x86_64 inputs a hostile-input pass found objtool-lite wrong on (issue 8,
# items 2 and 5), assembled here; the C cases for every port are in
# selftests/objtool-hardening/run.sh.
#
#   .altinstructions entries whose replacement is not replacement code:
#   the site itself, "length 0" at the start of .text, code of another
#   function in .text, code in another section that holds a function.
#   Replacement sections get no ORC, so such an entry used to take all of
#   .text's ORC away silently (exit 0, even with --werror).  Each must be
#   refused: exit 1, an "error:" line naming the file, the site's function
#   and the entry, the object unchanged.  A good entry (replacement in
#   .altinstr_replacement) still gets .text its ORC.
#
#   fatal decode problems, which used to be only warnings: data in .text
#   ("can't decode instruction") and a jump into the middle of an
#   instruction ("can't find jump dest"): exit 1 with an "error:" line
#   naming the file, function and cause, the object unchanged.
#
#   sp moved by INT_MIN and back (a fuzz finding): not followed, one
#   warning where sp is next used, no wrapped offset anywhere.
#
#   a call through a section symbol valued 2^63 (a fuzz finding): refused
#   with an error naming the relocation, the object unchanged.
set -uo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../../.."
. selftests/lib/ktap.sh
. selftests/objtool-hardening/lib.sh

O=${O:-build}
OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
CC=$(scripts/ports.sh cross x86_64)gcc
work=$O/selftests/objtool-hardening.x86_64-asm

command -v "$CC" >/dev/null || { echo "SKIP: no x86_64 compiler ($CC)"; exit 77; }
[ -x "$OBJTOOL" ] || { echo "no $OBJTOOL (make objtool)"; exit 1; }
rm -rf "$work"
mkdir -p "$work"

# alt NAME REPLACEMENT LENGTH [SECTION]: f() with a 3-byte alternative
# site at 1:, g() after it; the entry's replacement is REPLACEMENT (a
# label) with LENGTH bytes; 3: is 3 nops in SECTION (default
# .altinstr_replacement, where replacement code belongs).
alt() {
	cat >"$work/$1.S" <<EOF
	.text
	.globl	f
	.type	f, @function
f:
	push	%rbp
	mov	%rsp, %rbp
1:	nop; nop; nop
2:	pop	%rbp
	ret
	.size	f, .-f
	.globl	g
	.type	g, @function
g:
	push	%rbp
4:	nop; nop; nop
	pop	%rbp
	ret
	.size	g, .-g

	.section ${4:-.altinstr_replacement}, "ax"
	.type	h, @function
h:
3:	nop; nop; nop
	ret
	.size	h, .-h

	.section .altinstructions, "a"
	.long	1b - .
	.long	$2 - .
	.long	0
	.byte	2b - 1b
	.byte	$3
EOF
	$CC -c "$work/$1.S" -o "$work/$1.o"
}

# the good entry's replacement section has no function symbol
alt good 3b 3 && sed -i '/^	\.type	h/d; /^	\.size	h/d; /^h:$/d' "$work/good.S" &&
	$CC -c "$work/good.S" -o "$work/good.o" || exit 1
alt site 1b 3 && alt len0 f 0 && alt other_func 4b 3 &&
	alt func_section 3b 3 .text.h || exit 1

run_copy "$work/good.o" "$work/good-orc.o" --stackval --orc --werror
"$OBJTOOL" --dump=orc "$work/good-orc.o" >"$work/good.dump" 2>&1
e=$(orc_at "$work/good.dump" .text 4)
[ $rc = 0 ] && ! grep -q . "$work/good-orc.o.log" && orc_defined "$e"
report $? "good .altinstructions entry: exit 0 ($rc), no warnings, .text keeps its ORC (.text+4: '$e')" ||
	report_info "$(cat "$work/good-orc.o.log")"

for c in site:0x4 len0:0x0 other_func:0xa func_section:0x0; do
	name=${c%:*} off=${c#*:}
	sec=.text
	[ "$name" = func_section ] && sec=.text.h
	for opts in "--stackval --orc" "--stackval --orc --werror"; do
		copy=$work/$name-${opts//[ -]/}.o
		run_copy "$work/$name.o" "$copy" $opts
		refused "$copy.log" "$work/$name.o" "$copy" \
			"f\+0x4: bad \.altinstructions entry 0: replacement ${sec//./\\.}\+$off is "
		report $? "alternative replaced by $name ($sec+$off), $opts: refused, file unchanged"
	done
done

cat >"$work/data.S" <<'EOF'
	.text
	.globl	f
	.type	f, @function
f:
	push	%rbp
	mov	%rsp, %rbp
	pop	%rbp
	ret
	.byte	0x06, 0x07	/* data: push/pop %es do not exist in 64-bit mode */
	.size	f, .-f
EOF
cat >"$work/jumpdest.S" <<'EOF'
	.text
	.globl	f
	.type	f, @function
f:
	test	%edi, %edi
	jne	1f + 1		/* into the middle of the mov */
1:	mov	$1, %eax
	ret
	.size	f, .-f
EOF
for c in "data:f\+0x6: can't decode instruction" \
	 "jumpdest:f\+0x2: can't find jump dest instruction at \.text\+0x5"; do
	name=${c%%:*} want=${c#*:}
	$CC -c "$work/$name.S" -o "$work/$name.o" || exit 1
	run_copy "$work/$name.o" "$work/$name-orc.o" --stackval --orc
	refused "$work/$name-orc.o.log" "$work/$name.o" "$work/$name-orc.o" "$want"
	report $? "$name: exit 1, error line '$want', file unchanged"
done

# sp moved by INT_MIN and back: the engine used to compute the CFA in a
# wrapped int (found by the objtool:module fuzz target, UBSan: signed
# overflow) and then refused a "-2147483632" offset.  An adjustment beyond
# any stack frame is not followed: sp is unknown after it, the next use
# is the one warning, and the ORC before it is as it was.
cat >"$work/farsp.S" <<'EOF'
	.text
	.globl	f
	.type	f, @function
f:
	push	%rbp
	add	$-0x80000000, %rsp
	sub	$-0x80000000, %rsp
	pop	%rbp
	ret
	.size	f, .-f
EOF
$CC -c "$work/farsp.S" -o "$work/farsp.o" || exit 1
run_copy "$work/farsp.o" "$work/farsp-orc.o" --stackval --orc
"$OBJTOOL" --dump=orc "$work/farsp-orc.o" >"$work/farsp.dump" 2>&1
[ $rc = 0 ] && [ "$(grep -c 'warning:' "$work/farsp-orc.o.log")" = 1 ] &&
	grep -q "^${work//./\\.}/farsp-orc\.o: warning: objtool: f+0x8: undefined stack state$" "$work/farsp-orc.o.log" &&
	! grep -q 'out of ORC range' "$work/farsp-orc.o.log" &&
	grep -q '^\.text+1:type:call sp:sp+16 bp:prevsp-16 ' "$work/farsp.dump" &&
	grep -q '^\.text+8:type:call sp:(und) ' "$work/farsp.dump"
report $? "sp plus INT_MIN: exit 0 (rc $rc), one warning at f+0x8 (undefined stack state), ORC sp+16 before it" ||
	report_info "$(cat "$work/farsp-orc.o.log" "$work/farsp.dump")"

# A call through a section symbol whose value is 2^63: the port's sum of
# symbol offset and addend overflowed a long (objtool:orc fuzz target,
# UBSan).  Such a relocation is refused, named, before any arithmetic.
cat >"$work/farsym.S" <<'EOF'
	.text
	.globl	f
	.type	f, @function
f:
	call	g
	ret
	.size	f, .-f
	.section .text.unlikely, "ax", @progbits
	.type	g, @function
g:
	ret
	.size	g, .-g
EOF
$CC -c "$work/farsym.S" -o "$work/farsym.o" || exit 1
symidx=$(readelf -sW "$work/farsym.o" | awk '$4 == "SECTION" && $8 == ".text.unlikely" { sub(":", "", $1); print $1 }')
symoff=$(readelf -SW "$work/farsym.o" | sed -n 's/^ *\[ *[0-9]*\] \.symtab  *SYMTAB  *[0-9a-f]*  *\([0-9a-f]*\) .*/\1/p')
# st_value: 8 bytes into an Elf64_Sym, little-endian
printf '\000\000\000\000\000\000\000\200' |
	dd of="$work/farsym.o" bs=1 seek=$((16#$symoff + symidx * 24 + 8)) conv=notrunc status=none
grep -Eq "^ *$symidx: 8000000000000000 +0 SECTION " <<<"$(readelf -sW "$work/farsym.o")"
report $? "the input: the section symbol of .text.unlikely (symbol $symidx) at 2^63"
run_copy "$work/farsym.o" "$work/farsym-orc.o" --orc
refused "$work/farsym-orc.o.log" "$work/farsym.o" "$work/farsym-orc.o" \
	"f\+0x0: branch relocation to \.text\.unlikely\+0x8000000000000000-4 out of range"
report $? "a call to .text.unlikely+2^63-4: refused (rc $rc), named, file unchanged"

report_summary
