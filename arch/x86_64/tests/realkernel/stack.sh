#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Real-kernel stack test (issue 12): Debian's 6.12 kernel unwinds, with
# its ORC unwinder, through the ORC tables of modules we built, both for
# /proc/<pid>/stack and for livepatch's reliable stack check.
#
# stack/rk_stack.c starts a kernel thread that sleeps four calls deep in
# the module (rk_stack_thread -> level1 -> level2 -> level3 -> level4);
# stack/rk_stack_patch.c live patches level 2.  In the guest
# (stack-guest.sh, one boot):
#   - /proc/<pid>/stack shows the whole chain, from the sleeping level 4
#     down to ret_from_fork_asm;
#   - the patch's transition stays 1 while the thread sleeps below the
#     old level 2 (the thread alone keeps patch_state 0), and completes
#     (transition 0, enabled 1) once the thread has left the chain;
#   - the next round runs the new level 2, seen both in the stack (the
#     patch module's frame between level 3 and level 1) and in the value
#     the chain returns; disabling waits for the thread in the same way,
#     and the round after that runs the original again.
#
# The modules are built twice, under two names so that one boot loads
# both: rk_stack_up with upstream objtool (the oracle), rk_stack_lite with
# OBJTOOL (default objtool-lite).  The objtool-lite copy must build and
# then see exactly what the oracle sees; while objtool-lite still refuses
# one of kbuild's options (docs/kbuild.md) its build is a failing
# assertion naming the build's first error, and the oracle runs alone.
set -uo pipefail
cd "$(dirname "$0")/../../../.."
. selftests/lib/ktap.sh
. arch/x86_64/tests/realkernel/guest.sh

if ! rk_setup realkernel-stack; then
	report_summary
	exit 1
fi
src=arch/x86_64/tests/realkernel/stack
report_info "kernel $RK_KVER, headers $RK_HDR, objtool under test $OBJTOOL"

build() {	# build NAME OBJTOOL: the pair, renamed rk_stack -> NAME
	local d=$work/$1
	mkdir -p "$d"
	sed "s/rk_stack/$1/g" "$src/rk_stack.c" >"$d/$1.c"
	sed "s/rk_stack/$1/g" "$src/rk_stack_patch.c" >"$d/${1}_patch.c"
	echo "obj-m += $1.o ${1}_patch.o" >"$d/Kbuild"
	rk_build "$d" "$2" 2>/dev/null
}
mods=()
if build rk_stack_up "$RK_HDR/tools/objtool/objtool"; then
	report 0 "the modules build with upstream objtool"
	mods+=(rk_stack_up)
else
	report 1 "the modules build with upstream objtool: $(rk_build_error "$work/rk_stack_up")"
fi
if build rk_stack_lite "$OBJTOOL"; then
	report 0 "the modules build with $(basename "$OBJTOOL")"
	mods+=(rk_stack_lite)
else
	report 1 "the modules build with $(basename "$OBJTOOL"): $(rk_build_error "$work/rk_stack_lite")"
fi
# The chain functions keep their names (no .isra/.constprop clone, no
# inlining), or the stacks below could not name them.
for m in "${mods[@]}"; do
	missing=""
	for f in level1 level2 level3 level4 thread; do
		grep -q " t ${m}_$f\$\| T ${m}_$f\$" <<<"$(nm "$work/$m/$m.ko")" || missing+=" ${m}_$f"
	done
	[ -z "$missing" ]
	report $? "$m: each chain function is a symbol of its own${missing:+; missing:$missing}"
