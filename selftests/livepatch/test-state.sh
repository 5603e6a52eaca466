#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Upstream's test-state.sh on the kit: a cumulative patch that changes a
# system state (console_loglevel) and records it in a klp_state; a later
# one taking the change over (klp_get_prev_state) rather than doing it
# again; patches with compatible state versions replacing each other;
# an older state version refused.  The log of each scenario must be
# upstream's block, and proc/loglevel shows the state itself.
set -uo pipefail
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh
. selftests/livepatch/lib.sh

LP=test_klp_state LP2=test_klp_state2 LP3=test_klp_state3
build_lp $LP $LP2 $LP3 || { report_summary; exit; }

# upstream's blocks: a state patch enabled first (it allocates and fixes)
# or after another (it takes over), and disabled (it restores and frees)
enabled_first() {
	echo "% modprobe $1
livepatch: enabling patch '$1'
livepatch: '$1': initializing patching transition
$1: pre_patch_callback: vmlinux
$1: allocate_loglevel_state: allocating space to store console_loglevel
livepatch: '$1': starting patching transition
livepatch: '$1': completing patching transition
$1: post_patch_callback: vmlinux
$1: fix_console_loglevel: fixing console_loglevel
livepatch: '$1': patching complete"
}
enabled_taking_over() {
	echo "% modprobe $1
livepatch: enabling patch '$1'
livepatch: '$1': initializing patching transition
$1: pre_patch_callback: vmlinux
$1: allocate_loglevel_state: space to store console_loglevel already allocated
livepatch: '$1': starting patching transition
livepatch: '$1': completing patching transition
$1: post_patch_callback: vmlinux
$1: fix_console_loglevel: taking over the console_loglevel change
livepatch: '$1': patching complete"
}
disabled() {
	echo "% echo 0 > /sys/kernel/livepatch/$1/enabled
livepatch: '$1': initializing unpatching transition
$1: pre_unpatch_callback: vmlinux
$1: restore_console_loglevel: restoring console_loglevel
livepatch: '$1': starting unpatching transition
livepatch: '$1': completing unpatching transition
$1: post_unpatch_callback: vmlinux
$1: free_loglevel_state: freeing space for the stored console_loglevel
livepatch: '$1': unpatching complete
% rmmod $1"
}
# loglevel_is DESCRIPTION VALUES: proc/loglevel read at each "cat" of the scenario
loglevel_is() {
	local got
	got=$(reply "cat proc/loglevel" | tr '\n' ' ')
	[ "$got" = "$2 " ]
	report $? "$test_name: $1 (loglevel $2)" || report_info "got: $got"
}

start_test "system state modification"
cmd "cat proc/loglevel"
load_lp $LP
cmd "cat proc/loglevel"
disable_lp $LP
unload_lp $LP
cmd "cat proc/loglevel"
run_test
loglevel_is "the state changes with the patch and is restored" "7 15 7"
check_result "$(enabled_first $LP)
$(disabled $LP)"

start_test "taking over system state modification"
load_lp $LP
load_lp $LP2
unload_lp $LP
cmd "cat proc/loglevel"
disable_lp $LP2
unload_lp $LP2
cmd "cat proc/loglevel"
run_test
loglevel_is "the second patch keeps the change, and restores it" "15 7"
check_result "$(enabled_first $LP)
$(enabled_taking_over $LP2)
% rmmod $LP
$(disabled $LP2)"

start_test "compatible cumulative livepatches"
load_lp $LP2
load_lp $LP3
unload_lp $LP2
load_lp $LP2
disable_lp $LP2
unload_lp $LP2
unload_lp $LP3
run_test
check_result "$(enabled_first $LP2)
$(enabled_taking_over $LP3)
% rmmod $LP2
$(enabled_taking_over $LP2)
$(disabled $LP2)
% rmmod $LP3"

start_test "incompatible cumulative livepatches"
load_lp $LP2
load_failing_mod $LP
disable_lp $LP2
unload_lp $LP2
run_test
check_result "$(enabled_first $LP2)
% modprobe $LP
livepatch: Livepatch patch ($LP) is not compatible with the already installed livepatches.
modprobe: ERROR: could not insert '$LP': Invalid argument
$(disabled $LP2)"

report_summary
