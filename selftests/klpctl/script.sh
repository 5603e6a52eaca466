#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `kit run --script`: the control tree's files, values and permissions,
# a patch loaded, enabled, disabled and unloaded with its effect seen by
# the workload, tasks, log, wait and bad commands, all in one kit run.
# A line starting with "!" must fail; the kit's exit status says whether
# every line did what it expected, and the replies are checked here.
set -uo pipefail
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh
. selftests/klpctl/lib.sh

work=$O/selftests/$ARCH/klpctl-script
mkdir -p "$work"
p=livepatch/klp_demo_v2
long=$(head -c 5000 /dev/zero | tr '\0' x)
cat > "$work/script" <<SCRIPT
# before: the tree, the victim unpatched
ls
ls livepatch
cat run/user0/last
load $patch_ko
wait 10000
ls $p
ls $p/vmlinux
ls $p/vmlinux/klp_demo_work,1
cat $p/enabled
cat $p/transition
cat $p/replace
cat $p/stack_order
cat $p/vmlinux/patched
cat debug/livepatch/transition_stats
sleep 300
cat /run/user0/last
cat run//kthread0/last
# permissions: read-only and write-only files, directories
!cat $p/force
!write $p/transition 1
!write $p/replace 0
!write $p/stack_order 1
!write $p/vmlinux/patched 0
!cat $p
!write $p/vmlinux 1
!cat $p/enabled/x
!cat livepatch/nosuch/enabled
!cat $p/../$p/enabled
# upstream's values: the same value again, bools, force outside a transition
!write $p/enabled 1
!write $p/enabled Y
!write $p/enabled on
!write $p/enabled maybe
!write $p/enabled 2
!write $p/force 1
!write $p/force yes
!write $p/force t
write $p/force 0
write $p/force off
write $p/force N
cat $p/enabled
# tasks
tasks
ls tasks
cat tasks/1/patch_state
!cat tasks/999999/patch_state
!cat tasks/01/patch_state
!write tasks/1/patch_state 1
# bad commands
!frobnicate
!unload klp_demo_v2
!unload nosuch
!load /nonexistent/x.ko
!load $O/$ARCH/modules/modparam.ko nosuch=1
!wait abc
!sleep 999999999
!log -f
!ls $p/enabled
!write $p/enabled
!$long
!write tracing/current_tracer frob
!write tracing/set_ftrace_filter no_such_function_anywhere
!write proc/sys/kernel/ftrace_enabled maybe
cat tracing/current_tracer
cat tracing/set_ftrace_filter
cat proc/sys/kernel/ftrace_enabled
# the function tracer on every function, beside the patch
write tracing/current_tracer function
sleep 200
cat tracing/trace
write tracing/current_tracer nop
# disable with a false form ("of" is upstream's too), the effect gone
write $p/enabled of
wait 10000
ls livepatch
sleep 300
cat run/user1/last
unload klp_demo_v2
log
shutdown
SCRIPT
"$kit" >/dev/null 2>&1 || true
${qemu:+$qemu} "$kit" run "${workload[@]}" --script "$work/script" > "$work/out" 2>&1
status=$?
report $status "every script line did what it expected (kit exit status $status)"
[ $status = 0 ] || report_info "$(grep 'kit run: script line' "$work/out")"

is "the root lists tasks, livepatch, tunables, proc (the selftests' stand-ins and ftrace's sysctl), tracing, debug, run" "ls" $'= drwxr-xr-x tasks/\n= drwxr-xr-x livepatch/\n= drwxr-xr-x tunables/\n= drwxr-xr-x proc/\n= drwxr-xr-x tracing/\n= drwxr-xr-x debug/\n= drwxr-xr-x run/\nok'
is "no patch before the load" "ls livepatch" "ok"
is "the victim returns 1 unpatched" "cat run/user0/last" $'= 1\nok'
is "load names the module" "load $patch_ko" $'= klp_demo_v2\nok'
is "the patch's files, with upstream's modes" "ls $p" \
	$'= -rw-r--r-- enabled\n= -r--r--r-- transition\n= --w------- force\n= -r--r--r-- replace\n= -r--r--r-- stack_order\n= drwxr-xr-x vmlinux/\nok'
