#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What `make check-full` and `make fuzz` need on top of scripts/deps.sh:
# clang with libFuzzer and the sanitizer runtimes for the fuzz targets
# (fuzz/, scripts/fuzz/fuzz.sh) and valgrind, which the bad-input test uses
# when present.  Quiet when everything is there.
set -euo pipefail

PKGS=(
	clang			# -fsanitize=fuzzer,address,undefined (clang 14)
	libclang-rt-14-dev	# libclang_rt.fuzzer and the ASan/UBSan runtimes
	valgrind		# memory errors that do not crash (badinput test)
)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed$' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps-full: missing packages; as root, run:" >&2
	echo "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y -q ${missing[*]}" >&2
	exit 1
fi
log=$(mktemp /tmp/klpkit-deps-full.XXXXXX.log)
trap 'rm -f "$log"' EXIT
echo "  DEPS     ${missing[*]}"
if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	--no-install-recommends "${missing[@]}"; } </dev/null >"$log" 2>&1; then
	echo "deps-full: apt-get failed; its output:" >&2
	cat "$log" >&2
	exit 1
fi
