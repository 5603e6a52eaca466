#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# objtool-lite against upstream objtool 6.12 on the stripped corpus modules
# of a port whose descriptor names an upstream objtool (ARCH; the port's
# expectations are in arch/$ARCH/tests/objtool-upstream/;
# scripts/compare-upstream.sh does the work): per module, the warnings and
# objtool-lite's --dump=orc text must be identical to upstream's; overall,
# at least 99% of upstream's ORC entries must be identical.  Modules
# upstream refuses are compared with the table shipped in the module, for
# information only (module linking changed what objtool sees there).
#
# Then the comparison itself is tested: objtool-lite wrapped so that its
# output is altered (one ORC entry changed, a warning added, a warning
# dropped) must be caught.
set -uo pipefail
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh

O=${O:-build}
OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
export ARCH=${ARCH:-$(scripts/ports.sh host)}
work=$O/selftests/objtool-upstream/$ARCH
MIN_AGREEMENT=99
data=arch/$ARCH/tests/objtool-upstream
KNOWN=$data/known-differences.tsv
corpus=$O/corpus/$ARCH
[ -f "$data/expect.sh" ] && [ -f "$KNOWN" ] ||
	{ echo "port $ARCH lacks $data/expect.sh and known-differences.tsv"; exit 1; }
. "$data/expect.sh"

upstream=$(scripts/ports.sh upstream "$ARCH") || {
	echo "SKIP: no upstream objtool for $ARCH ($(scripts/ports.sh get "$ARCH" upstream_objtool); make deps)"
	exit 77
}
if ! ls "$corpus"/*.ko >/dev/null 2>&1; then
	echo "SKIP: no corpus modules in $corpus (make corpus)"
	exit 77
fi
[ -x "$OBJTOOL" ] || { echo "no $OBJTOOL (make objtool)"; exit 1; }
rm -rf "$work"
mkdir -p "$work"

# --- the corpus ------------------------------------------------------------
OUT=$work/corpus OBJTOOL=$OBJTOOL UPSTREAM=$upstream scripts/compare-upstream.sh -q --known $KNOWN \
	>"$work/corpus.out" 2>&1
rc=$?
report_info "$(cat "$work/corpus.out")"
report $rc "compare-upstream.sh ran on the corpus"
[ -s "$work/corpus/unexplained.tsv" ] || [ -s "$work/corpus/gone.tsv" ]
report $((!$?)) "ORC differences are exactly the known ones ($KNOWN)"
tsv=$work/corpus/results.tsv
[ -s "$tsv" ] || { report 1 "results in $tsv"; report_summary; exit; }

refused=""
while IFS=$'\t' read -r m st nu nl sm ou ol ws ds rn rs wu wl; do
	[ "$m" = module ] && continue
	if [ "${st%%,*}" = refused ]; then
		refused="$refused $m"
		report_info "$m: upstream refused; objtool-lite vs shipped table: $rs/$rn identical, $wl warnings"
		[ "$st" = refused ]
		report $? "$m: objtool-lite succeeds where upstream refuses"
		continue
	fi
	pct=$(awk -v n="$sm" -v d="$nu" 'BEGIN { printf "%.2f", d ? 100 * n / d : 0 }')
	[ "$st" = ok ] && [ "$ws" = yes ] && [ "$ds" = yes ] && [ "$nu" -gt 0 ]
	report $? "$m: $sm/$nu entries identical ($pct%), $ou only upstream, $ol only objtool-lite; warnings identical: $ws ($wu/$wl); dump identical: $ds"
	if [ "$ws" != yes ]; then
		report_info "$(cat "$work/corpus/work/$m/warnings.diff" 2>/dev/null | head -n 20)"
	fi
done <"$tsv"

read -r n_mod t_up t_same < <(awk -F'\t' 'NR > 1 && $2 == "ok" { n++; u += $3; s += $5 }
	END { print n + 0, u + 0, s + 0 }' "$tsv")
pct=$(awk -v n="$t_same" -v d="$t_up" 'BEGIN { printf "%.2f", d ? 100 * n / d : 0 }')
awk -v p="$pct" -v m=$MIN_AGREEMENT 'BEGIN { exit !(p + 0 >= m) }'
report $? "overall: $t_same/$t_up entries identical over $n_mod modules ($pct% >= $MIN_AGREEMENT%)"
[ "$n_mod" -ge 20 ]
report $? "at least 20 modules compared ($n_mod)"
[ "$(echo $refused)" = "$EXPECTED_REFUSED" ]
report $? "upstream refuses only: $EXPECTED_REFUSED (got:${refused:- none})"

# --- the comparison catches a change -----------------------------------------
# A wrapper around objtool-lite that alters its result after the fact.
# MUTATE=entry: entry 0 of .orc_unwind gets sp_offset 0x7777;
# MUTATE=addwarn: one more warning; MUTATE=dropwarn: stderr discarded.
wrapper=$work/objtool-mutant
cat >"$wrapper" <<EOF
#!/bin/bash
real=$(realpath "$OBJTOOL")
case \$1 in --dump*) exec "\$real" "\$@" ;; esac
f=\${!#}
if [ "\$MUTATE" = dropwarn ]; then "\$real" "\$@" 2>/dev/null; else "\$real" "\$@"; fi || exit
case \$MUTATE in
entry)
	objcopy --dump-section .orc_unwind="\$f.orc" "\$f" &&
	printf '\x77\x77' | dd of="\$f.orc" bs=1 seek=0 conv=notrunc status=none &&
	objcopy --update-section .orc_unwind="\$f.orc" "\$f" && rm -f "\$f.orc" ;;
addwarn)
	echo "\$f: warning: objtool: mutant+0x0: not from objtool-lite" >&2 ;;
esac
EOF
chmod +x "$wrapper"

mutant() {	# mutant MODE MODULE: compare-upstream.sh --check must fail
	local out=$work/mutant-$1
	OUT=$out OBJTOOL=$wrapper UPSTREAM=$upstream MUTATE=$1 scripts/compare-upstream.sh -k --check $MIN_AGREEMENT --known $KNOWN \
		"$corpus/$2" >"$out.log" 2>&1
	local rc=$?
	report_info "$(grep -E '^(total|check)' "$out.log")"
	[ $rc = 1 ]
}
small=$SMALL_MODULE warned=$WARNED_MODULE
[ -f "$corpus/$warned" ] && [ "$(grep -c . "$work/corpus/work/$warned/upstream.warnings" 2>/dev/null)" -gt 0 ] ||
	warned=$(awk -F'\t' 'NR > 1 && $2 == "ok" && $12 > 0 { print $1; exit }' "$tsv")

OUT=$work/mutant-none OBJTOOL=$wrapper UPSTREAM=$upstream MUTATE=none scripts/compare-upstream.sh --check $MIN_AGREEMENT --known $KNOWN \
	"$corpus/$small" >"$work/mutant-none.log" 2>&1
report $? "unaltered objtool-lite behind the wrapper passes the check ($small)"
mutant entry "$small"
report $? "one changed ORC entry fails the check ($small)"
grep -q '^total: .* 1 only upstream, 1 only objtool-lite' "$work/mutant-entry.log"
report $? "... and is counted as one entry only upstream, one only objtool-lite"
mutant addwarn "$small"
report $? "an extra warning fails the check ($small)"
if [ -n "$warned" ]; then
	mutant dropwarn "$warned"
	report $? "a missing warning fails the check ($warned)"
else
	report_skip "no corpus module with upstream warnings"
fi

report_summary
