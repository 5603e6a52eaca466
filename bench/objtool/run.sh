#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make bench-objtool`: objtool-lite versus upstream objtool 6.12 on the same
# stripped corpus modules (ORC, ORC header and __mcount_loc removed, as in
# scripts/compare-upstream.sh), for two option sets:
#   --module --orc
#   --module --orc --mcount
# Every run gets a fresh copy of the stripped module (the copy is not timed).
# Each repetition runs the whole set with one tool, then with the other,
# alternating which goes first, so drift (frequency, cache, other load)
# spreads over both.  Reported: wall time of the whole set (median, min,
# max over N repetitions) and per module (median), the ratio
# objtool-lite/upstream of the medians, and the peak RSS of each tool
# (largest over the set, from GNU time's %M).
#
# Modules upstream refuses (no ORC written: kvm-amd, kvm-intel today) are
# left out: upstream stops early on them, so their times do not compare.
#
# Usage: bench/objtool/run.sh [-n N] [MODULE.ko...]
# Environment: O, OBJTOOL, ARCH, UPSTREAM as for scripts/compare-upstream.sh.
# Writes $O/bench/objtool/results.json and results.md.
set -uo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."

O=${O:-build}
OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
N=5
while getopts "n:h" opt; do
	case $opt in
	n) N=$OPTARG ;;
	*) sed -n '/^# Usage/,/^# Writes/p' "$0" | sed 's/^# //'; exit 2 ;;
	esac
done
shift $((OPTIND - 1))

ARCH=${ARCH:-$(scripts/ports.sh host)}
UPSTREAM=${UPSTREAM:-$(scripts/ports.sh upstream "$ARCH")}
[ -x "${UPSTREAM:-}" ] || { echo "bench-objtool: no upstream objtool for $ARCH (make deps)" >&2; exit 1; }
[ -x "$OBJTOOL" ] || { echo "bench-objtool: no $OBJTOOL (make objtool)" >&2; exit 1; }
TIME=/usr/bin/time
[ -x $TIME ] || { echo "bench-objtool: no GNU time at $TIME (package time; make deps)" >&2; exit 1; }

