#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The livepatch selftest (livepatch_test.c) on the kit image with unwinder
# $1 (orc|fp), then its log compared with upstream's wording and order:
# each block below is what upstream's tools/testing/selftests/livepatch
# expect for the same event (livepatch-glue/ prints "kit: " before each
# line), and must appear as consecutive livepatch lines.
set -uo pipefail
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh

unwinder=${1:?orc or fp}
out=$(selftests/kit/run-kit.sh "$unwinder" selftest livepatch 2>&1)
status=$?
report_info "$out"
report $status "selftest livepatch on kit-$unwinder exits 0"

# Only the core's lines, without the kit's prefix, one per line.
lines=$'\n'$(sed -n 's/^kit: \(livepatch: \)/\1/p' <<<"$out")$'\n'

block() {	# block DESCRIPTION LINE...: the lines appear in a row
	local d=$1 want=$'\n' l
	shift
	for l in "$@"; do want+="livepatch: $l"$'\n'; done
	[[ $lines == *"$want"* ]]
	report $? "$d"
}

absent() {	# absent DESCRIPTION LINE: no such line
	[[ $lines != *$'\n'"livepatch: $2"$'\n'* ]]
	report $? "$1"
}

block "enable: upstream's five lines" \
	"enabling patch 'klp_p1'" \
	"'klp_p1': initializing patching transition" \
	"'klp_p1': starting patching transition" \
	"'klp_p1': completing patching transition" \
	"'klp_p1': patching complete"
block "disable reversed by writing 1: reversing, then patching again" \
	"'klp_p1': initializing unpatching transition" \
	"'klp_p1': starting unpatching transition" \
	"'klp_p1': reversing transition from unpatching to patching" \
	"'klp_p1': starting patching transition" \
	"'klp_p1': completing patching transition" \
	"'klp_p1': patching complete"
block "disable completed after a fake signal" \
	"'klp_p1': initializing unpatching transition" \
	"'klp_p1': starting unpatching transition" \
	"signaling remaining tasks" \
	"'klp_p1': completing unpatching transition" \
	"'klp_p1': unpatching complete"
block "force" \
	"forcing remaining tasks to the patched state" \
	"'klp_p1': completing patching transition" \
	"'klp_p1': patching complete"
block "incompatible states: upstream's error text" \
	"Livepatch patch (klp_oldstate) is not compatible with the already installed livepatches."
absent "incompatible states: the patch is never enabled" "enabling patch 'klp_oldstate'"
block "missing symbol: upstream's error text" \
	"symbol 'klp_victim_no_such_function' not found in symbol table"
absent "missing symbol: the patch is never enabled" "enabling patch 'klp_missing'"
block "failing pre_patch: upstream's cancel sequence" \
	"enabling patch 'klp_cbfail'" \
	"'klp_cbfail': initializing patching transition" \
	"pre-patch callback failed for object 'vmlinux'" \
	"failed to enable patch 'klp_cbfail'" \
	"'klp_cbfail': canceling patching transition, going to unpatch" \
	"'klp_cbfail': completing unpatching transition" \
	"'klp_cbfail': unpatching complete"
report_summary
