#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The peers' arm64 libraries (libunwind, libdw/libelf, libsframe and their
# runtime dependencies, glibc for the loader) as a private sysroot, fetched
# the way scripts/fetch-corpus.sh fetches arm64 packages: private apt lists
# with only arm64 in them, apt-get download, dpkg-deb -x.  The host's dpkg
# architecture setup is left alone.
#
# Usage: bench/scripts/fetch-arm64-libs.sh <dir>   (bench/run.sh passes
# $O/bench/arm64-sysroot).  Idempotent: a stamp records a complete fetch.
set -euo pipefail
dir=${1:?usage: fetch-arm64-libs.sh <dir>}
VERSION=2
stamp=$dir/.stamp
[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$VERSION" ] && exit 0
DEBS=(libunwind-dev libunwind8 libdw-dev libdw1 libelf-dev libelf1
      binutils-dev zlib1g zlib1g-dev liblzma5 liblzma-dev libbz2-1.0 libbz2-dev
      libzstd1 libzstd-dev libc6 libgcc-s1)
# glibc headers and link files come from the cross toolchain (libc6-dev-arm64-cross):
# libc6-dev:arm64's libc.so script names absolute paths the cross linker would miss
echo "  ARM64LIBS $dir"
rm -rf "$dir"
mkdir -p "$dir/tmp/apt/lists/partial" "$dir/tmp/apt/cache/archives/partial" "$dir/tmp/debs"
dir=$(cd "$dir" && pwd)
tmp=$dir/tmp
log=$tmp/log
A=(-o APT::Architecture=arm64 -o APT::Architectures::=arm64
   -o Dir::State::Lists="$tmp/apt/lists" -o Dir::Cache="$tmp/apt/cache"
   -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
fail() { echo "fetch-arm64-libs: $1 failed; its output:" >&2; cat "$log" >&2; exit 1; }
apt-get -q "${A[@]}" update </dev/null >>"$log" 2>&1 || fail "apt-get update (arm64 lists)"
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
