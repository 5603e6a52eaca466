# SPDX-License-Identifier: GPL-2.0
#
# The guest half of the real-kernel stack test, run by busybox sh in the
# guest (stack.sh puts it in the initramfs through rk_boot, after a line
# setting MODS, the module copies to test: rk_stack_up, rk_stack_lite).
# It only observes: one "<module> <key>: <value>" line per observation,
# and stack.sh on the host asserts on them, so a failure shows what the
# guest saw.  See stack/rk_stack.c for the thread's "step" protocol.

# within TENTHS CMD...: CMD succeeds within TENTHS tenths of a second.
# The limits are generous: under TCG on a busy host the guest runs slowly.
within() {
	n=$1
	shift
	while ! "$@"; do
		[ "$n" -le 0 ] && return 1
		n=$((n - 1))
		sleep 0.1
	done
}

for m in $MODS; do
	p=${m}_patch
	par=/sys/module/$m/parameters
	lp=/sys/kernel/livepatch/$p
	say() { echo "$m $1: $2"; }
	stack() { sed "s/^/$m $1: /" /proc/$pid/stack; }
	in_chain() { grep -q "${m}_level4" /proc/$pid/stack; }
	outside() { ! grep -q "${m}_level" /proc/$pid/stack && grep -q "${m}_thread" /proc/$pid/stack; }
	rounds_are() { [ "$(cat $par/rounds)" = "$1" ]; }
	transition_is() { [ "$(cat $lp/transition 2>/dev/null)" = "$1" ]; }
	gone() { [ ! -e "$lp" ]; }

	insmod /lib/klp/$m.ko || { say load failed; continue; }
	pid=$(cat $par/pid)
	# Step 0: the thread enters the chain at once and sleeps in level 4.
	within 50 in_chain; say chain0 $?
	stack stack0

	# The patch of level 2 cannot finish while the thread sleeps below
	# it: livepatch retries its stack check every second, three times.
	insmod /lib/klp/$p.ko; say patch-load $?
	sleep 3
	say transition1 "$(cat $lp/transition)"
	say thread-state1 "$(cat /proc/$pid/patch_state)"
	say shell-state1 "$(cat /proc/$$/patch_state)"
	stack stack1

	# Step 1 releases it: out of the chain, asleep in rk_stack_thread.
	echo 1 >$par/step
	within 300 transition_is 0
	say transition2 "$(cat $lp/transition)"
	say enabled2 "$(cat $lp/enabled)"
	say thread-state2 "$(cat /proc/$pid/patch_state)"
	within 50 rounds_are 1
	say result2 "$(cat $par/result)"
	within 50 outside; say outside2 $?
	stack stack2

	# Step 2: back into the chain, now through the new level 2.
	echo 2 >$par/step
	within 50 in_chain; say chain3 $?
	stack stack3

	# Disabling the patch cannot finish while the thread sleeps below
	# the new function; step 3 releases it.
	echo 0 >$lp/enabled
	sleep 3
	say transition4 "$(cat $lp/transition 2>/dev/null)"
	echo 3 >$par/step
	within 300 gone; say gone5 $?
	within 50 rounds_are 2
	say result5 "$(cat $par/result)"

	# Steps 4 and 5: a round through the original level 2 again.
	echo 4 >$par/step
	within 50 in_chain; say chain6 $?
	stack stack6
	echo 5 >$par/step
	within 50 rounds_are 3
	say result6 "$(cat $par/result)"

	rmmod $p; say patch-unload $?
	rmmod $m; say unload $?
done
dmesg | grep -E 'livepatch|rk_stack|unwind|WARNING|BUG|Oops' | sed 's/^/dmesg: /'
