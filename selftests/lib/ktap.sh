# SPDX-License-Identifier: GPL-2.0
#
# KTAP for shell tests, the shell twin of selftests/lib/ktap.h:
#
#	. selftests/lib/ktap.sh
#	report COND_STATUS "what"	ok N - what / not ok N - what
#	check "what" CMD ARGS...	runs CMD; report by its exit status
#	report_skip "why"		ok N - why # SKIP
#	report_info "text"		# text
#	report_summary			totals; returns 0, 1 (a failure) or
#					77 (nothing ran but skips); the failed
#					assertions are listed again last
# Sourced by the shell tests that make several assertions.

ktap_nr=0 ktap_pass=0 ktap_fail=0 ktap_skip=0 ktap_failed=()
echo "KTAP version 1"

report() {	# report STATUS DESCRIPTION: STATUS 0 is a pass
	ktap_nr=$((ktap_nr + 1))
	if [ "$1" = 0 ]; then
		echo "ok $ktap_nr - $2"
		ktap_pass=$((ktap_pass + 1))
	else
		echo "not ok $ktap_nr - $2"
		ktap_fail=$((ktap_fail + 1))
		ktap_failed+=("$ktap_nr - $2")
	fi
	return "$1"
}

check() {	# check DESCRIPTION CMD...
	local d=$1
	shift
	"$@"
	report $? "$d"
}

report_skip() {
	ktap_nr=$((ktap_nr + 1))
	ktap_skip=$((ktap_skip + 1))
	echo "ok $ktap_nr - $1 # SKIP"
}

report_info() {
	local l
	while IFS= read -r l; do echo "# $l"; done <<<"$1"
}

# The failures are repeated last, without "# " (which the runner hides
# from its log excerpt), so the runner shows them.
report_summary() {
	local f
	for f in "${ktap_failed[@]}"; do echo "FAILED: ${f:0:160}"; done
	echo "1..$ktap_nr"
	echo "# totals: pass:$ktap_pass fail:$ktap_fail skip:$ktap_skip"
	[ $ktap_fail = 0 ] || return 1
	[ $ktap_skip != 0 ] && [ $ktap_pass = 0 ] && return 77
	return 0
}