done
if [ ${#mods[@]} = 0 ]; then
	report_summary
	exit 1
fi

{ echo "MODS='${mods[*]}'"; cat arch/x86_64/tests/realkernel/stack-guest.sh; } >"$work/guest-test.sh"
kos=()
for m in "${mods[@]}"; do kos+=("$work/$m/$m.ko" "$work/$m/${m}_patch.ko"); done
start=$(date +%s)
rk_boot "$work" "$work/guest-test.sh" "${kos[@]}" >"$work/guest.txt"
report $? "the guest booted and ran its script ($(($(date +%s) - start)) s)"

# What the guest said for module M under KEY, one value a line.
seen() { sed -n "s/^$1 $2: //p" "$work/guest.txt"; }
# A stack as "function [module]" lines from the first frame of module M
# on (the scheduler's frames above it vary), offsets dropped.
chain() {
	seen "$1" "$2" | sed -E 's/^\[<[0-9a-f]+>\] //; s/\+0x[0-9a-f]+\/0x[0-9a-f]+//' |
		sed -n "/\[$1\(_patch\)\?\]/,\$p"
}
# expect WHAT GOT WANT: report, showing both on a difference.
expect() {
	if [ "$2" = "$3" ]; then
		report 0 "$1"
	else
		report 1 "$1"
		report_info "wanted:"$'\n'"$3"$'\n'"got:"$'\n'"$2"
	fi
}
tail_frames=$'kthread\nret_from_fork\nret_from_fork_asm'
for m in "${mods[@]}"; do
	mm="[$m]" pp="[${m}_patch]"
	full=$(printf '%s\n' "${m}_level4 $mm" "${m}_level3 $mm" "${m}_level2 $mm" \
		"${m}_level1 $mm" "${m}_thread $mm" "$tail_frames")
	patched=$(printf '%s\n' "${m}_level4 $mm" "${m}_level3 $mm" "livepatch_${m}_level2 $pp" \
		"${m}_level1 $mm" "${m}_thread $mm" "$tail_frames")
	outside=$(printf '%s\n' "${m}_thread $mm" "$tail_frames")

	expect "$m: the thread reached level 4" "$(seen $m chain0)" 0
	expect "$m: /proc/<pid>/stack shows the whole chain through the module" \
		"$(chain $m stack0)" "$full"
	expect "$m: the live patch loads" "$(seen $m patch-load)" 0
	expect "$m: the transition stays 1 while the thread sleeps below level 2" \
		"$(seen $m transition1)" 1
	expect "$m: the thread alone is not switched (patch_state 0, the shell's 1)" \
		"$(seen $m thread-state1) $(seen $m shell-state1)" "0 1"
	expect "$m: the stack is unchanged while the transition waits" \
		"$(chain $m stack1)" "$full"
	expect "$m: released, the transition completes (transition 0, enabled 1)" \
		"$(seen $m transition2) $(seen $m enabled2)" "0 1"
	expect "$m: the first round ran the original level 2 (4321)" "$(seen $m result2)" 4321
	expect "$m: between rounds the thread sleeps outside the chain" \
		"$(seen $m outside2) $(chain $m stack2)" "0 $outside"
	expect "$m: the next round runs the new level 2, from the patch module" \
		"$(seen $m chain3) $(chain $m stack3)" "0 $patched"
	expect "$m: disabling waits while the thread sleeps below the new level 2" \
		"$(seen $m transition4)" 1
	expect "$m: released, the patch is disabled and removed" "$(seen $m gone5)" 0
	expect "$m: that round ran the new level 2 (4391)" "$(seen $m result5)" 4391
	expect "$m: the round after runs the original level 2 again" \
		"$(seen $m chain6) $(chain $m stack6) $(seen $m result6)" "0 $full 4321"
	expect "$m: both modules unload" "$(seen $m patch-unload) $(seen $m unload)" "0 0"
done
# The objtool under test sees what the oracle sees, line for line.
if [ ${#mods[@]} = 2 ]; then
	expect "rk_stack_lite: every observation equals rk_stack_up's" \
		"$(grep '^rk_stack_lite ' "$work/guest.txt" | sed -E 's/rk_stack_lite/rk_stack_up/g; s/\+0x[0-9a-f]+\/0x[0-9a-f]+//')" \
		"$(grep '^rk_stack_up ' "$work/guest.txt" | sed -E 's/\+0x[0-9a-f]+\/0x[0-9a-f]+//')"
fi
bad=$(grep -E '^dmesg: .*(WARNING|BUG|Oops|unreliable)' "$work/guest.txt")
expect "no kernel warning in the guest" "$bad" ""
report_info "guest output: $work/guest.txt"
report_summary