if [ $# -eq 0 ]; then
	set -- "$O/corpus/$ARCH"/*.ko
	[ -f "$1" ] || { echo "bench-objtool: no corpus (make corpus)" >&2; exit 1; }
fi

out=$O/bench/objtool
work=$out/work
rm -rf "$work"
mkdir -p "$work/pristine" "$work/run"

# Stripped inputs, and the set upstream accepts.
mods=() skipped=()
for f in "$@"; do
	m=$(basename "$f" .ko)
	p=$work/pristine/$m.ko
	objcopy -R .orc_unwind -R .orc_unwind_ip -R .rela.orc_unwind_ip \
		-R .orc_header -R __mcount_loc -R .rela__mcount_loc "$f" "$p" || exit 1
	cp "$p" "$work/run/probe.ko"
	"$UPSTREAM" --module --orc "$work/run/probe.ko" >/dev/null 2>&1
	if [ $? -eq 0 ] && grep -q ' \.orc_unwind ' <<<"$(readelf -SW "$work/run/probe.ko" 2>/dev/null)"; then
		mods+=("$m")
	else
		skipped+=("$m")
	fi
done
rm -f "$work/run/probe.ko"
[ ${#mods[@]} -gt 0 ] || { echo "bench-objtool: upstream accepted no module" >&2; exit 1; }

# One timed run: TOOL-BIN OPTS MODULE -> appends "ns kb" to $work/t/...
run_one() {	# run_one TOOLNAME BIN CONFIG "OPTS" MODULE
	local f=$work/run/$5.ko t0 t1 kb
	cp "$work/pristine/$5.ko" "$f"
	t0=$(date +%s%N)
	# shellcheck disable=SC2086
	$TIME -f '%M' -o "$work/run/time.out" "$2" $4 "$f" >/dev/null 2>&1
	t1=$(date +%s%N)
	kb=$(tail -n 1 "$work/run/time.out")
	echo "$1	$3	$5	$((t1 - t0))	$kb" >>"$work/samples.tsv"
}

configs=("orc:--module --orc" "orc-mcount:--module --orc --mcount")
: >"$work/samples.tsv"
echo "bench-objtool: ${#mods[@]} modules, N=$N, upstream: $UPSTREAM"
[ ${#skipped[@]} -eq 0 ] || echo "  left out (upstream refuses): ${skipped[*]}"
for rep in $(seq 1 "$N"); do
	for c in "${configs[@]}"; do
		cname=${c%%:*} opts=${c#*:}
		if [ $((rep % 2)) = 1 ]; then order="lite upstream"; else order="upstream lite"; fi
		for tool in $order; do
			if [ $tool = lite ]; then bin=$OBJTOOL; else bin=$UPSTREAM; fi
			t0=$(date +%s%N)
			for m in "${mods[@]}"; do
				run_one $tool "$bin" "$cname" "$opts" "$m"
			done
			t1=$(date +%s%N)
			echo "$tool	$cname	__set__	$((t1 - t0))	0" >>"$work/samples.tsv"
		done
	done
	echo "  repetition $rep/$N done"
done
rm -f "$work/run/"*.ko

# Statistics: the set time is the sum of the per-module tool times of one
# repetition (copies excluded); per module, medians over the repetitions.
awk -F'\t' -v n="$N" -v upstream="$UPSTREAM" -v objtool="$OBJTOOL" \
	-v json="$out/results.json" -v md="$out/results.md" -v skipped="${skipped[*]}" '
function median(arr, k,    i, j, t, a) {
	for (i = 1; i <= k; i++) a[i] = arr[i]
	for (i = 2; i <= k; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
	return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
}
$3 == "__set__" { next }
{
	key = $1 SUBSEP $2
	# set sum per repetition: the r-th sample of a (tool, config, module)
	# belongs to repetition r
	r = ++cnt[$1, $2, $3]
	setsum[key, r] += $4
	mod[$1, $2, $3, r] = $4
	if ($5 > rss[key]) { rss[key] = $5; rssmod[key] = $3 }
	if ($5 > mrss[$1, $2, $3]) mrss[$1, $2, $3] = $5
	if (!($3 in seenmod)) { seenmod[$3] = 1; mods[++nm] = $3 }
	if (!($2 in seencfg)) { seencfg[$2] = 1; cfgs[++nc] = $2 }
}
END {
	printf "{\n  \"upstream\": \"%s\",\n  \"objtool_lite\": \"%s\",\n  \"repetitions\": %d,\n  \"modules\": %d,\n  \"left_out\": \"%s\",\n  \"configs\": [", upstream, objtool, n, nm, skipped >json
	print "# objtool-lite vs upstream objtool 6.12\n" >md
	printf "%d stripped Debian 6.12 modules, %d repetitions; times in ms (median [min-max]) for the whole set, peak RSS in MiB (largest over the set).\n", nm, n >md
	if (skipped != "") printf "Left out (upstream refuses them): %s.\n", skipped >md
	print "\n| options | objtool-lite ms | upstream ms | ratio lite/upstream | lite peak RSS | upstream peak RSS |" >md
	print "|---|---|---|---|---|---|" >md
	for (c = 1; c <= nc; c++) {
		cf = cfgs[c]
		for (t = 0; t < 2; t++) {
			tool = t ? "upstream" : "lite"
			k = 0; mn = 1e30; mx = 0
			for (r = 1; r <= n; r++) { v = setsum[tool, cf, r] / 1e6; s[++k] = v; if (v < mn) mn = v; if (v > mx) mx = v }
			med[tool] = median(s, k); lo[tool] = mn; hi[tool] = mx
		}
		ratio = med["lite"] / med["upstream"]
		opts = (cf == "orc") ? "--module --orc" : "--module --orc --mcount"
		printf "| `%s` | %.0f [%.0f-%.0f] | %.0f [%.0f-%.0f] | **%.2f** | %.1f (%s) | %.1f (%s) |\n", opts,
			med["lite"], lo["lite"], hi["lite"], med["upstream"], lo["upstream"], hi["upstream"], ratio,
			rss["lite", cf] / 1024, rssmod["lite", cf], rss["upstream", cf] / 1024, rssmod["upstream", cf] >md
		printf "%s\n    {\"config\": \"%s\", \"options\": \"%s\", \"lite_ms\": {\"median\": %.1f, \"min\": %.1f, \"max\": %.1f}, \"upstream_ms\": {\"median\": %.1f, \"min\": %.1f, \"max\": %.1f}, \"ratio_lite_upstream\": %.3f, \"lite_peak_rss_kb\": %d, \"upstream_peak_rss_kb\": %d, \"per_module\": [",
			(c > 1 ? "," : ""), cf, opts, med["lite"], lo["lite"], hi["lite"], med["upstream"], lo["upstream"], hi["upstream"], ratio,
			rss["lite", cf], rss["upstream", cf] >json
		for (i = 1; i <= nm; i++) {
			m = mods[i]
			for (t = 0; t < 2; t++) {
				tool = t ? "upstream" : "lite"
				for (r = 1; r <= n; r++) s[r] = mod[tool, cf, m, r] / 1e6
				mm[tool] = median(s, n)
			}
			printf "%s\n      {\"module\": \"%s\", \"lite_ms\": %.2f, \"upstream_ms\": %.2f, \"ratio\": %.3f, \"lite_rss_kb\": %d, \"upstream_rss_kb\": %d}",
				(i > 1 ? "," : ""), m, mm["lite"], mm["upstream"], mm["lite"] / mm["upstream"],
				mrss["lite", cf, m], mrss["upstream", cf, m] >json
			permod[c, i] = sprintf("| %s | %.1f | %.1f | %.2f | %.1f | %.1f |", m, mm["lite"], mm["upstream"],
				mm["lite"] / mm["upstream"], mrss["lite", cf, m] / 1024, mrss["upstream", cf, m] / 1024)
		}
		printf "\n    ]}" >json
	}
	printf "\n  ]\n}\n" >json
	for (c = 1; c <= nc; c++) {
		printf "\n## Per module, `%s` (medians)\n\n", (cfgs[c] == "orc") ? "--module --orc" : "--module --orc --mcount" >md
		print "| module | objtool-lite ms | upstream ms | ratio | lite RSS MiB | upstream RSS MiB |" >md
		print "|---|---|---|---|---|---|" >md
		for (i = 1; i <= nm; i++) print permod[c, i] >md
	}
}' "$work/samples.tsv"

echo
sed -n '1,/^$/d; /^## /q; p' "$out/results.md" | sed '/^## /d'
echo "results: $out/results.json, $out/results.md"
