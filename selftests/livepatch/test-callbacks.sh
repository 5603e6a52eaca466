#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Upstream's test-callbacks.sh on the kit: a patch's pre/post (un)patch
# callbacks for vmlinux and for a module object, as the patch and its
# target module load and unload in each order (the loader's
# klp_module_coming / klp_module_going), a target that never comes, and
# a failing pre-patch callback refusing the patch.  Each scenario's log
# must be upstream's expected block.
set -uo pipefail
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh
. selftests/livepatch/lib.sh

MOD_LIVEPATCH=test_klp_callbacks_demo
MOD_LIVEPATCH2=test_klp_callbacks_demo2
MOD_TARGET=test_klp_callbacks_mod
MOD_TARGET_BUSY=test_klp_callbacks_busy
build_lp $MOD_LIVEPATCH $MOD_LIVEPATCH2 $MOD_TARGET $MOD_TARGET_BUSY || { report_summary; exit; }
LP=$MOD_LIVEPATCH LP2=$MOD_LIVEPATCH2 T=$MOD_TARGET B=$MOD_TARGET_BUSY

# upstream's recurring blocks
enable_vmlinux="% modprobe $LP
livepatch: enabling patch '$LP'
livepatch: '$LP': initializing patching transition
$LP: pre_patch_callback: vmlinux
livepatch: '$LP': starting patching transition
livepatch: '$LP': completing patching transition
$LP: post_patch_callback: vmlinux
livepatch: '$LP': patching complete"
enable_both="% modprobe $LP
livepatch: enabling patch '$LP'
livepatch: '$LP': initializing patching transition
$LP: pre_patch_callback: vmlinux
$LP: pre_patch_callback: $T -> [MODULE_STATE_LIVE] Normal state
livepatch: '$LP': starting patching transition
livepatch: '$LP': completing patching transition
$LP: post_patch_callback: vmlinux
$LP: post_patch_callback: $T -> [MODULE_STATE_LIVE] Normal state
livepatch: '$LP': patching complete"
disable_vmlinux="% echo 0 > /sys/kernel/livepatch/$LP/enabled
livepatch: '$LP': initializing unpatching transition
$LP: pre_unpatch_callback: vmlinux
livepatch: '$LP': starting unpatching transition
livepatch: '$LP': completing unpatching transition
$LP: post_unpatch_callback: vmlinux
livepatch: '$LP': unpatching complete
% rmmod $LP"
disable_both="% echo 0 > /sys/kernel/livepatch/$LP/enabled
livepatch: '$LP': initializing unpatching transition
$LP: pre_unpatch_callback: vmlinux
$LP: pre_unpatch_callback: $T -> [MODULE_STATE_LIVE] Normal state
livepatch: '$LP': starting unpatching transition
livepatch: '$LP': completing unpatching transition
$LP: post_unpatch_callback: vmlinux
$LP: post_unpatch_callback: $T -> [MODULE_STATE_LIVE] Normal state
livepatch: '$LP': unpatching complete
% rmmod $LP"
target_loads="% modprobe $T
$T: ${T}_init"
target_comes="% modprobe $T
livepatch: applying patch '$LP' to loading module '$T'
$LP: pre_patch_callback: $T -> [MODULE_STATE_COMING] Full formed, running module_init
$LP: post_patch_callback: $T -> [MODULE_STATE_COMING] Full formed, running module_init
$T: ${T}_init"
target_goes="% rmmod $T
$T: ${T}_exit
$LP: pre_unpatch_callback: $T -> [MODULE_STATE_GOING] Going away
livepatch: reverting patch '$LP' on unloading module '$T'
$LP: post_unpatch_callback: $T -> [MODULE_STATE_GOING] Going away"
target_unloads="% rmmod $T
$T: ${T}_exit"

start_test "target module before livepatch"
load_mod $T
load_lp $LP
disable_lp $LP
unload_lp $LP
unload_mod $T
run_test
check_result "$target_loads
$enable_both
$disable_both
$target_unloads"

start_test "module_coming notifier"
load_lp $LP
load_mod $T
disable_lp $LP
unload_lp $LP
unload_mod $T
run_test
check_result "$enable_vmlinux
$target_comes
$disable_both
$target_unloads"

start_test "module_going notifier"
load_mod $T
load_lp $LP
unload_mod $T
disable_lp $LP
unload_lp $LP
run_test
check_result "$target_loads
$enable_both
$target_goes
$disable_vmlinux"

start_test "module_coming and module_going notifiers"
load_lp $LP
load_mod $T
unload_mod $T
disable_lp $LP
unload_lp $LP
run_test
check_result "$enable_vmlinux
$target_comes
$target_goes
$disable_vmlinux"

start_test "target module not present"
load_lp $LP
disable_lp $LP
unload_lp $LP
run_test
check_result "$enable_vmlinux
$disable_vmlinux"

