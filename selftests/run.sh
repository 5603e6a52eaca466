#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# klpkit selftest runner: reads tests declared as data (tests.cfg), runs each
# under `timeout`, keeps one log per test and prints KTAP.
#
# Usage: selftests/run.sh [-c CFG] [-a ARCH]... [-g GROUP]... [NAME...]
#   -c CFG     test list (default selftests/tests.cfg)
#   -a ARCH    run only instances for ARCH (repeatable; default: every port)
#   -g GROUP   run only tests in GROUP (repeatable)
#   -l         list the test instances that would run, one a line, and exit
#   NAME       run only these tests (name or name.arch)
# Environment: O (build dir, default build), OBJTOOL (passed on to tests).
#
# Exit codes of a test command, fixed for every test:
#   0 pass, 77 skip (the log's last "SKIP: reason" line is the reason),
#   124 timeout (from `timeout`), anything else a failure.
# The run ends with exactly one line "N passed, N failed" (", N skipped"
# appended only when a test was skipped) and exits 1 when anything failed.
set -uo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
O=${O:-build}
export O OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
cfg=selftests/tests.cfg
want_arches=() want_groups=() want_names=() list_only=0
# The ports are the folders arch/<p>/ with a descriptor (scripts/ports.sh;
# KLPKIT_ROOT may name another tree's ports, as the harness test does).
. scripts/ports.sh
mapfile -t ALL_ARCHES < <(port_list)
HOSTARCH=$(port_host) || { echo "run.sh: no port for this machine ($(uname -m))" >&2; exit 2; }

while getopts "c:a:g:lh" opt; do
	case $opt in
	c) cfg=$OPTARG ;;
	a) want_arches+=("$OPTARG") ;;
	g) want_groups+=("$OPTARG") ;;
	l) list_only=1 ;;
	*) sed -n '5,21p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
want_names=("$@")

logdir=$O/selftests
mkdir -p "$logdir"

in_list() {	# in_list WORD LIST...
	local w=$1 x
	shift
	for x in "$@"; do [ "$x" = "$w" ] && return 0; done
	return 1
}

# --- parse the ini-style test list -----------------------------------------
# Each [name] section has: command (required), arch (default "any"),
# timeout in seconds (default 60), groups (space separated). '#' starts a
# comment line.  Parsed into parallel arrays, in file order.
names=() cmds=() arches=() timeouts=() groupss=()
add_test() {
	[ -n "$cur" ] || return 0
	if [ -z "$t_cmd" ]; then
		echo "run.sh: $cfg: [$cur] has no command" >&2
		exit 2
	fi
	names+=("$cur") cmds+=("$t_cmd") arches+=("$t_arch")
	timeouts+=("$t_timeout") groupss+=("$t_groups")
}
cur="" lineno=0
while IFS= read -r line || [ -n "$line" ]; do
	lineno=$((lineno + 1))
	line=${line%$'\r'}
	[[ $line =~ ^[[:space:]]*(#|$) ]] && continue
	if [[ $line =~ ^\[([A-Za-z0-9_.-]+)\]$ ]]; then
		add_test
		cur=${BASH_REMATCH[1]}
		t_cmd="" t_arch=any t_timeout=60 t_groups=""
		continue
	fi
	if [[ -n $cur && $line =~ ^[[:space:]]*([a-z]+)[[:space:]]*=[[:space:]]*(.*)$ ]]; then
		val=${BASH_REMATCH[2]}
		case ${BASH_REMATCH[1]} in
		command) t_cmd=$val ;;
		arch) t_arch=$val ;;
		timeout) t_timeout=$val ;;
		groups) t_groups=$val ;;
		*) echo "run.sh: $cfg:$lineno: unknown key ${BASH_REMATCH[1]}" >&2; exit 2 ;;
		esac
		continue
	fi
	echo "run.sh: $cfg:$lineno: cannot parse: $line" >&2
	exit 2
done <"$cfg"
add_test

