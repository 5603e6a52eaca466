#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The seam, proved: a copy of this tree gets a scratch port arch/skel/ with
# a descriptor and nothing else, and no common file is edited.  The build,
# the selftest runner and `make deps` must pick the new port up from that
# file alone, and fail only with "port skel lacks ..." naming the missing
# pieces.  KTAP.
set -uo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."
O=${O:-build}
. selftests/lib/ktap.sh
work=$PWD/$O/selftests/skeleton-port
rm -rf "$work"
mkdir -p "$work/tree"
git ls-files -co --exclude-standard | grep -v "^$O/" |
	tar -cf - -T - 2>/dev/null | tar -xf - -C "$work/tree"
cd "$work/tree" || exit 1

# The descriptor of an existing port under a new name, with its own
# toolchain package and no host of its own.
src=$(scripts/ports.sh list | head -n 1)
mkdir arch/skel
sed -e 's/^port_uname := .*/port_uname := skel-cpu/' \
    -e 's/^port_packages := .*/port_packages := klpkit-skel-toolchain/' \
    -e 's/^port_objtool := .*/port_objtool := yes/' \
    -e 's/^port_kit := .*/port_kit := yes/' \
    "arch/$src/port.mk" >arch/skel/port.mk
check "the copied descriptor is the only file of arch/skel" \
	[ "$(find arch/skel -type f)" = arch/skel/port.mk ]

check "scripts/ports.sh lists the new port" \
	grep -qx skel <(scripts/ports.sh list)
check "the selftest runner gives it every per-port test" \
	grep -qx kit-boot.skel <(selftests/run.sh -l)
check "the selftest runner gives it the tests of its properties" \
	grep -qx check-cfi.skel <(selftests/run.sh -l)
check "make deps wants its packages" \
	grep -qx klpkit-skel-toolchain <(scripts/deps.sh --print)

make --no-print-directory O="$work/o" ARCH=skel kit >"$work/kit.out" 2>&1
rc=$?
cat "$work/kit.out" | sed 's/^/# kit: /'
check "make ARCH=skel kit fails" [ $rc != 0 ]
check "... saying what the port lacks" grep -q '^port skel lacks:' "$work/kit.out"
check "... naming its entry code" grep -q 'arch/skel/entry.S' "$work/kit.out"
check "... naming its unwinders" grep -q 'arch/skel/unwind_orc.c' "$work/kit.out"
check "... before any compiler ran" bash -c "! grep -qE 'gcc|error:' '$work/kit.out'"

make --no-print-directory O="$work/o" objtool >"$work/objtool.out" 2>&1
rc=$?
cat "$work/objtool.out" | sed 's/^/# objtool: /'
check "make objtool fails for a port with port_objtool = yes and no decoder" [ $rc != 0 ]
check "... naming the decoder it lacks" grep -q 'arch/skel/objtool/decode.c' "$work/objtool.out"

# A port that has landed neither half yet: known by name, given no test of
# a half it lacks, left out of the builds of every port, and "make kit"
# says why instead of compiling.
sed -i -e 's/^port_kit := .*/port_kit := no/' \
       -e 's/^port_objtool := .*/port_objtool := no/' arch/skel/port.mk
check "a port without halves passes ports.sh check" scripts/ports.sh check skel
check "... gets no kit test" bash -c "! selftests/run.sh -l | grep -qx kit-boot.skel"
check "... gets no objtool test" bash -c "! selftests/run.sh -l | grep -qx check-cfi.skel"
make --no-print-directory O="$work/o" ARCH=skel kit >"$work/nokit.out" 2>&1
rc=$?
check "make ARCH=skel kit fails" [ $rc != 0 ]
check "... saying the port has no kit half" grep -q '^port skel has no kit half yet' "$work/nokit.out"
make --no-print-directory ports >"$work/ports.out" 2>&1
sed 's/^/# ports: /' "$work/ports.out"
check "make ports lists it with no halves" grep -qx 'skel: kit=no objtool=no' "$work/ports.out"
check "... and leaves it out of the kit builds" bash -c \
	"grep '^kit ports:' '$work/ports.out' | grep -qvw skel"

# An empty descriptor: every required key is named.
: >arch/skel/port.mk
scripts/ports.sh check skel >"$work/empty.out" 2>&1
rc=$?
check "an empty descriptor is refused" [ $rc != 0 ]
check "... naming each required key" bash -c \
	"for k in uname cross qemu cflags ftrace_section objtool kit; do grep -q \"port_\$k in arch/skel/port.mk\" '$work/empty.out' || exit 1; done"

report_summary
