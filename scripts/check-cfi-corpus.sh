#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run `objtool-lite --check-cfi` over a set of objects and total the results:
# how often objtool-lite's stack state agrees with the compiler's DWARF CFI.
#
# Usage: scripts/check-cfi-corpus.sh [options] PATH...
#   PATH        an object (.o), a directory (every *.o below it), or a static
#               library (.a, extracted under the output directory)
#   -n NAME     name of the run (default: cfi); results go to $O/check-cfi/NAME/
#   -j N        parallel jobs (default: number of CPUs)
#   -m N        take at most N objects per PATH, spread evenly (default: all)
#   -M PCT      exit 1 when the agreement is below PCT percent
#   -S PCT      exit 1 when more than PCT percent have no objtool state
#   -f FLAGS    extra objtool-lite flags (e.g. --stackval); the walk always
#               runs, --check-cfi compares after it
#   -q          no per-class breakdown, totals only
# Environment: O (build dir, default build), OBJTOOL (default $O/host/objtool-lite).
#
# Each object runs with --check-cfi --stats --verbose (nothing is written:
# no --orc/--mcount).  Output under $O/check-cfi/NAME/:
#   objects.tsv   one line per object: path status rc compared agree equiv
#                 no_state no_dwarf equiv_fp padding walk_warnings
#                 mismatches error group (padding: NOPs no path reaches,
#                 not compared; status: ok; warn: walk warnings; empty: no symbol
#                 table; nocfi: code without DWARF CFI, nothing to compare;
#                 error, crash (signal), timeout; group: the PATH it came
#                 from, e.g. the library)
#                 Counted the strict way: compared = agree + disagree +
#                 no_state; an address with CFI but no objtool-lite state
#                 fails like a disagreement.
#   groups.tsv    the same totals per PATH: group objects compared agree
#                 identical equiv disagree no_state agree_pct no_state_pct
#   mismatch.tsv  one line per disagreeing address: object location detail
#   warnings.tsv  one line per walk warning: object location message
#   summary.json  the totals
#   logs/         objtool-lite's stderr per object ("CFI equivalent" notes
#                 are counted, not kept)
# Exit: 0, or 1 when an object crashed/timed out, or the -M threshold failed.
set -uo pipefail

O=${O:-build}
OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
name=cfi jobs=$(nproc 2>/dev/null || echo 2) max=0 min_pct="" max_ns="" flags="" quiet=0
while getopts "n:j:m:M:S:f:qh" opt; do
	case $opt in
	n) name=$OPTARG ;;
	j) jobs=$OPTARG ;;
	m) max=$OPTARG ;;
	M) min_pct=$OPTARG ;;
	S) max_ns=$OPTARG ;;
	f) flags=$OPTARG ;;
	q) quiet=1 ;;
	*) sed -n '5,38p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { echo "check-cfi-corpus: no objects given (-h for usage)" >&2; exit 2; }
[ -x "$OBJTOOL" ] || { echo "check-cfi-corpus: $OBJTOOL not built (make objtool)" >&2; exit 2; }

out=$O/check-cfi/$name
rm -rf "$out"
mkdir -p "$out/logs" "$out/res" "$out/ar"
OBJTOOL=$(readlink -f "$OBJTOOL")

# --- the object list --------------------------------------------------------
# -m N keeps every k-th object of a sorted list: a fixed, reproducible subset.
pick() {
	if [ "$max" -gt 0 ]; then
		awk -v max="$max" '{ a[NR] = $0 } END {
			if (NR <= max) { for (i = 1; i <= NR; i++) print a[i]; exit }
			for (i = 0; i < max; i++) print a[int(i * NR / max) + 1] }'
	else
		cat
	fi
}
# Each line: the object's group (the PATH it was found under: a library,
# a directory), a tab, the object.
list=$out/objects.list
: >"$list"
group() { awk -v g="${1%/}" '{ print g "\t" $0 }'; }
for p in "$@"; do
	if [ -d "$p" ]; then
		find "$p" -name '*.o' -type f | LC_ALL=C sort | pick | group "$p" >>"$list"
	elif [[ $p == *.a ]]; then
		d=$out/ar/$(basename "$p" .a)
		mkdir -p "$d"
		(cd "$d" && ar x "$(readlink -f "$p")") ||
			{ echo "check-cfi-corpus: ar x $p failed" >&2; exit 2; }
		find "$d" -name '*.o' -type f | LC_ALL=C sort | pick | group "$p" >>"$list"
	elif [ -f "$p" ]; then
		echo "$p" | group "$p" >>"$list"
	else
		echo "check-cfi-corpus: $p: no such object, directory or archive" >&2
		exit 2
	fi
done
nobj=$(wc -l <"$list")
[ "$nobj" -gt 0 ] || { echo "check-cfi-corpus: no objects found" >&2; exit 2; }

