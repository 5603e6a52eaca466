#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# arm64 switch jump tables (arch/arm64/objtool/jump_table.c).  gcc -O2
# compiles a large switch into "adrp/add table; ldrb|ldrh|ldr wI, [xT, wJ,
# uxtw #k]; adr xB, .Lbase; add xD, xB, wI, sxt? #2; br xD" with a table of
# unrelocated offsets in .rodata.  Without recovering the table the br is
# taken for a tail call (a "sibling call ... modified stack frame" warning)
# and no case block gets a stack state.
#
# Built at test time, WITHOUT -fno-jump-tables, one switch per table width
# (byte, half, word: the case code is padded with nops so the offsets need
# 8, 16 and 32 bits), then asserted (KTAP):
#   - the object really has the three dispatch shapes;
#   - objtool-lite --orc: exit 0, no warnings;
#   - --check-cfi: every address has an objtool state ("0 without objtool
#     state") and all agree with gcc's DWARF CFI;
#   - fallback, no guessing: a hand-written dispatch without a bounds check
#     is still reported as a tail call from a modified frame.
. "$(dirname "$0")/objtool-setup.sh" objtool-jump-tables

# switch NAME NCASES PAD: case 1 carries PAD nops (gcc counts "nop;" as
# one instruction each, so it sizes the table entries accordingly)
switch() {
	local name=$1 n=$2 pad=$3 i nops=""
	[ "$pad" -gt 0 ] && nops=$(printf 'nop;%.0s' $(seq "$pad"))
	echo "int $name(int x, int y)"
	echo "{"
	echo "	switch (x) {"
	for i in $(seq 0 $((n - 1))); do
		if [ "$pad" -gt 0 ] && [ "$i" = 1 ]; then
			echo "	case $i: asm volatile(\"$nops\"); return f$((i % 8))(y) * 3;"
		else
			echo "	case $i: return f$((i % 8))(f$(((i + 3) % 8))(y + $i)) * $((i + 2));"
		fi
	done
	echo "	default: return -1;"
	echo "	}"
	echo "}"
}
{
	for i in $(seq 0 7); do echo "extern int f$i(int);"; done
	switch sw_byte 20 0
	switch sw_half 24 300
	switch sw_word 20 40000
} >"$work/switch.c"

cat >"$work/nobound.S" <<'EOS'
	/* a table dispatch with no bounds check: not a table objtool knows */
	.text
	.globl	nobound
	.type	nobound, %function
nobound:
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!
	.cfi_def_cfa_offset 16
	.cfi_offset 29, -16
	.cfi_offset 30, -8
	mov	x29, sp
	adrp	x1, .Ltab
	add	x1, x1, :lo12:.Ltab
	ldrb	w1, [x1, w0, uxtw]
	adr	x2, .Lbase
	add	x1, x2, w1, sxtb #2
	br	x1
.Lbase:
	ldp	x29, x30, [sp], #16
	.cfi_restore 30
	.cfi_restore 29
	.cfi_def_cfa_offset 0
	ret
	.cfi_endproc
	.size	nobound, .-nobound
	.section .rodata
.Ltab:	.byte	0, 0, 0, 0
EOS

$CC -O2 -c "$work/switch.c" -o "$work/switch.o" 2>"$work/cc.log" &&
$CC -c "$work/nobound.S" -o "$work/nobound.o" 2>>"$work/cc.log"
report $? "compiled switch.c (gcc -O2, jump tables allowed) and nobound.S" ||
	{ report_info "$(cat "$work/cc.log")"; report_summary; exit 1; }

$OBJDUMP -d "$work/switch.o" >"$work/switch.dis"
shapes=0
for re in 'ldrb	w[0-9]+, \[x[0-9]+, w[0-9]+, uxtw\]' 'ldrh	w[0-9]+, \[x[0-9]+, w[0-9]+, uxtw #1\]' \
	  'ldr	w[0-9]+, \[x[0-9]+, w[0-9]+, uxtw #2\]' 'sxtb #2' 'sxth #2' 'sxtw #2'; do
	grep -Eq "$re" "$work/switch.dis" || { echo "# no '$re' in the disassembly"; shapes=1; }
done
[ "$(grep -Ec '	br	x[0-9]+' "$work/switch.dis")" = 3 ] || shapes=1
report $shapes "the object has byte, half and word table dispatches (3 br)"

cp "$work/switch.o" "$work/orc.o"
"$OBJTOOL" --orc "$work/orc.o" >"$work/orc.log" 2>&1
report $? "objtool-lite --orc exits 0"
nwarn=$(grep -c 'warning:' "$work/orc.log")
[ "$nwarn" = 0 ]
report $? "no warnings ($nwarn in $work/orc.log)"

"$OBJTOOL" --dump=orc "$work/orc.o" >"$work/orc.dump" 2>&1
# undefined rules only where each function's code ends (3), none for
# case blocks left without a state
nund=$(grep -c 'type:(und)' "$work/orc.dump")
[ "$nund" = 3 ] && [ "$(grep -c . "$work/orc.dump")" -gt 3 ]
report $? "ORC: no undefined rule inside the functions ($nund undefined, 3 expected)"

cp "$work/switch.o" "$work/cfi.o"
"$OBJTOOL" --check-cfi --stats "$work/cfi.o" >"$work/cfi.log" 2>&1
rc=$?
grep -Eq '^check-cfi: [0-9]+ addresses compared, .* 0 without objtool state' "$work/cfi.log"
report $? "--check-cfi: every address has a state (all case blocks walked)"
[ $rc = 0 ] && grep -Eq 'check-cfi: ([0-9]+) addresses compared, \1 agree' "$work/cfi.log" &&
	! grep -q 'warning:' "$work/cfi.log"
report $? "--check-cfi: all agree with gcc's CFI, no warnings (rc $rc)"

cp "$work/nobound.o" "$work/nb.o"
"$OBJTOOL" --orc "$work/nb.o" >"$work/nb.log" 2>&1
grep -q 'nobound+0x1c: sibling call from callable instruction with modified stack frame' "$work/nb.log"
report $? "no bounds check: no table, the br stays a tail call (warned)"

report_info "$(cat "$work/cfi.log")"
report_summary