# --- expand into instances: one per arch a test applies to ------------------
# "arch = any" runs once, for the host.  "arch = every port" runs once per
# port, and "arch = ports with KEY" (or KEY=VALUE) once per port whose
# descriptor sets KEY (to VALUE), each named name.<port> with ARCH set for
# the command.  Tests never name a port: a new port gets them all.
ports_for() {	# ports_for SPEC
	case $1 in
	"every port") printf '%s\n' "${ALL_ARCHES[@]}" ;;
	"ports with "*=*) s=${1#ports with }; port_where "${s%%=*}" "${s#*=}" ;;
	"ports with "*) port_where "${1#ports with }" ;;
	*) return 1 ;;
	esac
}
inst_name=() inst_idx=() inst_arch=()
for i in "${!names[@]}"; do
	if [ ${#want_groups[@]} -gt 0 ]; then
		hit=0
		for g in ${groupss[$i]}; do in_list "$g" "${want_groups[@]}" && hit=1; done
		[ $hit = 1 ] || continue
	fi
	if [ "${arches[$i]}" = any ]; then
		list=("$HOSTARCH") suffix=0
	elif sel=$(ports_for "${arches[$i]}"); then
		mapfile -t list <<<"$sel"
		[ -n "$sel" ] || list=()
		suffix=1
	else
		echo "run.sh: [${names[$i]}]: arch = '${arches[$i]}': say any, every port, or ports with KEY[=VALUE]" >&2
		exit 2
	fi
	for a in "${list[@]}"; do
		in_list "$a" "${ALL_ARCHES[@]}" || { echo "run.sh: [${names[$i]}]: unknown arch $a" >&2; exit 2; }
		[ ${#want_arches[@]} -eq 0 ] || in_list "$a" "${want_arches[@]}" || continue
		n=${names[$i]}
		[ $suffix = 1 ] && n=$n.$a
		if [ ${#want_names[@]} -gt 0 ] && ! in_list "$n" "${want_names[@]}" &&
		   ! in_list "${names[$i]}" "${want_names[@]}"; then
			continue
		fi
		inst_name+=("$n") inst_idx+=("$i") inst_arch+=("$a")
	done
done

if [ $list_only = 1 ]; then
	[ ${#inst_name[@]} -eq 0 ] || printf '%s\n' "${inst_name[@]}"
	exit 0
fi

# --- run --------------------------------------------------------------------
echo "KTAP version 1"
echo "1..${#inst_name[@]}"
pass=0 fail=0 skip=0
for k in "${!inst_name[@]}"; do
	n=${inst_name[$k]} i=${inst_idx[$k]} a=${inst_arch[$k]}
	log=$logdir/$n.log
	nr=$((k + 1))
	start=$(date +%s%N)
	{
		echo "# test: $n"
		echo "# command: ${cmds[$i]}"
		echo "# arch: $a timeout: ${timeouts[$i]}s"
	} >"$log"
	# timeout runs the command in its own process group and signals the
	# whole group, so children of the test die with it; -k: KILL 5s later.
	ARCH=$a SELFTEST_NAME=$n SELFTEST_LOG=$log ROOT=$ROOT \
		timeout -k 5 "${timeouts[$i]}" bash -c "${cmds[$i]}" \
		</dev/null >>"$log" 2>&1
	rc=$?
	ms=$((($(date +%s%N) - start) / 1000000))
	echo "# exit code: $rc, ${ms} ms" >>"$log"
	case $rc in
	0)
		echo "ok $nr $n"
		pass=$((pass + 1))
		;;
	77)
		reason=$(grep -E '^SKIP: ' "$log" | tail -n 1 | sed 's/^SKIP: //')
		echo "ok $nr $n # SKIP ${reason:-no reason given}"
		skip=$((skip + 1))
		;;
	*)
		if [ $rc = 124 ] || [ $rc = 137 ]; then
			echo "# $n: timed out after ${timeouts[$i]}s"
		else
			# what failed, nested KTAP included (the last lines
			# alone may not name it), then how it ended
			echo "# $n: exit code $rc; what failed in $log:"
			grep -E '^(# *)?[[:space:]]*not ok ' "$log" | head -n 10 | sed 's/^/#   /'
			echo "# $n: its last lines:"
			grep -v '^# ' "$log" | tail -n 10 | sed 's/^/#   /'
		fi
		echo "not ok $nr $n"
		fail=$((fail + 1))
		;;
	esac
done

summary="$pass passed, $fail failed"
[ $skip -gt 0 ] && summary="$summary, $skip skipped"
echo "$summary"
[ $fail -eq 0 ]
