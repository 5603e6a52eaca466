#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Debian's linux-source-6.12, fetched once and unpacked as far as asked.
# The real-kernel tests run upstream's own livepatch selftests and build a
# small kernel from it; the source is fetched, never committed.
#
# Usage: scripts/linux-source.sh DIR [PATH...]
#   Makes DIR/linux-source-6.12 hold PATH... (paths inside the tree, e.g.
#   tools/testing/selftests/livepatch), or the whole tree without PATH,
#   and prints that directory.  Idempotent: the package and its tarball
#   stay in DIR, and a path already unpacked is not unpacked again.
#
# The version is the installed 6.12 headers' (so the selftest modules are
# the sources of the kernel they are loaded into; every flavour's headers
# and the common ones share it) when the
# archive still has it, the archive's candidate otherwise.  Needs apt
# lists (apt-get update) but not root: apt-get download writes to DIR.
set -uo pipefail

die() { echo "linux-source: $*" >&2; exit 1; }
[ $# -ge 1 ] || die "usage: $0 DIR [PATH...]"
dir=$1
shift
mkdir -p "$dir" || die "cannot make $dir"
dir=$(cd "$dir" && pwd)
src=$dir/linux-source-6.12
tarball=$dir/linux-source-6.12.tar.xz

if [ ! -s "$tarball" ]; then
	want=$(dpkg-query -W -f='${Version}\n' 'linux-headers-6.12.*' 2>/dev/null |
		sort -V | tail -n 1)
	rm -f "$dir"/linux-source-6.12_*.deb
	# apt-get download falls back to the _apt user's sandbox only when it
	# can; the warning it prints as root about that is noise here.
	(cd "$dir" && { { [ -n "$want" ] && apt-get download -q "linux-source-6.12=$want"; } ||
		apt-get download -q linux-source-6.12; }) >"$dir/fetch.log" 2>&1 ||
		{ cat "$dir/fetch.log" >&2; die "apt-get download linux-source-6.12 failed"; }
	dpkg-deb --fsys-tarfile "$dir"/linux-source-6.12_*.deb |
		tar -xO ./usr/src/linux-source-6.12.tar.xz >"$tarball.tmp" &&
		mv "$tarball.tmp" "$tarball" || die "taking the tarball out of the package failed"
	rm -f "$dir"/linux-source-6.12_*.deb
fi

if [ $# = 0 ]; then
	# The whole tree; the stamp says the unpacking finished.
	if [ ! -e "$src/.klpkit-complete" ]; then
		tar -xJf "$tarball" -C "$dir" || die "unpacking $tarball failed"
		touch "$src/.klpkit-complete"
	fi
else
	todo=()
	for p in "$@"; do
		[ -e "$src/$p" ] || todo+=("linux-source-6.12/$p")
	done
	if [ ${#todo[@]} -gt 0 ]; then
		tar -xJf "$tarball" -C "$dir" "${todo[@]}" || die "unpacking ${todo[*]} failed"
	fi
fi
echo "$src"
