#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kit's objects and modules for $ARCH went through objtool-lite at
# build time (the Makefile fails on any warning); check here that what it
# added is there, in every object of the image (every folder the image is
# built from) and every kit module:
#   - ORC tables (.orc_unwind, .orc_unwind_ip), always;
#   - the port's ftrace call-site section, in every module and every object
#     compiled from C, except where the source says no function in it is
#     traced: a C file that uses notrace may lack it.  Objects from
#     hand-written asm have call sites only where the asm opts in (fentry
#     sites in asm), so for them the section is optional.
# A C object that lost its ftrace flags, or any object that skipped
# objtool-lite, fails.  KTAP.
set -uo pipefail
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh
ARCH=${ARCH:?}
O=${O:-build}

objs=$(find "$O/$ARCH" \( -name '*.o' -o -name '*.ko' \) 2>/dev/null | sort)
[ -n "$objs" ] || { echo "no kit objects under $O/$ARCH (run make ARCH=$ARCH kit kit-image)"; exit 1; }
ftrace=$(scripts/ports.sh get "$ARCH" ftrace_section)

# The source an object of the image was built from (modules: none).
source_of() {
	local rel=${1#"$O/$ARCH/"} f
	for f in "${rel%.o}.c" "${rel%.o}.S"; do
		[ -f "$f" ] && { echo "$f"; return; }
	done
}

n_c=0 n_asm=0 n_ko=0
for o in $objs; do
	secs=$(readelf -SW "$o" | sed -n 's/^ *\[ *[0-9]*\] \([^ ]*\) .*/\1/p')
	has() { grep -qxF -- "$1" <<<"$secs"; }
	missing=""
	for s in .orc_unwind .orc_unwind_ip; do
		has "$s" || missing="$missing $s"
	done
	case $o in
	*.ko)	n_ko=$((n_ko + 1)) why="module"
		has "$ftrace" || missing="$missing $ftrace" ;;
	*)	src=$(source_of "$o")
		case $src in
		*.c)	n_c=$((n_c + 1)) why="from $src"
			if ! has "$ftrace"; then
				if grep -qw notrace "$src"; then
					why="$why, notrace: no $ftrace"
				else
					missing="$missing $ftrace"
				fi
			fi ;;
		*.S)	n_asm=$((n_asm + 1)) why="from $src (asm)" ;;
		*)	why="no source found for it"; missing="$missing (source)" ;;
		esac ;;
	esac
	check "${o#"$O/"}: ${missing:+lacks$missing; }$why" [ -z "$missing" ]
done
report_info "$n_c C objects, $n_asm asm objects, $n_ko modules"
report_summary
