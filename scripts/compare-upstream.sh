#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# objtool-lite against upstream objtool 6.12 on the same inputs.
#
# For each object (default: the corpus modules of the port ARCH, the
# host's by default), two copies are made
# without the sections objtool generates (ORC, ORC header, __mcount_loc),
# upstream `objtool --module --orc` runs on one and objtool-lite on the
# other, and both results are dumped with UPSTREAM's --dump=orc, so the
# same reader decodes both tables.  Compared per object:
#   - ORC entries as a multiset of dump lines: identical, only upstream,
#     only objtool-lite;
#   - warnings (stderr, file path normalised), as sorted lists;
#   - the dumps of objtool-lite's output by upstream's and objtool-lite's
#     own --dump=orc, which must be the same text.
# Where upstream refuses an object (nonzero exit or no ORC written; kvm-amd
# and kvm-intel today: module linking dropped the annotation that marks an
# intra-function call in .altinstr_replacement), objtool-lite's table is
# compared with the one the kernel build shipped in the original object
# instead, and reported on its own line: that figure is not part of the
# agreement total.
#
# Usage: scripts/compare-upstream.sh [-j N] [-k] [-q] [--check PCT] [FILE...]
#   -j N         objects compared in parallel (default: number of CPUs)
#   -k           keep the work files of every object (default: only those
#                of objects with a difference)
#   -q           no per-object lines, only the totals
#   --check PCT  exit 1 unless overall agreement >= PCT (e.g. 99), all
#                warnings are identical, all dumps are identical and
#                objtool-lite succeeded everywhere
#   --known FILE with --check: every ORC entry difference must be listed in
#                FILE ("module<TAB>upstream|lite<TAB>dump line", '#'
#                comments explain them), and every listed one must still
#                occur: any change of objtool-lite's tables fails the check
# Environment: O (build dir, default build), OBJTOOL (objtool-lite, default
# $O/host/objtool-lite), ARCH (the port, default the host's), UPSTREAM
# (upstream objtool, default the one the port's descriptor names:
# scripts/ports.sh upstream ARCH), OUT (results dir, default
# $O/compare-upstream).
# Writes $OUT/results.tsv (one row per object) and $OUT/results.json, and
# per object $OUT/work/<name>/{only-upstream,only-lite,warnings.diff,...}.
set -uo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "$0")/.." && pwd)
O=${O:-build}
case $O in /*) ;; *) O=$ROOT/$O ;; esac
OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
OUT=${OUT:-$O/compare-upstream}
jobs=$(nproc 2>/dev/null || echo 1)
keep=0 quiet=0 check="" known=""

usage() { sed -n '/^# Usage:/,/^# per object/p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
	case $1 in
	-j) jobs=${2:?}; shift 2 ;;
	-k) keep=1; shift ;;
	-q) quiet=1; shift ;;
	--check) check=${2:?}; shift 2 ;;
	--check=*) check=${1#--check=}; shift ;;
	--known) known=${2:?}; shift 2 ;;
	--known=*) known=${1#--known=}; shift ;;
	-h|--help) usage ;;
	--) shift; break ;;
	-*) echo "compare-upstream: unknown option $1" >&2; usage ;;
	*) break ;;
	esac
done

ARCH=${ARCH:-$("$ROOT"/scripts/ports.sh host)}
UPSTREAM=${UPSTREAM:-$("$ROOT"/scripts/ports.sh upstream "$ARCH")} || {
	echo "compare-upstream: no upstream objtool for $ARCH ($("$ROOT"/scripts/ports.sh get "$ARCH" upstream_objtool)); run make deps" >&2
	exit 2
}
[ -x "$OBJTOOL" ] || { echo "compare-upstream: no $OBJTOOL (make objtool)" >&2; exit 2; }

if [ $# -eq 0 ]; then
	shopt -s nullglob
	set -- "$O/corpus/$ARCH"/*.ko
	shopt -u nullglob
	[ $# -gt 0 ] || { echo "compare-upstream: no corpus modules under $O/corpus/$ARCH (make corpus)" >&2; exit 2; }
fi
for f in "$@"; do
	[ -f "$f" ] || { echo "compare-upstream: $f: no such file" >&2; exit 2; }
done

# Names must be unique in the work dir; basenames are, in the corpus.
declare -A seen=()
for f in "$@"; do
	b=$(basename "$f")
	[ -z "${seen[$b]:-}" ] || { echo "compare-upstream: two inputs named $b" >&2; exit 2; }
	seen[$b]=1
done

rm -rf "$OUT/work"
mkdir -p "$OUT/work"

strip_generated() {	# IN OUT
	objcopy -R .orc_unwind -R .orc_unwind_ip -R .rela.orc_unwind_ip \
		-R .orc_header -R __mcount_loc -R .rela__mcount_loc "$1" "$2"
}

# (not "readelf | grep -q": with pipefail, grep's early exit fails readelf)
has_orc() { grep -q ' \.orc_unwind ' <<<"$(readelf -SW "$1" 2>/dev/null)"; }

# Warnings: stderr with the object's path replaced by its name, sorted.
norm_warnings() {	# FILE PATH NAME
	sed -e "s|$2|$3|g" -e '/^[[:space:]]*$/d' "$1" | sort
}

# count lines of a file (0 for a missing one)
nlines() { [ -f "$1" ] && wc -l <"$1" | tr -d ' ' || echo 0; }

# One object: writes $w/row (tab-separated, see the header below).
compare_one() {
	local src=$1 name w up lite st up_rc lite_rc n_up n_lite same oup olite
	local warn_same dump_same ref_n ref_same
	name=$(basename "$src")
	w=$OUT/work/$name
	mkdir -p "$w"
	up=$w/upstream.o lite=$w/lite.o
	strip_generated "$src" "$up" || { echo "error: objcopy failed on $src" >"$w/row"; return; }
	cp "$up" "$lite"

	"$UPSTREAM" --module --orc "$up" >"$w/upstream.out" 2>"$w/upstream.err"
	up_rc=$?
	"$OBJTOOL" --module --orc "$lite" >"$w/lite.out" 2>"$w/lite.err"
	lite_rc=$?

	# Both tables through upstream's reader.
	"$UPSTREAM" --dump=orc "$lite" 2>"$w/lite.dump.err" | sort >"$w/lite.orc"
	has_orc "$lite" || : >"$w/lite.orc"
	n_lite=$(nlines "$w/lite.orc")

	# objtool-lite's own reader must print what upstream's prints.
	if "$OBJTOOL" --dump=orc "$lite" >"$w/lite.selfdump" 2>"$w/lite.selfdump.err" &&
	   "$UPSTREAM" --dump=orc "$lite" >"$w/lite.updump" 2>/dev/null &&
	   cmp -s "$w/lite.selfdump" "$w/lite.updump"; then
		dump_same=yes
	else
		dump_same=no
		diff "$w/lite.updump" "$w/lite.selfdump" >"$w/dump.diff" 2>&1
	fi

	norm_warnings "$w/lite.err" "$lite" "$name" >"$w/lite.warnings"

	if [ $up_rc -ne 0 ] || ! has_orc "$up"; then
		# Upstream refused: compare with the table the kernel build
		# shipped in the original object.
		st=refused
		"$UPSTREAM" --dump=orc "$src" 2>/dev/null | sort >"$w/shipped.orc"
		has_orc "$src" || : >"$w/shipped.orc"
		ref_n=$(nlines "$w/shipped.orc")
		ref_same=$(comm -12 "$w/shipped.orc" "$w/lite.orc" | wc -l)
		comm -23 "$w/shipped.orc" "$w/lite.orc" >"$w/only-shipped"
		comm -13 "$w/shipped.orc" "$w/lite.orc" >"$w/only-lite"
		norm_warnings "$w/upstream.err" "$up" "$name" >"$w/upstream.warnings"
		n_up=0 same=0 oup=0 olite=$n_lite warn_same=n/a
	else
		st=ok
		"$UPSTREAM" --dump=orc "$up" 2>"$w/upstream.dump.err" | sort >"$w/upstream.orc"
		n_up=$(nlines "$w/upstream.orc")
		same=$(comm -12 "$w/upstream.orc" "$w/lite.orc" | wc -l)
		comm -23 "$w/upstream.orc" "$w/lite.orc" >"$w/only-upstream"
		comm -13 "$w/upstream.orc" "$w/lite.orc" >"$w/only-lite"
		oup=$(nlines "$w/only-upstream") olite=$(nlines "$w/only-lite")
		norm_warnings "$w/upstream.err" "$up" "$name" >"$w/upstream.warnings"
		if cmp -s "$w/upstream.warnings" "$w/lite.warnings"; then
			warn_same=yes
		else
			warn_same=no
			diff "$w/upstream.warnings" "$w/lite.warnings" >"$w/warnings.diff"
		fi
		ref_n=0 ref_same=0
	fi
	[ $lite_rc -eq 0 ] || st=$st,lite-exit-$lite_rc
	printf '%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%d\t%d\t%d\t%d\n' \
		"$name" "$st" "$n_up" "$n_lite" "$same" "$oup" "$olite" \
		"$warn_same" "$dump_same" "$ref_n" "$ref_same" \
		"$(nlines "$w/upstream.warnings")" "$(nlines "$w/lite.warnings")" >"$w/row"
	if [ $keep = 0 ] && [ "$st" = ok ] && [ "$oup" = 0 ] && [ "$olite" = 0 ] &&
	   [ "$warn_same" = yes ] && [ "$dump_same" = yes ]; then
		rm -f "$up" "$lite" "$w"/*.orc "$w"/lite.selfdump "$w"/lite.updump
	fi
}

# Run in parallel, at most $jobs at a time; order restored below.
names=()
for f in "$@"; do
	names+=("$(basename "$f")")
	while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
	compare_one "$f" &
done
wait

pct() {	# NUM DEN
	awk -v n="$1" -v d="$2" 'BEGIN { if (d == 0) print "n/a"; else printf "%.2f", 100 * n / d }'
}

tsv=$OUT/results.tsv
printf 'module\tstatus\tentries_upstream\tentries_lite\tidentical\tonly_upstream\tonly_lite\twarnings_identical\tdump_identical\tentries_shipped\tidentical_to_shipped\twarnings_upstream\twarnings_lite\n' >"$tsv"
t_n=0 t_up=0 t_lite=0 t_same=0 t_oup=0 t_olite=0 t_wbad=0 t_dbad=0 t_lbad=0 errors=0
refused=()
[ $quiet = 1 ] || printf '%-22s %7s %7s %9s %7s %7s %8s  %-8s %-4s\n' \
	module upstrm lite identical only-up only-lt agree warnings dump
for n in "${names[@]}"; do
	row=$OUT/work/$n/row
	if [ ! -s "$row" ] || grep -q '^error:' "$row"; then
		echo "$n: $(cat "$row" 2>/dev/null || echo 'no result')" >&2
		errors=$((errors + 1))
		continue
	fi
	cat "$row" >>"$tsv"
	IFS=$'\t' read -r m st nu nl sm ou ol ws ds rn rs wu wl <"$row"
	[ "$ds" = yes ] || t_dbad=$((t_dbad + 1))
	case $st in *lite-exit*) t_lbad=$((t_lbad + 1)) ;; esac
	if [ "${st%%,*}" = refused ]; then
		refused+=("$m	$rn	$rs	$nl	$wu	$wl	$st")
		continue
	fi
	t_n=$((t_n + 1)) t_up=$((t_up + nu)) t_lite=$((t_lite + nl)) t_same=$((t_same + sm))
	t_oup=$((t_oup + ou)) t_olite=$((t_olite + ol))
	[ "$ws" = yes ] || t_wbad=$((t_wbad + 1))
	[ $quiet = 1 ] || printf '%-22s %7d %7d %9d %7d %7d %7s%%  %-8s %-4s%s\n' \
		"$m" "$nu" "$nl" "$sm" "$ou" "$ol" "$(pct "$sm" "$nu")" \
		"$ws($wu/$wl)" "$ds" "$([ "$st" = ok ] || echo "  [$st]")"
done

agree=$(pct $t_same $t_up)
wall=$([ $t_wbad = 0 ] && echo yes || echo no)
dall=$([ $t_dbad = 0 ] && echo yes || echo no)
printf 'total: %d modules, %d entries upstream, %d entries objtool-lite, %d identical (%s%%), %d only upstream, %d only objtool-lite; warnings identical: %s; dumps identical: %s\n' \
	$t_n $t_up $t_lite $t_same "$agree" $t_oup $t_olite "$wall" "$dall"
for r in "${refused[@]}"; do
	IFS=$'\t' read -r m rn rs nl wu wl st <<<"$r"
	printf 'upstream refused: %s (%s); objtool-lite vs shipped table: %d/%d identical (%s%%), objtool-lite %d entries, %d warnings\n' \
		"$m" "$(grep -m1 -E 'warning|error' "$OUT/work/$m/upstream.warnings" 2>/dev/null |
			sed "s|^$m: ||" || true)" "$rs" "$rn" "$(pct "$rs" "$rn")" "$nl" "$wl"
done
[ $t_wbad = 0 ] || echo "warning lists differ: see $OUT/work/*/warnings.diff"
[ $t_oup = 0 ] && [ $t_olite = 0 ] || echo "entry differences: see $OUT/work/*/only-{upstream,lite}"
[ $t_dbad = 0 ] || echo "dump text differs: see $OUT/work/*/dump.diff"
[ $t_lbad = 0 ] || echo "objtool-lite failed (nonzero exit) on $t_lbad objects"

