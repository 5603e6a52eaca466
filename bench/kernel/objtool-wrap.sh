#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kbuild's objtool during make bench-kernel: run.sh writes one small
# script per objtool (objtool=that script, so that kbuild sees another
# command and runs objtool again) which sets BK_DIR and BK_OBJTOOL and
# runs this.  It runs $BK_OBJTOOL with kbuild's arguments, and on
# vmlinux.o first keeps the linked object as kbuild hands it over
# ($BK_DIR/vmlinux.o.pre) and its arguments ($BK_DIR/vmlinux.o.args), so
# the benchmark can time each objtool on the same input afterwards.
obj=${*: -1}
case $obj in
vmlinux.o | */vmlinux.o)
	cp "$obj" "$BK_DIR/vmlinux.o.pre"
	printf '%s\n' "${@:1:$#-1}" >"$BK_DIR/vmlinux.o.args"
	;;
esac
exec "$BK_OBJTOOL" "$@"
