#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fetch the real-object corpus once: objects built by someone else's
# compiler and build system, which is what keeps objtool-lite honest.
#
#   <dir>/x86_64/*.ko   Debian 6.12 cloud kernel modules, decompressed.
#                       They carry upstream objtool's ORC and mcount output,
#                       alternatives, retpolines, static calls and jump tables.
#   <dir>/arm64/<lib>/*.o
#                       objects of Debian arm64 static libraries, with the
#                       compiler's .eh_frame: the --check-cfi corpus.
#
# Usage: scripts/fetch-corpus.sh <dir>      (make passes $(O)/corpus)
# Idempotent: a stamp file records a complete fetch; a partial one is redone.
# Uses its own apt lists for the arm64 packages, so the machine's dpkg
# architecture setup is left alone, and works with no stdin, as any user.
set -euo pipefail

dir=${1:?usage: fetch-corpus.sh <dir>}
stamp=$dir/.stamp

# Bump when the lists below change, so existing corpora are refetched.
CORPUS_VERSION=1

# Modules of varied size and kind: large filesystems, networking with
# jump tables, KVM (hand asm, static calls), crypto with AVX/AVX-512 asm,
# block/md, and a few small ones.
MODULES=(
	fs/xfs/xfs fs/btrfs/btrfs fs/nfs/nfs fs/overlayfs/overlay
	fs/squashfs/squashfs
	net/netfilter/nf_tables net/netfilter/nf_conntrack net/bridge/bridge
	net/netfilter/x_tables
	arch/x86/kvm/kvm arch/x86/kvm/kvm-intel arch/x86/kvm/kvm-amd
	drivers/net/virtio_net drivers/net/wireguard/wireguard drivers/net/tun
	arch/x86/crypto/aesni-intel arch/x86/crypto/chacha-x86_64
	arch/x86/crypto/sha256-ssse3 arch/x86/crypto/poly1305-x86_64
	drivers/md/dm-mod drivers/md/dm-crypt drivers/md/raid456
	lib/raid6/raid6_pq crypto/xts lib/libcrc32c
)

# arm64 static libraries: plain C (zlib, xz, zstd) and a large mix of C and
# perlasm with hand-written CFI (OpenSSL).
ARM64_DEBS=(zlib1g-dev liblzma-dev libzstd-dev libssl-dev)

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$CORPUS_VERSION" ]; then
	exit 0
fi

echo "  CORPUS   $dir"
rm -rf "$dir"
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

# --- x86_64: newest 6.12 cloud kernel image ---------------------------------
img=$(apt-cache search --names-only '^linux-image-6\.12\.[0-9]+\+deb12-cloud-amd64-unsigned$' |
	awk '{print $1}' | sort -V | tail -n 1)
if [ -z "$img" ]; then
	# Lists may be stale or missing: refresh once (root only) and retry.
	[ "$(id -u)" = 0 ] && apt_get update || true
	img=$(apt-cache search --names-only '^linux-image-6\.12\.[0-9]+\+deb12-cloud-amd64-unsigned$' |
		awk '{print $1}' | sort -V | tail -n 1)
fi
[ -n "$img" ] || { echo "no linux-image-6.12.*+deb12-cloud-amd64-unsigned" >>"$log"; fail "finding the kernel image"; }
kver=${img#linux-image-}
kver=${kver%-unsigned}

(cd "$tmp" && apt_get download "$img") || fail "apt-get download $img"
members=()
for m in "${MODULES[@]}"; do
	members+=("./lib/modules/$kver/kernel/$m.ko.xz")
done
mkdir -p "$dir/x86_64"
dpkg-deb --fsys-tarfile "$tmp"/linux-image-*.deb |
	tar -x -C "$tmp" "${members[@]}" >>"$log" 2>&1 || fail "extracting modules of $img"
for m in "${MODULES[@]}"; do
	xz -dc "$tmp/lib/modules/$kver/kernel/$m.ko.xz" >"$dir/x86_64/$(basename "$m").ko" ||
		fail "decompressing $m"
done
echo "$img" >"$dir/x86_64/SOURCE"

# --- arm64: static libraries, through private apt lists ----------------------
# A separate list directory with only arm64 in it lets apt-get download
# arm64 packages without `dpkg --add-architecture` on the host.
mkdir -p "$tmp/apt/lists/partial" "$tmp/apt/cache/archives/partial"
A=(-o APT::Architecture=arm64 -o APT::Architectures::=arm64
   -o Dir::State::Lists="$tmp/apt/lists" -o Dir::Cache="$tmp/apt/cache"
   -o Debug::NoLocking=1)
apt_get "${A[@]}" update || fail "apt-get update (arm64 lists)"
mkdir -p "$tmp/arm64"
(cd "$tmp/arm64" && apt_get "${A[@]}" download "${ARM64_DEBS[@]}") ||
	fail "apt-get download ${ARM64_DEBS[*]}"
: >"$dir/arm64.SOURCE"
for deb in "$tmp"/arm64/*.deb; do
	dpkg-deb -x "$deb" "$tmp/arm64/root" >>"$log" 2>&1 || fail "unpacking $deb"
	basename "$deb" >>"$dir/arm64.SOURCE"
done
for a in "$tmp"/arm64/root/usr/lib/aarch64-linux-gnu/*.a; do
	lib=$(basename "$a" .a)
	mkdir -p "$dir/arm64/$lib"
	# Archive members can share a name; none of these do today, so a plain
	# extract is enough (checked: duplicates would be silently overwritten).
	dups=$(ar t "$a" | sort | uniq -d | wc -l)
	[ "$dups" = 0 ] || echo "fetch-corpus: $lib.a: $dups duplicate member names, later ones kept" >&2
	(cd "$dir/arm64/$lib" && ar x "$a") || fail "ar x $a"
done
mv "$dir/arm64.SOURCE" "$dir/arm64/SOURCE"

rm -rf "$tmp"
echo "$CORPUS_VERSION" >"$stamp"
