#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `kit run` in the background and klpctl against its socket: the socket's
# privacy (0700 directory, 0600 socket, another uid refused by the file
# modes and, for root, by SO_PEERCRED), a patch loaded, enabled, disabled
# and unloaded with its effect seen, tasks, log and log -f, wait, bad
# commands, garbage bytes, an over-long line, a client that goes away
# mid-command or stops reading, and shutdown leaving nothing behind.
set -uo pipefail
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh
. selftests/klpctl/lib.sh

klpctl=$O/host/klpctl
[ -x "$klpctl" ] || { echo "missing $klpctl (make klpctl)"; exit 1; }
work=$(realpath -m "$O/selftests/$ARCH/klpctl-socket")
rm -rf "$work" && mkdir -p "$work/run"
export KIT_RUN_DIR=$work/run
p=livepatch/klp_demo_v2
kit_pid=

cleanup() { [ -n "$kit_pid" ] && kill "$kit_pid" 2>/dev/null; wait 2>/dev/null; }
trap cleanup EXIT

# start_kit OUT [RUNNER...]: start `kit run` (as RUNNER's user); sets
# $kit_pid, and $sock once the kit printed it.
. selftests/klpctl/start.sh
start_kit() {
	local out=$1
	shift
	kit_start "$out" "$@" -- "${workload[@]}"
}

# ctl EXPECTED-STATUS DESCRIPTION ARGS...: run klpctl; $out and $err hold its output.
ctl() {
	local want=$1 desc=$2 st
	shift 2
	out=$("$klpctl" --socket "$sock" "$@" 2>"$work/err")
	st=$?
	err=$(cat "$work/err")
	[ "$st" = "$want" ]
	report $? "$desc" || report_info "klpctl $*: status $st, out: $out, err: $err"
}
# same OUT EXPECTED DESCRIPTION
same() { [ "$1" = "$2" ]; report $? "$3" || report_info "got: $1"; }

start_kit "$work/kit.out"
report $? "kit run prints its control socket" || { report_info "$(cat "$work/kit.out")"; report_summary; exit; }
dir=$(dirname "$sock")
same "$(stat -c '%a %U' "$dir")" "700 $(id -un)" "the socket's directory is private (0700, the kit's user)"
same "$(stat -c '%a %F' "$sock")" "600 socket" "the socket is 0600"
case "$dir" in "$KIT_RUN_DIR"/klpkit-$(id -u).*) r=0 ;; *) r=1 ;; esac
report $r "it lives in \$KIT_RUN_DIR/klpkit-<uid>.*"

ctl 0 "ls of the root" ls
same "$out" $'drwxr-xr-x tasks/\ndrwxr-xr-x livepatch/\ndrwxr-xr-x tunables/\ndrwxr-xr-x proc/\ndrwxr-xr-x tracing/\ndrwxr-xr-x debug/\ndrwxr-xr-x run/' "the root lists tasks, livepatch, tunables, proc, tracing, debug, run"
found=$(KIT_RUN_DIR=$KIT_RUN_DIR "$klpctl" cat run/user0/last 2>&1)
same "$found" 1 "klpctl finds the only kit of its user without --socket; unpatched victim returns 1"

ctl 0 "load the sample patch" load "$patch_ko"
same "$out" klp_demo_v2 "load names the module"
ctl 0 "wait for its transition" wait 10000
ctl 0 "enabled" cat $p/enabled
same "$out" 1 "enabled reads 1"
sleep 0.3
ctl 0 "the workload's last value" cat run/user0/last
same "$out" 2 "a user task sees the new function"
ctl 1 "a write to read-only transition fails" write $p/transition 1
same "$err" "klpctl: EACCES: write $p/transition: permission denied" "with EACCES on stderr"
ctl 1 "a bad bool fails" write $p/enabled maybe
same "$err" "klpctl: EINVAL: write $p/enabled: invalid argument" "with EINVAL"
ctl 1 "an unknown command fails" frobnicate
same "$err" "klpctl: EINVAL: unknown command 'frobnicate' (try: help)" "naming the command"
ctl 1 "a bad path fails" cat livepatch/nosuch
same "$err" "klpctl: ENOENT: cat livepatch/nosuch: no such file or directory" "with ENOENT"
ctl 0 "tasks" tasks
grep -Eq '^[0-9]+ +user0 +user +-1$' <<<"$out" && grep -Eq '^[0-9]+ +sleeper0 +user +-1$' <<<"$out"
report $? "tasks lists the workload with its patch state" || report_info "$out"

