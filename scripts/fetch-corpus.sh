#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fetch the real-object corpus once: objects built by someone else's
# compiler and build system, which is what keeps objtool-lite honest.
#
#   <dir>/<port>/*.ko   a Debian kernel's modules, decompressed, for ports
#                       whose descriptor names one: they carry upstream
#                       objtool's ORC and mcount output, alternatives,
#                       retpolines, static calls and jump tables.
#   <dir>/<port>/<lib>/*.o
#                       objects of the port's Debian static libraries, with
#                       the compiler's .eh_frame: the --check-cfi corpus.
#
# Usage: scripts/fetch-corpus.sh <dir>      (make passes $(O)/corpus)
# Idempotent: a stamp file records a complete fetch; a partial one is redone.
# A port whose descriptor now asks for something its <dir>/<port>/SOURCE
# does not name (a library added to port_corpus_libs, another kernel) is
# fetched again on its own; the other ports' parts are left as they are.
# Uses its own apt lists for foreign-architecture packages, so the machine's dpkg
# architecture setup is left alone, and works with no stdin, as any user.
set -euo pipefail

dir=${1:?usage: fetch-corpus.sh <dir>}
stamp=$dir/.stamp

# Bump when the lists below change, so existing corpora are refetched.
CORPUS_VERSION=1

# What to fetch comes from the port descriptors: port_corpus_kernel names a
# Debian kernel image package (an apt-cache pattern; the newest match is
# taken) whose modules listed in arch/<p>/corpus-modules.txt are
# extracted; port_corpus_libs names Debian -dev packages whose static
# libraries are unpacked, fetched for port_debian_arch.
. "$(dirname "$0")/ports.sh"

# Does <dir>/<port>/SOURCE name what the descriptor asks for?  (A port has
# kernel modules or libraries, not both: they share that SOURCE file.)
kernel_pattern() {	# the apt-cache regex for port_corpus_kernel
	local pat
	pat=$(port_get "$1" corpus_kernel)
	echo "^$(sed -e 's/\./\\./g' -e 's/+/\\+/g' -e 's/\*/[0-9.]+/g' <<<"$pat")\$"
}
port_fetched() {	# port_fetched PORT
	local p=$1 src=$dir/$1/SOURCE pkg
	[ -f "$src" ] || return 1
	if [ -n "$(port_get "$p" corpus_kernel)" ]; then
		grep -Eq "$(kernel_pattern "$p")" "$src" || return 1
	fi
	for pkg in $(port_get "$p" corpus_libs); do
		grep -q "^${pkg}_" "$src" || return 1
	done
}

