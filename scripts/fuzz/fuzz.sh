#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fuzz objtool-lite with AFL++, unattended and bounded: build the tool with
# AFL++'s compiler and AddressSanitizer (a memory error aborts, so it counts
# as a crash), seed it with real objects (the kit's, for x86_64 and arm64,
# and two small kernel modules), and run afl-fuzz on two command lines at
# once, one per core:
#
#   check   --stackval --orc --mcount FILE   (reading, the walk, ORC and
#            mcount generation, the atomic rewrite) on objects without ORC
#   dump    --dump=orc FILE                  on objects with ORC
#
# Each stops after FUZZ_TIME seconds or FUZZ_EXECS executions, whichever
# comes first.  At the end it prints executions, crashes and hangs per
# command line and in total, keeps crashing and hanging inputs under
# $FUZZ_O/crashes/<mode>/ and $FUZZ_O/hangs/<mode>/ (with the first lines of
# each crash's ASan report in crashes/<mode>/REPORT), and exits 1 when
# anything crashed or hung.
#
# Usage: scripts/fuzz/fuzz.sh       (from `make check-full`)
# Environment: O (build dir, default build), FUZZ_O (default $O/fuzz),
#   FUZZ_TIME (seconds per command line, default 600), FUZZ_EXECS (default
#   10000000), FUZZ_MODES (default "check dump"), FUZZ_TIMEOUT (ms per run,
#   default 5000).
set -euo pipefail
cd "$(dirname "$0")/../.."
O=${O:-build}
FUZZ_O=${FUZZ_O:-$O/fuzz}
FUZZ_TIME=${FUZZ_TIME:-600}
FUZZ_EXECS=${FUZZ_EXECS:-10000000}
FUZZ_MODES=${FUZZ_MODES:-check dump}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-5000}

for t in afl-fuzz afl-clang-fast; do
	command -v $t >/dev/null || { echo "fuzz: $t missing (scripts/deps-full.sh)" >&2; exit 1; }
done

# --- the instrumented tool ------------------------------------------------
# Same sources and Makefile rule as the real tool; no -Werror (clang warns
# about other things than gcc), -O1 for ASan.
echo "  FUZZ     building objtool-lite with afl-clang-fast + ASan"
AFL_USE_ASAN=1 AFL_QUIET=1 make --no-print-directory -s objtool O="$FUZZ_O/build" \
	HOSTCC=afl-clang-fast V=0 \
	HOSTCFLAGS="-std=gnu11 -O1 -g -D_GNU_SOURCE -Iobjtool-lite/include -I." \
	>"$FUZZ_O.build.log" 2>&1 || { cat "$FUZZ_O.build.log" >&2; exit 1; }
tool=$FUZZ_O/build/host/objtool-lite

