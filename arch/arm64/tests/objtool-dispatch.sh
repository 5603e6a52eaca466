#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Dispatches whose table objtool-lite finds away from the dispatch block
# (arch/arm64/objtool/jump_table.c, stack_slot.c), the shapes gcc gives
# an SQL engine's VM and interpreters' loops:
#   - hoisted: a switch in a loop that calls; the table address is set up
#     once before the loop and kept in a callee-saved register (x19-x28,
#     which the calls preserve);
#   - spilled: the same with x23-x28 reserved (-ffixed-x23 ...), so gcc
#     spills the table address to the stack and reloads it before each
#     dispatch ("ldr x1, [sp, #N]; ldrh w0, [x1, w0, uxtw #1]");
#   - computed goto: "goto *ops[*code++]", a table of label addresses,
#     "ldr xN, [xT, xK, lsl #3]; br xN".
# Built at test time from C with the arm64 gcc -O2; per case (KTAP):
#   - the object has the shape (else the test proves nothing);
#   - --orc: exit 0, no warnings: every target was followed;
#   - --check-cfi: every address with CFI has a state, and all agree;
#   - ORC: no UNDEFINED entry except at padding NOPs or the section end.
. "$(dirname "$0")/objtool-setup.sh" objtool-dispatch

externs="extern int f0(int), f1(int), f2(int), f3(int), f4(int), f5(int);"
cases() {	# cases N VAR...: "case i: VARa += fk(VARb * c + VARd); break;"
	local n=$1 i
	shift
	local v=("$@") m=$#
	for i in $(seq 0 $((n - 1))); do
		echo "		case $i: ${v[i % m]} += f$((i % 6))(${v[(i + 1) % m]} * $((i + 2)) + ${v[(i + 5) % m]}); break;"
	done
}
loop_switch() {	# loop_switch NAME NVARS
	local name=$1 n=$2 i vars=() decl=""
	for i in $(seq 0 $((n - 1))); do vars+=("a$i"); decl+="${decl:+, }a$i = p[$i]"; done
	echo "int $name(const unsigned char *code, const int *p, int n)"
	echo "{"
	echo "	int $decl;"
	echo "	for (int i = 0; i < n; i++) {"
	echo "		switch (code[i]) {"
	cases 16 "${vars[@]}"
	echo "		default: a0 = f0(a0); break;"
	echo "		}"
	echo "	}"
	echo "	return $(IFS=+; echo "${vars[*]}");"
	echo "}"
}
{ echo "$externs"; loop_switch hoisted 1; } >"$work/hoisted.c"
{ echo "$externs"; loop_switch spilled 12; } >"$work/spilled.c"
cat >"$work/goto.c" <<EOC
$externs
int interpret(const unsigned char *code, int acc)
{
	static const void *const ops[] = {
		&&op_add, &&op_sub, &&op_mul, &&op_call, &&op_end,
	};

	goto *ops[*code++];
op_add:
	acc += f0(acc);
	goto *ops[*code++];
op_sub:
	acc -= f1(acc + 2);
	goto *ops[*code++];
op_mul:
	acc *= f2(acc) + 3;
	goto *ops[*code++];
op_call:
	acc = f3(f4(acc));
	goto *ops[*code++];
op_end:
	return f5(acc);
}
EOC

fixed=$(for r in $(seq 23 28); do printf -- '-ffixed-x%d ' "$r"; done)
$CC -O2 -c "$work/hoisted.c" -o "$work/hoisted.o" 2>"$work/cc.log" &&
$CC -O2 $fixed -c "$work/spilled.c" -o "$work/spilled.o" 2>>"$work/cc.log" &&
$CC -O2 -c "$work/goto.c" -o "$work/goto.o" 2>>"$work/cc.log"
report $? "compiled hoisted.c, spilled.c (-ffixed-x23..x28) and goto.c (gcc -O2)" ||
	{ report_info "$(cat "$work/cc.log")"; report_summary; exit 1; }

# The shape each case must have, as a regex over "objdump -d" lines
# (instruction text only) joined with ";", ending at the br.
shape_hoisted='ldr[bh]	w[0-9]+, \[x(19|2[0-8]), w[0-9]+, uxtw[^;]*;adr	[^;]*;add	[^;]*;br	'
shape_spilled='ldr	x[0-9]+, \[sp, #[0-9]+\];ldrh	w[0-9]+, \[x[0-9]+, w[0-9]+, uxtw #1\];adr	[^;]*;add	[^;]*;br	'
shape_goto='ldr	(x[0-9]+), \[x[0-9]+, x[0-9]+, lsl #3\];(([^;]*);){0,4}br	'

for c in hoisted spilled goto; do
	o=$work/$c.o
	$OBJDUMP -d --no-show-raw-insn "$o" | sed -n 's/^ *[0-9a-f]*:\t//p' | tr '\n' ';' >"$work/$c.flat"
	$OBJDUMP -d "$o" >"$work/$c.dis"
	shape=shape_$c
	grep -Eq "${!shape}" "$work/$c.flat"
	# the hoisted and spilled tables must not be set up in the block
	if [ $c != goto ] && grep -Eq "add	x[0-9]+, x[0-9]+, #0x0;${!shape}" "$work/$c.flat"; then
		false
	fi
	report $? "$c: the object has the dispatch shape" || continue

	cp "$o" "$work/$c-orc.o"
	"$OBJTOOL" --orc "$work/$c-orc.o" >"$work/$c-orc.log" 2>&1
	rc=$?
	nwarn=$(grep -c 'warning:' "$work/$c-orc.log")
	[ $rc = 0 ] && [ "$nwarn" = 0 ]
	report $? "$c: --orc exits 0 (got $rc) with no warnings (got $nwarn)"

	cp "$o" "$work/$c-cfi.o"
	"$OBJTOOL" --check-cfi "$work/$c-cfi.o" >"$work/$c-cfi.log" 2>&1
	grep -Eq '^check-cfi: ([1-9][0-9]*) addresses compared, \1 agree .* 0 without objtool state' "$work/$c-cfi.log"
	report $? "$c: --check-cfi: every address with CFI has a state, all agree"

	"$OBJTOOL" --dump=orc "$work/$c-orc.o" >"$work/$c-orc.dump" 2>&1
	size=$($OBJDUMP -h "$o" | awk '$2 == ".text" { print $3 }')
	stray=""
	for off in $(sed -n 's/^\.text+\([0-9a-f]*\):type:(und).*/\1/p' "$work/$c-orc.dump"); do
		[ $((16#$off)) = $((16#$size)) ] && continue
		grep -Eq "^ +$off:	[0-9a-f]+ 	nop" "$work/$c.dis" || stray="$stray $off"
	done
	[ -z "$stray" ] && grep -q 'type:call' "$work/$c-orc.dump"
	report $? "$c: ORC undefined only at padding or the end of .text (others:${stray:- none})"
	report_info "$(cat "$work/$c-orc.log" "$work/$c-cfi.log")"
done
report_summary
