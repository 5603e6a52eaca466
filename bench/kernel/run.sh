#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench-kernel (issue 12): objtool-lite as the objtool of a whole
# kernel build.  Debian's linux-source-6.12 (scripts/linux-source.sh)
# configured small (config.sh: tinyconfig plus livepatch, ORC, ftrace, a
# serial console, initramfs, IBT), built once with upstream objtool (the
# tree's own tools/objtool) and relinked with OBJTOOL (default
# objtool-lite) as kbuild's objtool.  IBT delays objtool to vmlinux.o, so
# vmlinux.o is where the two differ; objtool-wrap.sh keeps the linked
# vmlinux.o as kbuild hands it over, and each objtool is then timed on
# copies of it:
#   - upstream with kbuild's arguments;
#   - both with the subset of them objtool-lite honours (the ratio
#     lite/upstream), and their ORC tables compared entry by entry;
#   - OBJTOOL with kbuild's arguments (refused today: --hacks=noinstr).
# Each kernel that builds is booted under qemu (the real-kernel harness,
# arch/x86_64/tests/realkernel/guest.sh) with a livepatch smoke test: the
# tree's samples/livepatch module must patch /proc/cmdline and unpatch.
#
# Not in make check: the first run unpacks the source and builds a kernel
# (tens of minutes on 2 cores); later runs reuse the build directory.
# Results: $O/bench/kernel/run/results.txt; KTAP on stdout.
set -uo pipefail
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh
. arch/x86_64/tests/realkernel/guest.sh

# The build directory stays from run to run ($O/bench/kernel/obj); what
# a run makes goes to a fresh $O/bench/kernel/run (work).
if ! rk_setup bench/kernel/run; then
	report_summary
	exit 1
fi
N=${N:-3}
obj=$(cd "$O/bench/kernel" && pwd)/obj
# Every line of the run, figures included, also goes to results.txt.
exec > >(tee "$work/results.txt")
if ! src=$(scripts/linux-source.sh "$O/linux-source"); then
	report 1 "linux-source-6.12 is unpacked (scripts/linux-source.sh)"
	report_summary
	exit 1
fi
dropped=$(bench/kernel/config.sh "$src" "$obj")
report $? "the small config is made${dropped:+; Kconfig dropped: $dropped}"

# build TAG OBJTOOL: bzImage and modules with OBJTOOL as kbuild's
# objtool, through objtool-wrap.sh; the kernel and the sample module are
# kept in $work/TAG/.  The objtool kbuild sees is a script of TAG's own,
# so a change of objtool is a change of command that kbuild acts on.
build() {
	local t=$1 tool=$2 s e
	mkdir -p "$work/$t"
	printf '#!/bin/sh\nBK_DIR=%s BK_OBJTOOL=%s exec %s "$@"\n' "$work" "$tool" \
		"$PWD/bench/kernel/objtool-wrap.sh" >"$work/$t/objtool"
	chmod +x "$work/$t/objtool"
	s=$(date +%s)
	SRCARCH=x86 nice make -C "$src" O="$obj" -j"$(nproc)" objtool="$work/$t/objtool" \
		bzImage modules >"$work/$t/build.log" 2>&1 || return 1
	e=$(date +%s)
	cp "$obj/arch/x86/boot/bzImage" "$work/$t/bzImage"
	cp "$obj/samples/livepatch/livepatch-sample.ko" "$work/$t/"
	report_info "$t: built in $((e - s)) s"
}
up=$obj/tools/objtool/objtool
if build up "$up"; then
	report 0 "the kernel builds with upstream objtool"
else
	report 1 "the kernel builds with upstream objtool: $(rk_build_error "$work/up")"
fi
[ -s "$work/vmlinux.o.pre" ] && [ -x "$up" ]
report $? "kbuild ran objtool on vmlinux.o (kept as kbuild handed it over)" || { report_summary; exit 1; }
mapfile -t args <"$work/vmlinux.o.args"
report_info "kbuild's objtool arguments on vmlinux.o: ${args[*]}"
honoured=()
for a in "${args[@]}"; do
	case $a in
	--hacks=jump_label | --hacks=skylake | --orc | --retpoline | --rethunk | --sls | \
	--link | --module | --stackval | --mcount | --no-unreachable) honoured+=("$a") ;;
	esac
done
report_info "the subset objtool-lite honours: ${honoured[*]}"

