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
qemu=$(scripts/ports.sh qemu "$ARCH")
image=$O/$ARCH/kit-$unwinder
[ -x "$image" ] || { echo "missing $image (make kit-image ARCH=$ARCH)"; exit 1; }
exec ${qemu:+$qemu} "$image" "$@"
