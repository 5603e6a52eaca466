#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Golden tests: small C and asm files, each exercising one thing objtool
# must get right, built at test time into $O/selftests/golden/.  They are
# a port's own (arch/$ARCH/tests/objtool-golden/, with the base compiler
# flags in base-cflags there) and run for each port whose descriptor names
# an upstream objtool; the oracle is that upstream objtool run on the same
# object:
#   - ORC: upstream's --dump=orc of upstream's output and of objtool-lite's
#     output must be the same multiset of lines;
#   - warnings: the same sorted lines, the object's path normalised;
#   - with "@compare text mcount": the .text bytes and the __mcount_loc
#     relocations of both outputs must be identical.
# Each case also states what it is about, checked on the object and on
# upstream's result (so a case that stops exercising its feature, or an
# oracle that disagrees with the hand-checked expectation, is noticed):
#   @cflags FLAGS        appended to the base flags below
#   @opts OPTS           options for both tools (default: --orc)
#   @upstream-opts OPTS  upstream's options where they are spelled
#                        differently (the case says why)
#   @insn ERE            objdump -d of the object has a matching line
#   @sym ERE             the symbol table has a matching symbol name
#   @reloc ERE           readelf -r has a matching relocation section
#   @orc ERE             upstream's ORC dump has a matching line
#   @warn ERE            upstream's warnings have a matching line
#   @nowarn              upstream prints no warnings
#   @compare WHAT...     extra comparisons: text, mcount
#   @no-upstream WHY     upstream is not the oracle for this case (an
#                        intentional difference, explained in the case)
#   @lite-check OPTS -- nowarn | warn ERE | count N
#                        a hand-checked expectation of objtool-lite alone,
#                        run with OPTS on a fresh copy: no warnings, a
#                        warning line matching ERE, or exactly N warnings
#
# Usage: ARCH=<port> selftests/objtool-golden/run.sh [CASE...]
#        (e.g. leave hints.S; ARCH defaults to the host's port)
set -uo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh

O=${O:-build}
OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
ARCH=${ARCH:-$(scripts/ports.sh host)}
cases_dir=arch/$ARCH/tests/objtool-golden
work=$O/selftests/golden/$ARCH

# The port's kernel-like code generation, without DWARF CFI (upstream is
# the oracle here, not the compiler) and without what would only add
# noise (see base-cflags); the port's and the kit's headers for the asm.
[ -f "$cases_dir/base-cflags" ] ||
	{ echo "port $ARCH lacks $cases_dir/base-cflags (its golden cases)"; exit 1; }
BASE_CFLAGS="$(cat "$cases_dir/base-cflags") -Iarch/$ARCH/include -Ikernel/include"

upstream=$(scripts/ports.sh upstream "$ARCH") || {
	echo "SKIP: no upstream objtool for $ARCH ($(scripts/ports.sh get "$ARCH" upstream_objtool); make deps)"
	exit 77
}
CC=$(scripts/ports.sh cross "$ARCH")gcc
command -v "$CC" >/dev/null || { echo "no $CC (make deps)"; exit 1; }
[ -x "$OBJTOOL" ] || { echo "no $OBJTOOL (make objtool)"; exit 1; }
rm -rf "$work"
mkdir -p "$work"

meta() {	# meta FILE KEY: the values of @KEY lines, one per line
	sed -n -E "s/^[[:space:]/*#]*@$2([[:space:]]+(.*))?\$/\\2/p" "$1"
}

# Warnings of one run: stderr, path replaced by "OBJ", sorted.
norm_warnings() { sed -e "s|$2|OBJ|g" -e '/^[[:space:]]*$/d' "$1" | sort; }

mcount_relocs() {	# the __mcount_loc relocations: offset, type, target
	readelf -rW "$1" | awk '/^Relocation section/ { on = ($3 == "'"'"'.rela__mcount_loc'"'"'") ; next }
		on && NF >= 5 { print $1, $3, $5, $6, $7 }'
}

text_bytes() { objcopy -O binary -j .text "$1" /dev/stdout 2>/dev/null | od -An -tx1 -v; }

cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
	for f in "$cases_dir"/*.[cS]; do cases+=("$(basename "$f")"); done
fi

for c in "${cases[@]}"; do
	src=$cases_dir/$c
	[ -f "$src" ] || src=$(ls "$cases_dir/$c".[cS] 2>/dev/null | head -n 1)
	[ -f "$src" ] || { report 1 "$c: no such case"; continue; }
	name=$(basename "$src")
	d=$work/${name%.*}
	mkdir -p "$d"
	obj=$d/in.o

	# shellcheck disable=SC2046
	if ! $CC $BASE_CFLAGS $(meta "$src" cflags) -c -o "$obj" "$src" >"$d/cc.log" 2>&1; then
		report 1 "$name: builds"
		report_info "$(cat "$d/cc.log")"
		continue
	fi

	# What the case is about must be in the object.
	# (a relocation is joined to the instruction it patches)
	objdump -dr --no-show-raw-insn "$obj" |
		awk '/^[[:space:]]+[0-9a-f]+: R_[A-Z0-9_]+/ { sub(/^[[:space:]]+/, ""); last = last " " $0; next }
		     { if (NR > 1) print last; last = $0 } END { print last }' >"$d/in.dis"
	shape=0 why=""
	while IFS= read -r re; do
		[ -n "$re" ] || continue
		grep -qE -- "$re" "$d/in.dis" || { shape=1; why="$why no insn /$re/;"; }
	done < <(meta "$src" insn)
	while IFS= read -r re; do
		[ -n "$re" ] || continue
		grep -qE -- "$re" <<<"$(readelf -sW "$obj" | awk '{ print $8 }')" || { shape=1; why="$why no symbol /$re/;"; }
	done < <(meta "$src" sym)
	while IFS= read -r re; do
		[ -n "$re" ] || continue
		grep -qE -- "$re" <<<"$(readelf -rW "$obj")" || { shape=1; why="$why no reloc section /$re/;"; }
	done < <(meta "$src" reloc)
	report $shape "$name: the object has what the case exercises${why:+ ($why)}"

	# objtool-lite's own, hand-checked expectations
	k=0
	while IFS= read -r spec; do
		[ -n "$spec" ] || continue
		k=$((k + 1))
		lopts=${spec%% -- *} what=${spec#* -- }
		cp "$obj" "$d/check$k.o"
		# shellcheck disable=SC2086
		"$OBJTOOL" $lopts "$d/check$k.o" >/dev/null 2>"$d/check$k.err"
		norm_warnings "$d/check$k.err" "$d/check$k.o" >"$d/check$k.warnings"
		case $what in
		nowarn) [ ! -s "$d/check$k.warnings" ] ;;
		warn\ *) grep -qE -- "${what#warn }" "$d/check$k.warnings" ;;
		count\ *) [ "$(wc -l <"$d/check$k.warnings")" = "${what#count }" ] ;;
		*) false ;;
		esac
		report $? "$name: objtool-lite $lopts: $what"
		[ $? = 0 ] || report_info "got: $(cat "$d/check$k.warnings")"
	done < <(meta "$src" lite-check)
	if meta "$src" no-upstream | grep -q ''; then
		report_info "$name: not compared with upstream: $(meta "$src" no-upstream)"
		continue
	fi

	opts=$(meta "$src" opts | head -n 1)
	opts=${opts:---orc}
	uopts=$(meta "$src" upstream-opts | head -n 1)
	uopts=${uopts:-$opts}
	cp "$obj" "$d/upstream.o"
	cp "$obj" "$d/lite.o"
	# shellcheck disable=SC2086
	"$upstream" $uopts "$d/upstream.o" >"$d/upstream.out" 2>"$d/upstream.err"
	# shellcheck disable=SC2086
	"$OBJTOOL" $opts "$d/lite.o" >"$d/lite.out" 2>"$d/lite.err"
	lite_rc=$?
	norm_warnings "$d/upstream.err" "$d/upstream.o" >"$d/upstream.warnings"
	norm_warnings "$d/lite.err" "$d/lite.o" >"$d/lite.warnings"
	"$upstream" --dump=orc "$d/upstream.o" 2>/dev/null | sort >"$d/upstream.orc"
	"$upstream" --dump=orc "$d/lite.o" 2>/dev/null | sort >"$d/lite.orc"

	# The hand-checked expectation, checked on upstream's result first:
	# if upstream disagrees, the case (not objtool-lite) is wrong.
	exp=0 why=""
	while IFS= read -r re; do
		[ -n "$re" ] || continue
		grep -qE -- "$re" "$d/upstream.orc" || { exp=1; why="$why no ORC line /$re/;"; }
	done < <(meta "$src" orc)
	while IFS= read -r re; do
		[ -n "$re" ] || continue
		grep -qE -- "$re" "$d/upstream.warnings" || { exp=1; why="$why no warning /$re/;"; }
	done < <(meta "$src" warn)
	if meta "$src" nowarn | grep -q '' && [ -s "$d/upstream.warnings" ]; then
		exp=1 why="$why upstream warned;"
	fi
	report $exp "$name: upstream agrees with the case's expectation${why:+ ($why)}"
	[ $exp = 0 ] || report_info "upstream: $(cat "$d/upstream.warnings")"

	n=$(wc -l <"$d/upstream.orc")
	if [[ " $opts " == *" --orc "* ]]; then
		cmp -s "$d/upstream.orc" "$d/lite.orc" && [ "$n" -gt 0 ]
		report $? "$name: ORC identical to upstream's ($n entries)"
		cmp -s "$d/upstream.orc" "$d/lite.orc" ||
			report_info "$(diff "$d/upstream.orc" "$d/lite.orc" | head -n 20)"
	fi
	cmp -s "$d/upstream.warnings" "$d/lite.warnings"
	report $? "$name: warnings identical to upstream's ($(wc -l <"$d/upstream.warnings"))"
	cmp -s "$d/upstream.warnings" "$d/lite.warnings" ||
		report_info "$(diff "$d/upstream.warnings" "$d/lite.warnings")"
	# a warning is not a failure of the tool, a crash or an error is
	[ $lite_rc = 0 ] || [ -s "$d/lite.warnings" ]
	report $? "$name: objtool-lite exits cleanly (exit $lite_rc)"

	for what in $(meta "$src" compare); do
		case $what in
		text)
			cmp -s <(text_bytes "$d/upstream.o") <(text_bytes "$d/lite.o")
			report $? "$name: .text bytes identical to upstream's"
			;;
		mcount)
			mcount_relocs "$d/upstream.o" >"$d/upstream.mcount"
			mcount_relocs "$d/lite.o" >"$d/lite.mcount"
			cmp -s "$d/upstream.mcount" "$d/lite.mcount" && [ -s "$d/upstream.mcount" ]
			report $? "$name: __mcount_loc identical to upstream's ($(wc -l <"$d/upstream.mcount") sites)"
			cmp -s "$d/upstream.mcount" "$d/lite.mcount" ||
				report_info "$(diff "$d/upstream.mcount" "$d/lite.mcount")"
			;;
		*) report 1 "$name: unknown @compare $what" ;;
		esac
	done
done

report_summary