raw() { printf "$1" | "$klpctl" --socket "$sock" --timeout 10 --raw; }
got=$(raw 'cat run/user0/calls\n\001\377\nls run/user0\n')
exp=$'klpkit-control 1\n= [0-9]+\nok\nerror EINVAL: the line holds a byte that is not text\n= -r--r--r-- calls\n= -r--r--r-- last\nok'
[[ "$got" =~ ^$exp$ ]]
report $? "garbage bytes: an error for that line, the lines around it served" || report_info "$got"
long=$(head -c 6000 /dev/zero | tr '\0' x)
got=$(raw "$long\nls run/user0\n")
same "$got" $'klpkit-control 1\nerror EINVAL: line longer than 4095 bytes\n= -r--r--r-- calls\n= -r--r--r-- last\nok' \
	"an over-long line: one error, then the next line is served"
# lines sent while the client's sleep runs pile up past one line's room
got=$(raw "sleep 200\n$(printf 'ls run/user0\\n%.0s' $(seq 400))")
[ "$(grep -c '^ok$' <<<"$got")" = 401 ] && ! grep -q '^error' <<<"$got"
report $? "400 requests queued behind a sleep are all served, in order" ||
	report_info "$(grep -v '^= ' <<<"$got" | sort | uniq -c)"
got=$(raw "write $p/enabled 0")
same "$got" "klpkit-control 1" "a client gone mid-line gets no reply"
ctl 0 "enabled after it" cat $p/enabled
same "$out" 1 "and its half command did not run"

# a client that asks for a stream and never reads it
(printf 'log -f\n'; sleep 4) | "$klpctl" --socket "$sock" --raw > /dev/null &
stalled=$!
"$klpctl" --socket "$sock" log -f > "$work/follow" 2>&1 &
follower=$!
sleep 0.3
ctl 0 "served while a client stops reading" --timeout 5 cat $p/stack_order
ctl 0 "disable the patch" write $p/enabled 0
ctl 0 "wait for the unpatching" wait 10000
ctl 0 "the patch is gone" ls livepatch
same "$out" "" "livepatch/ is empty again"
sleep 0.3
ctl 0 "the workload's last value" cat run/user1/last
same "$out" 1 "the victim returns 1 again"
ctl 0 "unload the patch module" unload klp_demo_v2
ctl 1 "unload it again fails" unload klp_demo_v2
ctl 0 "log" log
grep -q "^kit: livepatch: enabling patch 'klp_demo_v2'$" <<<"$out" &&
	grep -q "^kit: livepatch: 'klp_demo_v2': initializing unpatching transition$" <<<"$out"
report $? "log holds the enabling and disabling lines" || report_info "$out"
sleep 0.2
kill "$follower" 2>/dev/null
wait "$follower" 2>/dev/null
grep -q "^kit: livepatch: 'klp_demo_v2': initializing unpatching transition$" "$work/follow"
report $? "log -f followed the disabling as it was printed" || report_info "$(cat "$work/follow")"
ctl 1 "wait with a bad time fails" wait abc

# another user: the directory keeps it out
st=0
setpriv --reuid=nobody --regid=nogroup --clear-groups "$klpctl" --socket "$sock" ls \
	> "$work/nobody.out" 2>&1 || st=$?
[ "$st" = 3 ] && grep -q "Permission denied" "$work/nobody.out"
report $? "a client of another uid cannot reach the socket" || report_info "$st $(cat "$work/nobody.out")"

ctl 0 "shutdown" shutdown
for _ in $(seq 50); do kill -0 "$kit_pid" 2>/dev/null || break; sleep 0.1; done
wait "$kit_pid"
report $? "the kit exits with status 0"
kit_pid=
[ ! -e "$sock" ] && [ ! -e "$dir" ]
report $? "shutdown leaves no socket and no directory"
wait "$stalled" 2>/dev/null
st=0
"$klpctl" --socket "$sock" ls 2>/dev/null || st=$?
same "$st" 3 "klpctl without a kit exits 3"

# a kit run by nobody, a root client: refused by its credentials
if [ "$(id -u)" = 0 ]; then
	mkdir -p "$work/nobody" && chown nobody "$work/nobody"
	export KIT_RUN_DIR=$work/nobody
	start_kit "$work/kit-nobody.out" setpriv --reuid=nobody --regid=nogroup --clear-groups
	report $? "kit run as nobody" || report_info "$(cat "$work/kit-nobody.out")"
	ctl 1 "root's client is refused by SO_PEERCRED" ls
	same "$err" "klpctl: EACCES: the control socket serves its owner only" "with EACCES"
	grep -q '^kit: control: refused a peer of uid 0$' "$work/kit-nobody.out"
	report $? "the kit logs the refused uid"
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$klpctl" --socket "$sock" shutdown >/dev/null
	report $? "its owner shuts it down"
	wait "$kit_pid"
	kit_pid=
else
	report_skip "SO_PEERCRED refusal needs root to run a kit as another user"
fi
report_summary