# timed TOOL OUT ARGS...: the median of N runs in ms on a fresh copy of
# vmlinux.o (the last copy stays as OUT); stderr in OUT.err.  Fails when
# a run does.
timed() {
	local tool=$1 out=$2 i s ms=()
	shift 2
	for ((i = 0; i < N; i++)); do
		cp "$work/vmlinux.o.pre" "$out"
		s=$(date +%s%N)
		SRCARCH=x86 "$tool" "$@" "$out" >"$out.err" 2>&1 || return 1
		ms+=($((($(date +%s%N) - s) / 1000000)))
	done
	printf '%s\n' "${ms[@]}" | sort -n | sed -n "$(((N + 1) / 2))p"
}
w=$work/objtool
mkdir -p "$w"
t_full=$(timed "$up" "$w/up-full.o" "${args[@]}")
report $? "upstream objtool on vmlinux.o with kbuild's arguments: ${t_full:-?} ms"
t_up=$(timed "$up" "$w/up.o" "${honoured[@]}")
report $? "upstream objtool on vmlinux.o with the honoured subset: ${t_up:-?} ms"
if t_lite=$(timed "$OBJTOOL" "$w/lite.o" "${honoured[@]}"); then
	report 0 "$(basename "$OBJTOOL") on vmlinux.o with the honoured subset: $t_lite ms"
	ratio=$(awk -v a="$t_lite" -v b="$t_up" 'BEGIN { printf "%.2f", a / b }')
	report_info "time on vmlinux.o, median of $N: upstream $t_up ms, $(basename "$OBJTOOL") $t_lite ms, ratio lite/upstream $ratio"
	SRCARCH=x86 "$up" --dump=orc "$w/up.o" 2>/dev/null | sort >"$w/up.orc"
	SRCARCH=x86 "$up" --dump=orc "$w/lite.o" 2>/dev/null | sort >"$w/lite.orc"
	u=$(wc -l <"$w/up.orc") l=$(wc -l <"$w/lite.orc") same=$(comm -12 "$w/up.orc" "$w/lite.orc" | wc -l)
	report_info "ORC on vmlinux.o: $same of upstream's $u entries identical ($l from $(basename "$OBJTOOL"))"
	[ "$u" -gt 0 ] && [ "$same" = "$u" ] && [ "$l" = "$u" ]
	report $? "ORC on vmlinux.o: $(basename "$OBJTOOL")'s entries are upstream's ($same of $u identical, $l written)"
else
	report 1 "$(basename "$OBJTOOL") on vmlinux.o with the honoured subset: $(head -n 1 "$w/lite.o.err")"
fi
if t_litefull=$(timed "$OBJTOOL" "$w/lite-full.o" "${args[@]}"); then
	report 0 "$(basename "$OBJTOOL") on vmlinux.o with kbuild's arguments: $t_litefull ms"
	report_info "kbuild's arguments: upstream $t_full ms, $(basename "$OBJTOOL") $t_litefull ms"
else
	report 1 "$(basename "$OBJTOOL") on vmlinux.o with kbuild's arguments: $(head -n 1 "$w/lite-full.o.err")"
fi

# The kernel relinked with OBJTOOL as kbuild's objtool (vmlinux.o's run
# and the sample module's; IBT leaves the other objects alone).
kernels=(up)
if build lite "$OBJTOOL"; then
	report 0 "the kernel builds with $(basename "$OBJTOOL") as kbuild's objtool"
	kernels+=(lite)
else
	report 1 "the kernel builds with $(basename "$OBJTOOL") as kbuild's objtool: $(rk_build_error "$work/lite")"
fi

# The smoke test, in each kernel that built.
cat >"$work/smoke.sh" <<'GUEST'
echo "before: $(cat /proc/cmdline)"
insmod /lib/klp/livepatch-sample.ko; echo "insmod: $?"
i=0
while [ "$(cat /sys/kernel/livepatch/livepatch_sample/transition 2>/dev/null)" != 0 ] && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
echo "transition: $(cat /sys/kernel/livepatch/livepatch_sample/transition)"
echo "patched: $(cat /proc/cmdline)"
echo 0 >/sys/kernel/livepatch/livepatch_sample/enabled
i=0
while [ -e /sys/kernel/livepatch/livepatch_sample ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
echo "disabled: $(cat /proc/cmdline)"
rmmod livepatch_sample; echo "rmmod: $?"
dmesg | grep -E 'WARNING|BUG|Oops|unreliable' | sed 's/^/dmesg: /'
GUEST
for t in "${kernels[@]}"; do
	RK_VMLINUZ=$work/$t/bzImage rk_boot "$work/$t" "$work/smoke.sh" "$work/$t/livepatch-sample.ko" \
		>"$work/$t/guest.txt"
	report $? "$t kernel: boots under qemu and runs the smoke test"
	g() { sed -n "s/^$1: //p" "$work/$t/guest.txt"; }
	[ "$(g insmod) $(g transition) $(g rmmod)" = "0 0 0" ] && [ -z "$(g dmesg)" ] &&
		case $(g patched) in *"live patched"*) true ;; *) false ;; esac &&
		[ "$(g disabled)" = "$(g before)" ]
	report $? "$t kernel: the livepatch sample patches /proc/cmdline, completes, unpatches" ||
		report_info "$(cat "$work/$t/guest.txt")"
done
report_summary
