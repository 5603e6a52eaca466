#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# objtool-lite run many times in one process (objtool_run() then
# objtool_reset(), $O/host/objtool-reent), as the in-process fuzz target
# runs it, its memory swept after each run so that addresses recur.  One
# process does, for every port with objects here: --dump=orc on a kit
# object, --stackval --orc --mcount on object A, --orc --stats on object
# B, the dump again, --dump=orc --json, the check and write on B then A;
# then the first port's first two runs once more, after every other
# port's decoder ran.
# KTAP assertions, per run: stdout, stderr (--stats' time left out), the
# exit status and the written file are byte-identical to what a fresh
# objtool-lite process gives on the same input.  Also: two ports at least
# took part, and the writing runs did write.
set -uo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh
. scripts/ports.sh

O=${O:-build}
OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
REENT=${REENT:-$O/host/objtool-reent}
w=$O/selftests/objtool-reent
rm -rf "$w" && mkdir -p "$w/orig" "$w/in" "$w/fresh" "$w/reent" || exit 1
for t in "$OBJTOOL" "$REENT"; do
	[ -x "$t" ] || { echo "$t missing (make objtool)"; exit 1; }
done

runs=() writes=()
add_run() {	# add_run ORIGINAL ARGS...: one run on a copy of ORIGINAL
	local i=${#runs[@]} orig=$1
	shift
	cp "$orig" "$w/orig/$i.o" || exit 1
	runs+=("$* $w/in/$i.o")
	case " $* " in *" --orc "*|*" --mcount "*) writes+=("$i") ;; esac
}

has_orc() {
	grep -q '\.orc_unwind_ip' <<<"$(readelf -S "$1" 2>/dev/null)"
}

# a kit object with ORC, and two objects the check passes on: from the
# corpus, else kit objects with their ORC and ftrace table taken out (a
# corpus of distribution modules has ORC already)
kit_object() {
	local f
	for f in "$O/$1"/kernel/*.o; do
		has_orc "$f" && { echo "$f"; return 0; }
	done
	return 1
}
candidates() {
	local f i=0
	find -L "$O/corpus/$1" -type f \( -name '*.o' -o -name '*.ko' \) -size -64k \
		2>/dev/null | sort | head -n 40
	mkdir -p "$w/strip/$1"
	for f in "$O/$1"/kernel/*.o; do
		"$(port_cross "$1")objcopy" -R .orc_unwind -R .orc_unwind_ip -R .rela.orc_unwind_ip \
			-R .orc_header -R __mcount_loc -R .rela__mcount_loc "$f" \
			"$w/strip/$1/$i.o" 2>/dev/null && echo "$w/strip/$1/$i.o"
		i=$((i + 1))
	done
}
corpus_objects() {
	local f n=0
	while read -r f; do
		has_orc "$f" && continue
		cp "$f" "$w/probe.o"
		"$OBJTOOL" --stackval --orc --mcount "$w/probe.o" >/dev/null 2>&1 &&
			has_orc "$w/probe.o" || continue
		echo "$f"
		n=$((n + 1))
		[ $n -lt 2 ] || return 0
	done < <(candidates "$1")
	return 1
}

ports=() first=
for p in $(port_where objtool yes); do
	k=$(kit_object "$p") || { report_info "$p: no kit object with ORC ($O/$p/kernel/)"; continue; }
	mapfile -t c < <(corpus_objects "$p")
	[ ${#c[@]} -eq 2 ] || { report_info "$p: no two objects to write"; continue; }
	report_info "$p: $k, ${c[0]}, ${c[1]}"
	[ -n "$first" ] || first=${#runs[@]}
	ports+=("$p")
	add_run "$k" --dump=orc
	add_run "${c[0]}" --stackval --orc --mcount
	add_run "${c[1]}" --orc --stats
	add_run "$k" --dump=orc
	add_run "$k" --dump=orc --json
	add_run "${c[1]}" --stackval --orc --mcount
	add_run "${c[0]}" --stackval --orc --mcount
done
report $([ ${#ports[@]} -ge 2 ]; echo $?) "runs on two ports at least (${ports[*]:-none})"
if [ -n "$first" ]; then
	again=("${runs[@]:first:2}")
	for r in 0 1; do
		add_run "$w/orig/$((first + r)).o" ${again[r]% *}
	done
fi
[ ${#runs[@]} -gt 0 ] || { report_summary; exit 1; }

# the reference: one fresh process per run
for i in "${!runs[@]}"; do
	cp "$w/orig/$i.o" "$w/in/$i.o"
	# shellcheck disable=SC2086
	"$OBJTOOL" ${runs[i]} >"$w/fresh/$i.out" 2>"$w/fresh/$i.err"
	echo $? >"$w/fresh/$i.rc"
	cp "$w/in/$i.o" "$w/fresh/$i.obj"
	cp "$w/orig/$i.o" "$w/in/$i.o"
done

"$REENT" "$w/reent" "${runs[@]}"
report $? "objtool-reent ran ${#runs[@]} runs in one process"

no_time() {
	sed 's/ time=[0-9.]*s$//' "$1"
}
for i in "${!runs[@]}"; do
	d="run $i: ${runs[i]}"
	ok=0 why=
	cmp -s "$w/fresh/$i.out" "$w/reent/$i.out" || { ok=1 why+=" stdout"; }
	cmp -s <(no_time "$w/fresh/$i.err") <(no_time "$w/reent/$i.err") || { ok=1 why+=" stderr"; }
	cmp -s "$w/fresh/$i.rc" "$w/reent/$i.rc" || { ok=1 why+=" status"; }
	cmp -s "$w/fresh/$i.obj" "$w/in/$i.o" || { ok=1 why+=" written file"; }
	[ $ok = 0 ] || report_info "differs:$why (fresh: $w/fresh/$i.*, in-process: $w/reent/$i.*, $w/in/$i.o)"
	report $ok "$d: as a fresh process"
done
wrote=0
for i in "${writes[@]}"; do
	cmp -s "$w/orig/$i.o" "$w/fresh/$i.obj" && wrote=1
done
report $wrote "every writing run changed its object"
report_summary
