# SPDX-License-Identifier: GPL-2.0
# Sourced by scripts/fuzz/fuzz.sh: the seed inputs of each fuzz target,
# from every port's kit build ($O/<port>/) and corpus ($O/corpus/<port>/).
# seed_dir TARGET prints the folder of TARGET's seeds, made on first use.
#
# Debug info is stripped (objtool-lite reads none of it; .eh_frame, which
# --check-cfi reads, is not debug info and stays), so mutations land where
# the code under test looks.

SEED_CORPUS_PER_PORT=${SEED_CORPUS_PER_PORT:-16}
seeds_root=$FUZZ_O/seeds
orc_secs="-R .orc_unwind -R .orc_unwind_ip -R .rela.orc_unwind_ip -R .orc_header"

# The relocatable objects of port $1: the kit's, its modules, a corpus sample.
port_objects() {
	local p=$1 n
	find "$O/$p/kernel" "$O/$p/arch" "$O/$p/livepatch-glue" -name '*.o' 2>/dev/null | sort
	ls "$O/$p"/modules/*.ko 2>/dev/null || true
	# an even spread over the corpus's small files (by name, so every library)
	n=$(find "$O/corpus/$p/" -type f \( -name '*.o' -o -name '*.ko' \) -size -96k 2>/dev/null | wc -l)
	[ "$n" -gt 0 ] || return 0
	find "$O/corpus/$p/" -type f \( -name '*.o' -o -name '*.ko' \) -size -96k | sort |
		awk -v k=$(( (n + SEED_CORPUS_PER_PORT - 1) / SEED_CORPUS_PER_PORT )) 'NR % k == 1'
}

# objects KIND: fill $seeds_root/KIND with every port's objects, with ORC
# ("orc") or without it ("plain", the build's input)
make_objects() {
	local kind=$1 dir=$seeds_root/$1 p f objcopy strip n=0
	rm -rf "$dir"
	mkdir -p "$dir"
	strip="--strip-debug"
	[ "$kind" = plain ] && strip="$strip $orc_secs"
	for p in $(port_list); do
		objcopy="$(port_cross "$p")objcopy"
		while read -r f; do
			# shellcheck disable=SC2086
			$objcopy $strip "$f" "$dir/$p.$n.$(basename "$f")" 2>/dev/null && n=$((n + 1))
		done < <(port_objects "$p")
	done
	[ $n -gt 0 ] || { echo "fuzz: no seed objects (make kit kit-image, make corpus)" >&2; exit 1; }
}

# disas: "<function>\0<object>", a function the object defines
make_disas() {
	local dir=$seeds_root/disas f fn
	rm -rf "$dir"
	mkdir -p "$dir"
	for f in "$seeds_root/plain"/*; do
		fn=$(nm --defined-only "$f" 2>/dev/null | awk '$2 ~ /^[Tt]$/ { print $3; exit }')
		[ -n "$fn" ] || continue
		{ printf '%s\0' "$fn"; cat "$f"; } >"$dir/$(basename "$f")"
	done
}

# orc-sort: minimal images of each port's ORC tables (orc_image.py): the
# first 64 and 1024 entries of every kit image, in order and reversed
make_images() {
	local dir=$seeds_root/images p i k
	rm -rf "$dir"
	mkdir -p "$dir"
	for p in $(port_list); do
		for i in "$O/$p"/kit-*; do
			[ -f "$i" ] || continue
			for k in 64 1024; do
				python3 scripts/fuzz/orc_image.py "$i" $k "$dir/$p.$(basename "$i").$k" &&
				python3 scripts/fuzz/orc_image.py "$i" $k "$dir/$p.$(basename "$i").$k.rev" reversed ||
				rm -f "$dir/$p.$(basename "$i").$k"*
			done
		done
	done
}

# orc-lookup: <format index> <u32 n> <n ips> <n entries> <lookup offsets>,
# from the first 64 and 256 entries of each image's tables; lookups at
# each of up to 128 entries spread over the table, one byte before it and
# one after, and at both ends of the covered range (each lookup is checked
# against a linear search: a few hundred per input keep a run short)
make_tables() {
	local dir=$seeds_root/tables p idx=0 img size esz n
	rm -rf "$dir"
	mkdir -p "$dir"
	for p in $(port_where objtool yes); do
		img=$O/$p/kit-orc
		if [ -f "$img" ]; then
			"$(port_cross "$p")objcopy" -O binary --only-section=.orc_unwind_ip "$img" "$dir/ip"
			"$(port_cross "$p")objcopy" -O binary --only-section=.orc_unwind "$img" "$dir/orc"
			size=$(wc -c <"$dir/ip")
			n=$((size / 4))
			esz=$(( $(wc -c <"$dir/orc") / (n > 0 ? n : 1) ))
			for k in 64 256; do
				[ "$k" -le "$n" ] || continue
				python3 - "$idx" "$k" "$esz" "$dir/ip" "$dir/orc" \
					"$(od -An -tu1 -j5 -N1 "$img" | tr -d ' ')" >"$dir/$p.$k" <<-'EOF'
				import struct, sys
				idx, k, esz = (int(a) for a in sys.argv[1:4])
				ip = open(sys.argv[4], "rb").read()[:4 * k]
				orc = open(sys.argv[5], "rb").read()[:esz * k]
				# ips in the host's order: the harness is the host's lookup
				# (entries stay in the port's order: its format reads them)
				rel = struct.unpack(("<" if sys.argv[6] == "1" else ">") + "%di" % k, ip)
				ip = struct.pack("=%di" % k, *rel)
				# the harness copies the table: offsets from the first ip stay
				at = [4 * j + rel[j] - rel[0] for j in range(k)]
				offs = [-1, 0, at[-1] - 1, at[-1], at[-1] + 1]
				for j in range(0, k, max(1, k // 128)):
				    offs += [at[j] - 1, at[j], at[j] + 1]
				sys.stdout.buffer.write(bytes([idx]) + struct.pack("<I", k) + ip + orc +
							b"".join(struct.pack("<i", o) for o in offs))
				EOF
			done
			rm -f "$dir/ip" "$dir/orc"
		fi
		idx=$((idx + 1))
	done
}

# module-PORT: the kit's modules of that port.  The loader under test is
# built for the host and reads ELF in the host's byte order: a port of the
# other order also gets its modules with their ELF structures swapped
# (elf_swap.py), or none of them would get past the header check into the
# port's relocations.
host_elfdata=$(python3 -c 'import sys; print(1 if sys.byteorder == "little" else 2)')
make_modules() {
	local p=$1 dir=$seeds_root/modules-$1 m out
	rm -rf "$dir"
	mkdir -p "$dir"
	for m in "$O/$p"/modules/*.ko; do
		[ -f "$m" ] || continue
		out=$dir/$(basename "$m")
		"$(port_cross "$p")objcopy" --strip-debug "$m" "$out" || continue
		[ "$(od -An -tu1 -j5 -N1 "$out" | tr -d ' ')" = "$host_elfdata" ] ||
			python3 scripts/fuzz/elf_swap.py "$out" "$dir/swapped.$(basename "$m")"
	done
}

seed_dir() {	# seed_dir TARGET
	local kind
	case $1 in
	objtool:dump|objtool:dump-json) kind=orc ;;
	objtool:disas) kind=disas ;;
	objtool:*) kind=plain ;;
	orc-sort) kind=images ;;
	orc-lookup) kind=tables ;;
	module:*) kind=modules-${1#module:} ;;
	*) echo "fuzz: unknown target $1" >&2; exit 1 ;;
	esac
	if [ ! -d "$seeds_root/$kind" ]; then
		case $kind in
		orc|plain) make_objects "$kind" ;;
		disas) [ -d "$seeds_root/plain" ] || make_objects plain; make_disas ;;
		images) make_images ;;
		tables) make_tables ;;
		modules-*) make_modules "${kind#modules-}" ;;
		esac
	fi
	echo "$seeds_root/$kind"
}
# seeds are rebuilt on every run: the kit may have changed
rm -rf "$seeds_root"
