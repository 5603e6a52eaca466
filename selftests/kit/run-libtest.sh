#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build kernel/lib/ with the target's compiler into a test program around
# selftests/kit/test_lib.c and run it: natively on the host arch, under
# qemu-user otherwise.  Plain -O2 without the ftrace flags: this checks what
# the library does, the objtool build of the same sources checks its shape.
set -euo pipefail
cd "$(dirname "$0")/../.."

ARCH=${ARCH:?}
O=${O:-build}
host=$(uname -m | sed -e 's/aarch64/arm64/')
case $ARCH in
x86_64) cross=x86_64-linux-gnu- qemu=qemu-x86_64-static ;;
arm64)	cross=aarch64-linux-gnu- qemu=qemu-aarch64-static ;;
*)	echo "SKIP: no library test for $ARCH"; exit 77 ;;
esac
[ "$ARCH" = "$host" ] && { cross=; qemu=; }
command -v "${cross}gcc" >/dev/null || { echo "SKIP: ${cross}gcc missing (make deps)"; exit 77; }
[ -z "$qemu" ] || command -v "$qemu" >/dev/null || { echo "SKIP: $qemu missing (make deps)"; exit 77; }

out=$O/selftests/$ARCH/kit
mkdir -p "$out"
# -static: the qemu-user run needs no target sysroot at run time.
set -x
for s in arch/$ARCH/lib/*.S; do
	"${cross}gcc" -D__ASSEMBLY__ -Iarch/$ARCH/include -c -o "$out/$(basename "$s" .S).o" "$s"
done
"${cross}gcc" -std=gnu11 -O2 -g -Wall -Wextra -Werror -static \
	-fno-builtin -fno-tree-loop-distribute-patterns \
	-Ikernel/include -Iselftests/lib \
	-o "$out/test_lib" selftests/kit/test_lib.c kernel/lib/*.c \
	"$out"/*.o
set +x
${qemu:+$qemu} "$out/test_lib"
