#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make bench`: frame pointers versus ORC, against today's unwinders.
# Writes $O/bench/<arch>/results.json, $O/bench/summary.md and PNG plots.
#   1. ns/frame at depths 8/32/128: the kit's reliable ORC and FP walks and a
#      raw FP walk (kit image, selftests/kit-tests/unwind_bench_test.c), and the peers
#      (bench/peers/peers.c: backtrace, _Unwind_Backtrace, libunwind,
#      libdwfl, SFrame by hand and via libsframe) on the same chain shape.
#      Every method's frames are checked against the chain's return
#      addresses in the run.  Every port with a kit half (port_kit): the
#      host's natively, the others under their port_qemu (times emulated).
#   2. async reliability: the kit's sampled tasks (selftest unwind) and the
#      peers under SIGPROF, judged against an offline DWARF CFI walk.
#   3. sizes of ORC / eh_frame / sframe for the kit image per arch.
#   4. frame-pointer cost: objtool-lite built with and without frame
#      pointers on the module corpus (wall time, callgrind instructions, text),
#      and the kit's own library workload (bench/fpcost/run.sh) per arch.
#   5. ORC lookup scaling: kernel/orc_lookup.c's lookup on synthetic tables of
#      1K..10M entries, with and without the block index (bench/lookup/).
# Usage: bench/run.sh [-n N]   (N image runs per kit unwinder, default 3)
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
O=${O:-build}
N=3
while getopts "n:" opt; do case $opt in n) N=$OPTARG ;; *) exit 2 ;; esac; done
B=$O/bench
. scripts/ports.sh
host=$(port_host)
mapfile -t KIT_PORTS < <(port_where kit yes)
for p in "${KIT_PORTS[@]}"; do mkdir -p "$B/$p"; done
mkdir -p "$B/raw"

# ---- peers.  The host's natively, against the host's libraries.  Another
# port's against Debian's libraries of that port in a private sysroot, built
# with the cross compiler and run under the port's qemu-user.  QEMU delivers
# a signal only between translated blocks: QEMU_SINGLESTEP=1 makes every
# instruction a block, so SIGPROF can land on any instruction as on hardware.
PEERS=$B/peers
PEER_SRCS=(bench/peers/peers.c bench/common/cfiwalk.c)
PEER_CFLAGS=(-std=gnu11 -O2 -g -Wall -Wextra -no-pie -fno-omit-frame-pointer
	     -fasynchronous-unwind-tables -rdynamic)
# gas 2.40 emits SFrame (v1) for amd64 and aarch64 only; elsewhere it fails
# with ".sframe not supported for target" and peers.c reports the SFrame
# methods as unsupported
has_gsframe() {
	printf '.text\nf:\n.cfi_startproc\n.cfi_endproc\n' |
		"${1}as" --gsframe -o /dev/null - 2>/dev/null
}
# the port's extra peer flags: SFrame where gas has it; s390x's fp-raw walks
# the back chain, which gcc stores only with -mbackchain
peer_flags() {
	if has_gsframe "$(port_cross "$1")"; then echo -Wa,--gsframe; fi
	if [ "$1" = s390x ]; then echo -mbackchain; fi
}
for p in "${KIT_PORTS[@]}"; do
	mapfile -t extra < <(peer_flags "$p")
	if [ "$p" = "$host" ]; then
		gcc "${PEER_CFLAGS[@]}" "${extra[@]}" -o "$PEERS-$p" "${PEER_SRCS[@]}" \
			-lunwind -ldw -lelf -lsframe -ldl
		for ((i = 0; i < N; i++)); do "$PEERS-$p" time > "$B/raw/peers-time.$p.$i.json"; done
		"$PEERS-$p" async 2000 > "$B/raw/peers-async.$p.json"
		continue
	fi
	cross=$(port_cross "$p") qemu=$(port_qemu "$p")
	triplet=${cross%-}
	SYS=$B/sysroot-$p
	bench/scripts/fetch-port-libs.sh "$p" "$SYS"
	SYS=$(cd "$SYS" && pwd)
	L=$SYS/usr/lib/$triplet
	"${cross}gcc" "${PEER_CFLAGS[@]}" "${extra[@]}" \
		-idirafter "$SYS/usr/include" -idirafter "$SYS/usr/include/$triplet" \
		-o "$PEERS-$p" "${PEER_SRCS[@]}" \
		-L"$L" -L"$SYS/lib/$triplet" -Wl,-rpath-link="$L:$SYS/lib/$triplet" \
		-lunwind -ldw -lelf -l:libsframe.a -ldl
	QEMU_LD_PREFIX=$SYS "$qemu" "$PEERS-$p" time > "$B/raw/peers-time.$p.0.json"
	QEMU_LD_PREFIX=$SYS QEMU_SINGLESTEP=1 "$qemu" "$PEERS-$p" async 2000 \
		> "$B/raw/peers-async.$p.json"
done

