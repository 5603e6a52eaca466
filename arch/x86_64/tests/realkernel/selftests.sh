#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Real-kernel selftests test (issue 12): upstream's own livepatch
# selftests (tools/testing/selftests/livepatch of Debian's
# linux-source-6.12, fetched by scripts/linux-source.sh, never committed)
# run in Debian's 6.12 kernel under qemu, with their test modules built
# out of tree against the headers by each objtool:
#
#   up    upstream objtool ($RK_HDR/tools/objtool/objtool), the oracle:
#         every script must pass;
#   lite  OBJTOOL (default objtool-lite): its modules must build and pass
#         as many scripts and test cases as upstream's.  While objtool-lite
#         refuses one of kbuild's options (docs/kbuild.md) its build fails,
#         and that is a failing assertion naming the build's first error.
#
# One boot per objtool (the scripts name their modules, so the two sets
# cannot share a boot; a fresh kernel log each time, too).  The scripts
# are bash and check kernel messages against expected logs that quote
# kmod's and procps' messages, so the guest gets Debian's bash, kmod,
# procps, coreutils, diffutils, util-linux dmesg and mawk (rk_pack_bins).
# The scripts run from the source's Makefile (TEST_PROGS), in its order.
set -uo pipefail
cd "$(dirname "$0")/../../../.."
. selftests/lib/ktap.sh
. arch/x86_64/tests/realkernel/guest.sh

# Upstream's scripts wait up to a minute for each step; under TCG on a
# busy machine a boot running all of them takes minutes.
export RK_TIMEOUT=${RK_TIMEOUT:-600}

if ! rk_setup realkernel-selftests; then
	report_summary
	exit 1
fi
rel=tools/testing/selftests/livepatch
if ! src=$(scripts/linux-source.sh "$O/linux-source" "$rel"); then
	report 1 "linux-source-6.12's livepatch selftests are at hand (scripts/linux-source.sh)"
	report_summary
	exit 1
fi
st=$src/$rel
report_info "kernel $RK_KVER, selftests from $st, objtool under test $OBJTOOL"
# TEST_PROGS of the selftests' Makefile: the continuation lines after it.
mapfile -t scripts < <(awk '/^TEST_PROGS :?=/ { on = 1 } on { for (i = 1; i <= NF; i++)
	if ($i ~ /\.sh$/) print $i; if ($NF != "\\") on = 0 }' "$st/Makefile")
[ ${#scripts[@]} -gt 0 ]
report $? "the selftests' Makefile lists ${#scripts[@]} scripts: ${scripts[*]}"
[ -e "$st/test-kprobe.sh" ] || report_info "this source has no test-kprobe.sh (upstream added it after 6.12)"

# The guest's binaries, shared by both boots.
rk_pack_bins "$work/bins.tar" bash date sleep stat id getconf seq tr cat \
	dirname sysctl diff dmesg insmod rmmod modinfo awk grep sed
report $? "Debian's bash, kmod, procps, coreutils... packed for the guest"
gcc -static -O2 -o "$work/test_klp-call_getpid" "$st/test_klp-call_getpid.c" 2>"$work/getpid.log"
report $? "test-syscall.sh's test_klp-call_getpid builds (static)"

# run T OBJTOOL: build the modules with OBJTOOL into $work/T, boot, run
# every script; leaves $work/T/guest.txt.  Fails when the build does.
run() {
	local t=$1 tool=$2 d=$work/$1
	mkdir -p "$d/root/klp-selftests/test_modules"
	cp "$st"/test_modules/*.c "$d/root/klp-selftests/test_modules/"
	echo "obj-m += $(cd "$st/test_modules" && ls *.c | sed 's/\.c$/.o/' | tr '\n' ' ')" \
		>"$d/root/klp-selftests/test_modules/Kbuild"
	rk_build "$d/root/klp-selftests/test_modules" "$tool" 2>/dev/null || return 1
	cp "$st"/*.sh "$st/settings" "$work/test_klp-call_getpid" "$d/root/klp-selftests/"
	# Only the modules go in, not the build's objects and logs.
	(cd "$d/root" && tar -cf "$d/selftests.tar" klp-selftests/*.sh klp-selftests/settings \
		klp-selftests/test_klp-call_getpid klp-selftests/test_modules/*.ko)
	{ echo "SCRIPTS='${scripts[*]}'"; cat arch/x86_64/tests/realkernel/selftests-guest.sh; } \
		>"$d/guest-test.sh"
	mkdir -p "$d/boot"
	cp "$d/selftests.tar" "$work/bins.tar" "$d/boot/"
	local start=$(date +%s)
	rk_boot "$d" "$d/guest-test.sh" "$d/boot/bins.tar" "$d/boot/selftests.tar" >"$d/guest.txt"
	report $? "$t: the guest booted and ran the scripts ($(($(date +%s) - start)) s)"
	return 0
}
# count T: "SCRIPTS CASES" passed in T's guest output (a script passes
# when it exits 0; a case is one "TEST: ... ok" line).
count() {
	local g=$work/$1/guest.txt
	echo "$(grep -c '^KLP-SELFTEST-END .* rc=0 ' "$g") $(grep -c '^TEST: .* \.\.\. ok$' "$g")"
}

declare -A counts
for t in up lite; do
	if [ $t = up ]; then tool=$RK_HDR/tools/objtool/objtool; else tool=$OBJTOOL; fi
	if ! run $t "$tool"; then
		report 1 "$t: the test modules build with $(basename "$tool"): $(rk_build_error "$work/$t/root/klp-selftests/test_modules")"
		continue
	fi
	g=$work/$t/guest.txt
	for s in "${scripts[@]}"; do
		end=$(grep "^KLP-SELFTEST-END $s " "$g")
		rc=$(sed -n 's/.* rc=\([0-9]*\) .*/\1/p' <<<"$end")
		cases=$(sed -n "/^KLP-SELFTEST-BEGIN $s\$/,/^KLP-SELFTEST-END $s /p" "$g" | grep -c '^TEST: ')
		okc=$(sed -n "/^KLP-SELFTEST-BEGIN $s\$/,/^KLP-SELFTEST-END $s /p" "$g" | grep -c '^TEST: .* \.\.\. ok$')
		[ "$rc" = 0 ]
		report $? "$t: $s passes (exit ${rc:-none}, $okc of $cases cases ok, ${end##* })" ||
			report_info "$(sed -n "/^KLP-SELFTEST-BEGIN $s\$/,/^KLP-SELFTEST-END $s /p" "$g" | tail -n 40)"
	done
	counts[$t]=$(count $t)
	report_info "$t: ${counts[$t]% *} of ${#scripts[@]} scripts pass, ${counts[$t]#* } test cases ok"
	bad=$(grep -E '^dmesg: ' "$g")
	[ -z "$bad" ]
	report $? "$t: no kernel warning in the guest" || report_info "$bad"
done

# The acceptance: objtool-lite's modules pass exactly as many scripts and
# cases as upstream objtool's.
said() { [ -n "$1" ] && echo "${1% *} scripts, ${1#* } cases" || echo "nothing run"; }
lt=$(basename "$OBJTOOL")
if [ -n "${counts[lite]:-}" ] && [ -n "${counts[up]:-}" ]; then
	[ "${counts[lite]}" = "${counts[up]}" ]
	report $? "lite: $lt's modules pass as many as upstream's ($lt $(said "${counts[lite]}"), upstream $(said "${counts[up]}"))"
else
	report 1 "lite: $lt's modules build and pass as many as upstream's ($lt built none; upstream $(said "${counts[up]:-}"))"
fi
report_summary
