#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kit's objects for $ARCH went through objtool-lite at build time (the
# Makefile fails on any warning); check here that what it added is there:
# ORC tables and ftrace call-site records in every object.
set -euo pipefail
cd "$(dirname "$0")/../.."
ARCH=${ARCH:?}
O=${O:-build}

objs=$(find "$O/$ARCH/kernel" -name '*.o' 2>/dev/null | sort)
[ -n "$objs" ] || { echo "no kit objects under $O/$ARCH (run make ARCH=$ARCH kit)"; exit 1; }
want=".orc_unwind .orc_unwind_ip $(scripts/ports.sh get "$ARCH" ftrace_section)"
bad=0
for o in $objs; do
	secs=$(readelf -SW "$o" | sed -n 's/^ *\[ *[0-9]*\] \([^ ]*\) .*/\1/p')
	for s in $want; do
		if ! grep -qxF -- "$s" <<<"$secs"; then
			echo "$o: no $s section"
			bad=1
		fi
	done
	echo "$o: ok"
done
exit $bad