# ---- ORC lookup scaling: kernel/orc_lookup.c compiled into the harness
# unchanged, with the host port's ORC entry layout
gcc -std=gnu11 -O2 -g -Wall -Wextra -Wno-array-bounds -Ikernel/include -Iarch/"$host"/include \
	-Iorc -o "$B/lookup" bench/lookup/lookup.c
"$B/lookup" > "$B/raw/lookup.json"

# ---- frame-pointer cost of the kit's own library workload, per arch
O=$O bench/fpcost/run.sh

# ---- kit unwinders: per-frame cost, and sampled reliability (selftest unwind)
for arch in "${KIT_PORTS[@]}"; do
	: > "$B/raw/kit-time.$arch.txt"
	runs=$N; [ "$arch" = "$host" ] || runs=1
	for ((i = 0; i < runs; i++)); do
		for u in orc fp; do
			ARCH=$arch O=$O selftests/kit/run-kit.sh "$u" selftest unwind_bench |
				grep '# bench unwinder=' >> "$B/raw/kit-time.$arch.txt"
		done
	done
	for u in orc fp; do
		ARCH=$arch O=$O selftests/kit/run-kit.sh "$u" selftest unwind > "$B/raw/kit-unwind.$arch.$u.txt" 2>&1 || true
	done
done

# ---- sizes: the image's tables; .sframe from the same sources assembled with --gsframe
for arch in "${KIT_PORTS[@]}"; do
	img=$O/$arch/kit-orc
	cross=$(port_cross "$arch")
	readelf -SW "$img" | sed 's/^ *\[ *[0-9]*\] *//' |
		awk '$1 ~ /^\.(orc_unwind|orc_unwind_ip|eh_frame|eh_frame_hdr|text)$/ {print $1, $5}' |
		while read -r name hex; do echo "$name $((16#$hex))"; done > "$B/raw/sizes.$arch.txt"
	if ! has_gsframe "$cross"; then
		echo "  SIZES $arch: no .sframe (gas has no SFrame for this target)" >&2
		continue
	fi
	cflags=$(make -s --no-print-directory ARCH=$arch O=$O bench-print-KIT_CFLAGS)
	tmp=$(mktemp -d); sf=0
	for src in $(make -s --no-print-directory ARCH=$arch O=$O bench-print-KIT_SRCS); do
		case $src in *.c) ${cross}gcc $cflags -Wa,--gsframe -c -o "$tmp/o.o" "$src" 2>/dev/null || continue ;;
		*) continue ;; esac
		s=$(readelf -SW "$tmp/o.o" | sed 's/^ *\[ *[0-9]*\] *//' | awk '$1==".sframe"{print $5}')
		sf=$((sf + 16#${s:-0}))
	done
	rm -rf "$tmp"
	echo ".sframe_sum_of_objects $sf" >> "$B/raw/sizes.$arch.txt"
done

# ---- frame-pointer cost: objtool-lite with and without frame pointers,
# processing the real kernel modules of the corpus (the first port with a
# port_corpus_kernel; stripped of ORC, as in bench-objtool)
kport=$(port_where corpus_kernel | head -n 1)
pristine=$B/pristine-corpus
rm -rf "$pristine" && mkdir -p "$pristine"
for src in "$O"/corpus/"$kport"/*.ko; do
	objcopy -R .orc_unwind -R .orc_unwind_ip -R .rela.orc_unwind_ip \
		-R .orc_header -R __mcount_loc -R .rela__mcount_loc "$src" \
		"$pristine/$(basename "$src")"
done
nr_mods=$(ls "$pristine" | wc -l)
for fp in on off; do
	flag=$([ $fp = on ] && echo "-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer" || echo "-fomit-frame-pointer")
	make -s --no-print-directory O="$B/objtool-fp-$fp" HOSTCC="gcc $flag" objtool >/dev/null
done
: > "$B/raw/fpcost.txt"
for fp in on off; do
	t=$B/objtool-fp-$fp/host/objtool-lite
	echo "text_$fp $(size -A "$t" | awk '$1==".text"{print $2}')" >> "$B/raw/fpcost.txt"
	ir=0
	rm -rf "$B/m" && cp -r "$pristine" "$B/m"
	for m in "$B"/m/*.ko; do
		n=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$t" --module --orc "$m" 2>&1 |
		    awk '/Collected/{gsub(",", "", $4); print $4}')
		ir=$((ir + ${n:-0}))
	done
	echo "instr_$fp $ir" >> "$B/raw/fpcost.txt"
done
for ((i = 0; i < 7; i++)); do
	for fp in on off; do
		rm -rf "$B/m" && cp -r "$pristine" "$B/m"
		s=$(date +%s%N)
		for m in "$B"/m/*.ko; do
			"$B/objtool-fp-$fp/host/objtool-lite" --module --orc "$m" >/dev/null 2>&1 || true
		done
		echo "wall_$fp $(( ($(date +%s%N) - s) / 1000 ))" >> "$B/raw/fpcost.txt"
	done
done
echo "module corpus of $nr_mods $kport modules" >> "$B/raw/fpcost.txt"

O=$O HOST_PORT=$host KIT_PORTS="${KIT_PORTS[*]}" python3 bench/scripts/report.py