# --- seeds ---------------------------------------------------------------
# Debug info stripped: it is large and objtool-lite never reads it, so the
# mutations land where the tool looks.
orc_secs="-R .orc_unwind -R .orc_unwind_ip -R .rela.orc_unwind_ip -R .orc_header"
seeds() {	# seeds MODE: fill $FUZZ_O/seeds/MODE
	local mode=$1 dir=$FUZZ_O/seeds/$1 f n=0 strip
	rm -rf "$dir"
	mkdir -p "$dir"
	strip="--strip-debug"
	[ "$mode" = check ] && strip="$strip $orc_secs"
	for f in "$O"/x86_64/kernel/lib/*.o "$O"/corpus/x86_64/xts.ko \
		 "$O"/corpus/x86_64/libcrc32c.ko; do
		[ -f "$f" ] || continue
		objcopy $strip "$f" "$dir/$(basename "$f").x86_64" && n=$((n + 1))
	done
	for f in "$O"/arm64/kernel/lib/*.o; do
		[ -f "$f" ] || continue
		aarch64-linux-gnu-objcopy $strip "$f" "$dir/$(basename "$f").arm64" && n=$((n + 1))
	done
	[ $n -gt 0 ] || { echo "fuzz: no seed objects (make kit, make corpus)" >&2; exit 1; }
}

args_for() {
	case $1 in
	check) echo "--stackval --orc --mcount" ;;
	dump)  echo "--dump=orc" ;;
	*)     echo "fuzz: unknown mode $1" >&2; exit 1 ;;
	esac
}

# --- run -----------------------------------------------------------------
export AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CRASHES=1
# the tool leaks by design (it exits right away): leaks are not findings
export ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0:allocator_may_return_null=1

pids=()
for mode in $FUZZ_MODES; do
	args=$(args_for "$mode")
	seeds "$mode"
	rm -rf "$FUZZ_O/out/$mode"
	mkdir -p "$FUZZ_O/out/$mode"
	echo "  FUZZ     $mode: objtool-lite $args, ${FUZZ_TIME}s or $FUZZ_EXECS execs"
	# shellcheck disable=SC2086
	afl-fuzz -i "$FUZZ_O/seeds/$mode" -o "$FUZZ_O/out/$mode" \
		-x scripts/fuzz/objtool.dict -m none -t "$FUZZ_TIMEOUT" \
		-V "$FUZZ_TIME" -E "$FUZZ_EXECS" \
		-- "$tool" $args @@ >"$FUZZ_O/out/$mode.log" 2>&1 &
	pids+=($!)
done
status=0
for p in "${pids[@]}"; do
	wait "$p" || status=$?
done

# --- report --------------------------------------------------------------
stat() {	# stat FILE KEY
	sed -n "s/^$2 *: *//p" "$1" 2>/dev/null | head -n 1
}
total_execs=0 total_crashes=0 total_hangs=0
for mode in $FUZZ_MODES; do
	args=$(args_for "$mode")
	st=$FUZZ_O/out/$mode/default/fuzzer_stats
	if [ ! -f "$st" ]; then
		echo "fuzz: $mode: afl-fuzz did not run; its log:" >&2
		tail -n 20 "$FUZZ_O/out/$mode.log" >&2
		status=1
		continue
	fi
	execs=$(stat "$st" execs_done)
	secs=$(stat "$st" run_time)
	crashes=$(stat "$st" saved_crashes)
	hangs=$(stat "$st" saved_hangs)
	paths=$(stat "$st" corpus_count)
	rm -rf "$FUZZ_O/crashes/$mode" "$FUZZ_O/hangs/$mode"
	mkdir -p "$FUZZ_O/crashes/$mode" "$FUZZ_O/hangs/$mode"
	for f in "$FUZZ_O/out/$mode/default/crashes"/id:*; do
		[ -e "$f" ] || continue
		n=$(basename "$f" | cut -d, -f1)
		cp "$f" "$FUZZ_O/crashes/$mode/$n"
		{
			echo "== $n: objtool-lite $args $n"
			# shellcheck disable=SC2086
			ASAN_OPTIONS=detect_leaks=0:symbolize=1 timeout 60 \
				"$tool" $args "$FUZZ_O/crashes/$mode/$n" 2>&1 |
				grep -E 'ERROR: AddressSanitizer|^    #[0-9] |SUMMARY' | head -n 8
		} >>"$FUZZ_O/crashes/$mode/REPORT" || true
	done
	# runs that afl-fuzz killed (timeouts: SIGKILL) leave their temporary
	rm -f "$FUZZ_O/out/$mode/default/".cur_input.objtool-*
	for f in "$FUZZ_O/out/$mode/default/hangs"/id:*; do
		[ -e "$f" ] || continue
		cp "$f" "$FUZZ_O/hangs/$mode/$(basename "$f" | cut -d, -f1)"
	done
	printf 'fuzz: %-6s %10s execs in %4ss (%s/s), %s inputs in the queue, %s crashes, %s hangs\n' \
		"$mode" "$execs" "$secs" "$((execs / (secs > 0 ? secs : 1)))" "$paths" \
		"$crashes" "$hangs"
	total_execs=$((total_execs + execs))
	total_crashes=$((total_crashes + crashes))
	total_hangs=$((total_hangs + hangs))
done
echo "fuzz: total $total_execs execs, $total_crashes crashes, $total_hangs hangs" \
	"(inputs kept in $FUZZ_O/crashes and $FUZZ_O/hangs)"
[ $total_crashes -eq 0 ] && [ $total_hangs -eq 0 ] && [ $status -eq 0 ]