# --- one object ---------------------------------------------------------------
# Writes res/<n>.tsv (one objects.tsv line), res/<n>.mis and res/<n>.warn.
one() {
	local n=$1 grp=$2 obj=$3 log rc status err equiv_notes
	log=$out/logs/$n.log
	timeout -k 5 120 "$OBJTOOL" --check-cfi --stats --verbose $flags "$obj" 2>&1 >/dev/null |
		awk -v f="$out/res/$n.eqv" '/: CFI equivalent: /{ c++; next } { print }
			END { print c + 0 > f }' >"$log"
	rc=${PIPESTATUS[0]}
	awk -v obj="$obj" -F': ' '
		/: note: objtool: .*: CFI mismatch: / {
			print obj "\t" $4 "\t" $6 > "'"$out/res/$n.mis"'"; next }
		/: warning: objtool: / && !/: CFI mismatch: / {
			msg = $0; sub(/^[^:]*: warning: objtool: /, "", msg)
			loc = msg; sub(/: .*/, "", loc); sub(/^[^:]*: /, "", msg)
			print obj "\t" loc "\t" msg > "'"$out/res/$n.warn"'" }' "$log"
	local sum
	# the three summary lines of cfi_check.c's print_summary()
	sum=$(awk '
		/^check-cfi: [0-9]+ addresses compared/ { c = $2; a = $5
			for (i = 1; i <= NF; i++)
				if ($(i) == "without" && $(i + 1) == "objtool") s = $(i - 1) }
		/^check-cfi: [0-9]+ of them equivalent/ { e = $2
			for (i = 1; i <= NF; i++) {
				if ($(i) == "without" && $(i + 2) == "DWARF") d = $(i - 1)
				if ($(i) == "unreached") pad = $(i - 1) } }
		/^check-cfi: [0-9]+ identical, [0-9]+ equivalent with/ { efp = $4 }
		END { if (c != "") printf "%d\t%d\t%d\t%d\t%d\t%d\t%d", c, a, e, s, d, efp, pad }' "$log")
	err=$(grep -m1 -E ': error: |^objtool-lite: ' "$log" | tr '\t' ' ')
	if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		status=timeout
	elif [ "$rc" -ge 128 ]; then
		status=crash err="signal $((rc - 128))"
	elif [ -z "$sum" ] && grep -q -e 'missing symbol table' -e 'no DWARF CFI' "$log"; then
		# nothing to compare: an empty unit, or asm without CFI directives
		status=nocfi
		grep -q 'missing symbol table' "$log" && status=empty
	elif [ -z "$sum" ]; then
		status=error
	elif [ -s "$out/res/$n.warn" ]; then
		status=warn
	else
		status=ok
	fi
	[ -n "$sum" ] || sum=$'0\t0\t0\t0\t0\t0\t0'
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$obj" "$status" "$rc" "$sum" \
		"$(cat "$out/res/$n.warn" 2>/dev/null | wc -l)" \
		"$(cat "$out/res/$n.mis" 2>/dev/null | wc -l)" "${err:--}" "$grp" >"$out/res/$n.tsv"
}
export -f one
export out OBJTOOL flags

awk '{ printf "%d\t%s\n", NR, $0 }' "$list" |
	xargs -P "$jobs" -L 1 -d '\n' bash -c 'IFS=$'"'"'\t'"'"' read -r n grp obj <<<"$0"; one "$n" "$grp" "$obj"'

# --- totals ---------------------------------------------------------------------
for f in "$out"/res/*.tsv; do cat "$f"; done | sort >"$out/objects.tsv"
cat "$out"/res/*.mis 2>/dev/null | sort >"$out/mismatch.tsv"
cat "$out"/res/*.warn 2>/dev/null | sort >"$out/warnings.tsv"
rm -rf "$out/res"

# compared = agree + disagree + no_state (see objects.tsv above)
awk -F'\t' -v name="$name" -v json="$out/summary.json" -v groups="$out/groups.tsv" '
	function p(x, of) { return of ? 100 * x / of : 0 }
	{ n++; st[$2]++; c += $4; a += $5; e += $6; ns += $7; nd += $8; efp += $9; pad += $10
	  g = $14; if (!(g in gn)) order[++ng] = g
	  gn[g]++; gc[g] += $4; ga[g] += $5; ge[g] += $6; gs[g] += $7 }
	END {
		d = c - a - ns
		printf "check-cfi-corpus %s: %d objects: %d ok, %d with walk warnings, %d without code/symbols, %d code without CFI, %d errors, %d crashes, %d timeouts\n",
			name, n, st["ok"], st["warn"], st["empty"], st["nocfi"], st["error"], st["crash"], st["timeout"]
		printf "  addresses compared %d: agree %d (%.3f%%): identical %d (%.3f%%), equivalent %d (fp checked against DWARF %d, other %d); disagree %d (%.3f%%); without objtool state %d (%.3f%%)\n",
			c, a, p(a, c), a - e, p(a - e, c), e, efp, e - efp, d, p(d, c), ns, p(ns, c)
		printf "  not compared: %d without a DWARF CFA, %d unreached padding NOPs\n", nd, pad
		printf "  per path: objects, compared, agree%% (identical + equivalent), disagree, without objtool state (%%)\n"
		for (i = 1; i <= ng; i++) {
			g = order[i]; gd = gc[g] - ga[g] - gs[g]
			printf "    %-40s %5d %9d %8.3f%% (%d + %d) %6d %7d (%.3f%%)\n", g, gn[g], gc[g],
				p(ga[g], gc[g]), ga[g] - ge[g], ge[g], gd, gs[g], p(gs[g], gc[g])
			printf "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.4f\t%.4f\n", g, gn[g], gc[g], ga[g],
				ga[g] - ge[g], ge[g], gd, gs[g], p(ga[g], gc[g]), p(gs[g], gc[g]) > groups
		}
		printf "{\"name\":\"%s\",\"objects\":%d,\"ok\":%d,\"warn\":%d,\"empty\":%d,\"nocfi\":%d,\"error\":%d,\"crash\":%d,\"timeout\":%d,", \
			name, n, st["ok"], st["warn"], st["empty"], st["nocfi"], st["error"], st["crash"], st["timeout"] > json
		printf "\"compared\":%d,\"agree\":%d,\"identical\":%d,\"equivalent\":%d,\"equivalent_fp\":%d,\"disagree\":%d,", \
			c, a, a - e, e, efp, d > json
		printf "\"agree_pct\":%.4f,\"identical_pct\":%.4f,\"no_state\":%d,\"no_state_pct\":%.4f,\"no_dwarf\":%d,\"padding\":%d}\n", \
			p(a, c), p(a - e, c), ns, p(ns, c), nd, pad > json
	}' "$out/objects.tsv"

# errors: every one, with its reason; objects with nothing to compare, listed
awk -F'\t' '$2 == "empty" || $2 == "nocfi" { n = $1; sub(/.*\//, "", n); k[$2] = k[$2] " " n }
	END { for (s in k) printf "  %s:%s\n", s, k[s] }' "$out/objects.tsv" | fold -s -w 150 | sed -E '/^  (empty|nocfi):/!s/^/    /'
# errors: every one, with its reason
awk -F'\t' '$2 == "error" || $2 == "crash" || $2 == "timeout" {
	printf "  %s %s: %s\n", toupper($2), $1, $13 }' "$out/objects.tsv"

if [ $quiet = 0 ]; then
	# walk warnings by message (offsets and names stripped), then mismatches
	# by the kind of difference
	if [ -s "$out/warnings.tsv" ]; then
		echo "  walk warnings by kind (objects):"
		cut -f1,3 "$out/warnings.tsv" |
			sed -E 's/\t[^\t]*\(\) falls through to next function .*/\tfalls through to next function/
				s/0x[0-9a-f]+/N/g; s/[-+]?[0-9]+/N/g' |
			sort -u | cut -f2 | sort | uniq -c | sort -rn | head -20 | sed 's/^/    /'
	fi
	if [ -s "$out/mismatch.tsv" ]; then
		echo "  disagreements by kind (addresses):"
		cut -f3 "$out/mismatch.tsv" | sed -E 's/[-+][0-9]+/±N/g' |
			sort | uniq -c | sort -rn | head -20 | sed 's/^/    /'
	fi
fi
echo "  results: $out/{objects.tsv,groups.tsv,mismatch.tsv,warnings.tsv,summary.json}"

rc=0
if awk -F'\t' '$2 == "crash" || $2 == "timeout" { bad = 1 } END { exit !bad }' "$out/objects.tsv"; then
	rc=1
fi
if [ -n "$min_pct" ] &&
   ! awk -v m="$min_pct" '{ if (match($0, /"agree_pct":[0-9.]+/)) {
		v = substr($0, RSTART + 12, RLENGTH - 12); exit !(v + 0 >= m + 0) } }' "$out/summary.json"; then
	echo "check-cfi-corpus $name: agreement below $min_pct%" >&2
	rc=1
fi
if [ -n "$max_ns" ] &&
   ! awk -v m="$max_ns" '{ if (match($0, /"no_state_pct":[0-9.]+/)) {
		v = substr($0, RSTART + 15, RLENGTH - 15); exit !(v + 0 <= m + 0) } }' "$out/summary.json"; then
	echo "check-cfi-corpus $name: more than $max_ns% without objtool state" >&2
	rc=1
fi
exit $rc
