#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The real-kernel harness: Debian's 6.12 cloud kernel (installed with its
# headers by make deps, see port_realkernel_* in ../../port.mk) booted by
# qemu-system-x86_64 on a busybox initramfs the kit builds, with modules
# and a guest script put in; the script's output is read back from the
# serial console.
#
# Usage (sourced):  . arch/x86_64/tests/realkernel/guest.sh
#   rk_find                      sets RK_KVER, RK_HDR (headers build dir),
#                                RK_VMLINUZ; fails naming what is missing
#   rk_build DIR OBJTOOL         out-of-tree "make M=DIR modules" against
#                                the headers with objtool=OBJTOOL
#   rk_boot WORK SCRIPT KO...    boots with the .ko files in /lib/klp/ and
#                                SCRIPT run as the guest's test; prints
#                                the script's output (between markers)
#                                and returns the script's exit status
#   rk_setup NAME                a test's start: O, OBJTOOL (absolute),
#                                work (a fresh absolute $O/NAME), then
#                                rk_find; a KTAP failure when that fails
#   rk_build_error DIR           the first error line of DIR/build.log
#   rk_pack_bins TAR BIN...      a tar of host binaries and the libraries
#                                they load, for the guest to unpack
#
# KVM is used when RK_KVM=1 and /dev/kvm opens; TCG otherwise (KVM failed
# with an internal error on the machines this was written on).

. selftests/lib/make.sh

rk_die() { echo "realkernel: $*" >&2; return 1; }