# JSON, from the TSV (jq-free on purpose: awk is always there).
awk -F'\t' -v agree="$agree" -v n=$t_n -v up=$t_up -v lite=$t_lite -v same=$t_same \
	-v oup=$t_oup -v olite=$t_olite -v wall="$wall" -v dall="$dall" \
	-v upstream="$UPSTREAM" -v objtool="$OBJTOOL" '
	NR == 1 { next }
	{
		rows = rows sprintf("%s\n    {\"module\": \"%s\", \"status\": \"%s\", \"entries_upstream\": %d, \"entries_lite\": %d, \"identical\": %d, \"only_upstream\": %d, \"only_lite\": %d, \"warnings_identical\": \"%s\", \"dump_identical\": \"%s\", \"entries_shipped\": %d, \"identical_to_shipped\": %d, \"warnings_upstream\": %d, \"warnings_lite\": %d}",
			(rows == "" ? "" : ","), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
	}
	END {
		printf "{\n  \"upstream\": \"%s\",\n  \"objtool_lite\": \"%s\",\n", upstream, objtool
		printf "  \"total\": {\"modules\": %d, \"entries_upstream\": %d, \"entries_lite\": %d, \"identical\": %d, \"only_upstream\": %d, \"only_lite\": %d, \"agreement_pct\": %s, \"warnings_identical\": %s, \"dumps_identical\": %s},\n",
			n, up, lite, same, oup, olite, (agree == "n/a" ? "null" : agree),
			(wall == "yes" ? "true" : "false"), (dall == "yes" ? "true" : "false")
		printf "  \"modules\": [%s\n  ]\n}\n", rows
	}' "$tsv" >"$OUT/results.json"
[ $quiet = 1 ] || echo "results: $tsv, $OUT/results.json"

# Every difference, one line each, for --known.
for n in "${names[@]}"; do
	for side in upstream lite; do
		[ -f "$OUT/work/$n/only-$side" ] || continue
		[ -f "$OUT/work/$n/only-upstream" ] || continue	# refused: not compared
		sed "s|^|$n\t$side\t|" "$OUT/work/$n/only-$side"
	done
done | sort >"$OUT/differences.tsv"

[ $errors = 0 ] || exit 1
if [ -n "$known" ]; then
	[ -f "$known" ] || { echo "compare-upstream: $known: no such file" >&2; exit 2; }
	# only the listed lines of the objects compared in this run
	grep -v -E '^[[:space:]]*(#|$)' "$known" |
		awk -F'\t' -v names="${names[*]}" 'BEGIN { n = split(names, a, " "); for (i = 1; i <= n; i++) in_run[a[i]] = 1 }
			in_run[$1]' | sort >"$OUT/known.tsv"
	comm -23 "$OUT/differences.tsv" "$OUT/known.tsv" >"$OUT/unexplained.tsv"
	comm -13 "$OUT/differences.tsv" "$OUT/known.tsv" >"$OUT/gone.tsv"
	n_unexp=$(nlines "$OUT/unexplained.tsv") n_gone=$(nlines "$OUT/gone.tsv")
	echo "known differences: $(nlines "$OUT/known.tsv") listed, $n_unexp unexplained, $n_gone no longer seen"
	[ "$n_unexp" = 0 ] || head -n 20 "$OUT/unexplained.tsv" | sed 's/^/  unexplained: /'
	[ "$n_gone" = 0 ] || head -n 20 "$OUT/gone.tsv" | sed 's/^/  no longer seen: /'
fi
if [ -n "$check" ]; then
	if [ -n "$known" ] && { [ "$n_unexp" != 0 ] || [ "$n_gone" != 0 ]; }; then
		echo "check failed: the ORC differences are not the known ones ($known)"
		exit 1
	fi
	ok=$(awk -v a="$agree" -v c="$check" 'BEGIN { print (a != "n/a" && a + 0 >= c + 0) ? 1 : 0 }')
	if [ "$ok" != 1 ] || [ $t_wbad != 0 ] || [ $t_dbad != 0 ] || [ $t_lbad != 0 ]; then
		echo "check failed: agreement $agree% (need >= $check%), warnings identical: $wall, dumps identical: $dall, objtool-lite failures: $t_lbad"
		exit 1
	fi
fi
exit 0
