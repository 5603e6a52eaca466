#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Upstream's test-syscall.sh on the kit: the getpid system call patched
# while user tasks (one per CPU, at most 128, as upstream starts them)
# call it in a loop; every one of them must switch to the patched state,
# which the patch sees as each one running the new getpid (its npids,
# counted down from the tasks there were at load, reaches 0).  The log must
# be upstream's block (its insmod line names the kit's parameter).
set -uo pipefail
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh
. selftests/livepatch/lib.sh

MOD_SYSCALL=test_klp_syscall
build_lp $MOD_SYSCALL || { report_summary; exit; }
nproc=$(getconf _NPROCESSORS_ONLN)
ntasks=$((nproc < 128 ? nproc : 128))
[ "$ntasks" -ge 4 ] || ntasks=4		# a few, even on a small machine

start_test "patch getpid syscall while being heavily hammered"
cmd "kmsg % insmod test_modules/$MOD_SYSCALL.ko klp_comm=user"
cmd "load $O/$ARCH/patches/$MOD_SYSCALL.ko klp_comm=user"
cmd "wait"
cmd "cat $MOD_SYSCALL/npids"
cmd "sleep 500"
cmd "cat $MOD_SYSCALL/npids"
cmd "kmsg-grep $MOD_SYSCALL/remaining Remaining"
cmd "cat $MOD_SYSCALL/counted"
disable_lp $MOD_SYSCALL
unload_lp $MOD_SYSCALL
run_test --user "$ntasks"
np=$(reply "cat $MOD_SYSCALL/npids" | tail -1)
[ "$(reply "cat $MOD_SYSCALL/counted")" = "$ntasks" ] && [ "$np" = 0 ]
report $? "$test_name: the $ntasks user tasks counted at load all ran the new getpid (npids $(reply "cat $MOD_SYSCALL/npids" | tr '\n' ' '))"
check_result "% insmod test_modules/$MOD_SYSCALL.ko klp_comm=user
$(enable_log $MOD_SYSCALL | sed 1d)
$MOD_SYSCALL: Remaining not livepatched processes: 0
$(disable_log $MOD_SYSCALL)
% rmmod $MOD_SYSCALL"

report_summary
