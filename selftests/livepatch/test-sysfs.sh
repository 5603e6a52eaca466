#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Upstream's test-sysfs.sh on the kit: a patch's files in the control
# tree (the kit's /sys/kernel/livepatch) with upstream's modes and
# values, and a module object's "patched" following its module as it
# loads and unloads; and newer upstream's scenarios of the "replace"
# attribute.  Each scenario's log must be upstream's block.
set -uo pipefail
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh
. selftests/livepatch/lib.sh

MOD_LIVEPATCH=test_klp_livepatch
build_lp test_klp_livepatch test_klp_callbacks_demo test_klp_callbacks_mod test_klp_atomic_replace ||
	{ report_summary; exit; }

start_test "sysfs test"
load_lp $MOD_LIVEPATCH
check_sysfs_rights "$MOD_LIVEPATCH" "" "drwxr-xr-x"
check_sysfs_rights "$MOD_LIVEPATCH" "enabled" "-rw-r--r--"
check_sysfs_value  "$MOD_LIVEPATCH" "enabled" "1"
check_sysfs_rights "$MOD_LIVEPATCH" "force" "--w-------"
check_sysfs_rights "$MOD_LIVEPATCH" "transition" "-r--r--r--"
check_sysfs_value  "$MOD_LIVEPATCH" "transition" "0"
check_sysfs_rights "$MOD_LIVEPATCH" "vmlinux/patched" "-r--r--r--"
check_sysfs_value  "$MOD_LIVEPATCH" "vmlinux/patched" "1"
disable_lp $MOD_LIVEPATCH
unload_lp $MOD_LIVEPATCH
run_test
check_sysfs
check_result "$(round_log $MOD_LIVEPATCH)"

start_test "sysfs test object/patched"
MOD_LIVEPATCH=test_klp_callbacks_demo
MOD_TARGET=test_klp_callbacks_mod
load_lp $MOD_LIVEPATCH
# the "patched" file follows the target module as it loads and unloads
check_sysfs_value "$MOD_LIVEPATCH" "$MOD_TARGET/patched" "0"
load_mod $MOD_TARGET
check_sysfs_value "$MOD_LIVEPATCH" "$MOD_TARGET/patched" "1"
unload_mod $MOD_TARGET
check_sysfs_value "$MOD_LIVEPATCH" "$MOD_TARGET/patched" "0"
disable_lp $MOD_LIVEPATCH
unload_lp $MOD_LIVEPATCH
run_test
check_sysfs
check_result "% modprobe test_klp_callbacks_demo
livepatch: enabling patch 'test_klp_callbacks_demo'
livepatch: 'test_klp_callbacks_demo': initializing patching transition
test_klp_callbacks_demo: pre_patch_callback: vmlinux
livepatch: 'test_klp_callbacks_demo': starting patching transition
livepatch: 'test_klp_callbacks_demo': completing patching transition
test_klp_callbacks_demo: post_patch_callback: vmlinux
livepatch: 'test_klp_callbacks_demo': patching complete
% modprobe test_klp_callbacks_mod
livepatch: applying patch 'test_klp_callbacks_demo' to loading module 'test_klp_callbacks_mod'
test_klp_callbacks_demo: pre_patch_callback: test_klp_callbacks_mod -> [MODULE_STATE_COMING] Full formed, running module_init
test_klp_callbacks_demo: post_patch_callback: test_klp_callbacks_mod -> [MODULE_STATE_COMING] Full formed, running module_init
test_klp_callbacks_mod: test_klp_callbacks_mod_init
% rmmod test_klp_callbacks_mod
test_klp_callbacks_mod: test_klp_callbacks_mod_exit
test_klp_callbacks_demo: pre_unpatch_callback: test_klp_callbacks_mod -> [MODULE_STATE_GOING] Going away
livepatch: reverting patch 'test_klp_callbacks_demo' on unloading module 'test_klp_callbacks_mod'
test_klp_callbacks_demo: post_unpatch_callback: test_klp_callbacks_mod -> [MODULE_STATE_GOING] Going away
% echo 0 > /sys/kernel/livepatch/test_klp_callbacks_demo/enabled
livepatch: 'test_klp_callbacks_demo': initializing unpatching transition
test_klp_callbacks_demo: pre_unpatch_callback: vmlinux
livepatch: 'test_klp_callbacks_demo': starting unpatching transition
livepatch: 'test_klp_callbacks_demo': completing unpatching transition
test_klp_callbacks_demo: post_unpatch_callback: vmlinux
livepatch: 'test_klp_callbacks_demo': unpatching complete
% rmmod test_klp_callbacks_demo"

# Newer upstream's scenarios for the "replace" attribute.
start_test "check sysfs replace attribute"
MOD_LIVEPATCH=test_klp_livepatch
load_lp $MOD_LIVEPATCH
check_sysfs_exists "$MOD_LIVEPATCH" "replace"
disable_lp $MOD_LIVEPATCH
unload_lp $MOD_LIVEPATCH
run_test
check_sysfs
check_result "$(round_log $MOD_LIVEPATCH)"

MOD_LIVEPATCH=test_klp_atomic_replace
for r in 1 0; do
	start_test "sysfs test replace $([ $r = 1 ] && echo enabled || echo disabled)"
	load_lp $MOD_LIVEPATCH replace=$r
	check_sysfs_rights "$MOD_LIVEPATCH" "replace" "-r--r--r--"
	check_sysfs_value  "$MOD_LIVEPATCH" "replace" "$r"
	disable_lp $MOD_LIVEPATCH
	unload_lp $MOD_LIVEPATCH
	run_test
	check_sysfs
	check_result "$(round_log $MOD_LIVEPATCH replace=$r)"
done

report_summary
