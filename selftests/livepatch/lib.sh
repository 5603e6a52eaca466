# SPDX-License-Identifier: GPL-2.0
#
# Upstream's livepatch selftests (tools/testing/selftests/livepatch/) on
# the kit, sourced after ktap.sh.  A scenario is a `kit run --script` of
# the commands upstream's functions.sh runs, each logged to the kernel
# log first as upstream logs it ("% modprobe M", through `kmsg`), so the
# kit's log reads as upstream's expected block: check_result compares
# the lines holding "livepatch:" or "test_klp", the kit's "kit: " prefix
# taken off, with upstream's block, line by line.  Every scenario runs on
# $ARCH's image with unwinder $1 (orc or fp).
#
# The test patches are this folder's C files, built with the documented
# `make patch` command; they keep upstream's module names.

. selftests/lib/make.sh

ARCH=${ARCH:?}
O=${O:-build}
UNWINDER=${1:?orc or fp}
kit=$O/$ARCH/kit-$UNWINDER
qemu=$(scripts/ports.sh qemu "$ARCH")
[ -e "$kit" ] || { echo "missing $kit (make kit-image ARCH=$ARCH)"; exit 1; }
work=$(realpath -m "$O/selftests/$ARCH/livepatch-$(basename "$0" .sh)-$UNWINDER")
rm -rf "$work" && mkdir -p "$work"

