#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make bench-unwind`: ns per frame of the kit's reliable unwinders, ORC
# and frame pointers, from the current context at depths 8, 32 and 128
# (selftests/kit-tests/unwind_bench_test.c: 15 runs of 200 walks each; median, min and
# max over the runs), per arch: x86_64 natively, arm64 under
# qemu-aarch64-static (labelled "emulated": those numbers measure QEMU's
# translation as much as the unwinder).  Each image is run N times (-n,
# default 3) alternating ORC and FP; the median of those medians is kept.
#
# Usage: bench/unwind/run.sh [-n N] [ARCH...]
# Environment: O (default build).  Writes $O/bench/unwind/results.md and
# results.tsv.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."

O=${O:-build}
N=3
while getopts "n:h" opt; do
	case $opt in
	n) N=$OPTARG ;;
	*) sed -n '3,15p' "$0"; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
arches=${*:-$(scripts/ports.sh where kit yes)}
host=$(scripts/ports.sh host)
out=$O/bench/unwind
mkdir -p "$out"
raw=$out/raw.tsv
: > "$raw"

for arch in $arches; do
	for u in orc fp; do
		[ -x "$O/$arch/kit-$u" ] || { echo "missing $O/$arch/kit-$u (make kit-image ARCH=$arch)" >&2; exit 1; }
	done
	for ((i = 0; i < N; i++)); do
		order="orc fp"
		((i % 2)) && order="fp orc"
		for u in $order; do
			ARCH=$arch O=$O selftests/kit/run-kit.sh "$u" selftest unwind_bench |
			sed -n 's/.*# bench unwinder=\([a-z]*\) depth=\([0-9]*\) frames=\([0-9]*\) median=\([0-9.]*\) min=\([0-9.]*\) max=\([0-9.]*\).*/\1\t\2\t\3\t\4\t\5\t\6/p' |
			sed "s/^/$arch\t/" >> "$raw"
		done
	done
done

# arch unwinder depth frames median min max -> one line per arch/depth
awk -F'\t' -v host="$host" '
function median(list,   n, a, i, j, t) {
	n = split(list, a, " ")
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
	return a[int((n + 1) / 2)]
}
{
	k = $1 SUBSEP $2 SUBSEP $3
	med[k] = med[k] " " $5
	if (!(k in mn) || $6 + 0 < mn[k]) mn[k] = $6 + 0
	if (!(k in mx) || $7 + 0 > mx[k]) mx[k] = $7 + 0
	frames[k] = $4
	seen[$1 SUBSEP $3] = 1
	arch[$1] = 1
}
END {
	print "| arch | depth (frames) | ORC ns/frame median (min-max) | FP ns/frame median (min-max) | ORC/FP |"
	print "|---|---|---|---|---|"
	for (a in arch) for (d = 8; d <= 128; d *= 4) {
		ko = a SUBSEP "orc" SUBSEP d; kf = a SUBSEP "fp" SUBSEP d
		if (!(ko in med) || !(kf in med)) continue
		mo = median(med[ko]); mf = median(med[kf])
		label = a (a == host ? " (native)" : " (emulated, qemu-user)")
		printf "| %s | %d (%d) | %.1f (%.1f-%.1f) | %.1f (%.1f-%.1f) | %.2f |\n", label, d, frames[ko], mo, mn[ko], mx[ko], mf, mn[kf], mx[kf], mo / mf
		printf "%s\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\n", a, d, frames[ko], mo, mn[ko], mx[ko], mf, mn[kf], mx[kf], mo / mf > tsv
	}
}' tsv="$out/results.tsv" "$raw" > "$out/results.md"
{
	echo
	echo "ns per frame of kit_stack_trace_save_reliable() from the current context;"
	echo "median over $N image runs of the median of 15 runs x 200 walks; min/max over all runs."
} >> "$out/results.md"
cat "$out/results.md"