start_test "pre-patch callback -ENODEV"
load_mod $T
load_failing_mod $LP pre_patch_ret=-19
unload_mod $T
cmd "ls livepatch"
run_test
[ -z "$(reply "ls livepatch")" ]
report $? "$test_name: nothing is left registered"
check_result "$target_loads
% modprobe $LP pre_patch_ret=-19
livepatch: enabling patch '$LP'
livepatch: '$LP': initializing patching transition
test_klp_callbacks_demo: pre_patch_callback: vmlinux
livepatch: pre-patch callback failed for object 'vmlinux'
livepatch: failed to enable patch '$LP'
livepatch: '$LP': canceling patching transition, going to unpatch
livepatch: '$LP': completing unpatching transition
livepatch: '$LP': unpatching complete
modprobe: ERROR: could not insert '$LP': No such device
$target_unloads"

start_test "module_coming + pre-patch callback -ENODEV"
load_lp $LP
set_pre_patch_ret $LP -19
load_failing_mod $T
cmd "cat module/$LP/parameters/pre_patch_ret"
disable_lp $LP
unload_lp $LP
cmd "ls module"
run_test
[ "$(reply "cat module/$LP/parameters/pre_patch_ret")" = -19 ] &&
	[ -z "$(reply "ls module")" ]
report $? "$test_name: the parameter reads what was written; module/ is empty at the end" ||
	report_info "$(reply "cat module/$LP/parameters/pre_patch_ret") / $(reply "ls module")"
check_result "$enable_vmlinux
% echo -19 > /sys/module/$LP/parameters/pre_patch_ret
% modprobe $T
livepatch: applying patch '$LP' to loading module '$T'
$LP: pre_patch_callback: $T -> [MODULE_STATE_COMING] Full formed, running module_init
livepatch: pre-patch callback failed for object '$T'
livepatch: patch '$LP' failed for module '$T', refusing to load module '$T'
modprobe: ERROR: could not insert '$T': No such device
$disable_vmlinux"

start_test "multiple target modules"
load_mod $B sleep_secs=0
cmd "sleep 500"		# give busymod_work_func a chance to run (upstream: 5 s)
load_lp $LP
load_mod $T
unload_mod $T
disable_lp $LP
unload_lp $LP
unload_mod $B
run_test
check_result "% modprobe $B sleep_secs=0
$B: ${B}_init
$B: busymod_work_func, sleeping 0 seconds ...
$B: busymod_work_func exit
${enable_both//$T/$B}
$target_comes
$target_goes
${disable_both//$T/$B}
% rmmod $B
$B: ${B}_exit"

start_test "busy target module"
# upstream's fake signals come after 15 s, after this scenario is over
cmd "write tunables/klp_signal_after_ms 15000"
load_mod $B sleep_secs=10
load_lp_nowait $LP
# the transition stalls while busymod_work_func sleeps: load the target meanwhile
cmd "sleep 5000"
cmd "cat livepatch/$LP/transition"
load_mod $T
unload_mod $T
disable_lp $LP
unload_lp $LP
unload_mod $B
run_test
[ "$(reply "cat livepatch/$LP/transition")" = 1 ]
report $? "$test_name: the transition is still running 5 s after the patch loaded"
check_result "% modprobe $B sleep_secs=10
$B: ${B}_init
$B: busymod_work_func, sleeping 10 seconds ...
% modprobe $LP
livepatch: enabling patch '$LP'
livepatch: '$LP': initializing patching transition
$LP: pre_patch_callback: vmlinux
$LP: pre_patch_callback: $B -> [MODULE_STATE_LIVE] Normal state
livepatch: '$LP': starting patching transition
% modprobe $T
livepatch: applying patch '$LP' to loading module '$T'
$LP: pre_patch_callback: $T -> [MODULE_STATE_COMING] Full formed, running module_init
$T: ${T}_init
% rmmod $T
$T: ${T}_exit
livepatch: reverting patch '$LP' on unloading module '$T'
$LP: post_unpatch_callback: $T -> [MODULE_STATE_GOING] Going away
% echo 0 > /sys/kernel/livepatch/$LP/enabled
livepatch: '$LP': reversing transition from patching to unpatching
livepatch: '$LP': starting unpatching transition
livepatch: '$LP': completing unpatching transition
$LP: post_unpatch_callback: vmlinux
$LP: post_unpatch_callback: $B -> [MODULE_STATE_LIVE] Normal state
livepatch: '$LP': unpatching complete
% rmmod $LP
% rmmod $B
$B: busymod_work_func exit
$B: ${B}_exit"

# the same blocks for the second patch
enable2=${enable_vmlinux//$LP/$LP2}
disable2=${disable_vmlinux//$LP/$LP2}

start_test "multiple livepatches"
load_lp $LP
load_lp $LP2
disable_lp $LP2
disable_lp $LP
unload_lp $LP2
unload_lp $LP
run_test
check_result "${enable_vmlinux%
% rmmod*}
$enable2
${disable2%
% rmmod*}
${disable_vmlinux%
% rmmod*}
% rmmod $LP2
% rmmod $LP"

start_test "atomic replace"
load_lp $LP
load_lp $LP2 replace=1
disable_lp $LP2
unload_lp $LP2
unload_lp $LP
run_test
check_result "$enable_vmlinux
$(sed "1s/\$/ replace=1/" <<<"$enable2")
$disable2
% rmmod $LP"

report_summary
