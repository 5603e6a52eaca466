#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The peers' libraries for a port that is not the host (libunwind,
# libdw/libelf, libsframe and their runtime dependencies, glibc for the
# loader) as a private sysroot, fetched the way scripts/fetch-corpus.sh
# fetches a port's packages: private apt lists with only the port's Debian
# architecture (port_debian_arch) in them, apt-get download, dpkg-deb -x.
# The host's dpkg architecture setup is left alone.
#
# Usage: bench/scripts/fetch-port-libs.sh <port> <dir>   (bench/run.sh
# passes $O/bench/sysroot-<port>).  Idempotent: a stamp records a complete
# fetch.
set -euo pipefail
port=${1:?usage: fetch-port-libs.sh <port> <dir>}
dir=${2:?usage: fetch-port-libs.sh <port> <dir>}
. "$(dirname "$0")/../../scripts/ports.sh"
darch=$(port_get "$port" debian_arch)
[ -n "$darch" ] || { echo "fetch-port-libs: port $port has no debian_arch" >&2; exit 1; }
VERSION="3 $darch"
stamp=$dir/.stamp
[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$VERSION" ] && exit 0
DEBS=(libunwind-dev libunwind8 libdw-dev libdw1 libelf-dev libelf1
      binutils-dev zlib1g zlib1g-dev liblzma5 liblzma-dev libbz2-1.0 libbz2-dev
      libzstd1 libzstd-dev libc6 libgcc-s1)
# glibc headers and link files come from the cross toolchain (libc6-dev-<arch>-cross):
# libc6-dev:<arch>'s libc.so script names absolute paths the cross linker would miss
echo "  PORTLIBS $port $dir"
rm -rf "$dir"
mkdir -p "$dir/tmp/apt/lists/partial" "$dir/tmp/apt/cache/archives/partial" "$dir/tmp/debs"
dir=$(cd "$dir" && pwd)
tmp=$dir/tmp
log=$tmp/log
A=(-o APT::Architecture="$darch" -o APT::Architectures::="$darch"
   -o Dir::State::Lists="$tmp/apt/lists" -o Dir::Cache="$tmp/apt/cache"
   -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
fail() { echo "fetch-port-libs ($port): $1 failed; its output:" >&2; cat "$log" >&2; exit 1; }
apt-get -q "${A[@]}" update </dev/null >>"$log" 2>&1 || fail "apt-get update ($darch lists)"
(cd "$tmp/debs" && apt-get -q "${A[@]}" download "${DEBS[@]}" </dev/null >>"$log" 2>&1) ||
	fail "apt-get download ${DEBS[*]}"
: >"$dir/SOURCE"
for deb in "$tmp"/debs/*.deb; do
	dpkg-deb -x "$deb" "$dir" >>"$log" 2>&1 || fail "unpacking $deb"
	basename "$deb" >>"$dir/SOURCE"
done
# absolute symlinks inside the sysroot (e.g. libfoo.so -> /lib/...) must
# resolve inside it for the cross linker: make them relative
find "$dir" -type l | while read -r l; do
	t=$(readlink "$l")
	case $t in /*) ln -sfn "$dir$t" "$l" ;; esac
done
rm -rf "$tmp"
echo "$VERSION" >"$stamp"
