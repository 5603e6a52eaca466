# SPDX-License-Identifier: GPL-2.0
#
# kit_start OUT [RUNNER...] -- ARGS...: `kit run ARGS` of $kit (under
# $qemu when set, as RUNNER when given) in the background, its output in
# OUT; sets $kit_pid, and $sock once the kit printed its control socket.
# Status 1 when the kit exits or stays silent for 10 s.  Shared by the
# tests that drive a kit through klpctl.
kit_start() {
	local out=$1 runner=()
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		runner+=("$1")
		shift
	done
	shift
	"${runner[@]}" ${qemu:+$qemu} "$kit" run "$@" > "$out" 2>&1 &
	kit_pid=$!
	sock=
	for _ in $(seq 100); do
		sock=$(sed -n 's/^kit: control socket //p' "$out")
		[ -n "$sock" ] && return 0
		kill -0 "$kit_pid" 2>/dev/null || break
		sleep 0.1
	done
	return 1
}
