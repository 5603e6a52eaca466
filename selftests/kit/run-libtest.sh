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
cross=$(scripts/ports.sh cross "$ARCH")
qemu=$(scripts/ports.sh qemu "$ARCH")
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