# build_lp NAME...: selftests/livepatch/NAME.c with `make patch`, once per
# port (the orc and fp runs share the modules: a lock keeps them apart).
build_lp() {
	local n ko
	for n in "$@"; do
		ko=$O/$ARCH/patches/$n.ko
		(
			flock 9
			fresh=y
			# the image too: a kit header changed is a struct layout changed
			for src in selftests/livepatch/*.[ch] "$kit"; do
				[ "$ko" -nt "$src" ] || fresh=
			done
			[ -n "$fresh" ] && exit 0
			separate_make --no-print-directory \
				O="$O" ARCH="$ARCH" patch P="selftests/livepatch/$n.c" >"$work/make-$n.out" 2>&1
		) 9>"$O/$ARCH/.livepatch-selftests.lock"
		report $? "make patch P=selftests/livepatch/$n.c" ||
			{ report_info "$(cat "$work/make-$n.out")"; return 1; }
	done
}

# The scenario being written: its script, and the commands of upstream's
# functions.sh as script lines.
script=
declare -A nth
checks=()
start_test() {	# start_test "DESCRIPTION": a new scenario
	test_name=$1
	script=$work/$(tr -c 'a-zA-Z0-9\n' _ <<<"$1" | head -c 60).script
	: >"$script"
	nth=() checks=()
}
cmd() { printf '%s\n' "$*" >>"$script"; }
load_lp() {	# load_lp MOD [PARAM=VALUE...]: insmod, then wait for the transition
	local m=$1
	shift
	cmd "kmsg % modprobe $m${*:+ $*}"
	cmd "load $O/$ARCH/patches/$m.ko $*"
	cmd "wait"
}
load_lp_nowait() {	# load_lp_nowait MOD [PARAM=VALUE...]: insmod, the transition left running
	local m=$1
	shift
	cmd "kmsg % modprobe $m${*:+ $*}"
	cmd "load $O/$ARCH/patches/$m.ko $*"
}
load_failing_lp() {	# load_failing_lp MOD [PARAM=VALUE...]: insmod that must fail
	local m=$1
	shift
	cmd "kmsg % modprobe $m${*:+ $*}"
	cmd "!load $O/$ARCH/patches/$m.ko $*"
}
disable_lp() {
	cmd "kmsg % echo 0 > /sys/kernel/livepatch/$1/enabled"
	cmd "write livepatch/$1/enabled 0"
	cmd "wait"
}
unload_lp() {
	cmd "kmsg % rmmod $1"
	cmd "unload $1"
}
set_pre_patch_ret() {	# set_pre_patch_ret MOD VALUE: its module parameter, at run time
	cmd "kmsg % echo $2 > /sys/module/$1/parameters/pre_patch_ret"
	cmd "write module/$1/parameters/pre_patch_ret $2"
}
grep_kmsg() {	# grep_kmsg PATTERN FILE: `grep PATTERN FILE > /dev/kmsg`
	cmd "kmsg-grep $2 $1"
}

# set_ftrace_enabled [--fail] VALUE: upstream's sysctl kernel.ftrace_enabled=VALUE.
# Its shell logs "livepatch: kernel.ftrace_enabled = <value read back>", or
# with --fail sysctl's error; log_lines writes both from the replies.
set_ftrace_enabled() {
	if [ "$1" = --fail ]; then
		cmd "!write proc/sys/kernel/ftrace_enabled $2"
	else
		cmd "write proc/sys/kernel/ftrace_enabled $1"
		cmd "cat proc/sys/kernel/ftrace_enabled"
	fi
}
# log_if_patched MOD: upstream's `[[ "$(cat /proc/cmdline)" == "MOD: this
# has been live patched" ]] && log "livepatch: ok"`.  The read is the
# kit's; the comparison, the shell's part, is log_lines', on the reply to
# this read (written /proc/cmdline, as upstream's, to tell it apart).
log_if_patched() {
	cmd "cat /proc/cmdline"
	lp_ok_text="$1: this has been live patched"
}
lp_ok_text=
# trace_function FUNC: upstream's function tracer on FUNC (tracefs, here
# the tree's tracing/); check_traced_functions reads the trace back.
trace_function() {
	cmd "write tracing/set_ftrace_filter $1"
	cmd "write tracing/current_tracer function"
}
check_traced_functions() {
	cmd "cat tracing/trace"
	cmd "write tracing/current_tracer nop"
	cmd "write tracing/set_ftrace_filter !"
}

# run_test [WORKLOAD...]: the scenario's script in a fresh kit (`kit run
# WORKLOAD --script`); its transcript in $out.  The kit's status says
# whether every line did what it expected.
run_test() {
	out=$work/$(basename "$script" .script).out
	${qemu:+$qemu} "$kit" run "$@" --script "$script" >"$out" 2>&1
	report $? "$test_name: every command did what it should ($UNWINDER)" ||
		report_info "$(grep -B2 -A2 'error\|unexpected' "$out" | head -20)"
}

load_mod() {	# load_mod MOD [PARAM=VALUE...]: insmod of a module that is no patch (no wait)
	local m=$1
	shift
	cmd "kmsg % modprobe $m${*:+ $*}"
	cmd "load $O/$ARCH/patches/$m.ko $*"
}
load_failing_mod() { load_failing_lp "$@"; }
unload_mod() { unload_lp "$1"; }

# log_lines: the kernel log of the scenario as upstream's check_result
# reads dmesg: lines holding "livepatch:" or "test_klp", the kit's
# "kit: " prefix off.  A load that failed adds modprobe's own line, from
# the errno the kit replied with (what modprobe prints for it).
log_lines() {
	awk -v ok_text="$lp_ok_text" '
	BEGIN {
		text["ENODEV"] = "No such device"; text["EINVAL"] = "Invalid argument"
		text["EBUSY"] = "Device or resource busy"; text["ENOENT"] = "No such file or directory"
		text["EEXIST"] = "File exists"; text["EPERM"] = "Operation not permitted"
	}
	/^> !?load / {
		n = split($3, p, "/"); mod = p[n]; sub(/\.ko$/, "", mod); next
	}
	# sysctl: the value read back, or the error of the write
	/^> !?write proc\/sys\/kernel\// {
		key = $3; sub(/^proc\/sys\/kernel\//, "kernel.", key); mod = ""; next
	}
	/^> cat proc\/sys\/kernel\// {
		shown = $3; sub(/^proc\/sys\/kernel\//, "kernel.", shown); mod = ""; next
	}
	/^> cat \/proc\/cmdline$/ { ok_check = 1; mod = ""; next }
	/^> / { mod = key = shown = ""; ok_check = 0; next }
	/^error E[A-Z]+:/ {
		e = $2; sub(/:$/, "", e)
		if (mod != "")
			print "modprobe: ERROR: could not insert \x27" mod "\x27: " (e in text ? text[e] : e)
		if (key != "")
			print "livepatch: sysctl: setting key \"" key "\": " (e in text ? text[e] : e)
		mod = key = ""; next
	}
	/^= / && shown != "" { print "livepatch: " shown " = " substr($0, 3); shown = ""; next }
	/^= / && ok_check { if (substr($0, 3) == ok_text) print "livepatch: ok"; ok_check = 0; next }
	/^(= |ok$)/ { next }
	# the loader saying why a load failed: modprobe says it instead (above)
	/^kit: module [^ ]*: kit_module_init failed: / { next }
	{ sub(/^kit: /, ""); if (/livepatch:|test_klp/) print }' "$out"
}

# Upstream's blocks for a patch without callbacks: loaded and enabled
# (load_lp), disabled (disable_lp).
enable_log() {
	echo "% modprobe $1${2:+ $2}
livepatch: enabling patch '$1'
livepatch: '$1': initializing patching transition
livepatch: '$1': starting patching transition
livepatch: '$1': completing patching transition
livepatch: '$1': patching complete"
}
# The whole life of a patch without callbacks: enabled, disabled, rmmod.
round_log() {
	echo "$(enable_log "$1" "${2:-}")
$(disable_log "$1")
% rmmod $1"
}
# Upstream's block for a patch whose ftrace handler cannot be registered
# on FUNC (-16, EBUSY): enabling fails and is unwound, modprobe says so.
enable_busy_log() {
	echo "% modprobe $1
livepatch: enabling patch '$1'
livepatch: '$1': initializing patching transition
livepatch: failed to register ftrace handler for function '$2' (-16)
livepatch: failed to patch object 'vmlinux'
livepatch: failed to enable patch '$1'
livepatch: '$1': canceling patching transition, going to unpatch
livepatch: '$1': completing unpatching transition
livepatch: '$1': unpatching complete
modprobe: ERROR: could not insert '$1': Device or resource busy"
}
disable_log() {
	echo "% echo 0 > /sys/kernel/livepatch/$1/enabled
livepatch: '$1': initializing unpatching transition
livepatch: '$1': starting unpatching transition
livepatch: '$1': completing unpatching transition
livepatch: '$1': unpatching complete"
}

# check_result EXPECTED: the log lines equal EXPECTED, upstream's block
# for the scenario.
check_result() {
	local got
	got=$(log_lines)
	[ "$got" = "$1" ]
	report $? "$test_name: the log is upstream's expected block" ||
		report_info "$(diff <(echo "$1") <(echo "$got"))"
}

# check_sysfs_rights MOD FILE RIGHTS, check_sysfs_value MOD FILE VALUE:
# upstream's checks of /sys/kernel/livepatch/MOD/FILE (FILE "" is the
# patch's directory), as script lines whose replies check_sysfs asserts
# once the scenario ran.
check_sysfs_rights() {
	local dir=livepatch/$1 name=$2
	case $2 in
	"") dir=livepatch name=$1/ ;;
	*/*) dir=livepatch/$1/${2%/*} name=${2##*/} ;;
	esac
	cmd "ls $dir"
	nth[ls $dir]=$((${nth[ls $dir]:-0} + 1))
	checks+=("rights|ls $dir|${nth[ls $dir]}|$name|$3|$1/$2")
}
check_sysfs_exists() {	# check_sysfs_exists MOD FILE: upstream's test -e
	local dir=livepatch/$1 name=$2
	cmd "ls $dir"
	nth[ls $dir]=$((${nth[ls $dir]:-0} + 1))
	checks+=("exists|ls $dir|${nth[ls $dir]}|$name||$1/$2")
}
check_sysfs_value() {
	local c="cat livepatch/$1/$2"
	cmd "$c"
	nth[$c]=$((${nth[$c]:-0} + 1))
	checks+=("value|$c|${nth[$c]}||$3|$1/$2")
}
check_sysfs() {
	local k c n name want what got
	for k in "${checks[@]}"; do
		IFS='|' read -r kind c n name want what <<<"$k"
		if [ "$kind" = exists ]; then
			got=$(reply_nth "$c" "$n" | awk -v f="$name" '$2 == f || $2 == f "/" { print $2 }')
			[ -n "$got" ]
			report $? "$test_name: $what exists"
		elif [ "$kind" = rights ]; then
			got=$(reply_nth "$c" "$n" | awk -v f="$name" '$2 == f { print $1 }')
			[ "$got" = "$want" ]
			report $? "$test_name: $what is $want" || report_info "got '$got'"
		else
			got=$(reply_nth "$c" "$n")
			[ "$got" = "$want" ]
			report $? "$test_name: $what reads $want" || report_info "got '$got'"
		fi
	done
}

# reply_nth CMD N: the data lines of the N-th reply to CMD.
reply_nth() {
	awk -v cmd="> $1" -v want="$2" '
		$0 == cmd { k++; on = k == want; next }
		on && /^= / { print substr($0, 3); next }
		on && /^(ok|error )/ { on = 0 }' "$out"
}

# reply CMD: the data lines of CMD's replies in the transcript, in order.
reply() {
	awk -v cmd="> $1" '
		$0 == cmd { on = 1; next }
		on && /^= / { print substr($0, 3); next }
		on && /^(ok|error )/ { on = 0 }' "$out"
}
