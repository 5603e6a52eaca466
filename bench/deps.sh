#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bench-only Debian packages (not needed by make check): installs the missing ones.
set -euo pipefail
PKGS=(
	libunwind-dev	# peer: unw_backtrace, unw_step
	libdw-dev	# peer: libdwfl; ground truth: DWARF CFI
	binutils-dev	# peer: libsframe
	gnuplot-nox	# plots
	valgrind	# instruction counts (perf counters are often unavailable in VMs)
	flex		# bench-kernel: kconfig's lexer
	bison		# bench-kernel: kconfig's parser
	bc		# bench-kernel: kernel/timeconst.h
)
missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
else
	echo "bench needs: apt-get install ${missing[*]}" >&2; exit 1
fi