is "the object: patched and one directory per function,sympos" "ls $p/vmlinux" \
	$'= -r--r--r-- patched\n= drwxr-xr-x klp_demo_work,1/\n= drwxr-xr-x klp_demo_wait,1/\nok'
is "a function's directory is empty" "ls $p/vmlinux/klp_demo_work,1" "ok"
is "enabled reads 1" "cat $p/enabled" $'= 1\nok'
is "transition reads 0 after wait" "cat $p/transition" $'= 0\nok'
is "replace reads 0 (not cumulative)" "cat $p/replace" $'= 0\nok'
is "stack_order reads 1" "cat $p/stack_order" $'= 1\nok'
is "the object is patched" "cat $p/vmlinux/patched" $'= 1\nok'
# every task switched is counted once, under one way of switching
stats=$(r "cat debug/livepatch/transition_stats")
awk '$1 == "=" { v[$2] = $3 }
     END { sum = v["boundary"] + v["checkpoint"] + v["stack"] + v["signalled"] + v["forced"] + v["exited"]
	   exit !(v["running"] == 0 && v["tasks"] >= 3 && v["attempts"] >= 1 && v["ns"] > 0 && sum == v["tasks"]) }' <<<"$stats"
report $? "debug/livepatch/transition_stats after the load: not running, the ways of switching add up to the tasks" ||
	report_info "$stats"
is "a user task now sees the new function (2), leading / ignored" "cat /run/user0/last" $'= 2\nok'
is "a kthread too, // ignored" "cat run//kthread0/last" $'= 2\nok'
is "reading write-only force is EACCES" "!cat $p/force" \
	"error EACCES: cat $p/force: permission denied"
is "writing read-only transition is EACCES" "!write $p/transition 1" \
	"error EACCES: write $p/transition: permission denied"
is "writing read-only patched is EACCES" "!write $p/vmlinux/patched 0" \
	"error EACCES: write $p/vmlinux/patched: permission denied"
is "cat of a directory is EISDIR" "!cat $p" "error EISDIR: cat $p: is a directory"
is "a path through a file is ENOTDIR" "!cat $p/enabled/x" \
	"error ENOTDIR: cat $p/enabled/x: not a directory"
is "an unknown patch is ENOENT" "!cat livepatch/nosuch/enabled" \
	"error ENOENT: cat livepatch/nosuch/enabled: no such file or directory"
is ".. is not a name" "!cat $p/../$p/enabled" \
	"error ENOENT: cat $p/../$p/enabled: no such file or directory"
for v in 1 Y on maybe 2; do
	is "enabled=1 patch: writing '$v' is EINVAL" "!write $p/enabled $v" \
		"error EINVAL: write $p/enabled: invalid argument"
done
for v in 1 yes t; do
	is "force '$v' outside a transition is EINVAL" "!write $p/force $v" \
		"error EINVAL: write $p/force: invalid argument"
done
for v in 0 off N; do
	is "force '$v' (false) is accepted and does nothing" "write $p/force $v" "ok"
done
is "the patch is still enabled after all that" "cat $p/enabled" $'= 1\nok'
tasks=$(r tasks)
grep -Eq '^= [0-9]+ +user0 +user +-1$' <<<"$tasks" &&
	grep -Eq '^= [0-9]+ +kthread0 +kthread +-1$' <<<"$tasks" &&
	grep -Eq '^= 1 +idle +idle +-1$' <<<"$tasks"
report $? "tasks lists the workload and idle, patch state -1 outside a transition" ||
	report_info "$tasks"
n_tasks=$(echo "$tasks" | grep -c '^= [0-9]')
[ "$(r 'ls tasks' | grep -c '^= drwxr-xr-x [0-9]*/$')" = "$n_tasks" ]
report $? "ls tasks has one directory per task"
is "tasks/1/patch_state reads -1" "cat tasks/1/patch_state" $'= -1\nok'
is "a task that does not exist is ENOENT" "!cat tasks/999999/patch_state" \
	"error ENOENT: cat tasks/999999/patch_state: no such file or directory"
