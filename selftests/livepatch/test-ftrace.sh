#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Upstream's test-ftrace.sh on the kit: a live patch and the other users
# of ftrace.  ftrace_enabled (proc/sys/kernel/ftrace_enabled, upstream's
# kernel.ftrace_enabled sysctl) off refuses a patch, and cannot be turned
# off under one; the function tracer (tracing/, as tracefs) traces a
# patched function's new code, and a traced function can be patched, the
# patch in effect either way.  Each log is upstream's block.
set -uo pipefail
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh
. selftests/livepatch/lib.sh

MOD_LIVEPATCH=test_klp_livepatch
build_lp $MOD_LIVEPATCH || { report_summary; exit; }
patched="$MOD_LIVEPATCH: this has been live patched"

# check_cmdline N WANT: the N-th read of proc/cmdline in the scenario is WANT
check_cmdline() {
	local got
	got=$(reply_nth "cat proc/cmdline" "$1")
	[ "$got" = "$2" ]
	report $? "$test_name: proc/cmdline read $1 is '$2'" || report_info "got '$got'"
}
# check_traced FUNC: the trace read by check_traced_functions holds FUNC,
# as upstream's `grep "$FUNC" trace`, and the tracer was upstream's
check_traced() {
	local trace
	trace=$(reply "cat tracing/trace")
	grep -q "^# tracer: function$" <<<"$trace" && grep -Fq ": $1 <-" <<<"$trace"
	report $? "$test_name: the trace holds calls of $1" || report_info "$trace"
}

start_test "livepatch interaction with ftrace_enabled sysctl"
set_ftrace_enabled 0
load_failing_mod $MOD_LIVEPATCH
set_ftrace_enabled 1
load_lp $MOD_LIVEPATCH
cmd "cat proc/cmdline"
set_ftrace_enabled --fail 0
cmd "cat proc/cmdline"
disable_lp $MOD_LIVEPATCH
unload_lp $MOD_LIVEPATCH
run_test
check_cmdline 1 "$patched"
check_cmdline 2 "$patched"
check_result "livepatch: kernel.ftrace_enabled = 0
$(enable_busy_log $MOD_LIVEPATCH cmdline_proc_show)
livepatch: kernel.ftrace_enabled = 1
$(enable_log $MOD_LIVEPATCH)
livepatch: sysctl: setting key \"kernel.ftrace_enabled\": Device or resource busy
$(disable_log $MOD_LIVEPATCH)
% rmmod $MOD_LIVEPATCH"

# traced_scenario DESCRIPTION FUNC ORDER: FUNC traced, the patch loaded,
# in ORDER ("patch-first" or "trace-first"); the patch must be in effect
# (upstream's "livepatch: ok") and the trace must hold FUNC's calls.
traced_scenario() {
	start_test "$1"
	if [ "$3" = patch-first ]; then
		load_lp $MOD_LIVEPATCH
		trace_function "$2"
	else
		trace_function "$2"
		load_lp $MOD_LIVEPATCH
	fi
	log_if_patched $MOD_LIVEPATCH
	check_traced_functions "$2"
	disable_lp $MOD_LIVEPATCH
	unload_lp $MOD_LIVEPATCH
	run_test
	check_traced "$2"
	check_result "$(enable_log $MOD_LIVEPATCH)
livepatch: ok
$(disable_log $MOD_LIVEPATCH)
% rmmod $MOD_LIVEPATCH"
}
traced_scenario "trace livepatched function and check that the live patch remains in effect" \
	livepatch_cmdline_proc_show patch-first
traced_scenario "livepatch a traced function and check that the live patch remains in effect" \
	cmdline_proc_show trace-first

report_summary
