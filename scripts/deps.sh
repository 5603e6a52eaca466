#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the Debian packages klpkit needs, and only those that are missing.
# Quiet when everything is there, so `make demo` and `make check` can run it
# every time at no cost.  Run by `make deps`.
#
# Usage: scripts/deps.sh [--print]
#   --print   list the packages that would be installed and exit
set -euo pipefail

# Each package and why the kit needs it; the README explains the choices.
PKGS=(
	build-essential			# host gcc, make
	libelf-dev			# ELF reading/writing in objtool-lite
	libdw-dev			# DWARF CFI: the --check-cfi oracle
	binutils-dev			# bfd.h/dis-asm.h: disassembly headers
	binutils-multiarch-dev		# libopcodes/libbfd for every port
	xz-utils			# unpacks the .ko.xz corpus modules
	dpkg-dev			# dpkg-deb, used to unpack corpus .debs
	time				# GNU time: peak RSS in make bench-objtool
	valgrind			# memory errors on bad input (objtool-badinput)
	python3				# tests that read binary tables or graphs (orc-sort-endian, seam-layering)
)

# Upstream objtool (the oracle of ports with port_upstream_objtool) ships in linux-kbuild-<version>.  The
# archive moves on to newer 6.12 point releases and drops old ones, so take
# the exact version when it exists and the newest 6.12 build otherwise.
KBUILD_WANT=linux-kbuild-6.12.117+deb12

missing_pkgs() {
	local p
	for p in "$@"; do
		if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		     grep -q '^install ok installed$'; then
			echo "$p"
		fi
	done
}

kbuild_installed() {
	dpkg-query -W -f='${Package} ${Status}\n' 'linux-kbuild-6.12.*+deb12' \
		2>/dev/null | grep -q ' install ok installed$'
}

# Newest linux-kbuild-6.12.*+deb12 the archive offers (needs apt lists).
kbuild_pick() {
	if apt-cache show "$KBUILD_WANT" >/dev/null 2>&1; then
		echo "$KBUILD_WANT"
		return
	fi
	apt-cache search --names-only '^linux-kbuild-6\.12\.[0-9]+\+deb12$' |
		awk '{print $1}' | sort -V | tail -n 1
}

# Each port's descriptor adds what its objtool-lite decoder needs on the
# host (port_host_packages) and, when it is not this machine's port, its
# cross toolchain and emulator (port_packages).
. "$(dirname "$0")/ports.sh"
host=$(port_host || true)
for p in $(port_list); do
	PKGS+=($(port_get "$p" host_packages))
	[ "$p" = "$host" ] || PKGS+=($(port_get "$p" packages))
done
# A port whose descriptor names a real-kernel harness (port_realkernel)
# also needs its guest's packages (qemu, busybox) and the kernel headers
# of the same version as linux-kbuild, which bring the kernel image with
# them: port_realkernel_flavour names the flavour, the version is kbuild's.
rk_headers=()
for p in $(port_list); do
	[ -n "$(port_get "$p" realkernel)" ] || continue
	PKGS+=($(port_get "$p" realkernel_packages))
	rk_headers+=("$(port_get "$p" realkernel_flavour)")
done
mapfile -t missing < <(missing_pkgs $(printf '%s\n' "${PKGS[@]}" | sort -u))
need_kbuild=0
kbuild_installed || need_kbuild=1

# linux-headers-<kbuild's version>-FLAVOUR for each real-kernel flavour,
# when no headers of that flavour are installed for the kbuild in place.
headers_missing() {
	local f kv
	kv=$(dpkg-query -W -f='${Package} ${Status}\n' 'linux-kbuild-6.12.*+deb12' 2>/dev/null |
		awk '/ install ok installed$/ {print $1}' | sort -V | tail -n 1)
	kv=${kv#linux-kbuild-}
	for f in "${rk_headers[@]}"; do
		[ -n "$kv" ] && dpkg-query -W -f='${Status}\n' "linux-headers-$kv-$f" 2>/dev/null |
			grep -q '^install ok installed$' && continue
		echo "$f"
	done
}
mapfile -t hdr_missing < <(headers_missing)

if [ "${1:-}" = "--print" ]; then
	[ ${#missing[@]} -eq 0 ] || printf '%s\n' "${missing[@]}"
	[ $need_kbuild = 1 ] && echo "$KBUILD_WANT (or newest linux-kbuild-6.12.*+deb12)"
	for f in "${hdr_missing[@]}"; do echo "linux-headers-<kbuild version>-$f"; done
	exit 0
fi

if [ ${#missing[@]} -eq 0 ] && [ $need_kbuild = 0 ] && [ ${#hdr_missing[@]} -eq 0 ]; then
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing packages; as root, run:" >&2
	k=""
	[ $need_kbuild = 1 ] && k=" $KBUILD_WANT"
	echo "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y -q ${missing[*]}$k" >&2
	exit 1
fi

log=$(mktemp /tmp/klpkit-deps.XXXXXX.log)
trap 'rm -f "$log"' EXIT
fail() {
	echo "deps: $1 failed; its output:" >&2
	cat "$log" >&2
	exit 1
}

[ $need_kbuild = 1 ] && kb_note=" linux-kbuild-6.12.*+deb12" || kb_note=""
echo "  DEPS     ${missing[*]}$kb_note"
apt-get update -q </dev/null >>"$log" 2>&1 || fail "apt-get update"
if [ $need_kbuild = 1 ]; then
	kb=$(kbuild_pick)
	[ -n "$kb" ] || { echo "no linux-kbuild-6.12.*+deb12 in the archive" >>"$log"; fail "finding linux-kbuild"; }
	missing+=("$kb")
fi
# The headers follow the kbuild that is (or is about to be) installed.
if [ ${#hdr_missing[@]} -gt 0 ]; then
	kb=${kb:-$(dpkg-query -W -f='${Package} ${Status}\n' 'linux-kbuild-6.12.*+deb12' 2>/dev/null |
		awk '/ install ok installed$/ {print $1}' | sort -V | tail -n 1)}
	for f in "${hdr_missing[@]}"; do missing+=("linux-headers-${kb#linux-kbuild-}-$f"); done
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	"${missing[@]}" </dev/null >>"$log" 2>&1 || fail "apt-get install"