rk_find() {
	local h
	# The newest installed cloud headers that have a matching kernel image.
	for h in $(ls -d /usr/src/linux-headers-6.12.*-cloud-amd64 2>/dev/null | sort -V -r); do
		RK_KVER=${h#/usr/src/linux-headers-}
		RK_HDR=$h
		RK_VMLINUZ=/boot/vmlinuz-$RK_KVER
		[ -r "$RK_VMLINUZ" ] && [ -x "$RK_HDR/tools/objtool/objtool" ] && break
		RK_HDR=
	done
	[ -n "${RK_HDR:-}" ] || { rk_die "no linux-headers-6.12.*-cloud-amd64 with its kernel image installed (make deps)"; return 1; }
	command -v qemu-system-x86_64 >/dev/null || { rk_die "qemu-system-x86_64 missing (make deps)"; return 1; }
	[ -x /bin/busybox ] || { rk_die "/bin/busybox missing (busybox-static, make deps)"; return 1; }
	grep -q 'statically linked' <<<"$(file -b /bin/busybox 2>/dev/null)" ||
		{ rk_die "/bin/busybox is not static (busybox-static, make deps)"; return 1; }
	return 0
}

# Build the module folder DIR (a Kbuild file and its sources) against the
# headers, kbuild running OBJTOOL where it runs objtool.  The log is
# DIR/build.log; on failure its tail goes to stderr.
rk_build() {
	local dir=$1 objtool=$2
	if ! separate_make -C "$RK_HDR" M="$dir" objtool="$objtool" V=1 modules \
	     >"$dir/build.log" 2>&1; then
		tail -n 20 "$dir/build.log" >&2
		rk_die "building $dir with $objtool failed"
		return 1
	fi
}

rk_boot() {
	local work=$1 script=$2 root log accel=tcg rc
	shift 2
	root=$work/initramfs
	rm -rf "$root"
	mkdir -p "$root"/{bin,proc,sys,dev,tmp,lib/klp}
	cp /bin/busybox "$root/bin/busybox"
	cp "$@" "$root/lib/klp/" 2>/dev/null || [ $# = 0 ] || { rk_die "copying modules"; return 1; }
	cp "$script" "$root/test.sh"
	# The init: the guest's test between two markers, its status in the
	# second, then power off (panic=-1 and -no-reboot end the run if
	# anything goes wrong earlier).
	cat >"$root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
echo KLP-GUEST-BEGIN
sh /test.sh 2>&1
echo "KLP-GUEST-END rc=$?"
poweroff -f
INIT
	chmod +x "$root/init" "$root/bin/busybox"
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$work/initrd.gz" ||
		{ rk_die "making the initramfs"; return 1; }
	if [ "${RK_KVM:-0}" = 1 ] && [ -w /dev/kvm ]; then accel=kvm; fi
	log=$work/console.log
	timeout "${RK_TIMEOUT:-150}" qemu-system-x86_64 -accel "$accel" -m 512 -smp 1 \
		-kernel "$RK_VMLINUZ" -initrd "$work/initrd.gz" \
		-append "console=ttyS0 panic=-1 loglevel=4 nokaslr" \
		-display none -monitor none -serial "file:$log" -no-reboot \
		</dev/null >"$work/qemu.log" 2>&1
	rc=$?
	[ $rc = 0 ] || { cat "$work/qemu.log" >&2; rk_die "qemu exited $rc (log $log)"; return 1; }
	tr -d '\r' <"$log" | sed -n '/^KLP-GUEST-BEGIN$/,/^KLP-GUEST-END/p' | sed '1d' >"$work/guest.out"
	grep -q '^KLP-GUEST-END rc=' "$work/guest.out" ||
		{ tail -n 30 "$log" >&2; rk_die "the guest did not finish its script (log $log)"; return 1; }
	sed '$d' "$work/guest.out"
	rc=$(sed -n 's/^KLP-GUEST-END rc=//p' "$work/guest.out")
	return "$rc"
}

# The first line of a failed rk_build's log that says what went wrong:
# a diagnostic (kbuild's V=1 command echoes start with blanks, make's own
# lines with "make"), else make's first error line.
rk_build_error() {
	local log=$1/build.log l
	l=$(grep -v -e '^[[:space:]]' -e '^make' "$log" | grep -i -m1 -e 'error' -e 'not supported' -e 'fatal')
	[ -n "$l" ] || l=$(grep -m1 -E '^make.*(Error|error)' "$log")
	echo "${l:-no error line in $log}"
}

# Host binaries for the guest, with every shared library they load (from
# ldd) and the dynamic loader, at their host paths, in a tar that rk_boot
# carries as one of its files (into /lib/klp/) and the guest script
# unpacks over its busybox root.  For tests whose guest scripts need more
# than busybox's applets (bash, kmod's messages, procps' sysctl).  A
# binary reached through a symlink (insmod -> kmod) is stored as a copy
# under the symlink's name: kmod picks its applet from argv[0].
rk_pack_bins() {
	local tar=$1 b p stage
	shift
	stage=$(mktemp -d) || return 1
	for b in "$@"; do
		p=$(command -v "$b") || { rm -rf "$stage"; rk_die "no $b on the host"; return 1; }
		mkdir -p "$stage$(dirname "$p")"
		cp -L "$p" "$stage$p"
		ldd "$p" 2>/dev/null | grep -oE '/[^ ]+' | while read -r l; do
			mkdir -p "$stage$(dirname "$l")"
			cp -L "$l" "$stage$l"
		done
	done
	tar -cf "$tar" -C "$stage" . || { rm -rf "$stage"; rk_die "packing binaries"; return 1; }
	rm -rf "$stage"
}

# The common start of a real-kernel test script (run from the repository
# root, ktap.sh sourced): the build directory, the objtool under test as
# an absolute path (kbuild runs it from elsewhere), a fresh work directory
# and the installed kernel.  Returns 1, having reported it, when the
# packages are missing.
rk_setup() {
	O=${O:-build}
	OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
	OBJTOOL=$(cd "$(dirname "$OBJTOOL")" && pwd)/$(basename "$OBJTOOL")
	work=$O/$1
	rm -rf "$work"
	mkdir -p "$work"
	work=$(cd "$work" && pwd)
	rk_find || { report 1 "the real-kernel packages are installed"; return 1; }
}
