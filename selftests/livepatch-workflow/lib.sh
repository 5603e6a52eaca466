# SPDX-License-Identifier: GPL-2.0
#
# Shared by the livepatch-workflow tests (sourced after ktap.sh): the kit
# of $ARCH, the documented `make patch` command, a `kit run` in the
# background with klpctl against its socket, and helpers to compare.

. selftests/lib/make.sh

ARCH=${ARCH:?}
O=${O:-build}
kit=$O/$ARCH/kit-orc
klpctl=$O/host/klpctl
qemu=$(scripts/ports.sh qemu "$ARCH")
for f in "$kit" "$klpctl"; do
	[ -e "$f" ] || { echo "missing $f (make kit-image klpctl ARCH=$ARCH)"; exit 1; }
done
# work_dir NAME: a fresh $work for this test, its kit's socket directory in it.
work_dir() {
	work=$(realpath -m "$O/selftests/$ARCH/$1")
	rm -rf "$work" && mkdir -p "$work/run"
	export KIT_RUN_DIR=$work/run
}
kit_pid=
cleanup() { [ -n "$kit_pid" ] && kill "$kit_pid" 2>/dev/null; wait 2>/dev/null; }
trap cleanup EXIT

# mk ARGS...: the documented command, outside the make that runs the tests
# (its jobserver and variables are not the patch author's).
mk() { separate_make --no-print-directory O="$O" ARCH="$ARCH" patch "$@"; }

# same GOT EXPECTED DESCRIPTION
same() { [ "$1" = "$2" ]; report $? "$3" || report_info "got: $1"; }

# start_kit WORKLOAD...: `kit run WORKLOAD` in the background (kit_start).
. selftests/klpctl/start.sh
start_kit() { kit_start "$work/kit.out" -- "$@"; }

# ctl ARGS...: klpctl against the kit; its stderr is left in $work/err.
ctl() { "$klpctl" --socket "$sock" "$@" 2>"$work/err"; }

# settle VALUE TASK...: wait (up to 5 s) until a call made after now by
# the first TASK and the last value of every TASK is VALUE; prints the
# values seen last when it gives up (status 1).
settle() {
	local want=$1 c0 t got ok
	shift
	c0=$(ctl cat "run/$1/calls")
	for _ in $(seq 50); do
		ok=1 got=
		for t in "$@"; do
			v=$(ctl cat "run/$t/last")
			got="$got $t=$v"
			[ "$v" = "$want" ] || ok=0
		done
		[ $ok = 1 ] && [ "$(ctl cat "run/$1/calls")" -gt "$c0" ] && return 0
		sleep 0.1
	done
	echo "$got"
	return 1
}

# stop_kit: shutdown through klpctl, then the kit's exit status is reported.
stop_kit() {
	local st
	ctl shutdown > /dev/null
	wait "$kit_pid"
	st=$?
	kit_pid=
	report $st "kit run exits 0 after shutdown" || report_info "$(tail -5 "$work/kit.out")"
}
