#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make bench-livepatch`: what live patching costs, per port with a kit
# half (scripts/ports.sh), on both reliable unwinders (the kit-orc and
# kit-fp images; kit-fp walks the port's frame chain: frame pointers, or
# the back chain on s390x and ppc64le):
#   1. ns per call of a patched function against the same call unpatched
#      (ftrace site, trampoline with pt_regs, livepatch handler, new
#      function; against a direct call over a NOP site);
#   2. transition time under 64, 256 and 1024 tasks calling the patched
#      function, and how the tasks switched (boundary, checkpoint, stack
#      check, fake signal) and how often the transition work retried.
# Both come from one kit selftest per image run
# (selftests/kit-tests/livepatch_bench_test.c), N runs per image,
# alternating the order of the two images; the host's port natively, the
# others under their port_qemu.  bench/livepatch/report.py takes the
# medians and writes $O/bench/livepatch/{results.json,summary.md,*.png}.
#
# Usage: [BENCH_N=N] bench/livepatch/run.sh [PORT...]
#   BENCH_N image runs per port and unwinder (default 5); every kit port
#   unless PORTs are given.  Environment: O (default build).
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."

O=${O:-build}
N=${BENCH_N:-5}
. scripts/ports.sh
host=$(port_host)
ports=${*:-$(port_where kit yes)}
out=$O/bench/livepatch
raw=$out/raw
rm -rf "$out"	# every file in it is this run's
mkdir -p "$raw"

for p in $ports; do
	for u in orc fp; do
		[ -x "$O/$p/kit-$u" ] || { echo "missing $O/$p/kit-$u (make kit-image ARCH=$p)" >&2; exit 1; }
	done
	cross=$(port_cross "$p")
	# the compiler that built this port's images, for the results
	"${cross}gcc" --version | head -n 1 > "$raw/$p.gcc"
	for ((i = 0; i < N; i++)); do
		order="orc fp"
		((i % 2)) && order="fp orc"
		for u in $order; do
			f=$raw/$p.$u.$i.txt
			s=$(date +%s%N)
			# a failed run keeps its lines; report.py counts its checks
			timeout 900 env ARCH="$p" O="$O" nice selftests/kit/run-kit.sh "$u" \
				selftest livepatch_bench > "$f" 2>&1 || echo "# exit status $?" >> "$f"
			echo "# wall ms $(( ($(date +%s%N) - s) / 1000000 ))" >> "$f"
			printf '  %-8s %-3s run %d: %s\n' "$p" "$u" "$i" \
				"$(grep -m1 -o 'kit selftests: .*' "$f" || echo 'no summary line')"
		done
	done
done

O=$O HOST_PORT=$host PORTS="$ports" N=$N python3 bench/livepatch/report.py
