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

# Two scratch ports, so the expansion of "every port" and "ports with
# KEY=VALUE" is checked against known descriptors, not this tree's ports:
# alpha is this machine's, beta has colour=blue.
mkdir -p "$work/ports/arch/alpha" "$work/ports/arch/beta"
printf 'port_uname := %s\nport_colour := red\n' "$(uname -m)" >"$work/ports/arch/alpha/port.mk"
printf 'port_uname := none\nport_colour := blue\n' >"$work/ports/arch/beta/port.mk"
export KLPKIT_ROOT=$PWD/$work/ports

O=$work selftests/run.sh -c selftests/harness/harness.cfg >"$work/out" 2>&1
rc=$?
echo "--- inner run output:"
cat "$work/out"
echo "---"

has() { grep -qxF -- "$1" "$work/out"; }
check "exit code 1 when a test failed (got $rc)" [ $rc = 1 ]
check "KTAP header" has "KTAP version 1"
check "plan 1..7" has "1..7"
check "passing test" has "ok 1 must-pass"
check "expected failure reported" has "not ok 2 must-fail"
check "skip with its reason" has "ok 3 must-skip # SKIP no frobnicator here"
check "timeout is a failure" has "not ok 4 must-time-out"
check "every port: one instance per port" has "ok 5 per-arch.alpha"
check "every port: one instance per port" has "ok 6 per-arch.beta"
check "ports with KEY=VALUE: only the matching port" has "ok 7 per-property.beta"
check "summary line" has "4 passed, 2 failed, 1 skipped"
check "summary is the last line" [ "$(tail -n 1 "$work/out")" = "4 passed, 2 failed, 1 skipped" ]
check "one log per test" test -f "$work/selftests/must-fail.log" -a -f "$work/selftests/per-arch.beta.log"
check "log keeps the test's output" grep -q "this test fails on purpose" "$work/selftests/must-fail.log"
check "ARCH reaches the command" grep -qx "arch=beta" "$work/selftests/per-arch.beta.log"

# Filters: by group and by arch; no skip -> no ", N skipped".
O=$work selftests/run.sh -c selftests/harness/harness.cfg -g good -a alpha >"$work/out2" 2>&1
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
