#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the libFuzzer targets (fuzz/README.md), unattended and bounded, one
# after the other (the machine's cores are shared): each stops after
# FUZZ_EXECS executions or FUZZ_TIME seconds, whichever comes first.
#
#   objtool:MODE   objtool-lite in one mode, MODE one of $OBJTOOL_MODES
#   orc-sort       the image sort (orc/host/sort.c)
#   orc-lookup     the kit's ORC runtime lookup (kernel/orc_lookup.c)
#   module:PORT    the kit's module loader (kernel/module*.c) with PORT's
#                  relocations, for every port with a kit half
#
# Seeds come from every port (scripts/ports.sh list): the kit's objects,
# modules and images under $O/<port>/ and a sample of the real-object
# corpus under $O/corpus/<port>/.  The queue a run grows is kept in
# $FUZZ_O/queue/<target>/ and seeds the next run.
#
# At the end it prints, per target and in $FUZZ_O/report.txt: executions,
# seconds, exec/s, coverage (edges and features, as libFuzzer counts
# them), queue size, and findings (crashes and sanitizer reports, hangs,
# out-of-memory), keeps each finding's input and log under
# $FUZZ_O/findings/<target>/, and exits 1 when there was any.
#
# Usage: scripts/fuzz/fuzz.sh [TARGET...]   (from `make fuzz`)
# Environment: O (build dir, default build), FUZZ_O (default $O/fuzz),
#   FUZZ_EXECS (default 10000000), FUZZ_TIME (seconds per target, default
#   600), FUZZ_TIMEOUT (seconds per input, default 20), FUZZ_TARGETS
#   (default: all of the above).
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/ports.sh
O=${O:-build}
FUZZ_O=${FUZZ_O:-$O/fuzz}
FUZZ_EXECS=${FUZZ_EXECS:-10000000}
FUZZ_TIME=${FUZZ_TIME:-600}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-20}
bin=$FUZZ_O/bin

OBJTOOL_MODES="check module orc stackval mcount dump dump-json check-cfi disas"
all_targets() {
	local m
	for m in $OBJTOOL_MODES; do echo "objtool:$m"; done
	echo orc-sort orc-lookup
	for m in $(port_where kit yes); do echo "module:$m"; done
}
if [ $# -gt 0 ]; then
	targets="$*"
else
	targets=${FUZZ_TARGETS:-$(all_targets)}
fi

for t in $targets; do
	b=${t%%:*}
	[ "$b" = module ] && b=module-${t#module:}
	[ -x "$bin/$b" ] || { echo "fuzz: $bin/$b missing (make fuzz-build)" >&2; exit 1; }
done

# --- seeds ---------------------------------------------------------------
. scripts/fuzz/seeds.sh

# --- run -----------------------------------------------------------------
# Leaks are findings where the code under test must free what it took (the
# loader, the ORC runtime); the one-shot tools leave memory to exit().
asan=abort_on_error=1:allocator_may_return_null=1:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
tmp=$(mktemp -d "${TMPDIR:-/dev/shm}/klpkit-fuzz.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export FUZZ_TMPDIR=$tmp

run_target() {	# run_target TARGET: one libFuzzer run, its log in $FUZZ_O/log/
	local t=$1 name=${1/:/-} b mode= leaks=0 dict= seeds started
	case $t in
	objtool:*) b=objtool; mode=${t#objtool:}; dict=-dict=scripts/fuzz/objtool.dict; leaks=1 ;;
	module:*) b=module-${t#module:}; leaks=1 ;;
	orc-lookup) b=$t; leaks=1 ;;
	*) b=$t ;;
	esac
	mkdir -p "$FUZZ_O/queue/$name" "$FUZZ_O/findings/$name" "$FUZZ_O/log"
	rm -f "$FUZZ_O/findings/$name"/*
	seeds=$(seed_dir "$t")
	echo "  FUZZ     $t: ${FUZZ_TIME}s or $FUZZ_EXECS execs"
	started=$SECONDS
	ASAN_OPTIONS=$asan:detect_leaks=$leaks FUZZ_MODE=$mode nice "$bin/$b" -runs="$FUZZ_EXECS" -max_total_time="$FUZZ_TIME" \
		-timeout="$FUZZ_TIMEOUT" -rss_limit_mb=2560 -print_final_stats=1 \
		-artifact_prefix="$FUZZ_O/findings/$name/" $dict \
		"$FUZZ_O/queue/$name" "$seeds" \
		>"$FUZZ_O/log/$name.log" 2>&1 || true
	elapsed=$((SECONDS - started))
}

# final_stat LOG KEY: a number from libFuzzer's final stats
final_stat() {
	sed -n "s/^stat::$2: *//p" "$1" | tail -n 1
}
# the last status line's FIELD (cov, ft, corp)
last() {
	grep -E '^#[0-9]+' "$1" | tail -n 1 | sed -n "s/.* $2: \([0-9/a-zA-Z]*\).*/\1/p"
}

status=0
report=$FUZZ_O/report.txt
printf '%-18s %10s %6s %7s %6s %6s %6s %8s %6s %4s\n' target execs secs exec/s \
	edges feat queue crashes hangs oom >"$report.tmp"
for t in $targets; do
	name=${t/:/-}
	run_target "$t"
	log=$FUZZ_O/log/$name.log
	execs=$(final_stat "$log" number_of_executed_units)
	secs=$elapsed
	if [ -z "$execs" ]; then
		# a finding stops libFuzzer before its final stats
		execs=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed 's/^#\([0-9]*\).*/\1/')
	fi
	crashes=$(find "$FUZZ_O/findings/$name" -name 'crash-*' | wc -l)
	hangs=$(find "$FUZZ_O/findings/$name" -name 'timeout-*' | wc -l)
	ooms=$(find "$FUZZ_O/findings/$name" -name 'oom-*' -o -name 'leak-*' | wc -l)
	if [ $((crashes + hangs + ooms)) -eq 0 ] && { [ -z "$execs" ] || ! grep -q 'INITED' "$log"; }; then
		echo "fuzz: $t did not start; its log:" >&2
		tail -n 20 "$log" >&2
		status=1
		continue
	fi
	[ $((crashes + hangs + ooms)) -eq 0 ] || {
		status=1
		cp "$log" "$FUZZ_O/findings/$name/LOG"
	}
	execs=${execs:-0}
	printf '%-18s %10s %6s %7s %6s %6s %6s %8s %6s %4s\n' "$t" "$execs" "$secs" \
		"$((execs / (secs > 0 ? secs : 1)))" "$(last "$log" cov)" "$(last "$log" ft)" \
		"$(last "$log" corp | cut -d/ -f1)" "$crashes" "$hangs" "$ooms" >>"$report.tmp"
done
mv "$report.tmp" "$report"
sed 's/^/fuzz: /' "$report"
echo "fuzz: findings (inputs and logs) in $FUZZ_O/findings/"
exit $status
