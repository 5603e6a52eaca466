#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Upstream's test-livepatch.sh on the kit: basic function patching,
# multiple livepatches, atomic replace.  The patches replace the
# functions behind proc/cmdline and proc/meminfo, the kit's stand-ins for
# the procfs files upstream's patches replace; each scenario checks the
# effect and the log against upstream's expected block.
set -uo pipefail
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh
. selftests/livepatch/lib.sh

MOD_LIVEPATCH=test_klp_livepatch
MOD_REPLACE=test_klp_atomic_replace
build_lp $MOD_LIVEPATCH $MOD_REPLACE || { report_summary; exit; }

# --- basic function patching -------------------------------------------
start_test "basic function patching"
cmd "cat proc/cmdline"
load_lp $MOD_LIVEPATCH
cmd "cat proc/cmdline"
disable_lp $MOD_LIVEPATCH
unload_lp $MOD_LIVEPATCH
cmd "ls livepatch"
cmd "cat proc/cmdline"
run_test
lines=$(reply "cat proc/cmdline")
[ "$(sed -n 2p <<<"$lines")" = "$MOD_LIVEPATCH: this has been live patched" ] &&
	[ "$(sed -n 1p <<<"$lines")" = "$(sed -n 3p <<<"$lines")" ] &&
	[ "$(sed -n 1p <<<"$lines")" != "$MOD_LIVEPATCH: this has been live patched" ]
report $? "$test_name: proc/cmdline reads the patch's text while it is enabled, the original before and after" ||
	report_info "$lines"
[ -z "$(reply "ls livepatch")" ]
report $? "$test_name: livepatch/ is empty once the patch is unloaded"
check_result "$(round_log $MOD_LIVEPATCH)"

# --- multiple livepatches ----------------------------------------------
start_test "multiple livepatches"
load_lp $MOD_LIVEPATCH
grep_kmsg 'live patched' proc/cmdline
grep_kmsg 'live patched' proc/meminfo
load_lp $MOD_REPLACE replace=0
grep_kmsg 'live patched' proc/cmdline
grep_kmsg 'live patched' proc/meminfo
disable_lp $MOD_REPLACE
unload_lp $MOD_REPLACE
grep_kmsg 'live patched' proc/cmdline
grep_kmsg 'live patched' proc/meminfo
disable_lp $MOD_LIVEPATCH
unload_lp $MOD_LIVEPATCH
grep_kmsg 'live patched' proc/cmdline
grep_kmsg 'live patched' proc/meminfo
run_test
check_result "$(enable_log $MOD_LIVEPATCH)
$MOD_LIVEPATCH: this has been live patched
$(enable_log $MOD_REPLACE replace=0)
$MOD_LIVEPATCH: this has been live patched
$MOD_REPLACE: this has been live patched
$(disable_log $MOD_REPLACE)
% rmmod $MOD_REPLACE
$MOD_LIVEPATCH: this has been live patched
$(disable_log $MOD_LIVEPATCH)
% rmmod $MOD_LIVEPATCH"

# --- atomic replace livepatch ------------------------------------------
start_test "atomic replace livepatch"
load_lp $MOD_LIVEPATCH
grep_kmsg 'live patched' proc/cmdline
grep_kmsg 'live patched' proc/meminfo
load_lp $MOD_REPLACE replace=1
grep_kmsg 'live patched' proc/cmdline
grep_kmsg 'live patched' proc/meminfo
unload_lp $MOD_LIVEPATCH
grep_kmsg 'live patched' proc/cmdline
grep_kmsg 'live patched' proc/meminfo
disable_lp $MOD_REPLACE
unload_lp $MOD_REPLACE
grep_kmsg 'live patched' proc/cmdline
grep_kmsg 'live patched' proc/meminfo
run_test
check_result "$(enable_log $MOD_LIVEPATCH)
$MOD_LIVEPATCH: this has been live patched
$(enable_log $MOD_REPLACE replace=1)
$MOD_REPLACE: this has been live patched
% rmmod $MOD_LIVEPATCH
$MOD_REPLACE: this has been live patched
$(disable_log $MOD_REPLACE)
% rmmod $MOD_REPLACE"

report_summary