stale=()
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$CORPUS_VERSION" ]; then
	for p in $(port_where corpus_kernel) $(port_where corpus_libs); do
		port_fetched "$p" || stale+=("$p")
	done
	[ ${#stale[@]} -gt 0 ] || exit 0
	echo "  CORPUS   $dir (${stale[*]})"
	rm -f "$stamp"
	for p in "${stale[@]}"; do rm -rf "${dir:?}/$p"; done
else
	echo "  CORPUS   $dir"
	rm -rf "$dir"
	stale=($(port_where corpus_kernel) $(port_where corpus_libs))
fi
mkdir -p "$dir/tmp"
dir=$(cd "$dir" && pwd)
tmp=$dir/tmp
log=$tmp/log
fail() {
	echo "fetch-corpus: $1 failed; its output:" >&2
	cat "$log" >&2
	exit 1
}

# apt-get download writes into the current directory; as root it warns that
# _apt cannot write there, which is harmless (it downloads unsandboxed).
apt_get() {
	apt-get -q -o APT::Sandbox::User=root "$@" </dev/null >>"$log" 2>&1
}

# --- kernel modules -----------------------------------------------------------
fetch_kernel() {	# fetch_kernel PORT
	local p=$1 pat img kver m members=()
	pat=$(kernel_pattern "$p")
	img=$(apt-cache search --names-only "$pat" | awk '{print $1}' | sort -V | tail -n 1)
	if [ -z "$img" ]; then
		# Lists may be stale or missing: refresh once (root only) and retry.
		[ "$(id -u)" = 0 ] && apt_get update || true
		img=$(apt-cache search --names-only "$pat" | awk '{print $1}' | sort -V | tail -n 1)
	fi
	[ -n "$img" ] || { echo "no package matches $pat" >>"$log"; fail "finding the $p kernel image"; }
	kver=${img#linux-image-}
	kver=${kver%-unsigned}
	mkdir -p "$tmp/$p-kernel" "$dir/$p"
	(cd "$tmp/$p-kernel" && apt_get download "$img") || fail "apt-get download $img"
	mapfile -t mods < <(grep -v '^#' "$PORTS_ROOT/arch/$p/corpus-modules.txt")
	for m in "${mods[@]}"; do
		members+=("./lib/modules/$kver/kernel/$m.ko.xz")
	done
	dpkg-deb --fsys-tarfile "$tmp/$p-kernel"/linux-image-*.deb |
		tar -x -C "$tmp/$p-kernel" "${members[@]}" >>"$log" 2>&1 || fail "extracting modules of $img"
	for m in "${mods[@]}"; do
		xz -dc "$tmp/$p-kernel/lib/modules/$kver/kernel/$m.ko.xz" >"$dir/$p/$(basename "$m").ko" ||
			fail "decompressing $m"
	done
	echo "$img" >"$dir/$p/SOURCE"
}

# --- static libraries, through private apt lists --------------------------------
# A separate list directory with only the port's Debian architecture in it
# lets apt-get download its packages without `dpkg --add-architecture`.
fetch_libs() {	# fetch_libs PORT
	local p=$1 da deb a lib dups A
	da=$(port_get "$p" debian_arch)
	mkdir -p "$tmp/$p-apt/lists/partial" "$tmp/$p-apt/cache/archives/partial" "$tmp/$p"
	A=(-o APT::Architecture="$da" -o APT::Architectures::="$da"
	   -o Dir::State::Lists="$tmp/$p-apt/lists" -o Dir::Cache="$tmp/$p-apt/cache"
	   -o Debug::NoLocking=1)
	apt_get "${A[@]}" update || fail "apt-get update ($da lists)"
	(cd "$tmp/$p" && apt_get "${A[@]}" download $(port_get "$p" corpus_libs)) ||
		fail "apt-get download $(port_get "$p" corpus_libs)"
	: >"$dir/$p.SOURCE"
	for deb in "$tmp"/$p/*.deb; do
		dpkg-deb -x "$deb" "$tmp/$p/root" >>"$log" 2>&1 || fail "unpacking $deb"
		basename "$deb" >>"$dir/$p.SOURCE"
	done
	for a in "$tmp"/$p/root/usr/lib/*-linux-gnu*/*.a; do
		lib=$(basename "$a" .a)
		mkdir -p "$dir/$p/$lib"
		# Archive members can share a name; none of these do today, so a
		# plain extract is enough (duplicates would be silently overwritten).
		dups=$(ar t "$a" | sort | uniq -d | wc -l)
		[ "$dups" = 0 ] || echo "fetch-corpus: $lib.a: $dups duplicate member names, later ones kept" >&2
		(cd "$dir/$p/$lib" && ar x "$a") || fail "ar x $a"
	done
	mv "$dir/$p.SOURCE" "$dir/$p/SOURCE"
}

is_stale() { local q; for q in "${stale[@]}"; do [ "$q" = "$1" ] && return 0; done; return 1; }
for p in $(port_where corpus_kernel); do is_stale "$p" && fetch_kernel "$p"; done
for p in $(port_where corpus_libs); do is_stale "$p" && fetch_libs "$p"; done
rm -rf "$tmp"
echo "$CORPUS_VERSION" >"$stamp"
