#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The harness tests itself: run selftests/run.sh on harness/harness.cfg (one
# test that passes, one that must fail, one skip, one timeout, one per-arch
# test) and check its KTAP, its summary line, its exit code and its logs.
# Also builds a C program on selftests/lib/ktap.h and checks its output.
set -uo pipefail
cd "$(dirname "$0")/../.."

O=${O:-build}
work=$O/selftests/harness-inner
rm -rf "$work"
mkdir -p "$work"
bad=0
check() {	# check DESCRIPTION COMMAND...
	if "${@:2}"; then
		echo "ok - $1"
	else
		echo "FAILED - $1"
		bad=1
	fi
}

O=$work selftests/run.sh -c selftests/harness/harness.cfg >"$work/out" 2>&1
rc=$?
echo "--- inner run output:"
cat "$work/out"
echo "---"

has() { grep -qxF -- "$1" "$work/out"; }
check "exit code 1 when a test failed (got $rc)" [ $rc = 1 ]
check "KTAP header" has "KTAP version 1"
check "plan 1..6" has "1..6"
check "passing test" has "ok 1 must-pass"
check "expected failure reported" has "not ok 2 must-fail"
check "skip with its reason" has "ok 3 must-skip # SKIP no frobnicator here"
check "timeout is a failure" has "not ok 4 must-time-out"
check "per-arch instances" has "ok 5 per-arch.x86_64"
check "per-arch instances" has "ok 6 per-arch.arm64"
check "summary line" has "3 passed, 2 failed, 1 skipped"
check "summary is the last line" [ "$(tail -n 1 "$work/out")" = "3 passed, 2 failed, 1 skipped" ]
check "one log per test" test -f "$work/selftests/must-fail.log" -a -f "$work/selftests/per-arch.arm64.log"
check "log keeps the test's output" grep -q "this test fails on purpose" "$work/selftests/must-fail.log"
check "ARCH reaches the command" grep -qx "arch=arm64" "$work/selftests/per-arch.arm64.log"

# Filters: by group and by arch; no skip -> no ", N skipped".
O=$work selftests/run.sh -c selftests/harness/harness.cfg -g good -a x86_64 >"$work/out2" 2>&1
rc=$?
check "filtered run passes (got $rc)" [ $rc = 0 ]
check "filtered run summary without skips" [ "$(tail -n 1 "$work/out2")" = "2 passed, 0 failed" ]

# The C reporter.
cc -std=gnu11 -Wall -Wextra -Werror -Iselftests/lib -o "$work/ktap-demo" \
	selftests/harness/ktap-demo.c
"$work/ktap-demo" >"$work/ktap.out"
rc=$?
check "ktap.h: exit code 1 on a failure (got $rc)" [ $rc = 1 ]
k() { grep -qxF -- "$1" "$work/ktap.out"; }
check "ktap.h: header" k "KTAP version 1"
check "ktap.h: ok line" k "ok 1 - one plus one is 2"
check "ktap.h: not ok line" k "not ok 2 - deliberately false"
check "ktap.h: failure location" grep -q "^# failed at selftests/harness/ktap-demo.c:" "$work/ktap.out"
check "ktap.h: skip" k "ok 3 - no widget # SKIP"
check "ktap.h: trailing plan" k "1..3"
check "ktap.h: totals" k "# totals: pass:1 fail:1 skip:1"

exit $bad
