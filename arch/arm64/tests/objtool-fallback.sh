#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The walk's fallback after a warning (objtool-lite/check.c,
# fallback_states()): the first problem in a function is still the one
# reported, but the rest of the function gets stack states instead of
# UNDEFINED ORC entries.
#
# Built at test time from C with the arm64 gcc -O2, two functions whose
# walk cannot be completed:
#   - checked(): calls die(), declared noreturn for gcc but unknown to
#     objtool-lite, as the last instruction of the function: the path that
#     reaches it "falls through to next function", and the loop after the
#     bounds check is on a path still pending at that moment;
#   - jump_to(): "goto *where" with the target passed in: a br whose
#     targets nobody can know, taken for a tail call from a modified frame;
#     the labelled blocks after it are reached by no path.
# Asserted (KTAP):
#   - the object has both shapes (bl die last in checked, br in jump_to);
#   - --orc: exit 0, and exactly those two warnings: they stay;
#   - --check-cfi: every address with CFI has a state (0 without objtool
#     state) and every one agrees with gcc's DWARF CFI;
#   - ORC: no UNDEFINED entry except at padding NOPs or the section end.
. "$(dirname "$0")/objtool-setup.sh" objtool-fallback

cat >"$work/fallback.c" <<'EOC'
extern void die(const char *why) __attribute__((noreturn));
extern int g(int);

int checked(int x, int n)
{
	int r = 0;

	if (x < 0)
		die("negative");
	for (int i = 0; i < n; i++)
		r += g(x + i);
	return g(r);
}

int next_one(int x)
{
	return g(x) + 1;
}

int jump_to(void **labels, void *where, int n)
{
	int r;

	if (!where) {
		labels[0] = &&one;
		labels[1] = &&two;
		return 0;
	}
	r = g(n);
	goto *where;
one:
	r += g(r);
	return r * 3;
two:
	r -= g(r * 5);
	return r + 7;
}
EOC

$CC -O2 -c "$work/fallback.c" -o "$work/fallback.o" 2>"$work/cc.log"
report $? "compiled fallback.c (gcc -O2)" ||
	{ report_info "$(cat "$work/cc.log")"; report_summary; exit 1; }

$OBJDUMP -d "$work/fallback.o" >"$work/fallback.dis"
# the last instruction of checked() is the call to die(); jump_to() has a br
awk '/^[0-9a-f]+ <[^>]+>:$/ { if (f == "<checked>:") print last; f = $2 }
     /^ +[0-9a-f]+:/ { last = $0 }' "$work/fallback.dis" | grep -q 'bl	0 <die>'
shape=$?
grep -Eq '	br	x[0-9]+' <<<"$(sed -n '/<jump_to>:/,/^$/p' "$work/fallback.dis")" || shape=1
report $shape "the object has both shapes: bl die ends checked(), br in jump_to()"

cp "$work/fallback.o" "$work/orc.o"
"$OBJTOOL" --orc "$work/orc.o" >"$work/orc.log" 2>&1
rc=$?
grep -q 'checked() falls through to next function next_one()' "$work/orc.log" &&
	grep -Eq 'jump_to\+0x[0-9a-f]+: sibling call from callable instruction with modified stack frame' "$work/orc.log" &&
	[ "$(grep -c 'warning:' "$work/orc.log")" = 2 ] && [ "$rc" = 0 ]
report $? "--orc: exit 0 (got $rc), the two warnings stay and are the only ones"

cp "$work/fallback.o" "$work/cfi.o"
"$OBJTOOL" --check-cfi "$work/cfi.o" >"$work/cfi.log" 2>&1
grep -Eq '^check-cfi: [1-9][0-9]* addresses compared, .* 0 without objtool state' "$work/cfi.log"
report $? "--check-cfi: every address with CFI has a state"
grep -Eq '^check-cfi: ([0-9]+) addresses compared, \1 agree' "$work/cfi.log"
report $? "--check-cfi: every state agrees with gcc's CFI"

# ORC entries with an undefined type: each must be at a nop or at the end
# of .text (the terminator); a block the walk never reached would be one.
"$OBJTOOL" --dump=orc "$work/orc.o" >"$work/orc.dump" 2>&1
size=$($OBJDUMP -h "$work/fallback.o" | awk '$2 == ".text" { print $3 }')
und=$(sed -n 's/^\.text+\([0-9a-f]*\):type:(und).*/\1/p' "$work/orc.dump")
stray=""
for off in $und; do
	[ $((16#$off)) = $((16#$size)) ] && continue
	grep -Eq "^ +$off:	[0-9a-f]+ 	nop" "$work/fallback.dis" || stray="$stray $off"
done
[ -n "$und" ] && [ -z "$stray" ]
report $? "ORC: undefined entries only at padding or the end of .text (others:${stray:- none})"

report_info "$(cat "$work/orc.log" "$work/cfi.log")"
report_summary
