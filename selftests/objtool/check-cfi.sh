#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# objtool-lite's stack states against the compiler's DWARF CFI, for $ARCH:
# scripts/check-cfi-corpus.sh over the kit's objects (for ports with the kit
# half) and, for ports with port_corpus_libs, a fixed
# subset of the real-object corpus: every k-th object of each static
# library, sorted by name, so every run sees the same objects), then KTAP
# assertions on its totals:
#   - no object crashed or timed out, none failed with an error;
#   - something was compared at all;
#   - counted the strict way (an address with DWARF CFI but no objtool-lite
#     state fails), at least MIN_PCT (99) percent of the compared
#     addresses agree, overall and in each path (the kit, each library);
#   - at most MAX_NO_STATE_PCT (0.5) percent have no objtool-lite state,
#     overall and in each path.
# The full output of the corpus script is in the test log; the numbers in
# $O/check-cfi/selftest-$ARCH/summary.json.
set -uo pipefail
cd "$(dirname "$0")/../.."
ARCH=${ARCH:?}
O=${O:-build}
MIN_PCT=${MIN_PCT:-99}
MAX_NO_STATE_PCT=${MAX_NO_STATE_PCT:-0.5}
CORPUS_PER_LIB=${CORPUS_PER_LIB:-150}

# The kit's objects exist once the port has its kit half; a port that
# lands objtool-lite first is checked on its corpus alone.
paths=()
if [ "$(scripts/ports.sh get "$ARCH" kit)" = yes ]; then
	kit=$O/$ARCH/kernel/lib
	[ -d "$kit" ] || { echo "no kit objects under $kit (run make ARCH=$ARCH kit)"; exit 1; }
	paths+=("$kit")
fi
if [ -n "$(scripts/ports.sh get "$ARCH" corpus_libs)" ]; then
	nlibs=0
	for lib in "$O"/corpus/$ARCH/*/; do
		[ -d "$lib" ] && paths+=("$lib") && nlibs=$((nlibs + 1))
	done
	[ $nlibs -gt 0 ] || { echo "no $ARCH corpus under $O/corpus/$ARCH (make corpus)"; exit 1; }
fi
[ ${#paths[@]} -gt 0 ] || { echo "$ARCH has neither kit objects nor a corpus to compare"; exit 1; }

name=selftest-$ARCH
# -m applies per path: the kit's few objects are all taken
scripts/check-cfi-corpus.sh -n "$name" -m "$CORPUS_PER_LIB" "${paths[@]}"
rc=$?
json=$O/check-cfi/$name/summary.json
groups=$O/check-cfi/$name/groups.tsv
[ -f "$json" ] && [ -f "$groups" ] || { echo "no $json or $groups"; exit 1; }
num() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p" "$json"; }

echo "KTAP version 1"
echo "1..7"
bad=0
t=0
check() {	# check DESCRIPTION CONDITION...
	t=$((t + 1))
	if "${@:2}"; then
		echo "ok $t $1"
	else
		echo "not ok $t $1"
		bad=1
	fi
}
check "corpus script exit code 0 (got $rc)" test "$rc" = 0
check "no crashes or timeouts ($(num crash) crashed, $(num timeout) timed out)" \
	test "$(num crash)" = 0 -a "$(num timeout)" = 0
check "no errors ($(num error))" test "$(num error)" = 0
check "addresses compared: $(num compared) in $(num objects) objects" test "$(num compared)" -gt 0
check "agreement $(num agree_pct)% >= $MIN_PCT%, no-state counted as failing (identical $(num identical_pct)%, disagree $(num disagree), no state $(num no_state))" \
	awk -v a="$(num agree_pct)" -v m="$MIN_PCT" 'BEGIN { exit !(a + 0 >= m + 0) }'
check "without objtool state $(num no_state_pct)% <= $MAX_NO_STATE_PCT% ($(num no_state) of $(num compared))" \
	awk -v a="$(num no_state_pct)" -v m="$MAX_NO_STATE_PCT" 'BEGIN { exit !(a + 0 <= m + 0) }'
# groups.tsv: group objects compared agree identical equiv disagree no_state agree_pct no_state_pct
weak=$(awk -F'\t' -v m="$MIN_PCT" -v s="$MAX_NO_STATE_PCT" \
	'$3 > 0 && ($9 + 0 < m + 0 || $10 + 0 > s + 0) { printf " %s (%s%% agree, %s%% no state)", $1, $9, $10 }' "$groups")
check "each path: agreement >= $MIN_PCT% and no state <= $MAX_NO_STATE_PCT% (failing:${weak:- none})" test -z "$weak"
echo "# $((t - bad)) passed, $bad failed"
exit $bad