is "a task id is canonical decimal" "!cat tasks/01/patch_state" \
	"error ENOENT: cat tasks/01/patch_state: no such file or directory"
is "patch_state is read-only" "!write tasks/1/patch_state 1" \
	"error EACCES: write tasks/1/patch_state: permission denied"
is "an unknown command" "!frobnicate" "error EINVAL: unknown command 'frobnicate' (try: help)"
is "unload of a module whose patch is in place is EBUSY" "!unload klp_demo_v2" \
	"error EBUSY: unload klp_demo_v2: busy (a patch of it is in place)"
is "unload of an unknown module" "!unload nosuch" "error ENOENT: unload nosuch: no such module"
grep -q '^error ENOENT: load /nonexistent/x.ko' <<<"$(r "!load /nonexistent/x.ko")"
report $? "load of a missing file is ENOENT"
is "a parameter the module lacks is refused, clearly" "!load $O/$ARCH/modules/modparam.ko nosuch=1" \
	"error ENOENT: load $O/$ARCH/modules/modparam.ko: ENOENT (see the log)"
grep -q "^kit: module modparam: unknown parameter 'nosuch'" "$work/out"
report $? "the log names the unknown parameter"
is "wait with a bad time" "!wait abc" "error EINVAL: wait: 'abc' is not a time in ms (0..600000)"
grep -q '^error EINVAL: sleep:' <<<"$(r "!sleep 999999999")"
report $? "sleep beyond the limit is EINVAL"
grep -q '^error EINVAL: log -f: only on the socket' <<<"$(r "!log -f")"
report $? "log -f is refused in a script"
is "ls of a file is ENOTDIR" "!ls $p/enabled" "error ENOTDIR: ls $p/enabled: not a directory"
is "write without a value" "!write $p/enabled" "error EINVAL: usage: write PATH VALUE"
is "an over-long line is refused" "!$long" "error EINVAL: line longer than 4095 bytes"
is "an unknown tracer is EINVAL" "!write tracing/current_tracer frob" \
	"error EINVAL: write tracing/current_tracer: invalid argument"
is "a filter naming no function is EINVAL" "!write tracing/set_ftrace_filter no_such_function_anywhere" \
	"error EINVAL: write tracing/set_ftrace_filter: invalid argument"
is "ftrace_enabled takes an integer" "!write proc/sys/kernel/ftrace_enabled maybe" \
	"error EINVAL: write proc/sys/kernel/ftrace_enabled: invalid argument"
is "after them: the tracer is nop" "cat tracing/current_tracer" $'= nop\nok'
is "the filter is empty (every function)" "cat tracing/set_ftrace_filter" $'= #### all functions enabled ####\nok'
is "and ftrace is on" "cat proc/sys/kernel/ftrace_enabled" $'= 1\nok'
trace=$(r "cat tracing/trace")
# the ring holds the last 256 calls: whichever task ran last fills it, so
# either a user task's system call or a kthread's checkpoint
grep -q '^= # tracer: function$' <<<"$trace" &&
	grep -Eq '^= (user[01]|kthread0)-[0-9]* [0-9.]*: (kit_syscall_entry|kit_kthread_checkpoint) <-' <<<"$trace"
report $? "the function tracer with no filter traces every function: the workload's system calls or checkpoints" ||
	report_info "$(echo "$trace" | head -5)"
is "'of' disables (upstream's kstrtobool)" "write $p/enabled of" "ok"
is "the patch is gone after its transition" "ls livepatch" "ok"
is "the victim returns 1 again" "cat run/user1/last" $'= 1\nok'
is "then the module unloads" "unload klp_demo_v2" "ok"
log=$(r log)
grep -q "^= kit: livepatch: enabling patch 'klp_demo_v2'$" <<<"$log" &&
	grep -q "^= kit: livepatch: 'klp_demo_v2': initializing unpatching transition$" <<<"$log"
report $? "log holds the enabling and disabling lines" || report_info "$log"
is "shutdown" "shutdown" "ok"
grep -q '^kit: stopped$' "$work/out"
report $? "the kit stops after shutdown"
report_summary
