#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kit's analogue of upstream's test-kprobe.sh (the kit has no
# kprobes): another ftrace user on the function a patch replaces.
# test_klp_ftrace_ops registers on cmdline_proc_show the ftrace ops a
# kprobe would: IPMODIFY with ipmodify=1 (upstream's has_post_handler=true),
# and then the patch must fail with -EBUSY, as only one IPMODIFY ops may own
# a function; a plain one with ipmodify=0, and then the two share the
# function: the patch is in effect and the other ops still sees every call.
# Each log is upstream's block with the module's name and parameter.
set -uo pipefail
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh
. selftests/livepatch/lib.sh

MOD_LIVEPATCH=test_klp_livepatch
MOD_FTRACE=test_klp_ftrace_ops
build_lp $MOD_LIVEPATCH $MOD_FTRACE || { report_summary; exit; }
calls=module/$MOD_FTRACE/parameters/calls

start_test "livepatch interaction with an IPMODIFY ftrace ops on the function"
load_mod $MOD_FTRACE ipmodify=1
load_failing_mod $MOD_LIVEPATCH
cmd "cat proc/cmdline"
unload_mod $MOD_FTRACE
run_test
got=$(reply_nth "cat proc/cmdline" 1)
[ "$got" != "$MOD_LIVEPATCH: this has been live patched" ] && [ -n "$got" ]
report $? "$test_name: proc/cmdline is not patched" || report_info "got '$got'"
check_result "% modprobe $MOD_FTRACE ipmodify=1
$(enable_busy_log $MOD_LIVEPATCH cmdline_proc_show)
% rmmod $MOD_FTRACE"

start_test "livepatch interaction with a plain ftrace ops on the function"
load_mod $MOD_FTRACE ipmodify=0
load_lp $MOD_LIVEPATCH
cmd "cat $calls"
cmd "cat proc/cmdline"
cmd "cat proc/cmdline"
cmd "cat $calls"
unload_mod $MOD_FTRACE
disable_lp $MOD_LIVEPATCH
unload_lp $MOD_LIVEPATCH
run_test
got=$(reply_nth "cat proc/cmdline" 2)
[ "$got" = "$MOD_LIVEPATCH: this has been live patched" ]
report $? "$test_name: the patch is in effect beside the other ops" || report_info "got '$got'"
c1=$(reply_nth "cat $calls" 1) c2=$(reply_nth "cat $calls" 2)
[ -n "$c1" ] && [ -n "$c2" ] && [ $((c2 - c1)) -eq 2 ]
report $? "$test_name: the other ops saw both calls of the patched function ($c1 -> $c2)"
check_result "% modprobe $MOD_FTRACE ipmodify=0
$(enable_log $MOD_LIVEPATCH)
% rmmod $MOD_FTRACE
$(disable_log $MOD_LIVEPATCH)
% rmmod $MOD_LIVEPATCH"

report_summary
