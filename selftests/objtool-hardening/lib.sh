# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the hardening tests (selftests/objtool-hardening/run.sh and
# the ports' own cases under arch/<p>/tests/), sourced after ktap.sh.

# orc_at DUMP SECTION OFFSET: the entry a lookup finds for SECTION+OFFSET
# in a --dump=orc listing ("sec+hex:fields"), i.e. the last one at or
# before OFFSET; empty when there is none.
orc_at() {
	local line sec off best=-1 found=""
	while IFS= read -r line; do
		[[ $line =~ ^([^+]+)\+([0-9a-f]+): ]] || continue
		sec=${BASH_REMATCH[1]} off=$((16#${BASH_REMATCH[2]}))
		[ "$sec" = "$2" ] || continue
		if [ "$off" -le $(($3)) ] && [ "$off" -gt "$best" ]; then
			best=$off found=${line#*:}
		fi
	done <"$1"
	echo "$found"
}

# orc_defined ENTRY: the entry gives a rule (not the UNDEFINED type)
orc_defined() {
	[ -n "$1" ] && [[ $1 != type:\(und\)* ]]
}

# run_copy OBJ COPY OPTS...: objtool-lite ($OBJTOOL) with OPTS on COPY, a
# fresh copy of OBJ; its output goes to COPY.log, its exit status to $rc.
run_copy() {
	local obj=$1 copy=$2

	shift 2
	cp "$obj" "$copy"
	"$OBJTOOL" "$@" "$copy" >"$copy.log" 2>&1
	rc=$?
}

# refused LOG OBJ COPY PATTERN: the run that wrote LOG on COPY (a copy of
# OBJ) failed with an "error:" line that names COPY and matches PATTERN
# (an ERE: function and cause), and left COPY byte for byte as OBJ.
# Uses $rc, the run's exit status.
refused() {
	local copy_re
	copy_re=$(printf '%s' "$3" | sed 's/[.[\*^$/]/\\&/g')
	[ "$rc" = 1 ] || { report_info "exit status $rc, 1 expected"; return 1; }
	grep -Eq "^$copy_re: error: objtool: $4" "$1" ||
		{ report_info "no error line matching '$4' in $1:"; report_info "$(cat "$1")"; return 1; }
	cmp -s "$2" "$3" || { report_info "$3 was changed"; return 1; }
}
