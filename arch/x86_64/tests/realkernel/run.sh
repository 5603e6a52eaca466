#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Real-kernel test (issue 12): the livepatch sample (livepatch-sample/,
# cmdline_proc_show replaced) built out of tree against Debian's 6.12
# cloud headers with upstream objtool (the oracle) is loaded into Debian's
# own 6.12 kernel under qemu-system-x86_64 and must patch /proc/cmdline,
# finish its transition, and give the original back when disabled.
#
# The same sample built with objtool-lite as kbuild's objtool (klp_lite),
# with every option kbuild 6.12 passes (docs/kbuild.md), is loaded into the
# same boot and must do the same.  On the sample's own object, as the
# compiler left it, objtool-lite must write what upstream writes: every
# table, the __pfx_ symbols, the code bytes, the ORC.
set -uo pipefail
cd "$(dirname "$0")/../../../.."
. selftests/lib/ktap.sh
. arch/x86_64/tests/realkernel/guest.sh

O=${O:-build}
OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
work=$O/realkernel
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
OBJTOOL=$(cd "$(dirname "$OBJTOOL")" && pwd)/$(basename "$OBJTOOL")

if ! rk_find; then
	report 1 "the real-kernel packages are installed"
	report_summary
	exit 1
fi
report_info "kernel $RK_KVER, headers $RK_HDR"

# Two copies of the sample, under two module names so both can be loaded
# in one boot and told apart in /sys/kernel/livepatch.
build() {	# build NAME OBJTOOL
	local d=$work/$1
	mkdir -p "$d"
	sed "s/klp_cmdline/$1/g" arch/x86_64/tests/realkernel/livepatch-sample/klp_cmdline.c >"$d/$1.c"
	echo "obj-m += $1.o" >"$d/Kbuild"
	rk_build "$d" "$2"
}
check "the sample builds with upstream objtool" build klp_up "$RK_HDR/tools/objtool/objtool"
check "the sample builds with objtool-lite as kbuild's objtool" build klp_lite "$OBJTOOL"
kbuild=(--hacks=jump_label --hacks=noinstr --hacks=skylake --ibt --orc --retpoline --rethunk
	--sls --static-call --uaccess --prefix=16 --link --module)
grep -qF -- "$OBJTOOL ${kbuild[*]} " <<<"$(tr -s ' ' <"$work/klp_lite/build.log")"
report $? "kbuild ran objtool-lite on the module object with all of kbuild's options"
! grep -q -e ': \(warning\|error\): objtool: ' -e '^objtool-lite: ' "$work/klp_lite/build.log"
report $? "objtool-lite said nothing (as upstream on this sample)"

# The sample's object before objtool (kbuild runs "true" in its place),
# then each tool with kbuild's options.
build klp_pre /bin/true
honoured=("${kbuild[@]}")
for t in up lite; do
	cp "$work/klp_pre/klp_pre.o" "$work/klp_pre/$t.o"
done
SRCARCH=x86 "$RK_HDR/tools/objtool/objtool" "${honoured[@]}" "$work/klp_pre/up.o" 2>"$work/klp_pre/up.err"
"$OBJTOOL" "${honoured[@]}" "$work/klp_pre/lite.o" 2>"$work/klp_pre/lite.err"
report $? "objtool-lite runs on the sample's object with kbuild's options"
. arch/x86_64/tests/kbuild/objcmp.sh
relocs() { objcmp_relocs "$@"; }
for s in "${objcmp_tables[@]}"; do
	relocs "$work/klp_pre/up.o" $s >"$work/klp_pre/up$s"
	relocs "$work/klp_pre/lite.o" $s >"$work/klp_pre/lite$s"
	cmp -s "$work/klp_pre/up$s" "$work/klp_pre/lite$s"
	report $? "sample: $s has upstream's $(wc -l <"$work/klp_pre/up$s") entries"
done
[ -s "$work/klp_pre/up.return_sites" ] && [ -s "$work/klp_pre/up.call_sites" ]
report $? "sample: upstream lists return and call sites (the comparison is not empty)"
for t in up lite; do objcopy -O binary -j .text "$work/klp_pre/$t.o" "$work/klp_pre/$t.text"; done
cmp -s "$work/klp_pre/up.text" "$work/klp_pre/lite.text"
report $? "sample: .text as upstream leaves it"
symbols() { objcmp_symbols "$@"; }
cmp -s <(symbols "$work/klp_pre/up.o") <(symbols "$work/klp_pre/lite.o") &&
	[ "$(symbols "$work/klp_pre/up.o" | grep -c ' __pfx_')" -ge 3 ]
report $? "sample: the same symbols, upstream's __pfx_ ones among them"
orc() { SRCARCH=x86 "$RK_HDR/tools/objtool/objtool" --dump=orc "$1"; }
cmp -s <(orc "$work/klp_pre/up.o") <(orc "$work/klp_pre/lite.o")
report $? "sample: upstream's ORC entries ($(orc "$work/klp_pre/up.o" | wc -l)), the padding's included"

# The guest script: for each module, the line /proc/cmdline gives before,
# while patched and after disabling, and the transition state.
cat >"$work/guest-test.sh" <<'GUEST'
for m in klp_up klp_lite; do
	[ -e /lib/klp/$m.ko ] || continue
	echo "$m before: $(cat /proc/cmdline)"
	insmod /lib/klp/$m.ko || { echo "$m: insmod failed"; continue; }
	i=0
	while [ "$(cat /sys/kernel/livepatch/$m/transition)" != 0 ] && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	echo "$m transition: $(cat /sys/kernel/livepatch/$m/transition)"
	echo "$m patched: $(cat /proc/cmdline)"
	echo 0 >/sys/kernel/livepatch/$m/enabled
	i=0
	while [ -e /sys/kernel/livepatch/$m ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	echo "$m disabled: $(cat /proc/cmdline)"
	rmmod $m || echo "$m: rmmod failed"
done
dmesg | grep -E 'livepatch|klp_|objtool|unwind|WARNING|BUG' | sed 's/^/dmesg: /'
GUEST
kos=()
for m in klp_up klp_lite; do [ -f "$work/$m/$m.ko" ] && kos+=("$work/$m/$m.ko"); done
rk_boot "$work" "$work/guest-test.sh" "${kos[@]}" >"$work/guest.txt"
report $? "the guest booted and ran its script"
report_info "$(cat "$work/guest.txt")"

orig=$(sed -n 's/^klp_up before: //p' "$work/guest.txt")
for m in klp_up klp_lite; do
	line() { sed -n "s/^$m $1: //p" "$work/guest.txt"; }
	case $orig in *console=ttyS0*) ok=0 ;; *) ok=1 ;; esac
	[ "$(line before)" = "$orig" ] && [ $ok = 0 ]
	report $? "$m: /proc/cmdline is the boot command line before the patch"
	[ "$(line transition)" = 0 ]
	report $? "$m: the patch transition completed"
	[ "$(line patched)" = "this has been live patched" ]
	report $? "$m: /proc/cmdline reads the patched text"
	[ "$(line disabled)" = "$orig" ]
	report $? "$m: disabling the patch gives the original /proc/cmdline back"
done
! grep -q '^dmesg: .*\(WARNING\|BUG\)' "$work/guest.txt"
report $? "no kernel warning in the guest"
report_summary
