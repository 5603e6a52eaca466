#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the kit kernel image for $ARCH: natively on the host arch, under
# qemu-user otherwise.  Usage: run-kit.sh orc|fp ARGS...
set -euo pipefail
cd "$(dirname "$0")/../.."

ARCH=${ARCH:?}
O=${O:-build}
unwinder=${1:?orc or fp}
shift
host=$(uname -m | sed -e 's/aarch64/arm64/')
case $ARCH in
x86_64) qemu=qemu-x86_64-static ;;
arm64)	qemu=qemu-aarch64-static ;;
*)	echo "SKIP: no kit image for $ARCH"; exit 77 ;;
esac
[ "$ARCH" = "$host" ] && qemu=
image=$O/$ARCH/kit-$unwinder
[ -x "$image" ] || { echo "missing $image (make kit-image ARCH=$ARCH)"; exit 1; }
exec ${qemu:+$qemu} "$image" "$@"
