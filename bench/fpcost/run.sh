#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Frame-pointer cost of the kit's own workload (bench item 4): kernel/lib
# (sort, vsprintf, string, parser) and bench/fpcost/driver.c built twice per
# kit port with the kit's KIT_CFLAGS, one with -fno-omit-frame-pointer (as
# the kit) and one with -fomit-frame-pointer.  The ftrace entry hooks (the
# -pg/-mfentry/-mrecord-mcount/-mnop-mcount/-fpatchable-function-entry
# family, whichever the port uses) are left out: they need the kit's ftrace
# and are the same in both builds.
#   the host's port (native): callgrind instruction count, wall time
#     (median of $RUNS), .text of the four library objects and of the
#     linked driver.
#   other ports (their port_qemu, static binary): instruction count from
#     QEMU's own log (-singlestep -d exec,nochain: one line per executed
#     instruction) on a shorter run, .text sizes; wall time is emulated.
# Writes $O/bench/raw/fpcost-kit.<arch>.txt ("key value" lines).
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."
O=${O:-build}
B=$O/bench
RUNS=${RUNS:-5}
ITER=${ITER:-300}		# native iterations
ITER_Q=${ITER_Q:-2}		# iterations under the QEMU instruction log
LIB=(kernel/lib/sort.c kernel/lib/vsprintf.c kernel/lib/string.c kernel/lib/parser.c)
mkdir -p "$B/raw"
. scripts/ports.sh
host=$(port_host)

text_of() { size -A "$1" | awk '$1==".text"{s+=$2} END{print s+0}'; }

for arch in $(port_where kit yes); do
	cross=$(port_cross "$arch") qemu=$(port_qemu "$arch")
	base=$(make -s --no-print-directory ARCH=$arch O="$O" bench-print-KIT_CFLAGS |
		tr ' ' '\n' | grep -v -x -E -- '-pg|-mfentry|-mrecord-mcount|-mnop-mcount|-mprofile-kernel|-fpatchable-function-entry=.*|-fno-omit-frame-pointer|-Werror' |
		tr '\n' ' ')
	out=$B/raw/fpcost-kit.$arch.txt
	: > "$out"
	echo "flags $base" >> "$out"
	for fp in on off; do
		flag=$([ $fp = on ] && echo -fno-omit-frame-pointer || echo -fomit-frame-pointer)
		d=$B/fpcost/$arch-$fp
		mkdir -p "$d"
		objs=()
		for src in "${LIB[@]}" bench/fpcost/driver.c; do
			o=$d/$(basename "$src" .c).o
			${cross}gcc $base $flag -c -o "$o" "$src"
			objs+=("$o")
		done
		libtext=0
		for o in "${objs[@]:0:4}"; do libtext=$((libtext + $(text_of "$o"))); done
		# -no-pie: the objects are -fno-pic like the kit's; static under
		# qemu-user, which then needs no sysroot
		${cross}gcc -no-pie $([ -n "$qemu" ] && echo -static) -o "$d/driver" "${objs[@]}"
		echo "libtext_$fp $libtext" >> "$out"
		echo "text_$fp $(text_of "$d/driver")" >> "$out"
	done
	if [ -z "$qemu" ]; then
		for fp in on off; do
			d=$B/fpcost/$arch-$fp
			echo "checksum_$fp $("$d/driver" 3)" >> "$out"
			ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$d/driver" 30 2>&1 |
				awk '/Collected/{print $4}')
			echo "instr_$fp $ir" >> "$out"
			echo "instr_iterations 30" >> "$out"
		done
		for ((i = 0; i < RUNS; i++)); do
			for fp in on off; do
				s=$(date +%s%N); "$B/fpcost/$arch-$fp/driver" "$ITER" >/dev/null
				echo "wall_$fp $(( ($(date +%s%N) - s) / 1000 ))" >> "$out"
			done
		done
		echo "wall_iterations $ITER" >> "$out"
	else
		for fp in on off; do
			d=$B/fpcost/$arch-$fp
			echo "checksum_$fp $("$qemu" "$d/driver" 3)" >> "$out"
			n=$("$qemu" -singlestep -d exec,nochain -D /dev/stdout "$d/driver" "$ITER_Q" |
				grep -c '^Trace ' || true)
			echo "instr_$fp $n" >> "$out"
			echo "instr_iterations $ITER_Q" >> "$out"
			s=$(date +%s%N); "$qemu" "$d/driver" 30 >/dev/null
			echo "wall_emulated_$fp $(( ($(date +%s%N) - s) / 1000 ))" >> "$out"
		done
	fi
done
