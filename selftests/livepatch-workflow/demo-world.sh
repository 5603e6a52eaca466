#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `kit run --demo` on $ARCH: the demo's world of tasks (the bodies `kit
# demo` uses, samples/livepatch/demo/klp_demo_world.c) kept running beside
# kit run's own tasks, driven with klpctl: its tasks in run/ and in tasks,
# the waiter woken through run/waiter/wake, klp_demo_v2 loaded, its effect
# seen by the loops and the waiter and not by the unpatched user task,
# then disabled and unloaded, the old behaviour back.
set -uo pipefail
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh
. selftests/livepatch-workflow/lib.sh
work_dir livepatch-demo-world

ko=$O/$ARCH/modules/klp_demo_v2.ko
[ -e "$ko" ] || { echo "missing $ko (make kit-image ARCH=$ARCH)"; exit 1; }
start_kit --demo --user 1:klp_sample_answer:5
report $? "kit run --demo --user 1:klp_sample_answer:5 serves its socket" ||
	{ report_info "$(cat "$work/kit.out")"; report_summary; exit; }
grep -q '^kit: running, 6 workload tasks$' "$work/kit.out"
report $? "6 workload tasks: the world's 5 and the user task" || report_info "$(cat "$work/kit.out")"

same "$(ctl ls run | tr '\n' ' ')" \
	"drwxr-xr-x user0/ drwxr-xr-x loop1/ drwxr-xr-x loop2/ drwxr-xr-x waiter/ drwxr-xr-x sleeper/ drwxr-xr-x spinner/ " \
	"run/ lists kit run's task, then the world's (loop/1 as loop1)"
same "$(ctl ls run/waiter | tr '\n' ' ')" "-r--r--r-- calls -r--r--r-- last --w------- wake " \
	"run/waiter has calls, last and a write-only wake"
same "$(ctl tasks | awk 'NR > 1 { print $2 ":" $3 }' | sort | tr '\n' ' ')" \
	"idle:idle loop/1:user loop/2:user sleeper:user spinner:kthread user0:user waiter:user " \
	"tasks lists the world's tasks with their kinds"

# wake VALUE: wake the waiter, then its next return must be VALUE.
wake() {
	local c0 v
	c0=$(ctl cat run/waiter/calls)
	ctl write run/waiter/wake 1 || return 1
	for _ in $(seq 50); do
		v=$(ctl cat run/waiter/last)
		[ "$(ctl cat run/waiter/calls)" -gt "$c0" ] && [ "$v" = "$1" ] && return 0
		sleep 0.1
	done
	echo "waiter $v"
	return 1
}

got=$(settle 1 loop1 loop2)
report $? "unpatched: the loops' klp_demo_work() returns 1" || report_info "$got"
got=$(wake 1)
report $? "write run/waiter/wake 1: the waiter leaves klp_demo_wait() with 1" || report_info "$got"
ctl write run/waiter/wake maybe
same "$?:$(cut -d: -f1-2 "$work/err")" "1:klpctl: EINVAL" "run/waiter/wake takes only a bool"

same "$(ctl load "$ko")" "klp_demo_v2" "klp_demo_v2 loads"
ctl wait 20000
report $? "its transition completes (the waiter switched by a fake signal)" || report_info "$(cat "$work/err")"
got=$(settle 2 loop1 loop2)
report $? "patched: the loops read 2" || report_info "$got"
got=$(wake 2)
report $? "and the woken waiter returns 2 from the new klp_demo_wait()" || report_info "$got"
got=$(settle 5 user0)
report $? "the user task's klp_sample_answer is not patched: 5" || report_info "$got"

ctl write livepatch/klp_demo_v2/enabled 0 && ctl wait 20000 && ctl unload klp_demo_v2
report $? "disabled, its transition complete, unloaded" || report_info "$(cat "$work/err")"
got=$(settle 1 loop1 loop2)
report $? "the loops read 1 again" || report_info "$got"
got=$(wake 1)
report $? "and the waiter returns 1 again" || report_info "$got"
stop_kit
report_summary
