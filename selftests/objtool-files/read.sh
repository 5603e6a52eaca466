#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# objtool-lite reading objects of $ARCH, built here with the port's gcc
# (issue 8, items 1, 4 and 6; docs/objtool-files.md):
#   - more than 256 text sections without section symbols (gcc
#     -ffunction-sections -fno-asynchronous-unwind-tables, 300 functions):
#     every section gets ORC, the code and its relocations are unchanged
#     (globals moved behind the new locals are renumbered), and binutils
#     reads and links the result;
#   - objects without code: gas's empty object (no symbol table) passes
#     every mode, even with --werror, and is not touched; a gcc LTO object
#     (GIMPLE only) and a clang bitcode file pass too, but a note says
#     nothing was checked; a fat LTO object is checked as usual, no note;
#   - a FIFO or a device as input: refused at once in every mode (a
#     timeout guards against the old hang);
#   - the input truncated in the middle of --dump=orc and of --check-cfi
#     (stall.c stops the tool on a full one-page output pipe, truncates,
#     then lets it go): the same output as an undisturbed run, exit 0, no
#     SIGBUS.
. "$(dirname "$0")/common.sh"

w=$O/selftests/objtool-files-read.$ARCH
rm -rf "$w"
mkdir -p "$w"
gcc -O2 -Wall -Wextra -Werror -o "$w/stall" "$here/stall.c" || exit 1

# --- 1: 300 text sections, no section symbols --------------------------------
gen_c "$w/many.c" 300
"$CC" $CFLAGS -c -o "$w/many.o" "$w/many.c" || exit 1
nsec=$("$READELF" -SW "$w/many.o" | grep -c ' \.text\.f[0-9]* ')
nsym0=$("$READELF" -sW "$w/many.o" | awk '$4 == "SECTION"' | grep -c '\.text\.f')
report "$([ "$nsec" = 300 ] && echo 0 || echo 1)" "input has 300 text sections ($nsec)"
# Some assemblers make no section symbol that no relocation needs, others
# make one per section, and then there is nothing to add
if [ "$nsym0" = 0 ]; then
	report 0 "input has no section symbols for them: objtool-lite adds 300"
else
	report_skip "the $ARCH assembler made $nsym0 section symbols itself: nothing to add here"
fi
cp "$w/many.o" "$w/many-orig.o"
"$OBJTOOL" --stackval --orc --mcount "$w/many.o" 2>"$w/many.err"
expect "300 sections: --stackval --orc --mcount" 0 $? "$w/many.err"
report "$([ ! -s "$w/many.err" ] && echo 0 || echo 1)" "300 sections: no diagnostics ($(head -c 200 "$w/many.err"))"
"$OBJTOOL" --dump=orc "$w/many.o" >"$w/many.dump" 2>&1
ncov=$(sed -n 's/^\(\.text\.f[0-9]*\)+.*/\1/p' "$w/many.dump" | sort -u | wc -l)
report "$([ "$ncov" = 300 ] && echo 0 || echo 1)" "300 sections: ORC entries in each of them ($ncov)"
# one terminator per section: the last entry of each is undefined
nterm=$(awk -F'[+:]' '/^\.text\.f/ { last[$1] = $0 } END { for (s in last) if (last[s] ~ /type:\(und\)/) n++; print n + 0 }' "$w/many.dump")
report "$([ "$nterm" = 300 ] && echo 0 || echo 1)" "300 sections: each ends with an undefined terminator ($nterm)"
nsym=$("$READELF" -sW "$w/many.o" | awk '$4 == "SECTION"' | grep -c '\.text\.f')
report "$([ "$nsym" = 300 ] && echo 0 || echo 1)" "300 sections: one section symbol each ($nsym)"
"$OBJDUMP" -dr "$w/many-orig.o" | sed 1,3d >"$w/code-before"
"$OBJDUMP" -dr "$w/many.o" | sed 1,3d >"$w/code-after"
cmp -s "$w/code-before" "$w/code-after"
report $? "300 sections: code and relocations read back unchanged (objdump -dr)"
"$READELF" -aW "$w/many.o" >/dev/null 2>"$w/readelf.err"
report "$([ ! -s "$w/readelf.err" ] && echo 0 || echo 1)" "300 sections: readelf -a has no complaint"
"${cross}ld" -r -o "$w/many-linked.o" "$w/many.o" 2>"$w/ld.err"
report $? "300 sections: ld -r links the result"

# --- 4: no code ------------------------------------------------------------
modes=("--stackval --orc --mcount --werror" "--dump=orc" "--check-cfi --werror"
       "--orc --dry-run --werror")
"$CC" -c -x assembler -o "$w/empty.o" /dev/null || exit 1
"${cross}objcopy" --strip-all "$w/empty.o" "$w/empty-nosym.o" || exit 1
! "$READELF" -SW "$w/empty-nosym.o" | grep -c '\.symtab' >/dev/null
report $? "empty object, stripped: no symbol table"
for e in empty empty-nosym; do
	for m in "${modes[@]}"; do
		cp "$w/$e.o" "$w/e.o"
		"$OBJTOOL" $m "$w/e.o" 2>"$w/e.err"
		rc=$?
		expect "$e object, $m" 0 $rc "$w/e.err"
		! grep -q 'error' "$w/e.err" && cmp -s "$w/$e.o" "$w/e.o"
		report $? "$e object, $m: no error, file untouched"
	done
done

printf 'int lto_f(int x) { return x * 3 + 1; }\n' >"$w/lto.c"
"$CC" -O2 -flto -c -o "$w/lto.o" "$w/lto.c" || exit 1
"$READELF" -SW "$w/lto.o" | grep -c '\.gnu\.lto_' >/dev/null
report $? "gcc -flto object has GIMPLE sections"
cp "$w/lto.o" "$w/lto-orig.o"
"$OBJTOOL" --stackval --orc --mcount --werror "$w/lto.o" 2>"$w/lto.err"
expect "gcc LTO object, --werror" 0 $? "$w/lto.err" "nothing checked"
grep -q "GCC LTO" "$w/lto.err" && cmp -s "$w/lto.o" "$w/lto-orig.o"
report $? "gcc LTO object: the note names LTO, file untouched"

"$CC" -O2 -flto -ffat-lto-objects -c -o "$w/fat.o" "$w/lto.c" || exit 1
"$OBJTOOL" --stackval --orc "$w/fat.o" 2>"$w/fat.err"
rc=$?
[ $rc = 0 ] && ! grep -q note "$w/fat.err" && has_sec "$w/fat.o" .orc_unwind
report $? "fat LTO object (code too): checked, ORC written, no note (exit $rc)"

if command -v clang >/dev/null && clang -O2 -flto -c -o "$w/bc.o" "$w/lto.c" 2>/dev/null; then
	cp "$w/bc.o" "$w/bc-orig.o"
	"$OBJTOOL" --stackval --orc --werror "$w/bc.o" 2>"$w/bc.err"
	expect "clang bitcode, --werror" 0 $? "$w/bc.err" "LLVM bitcode"
	cmp -s "$w/bc.o" "$w/bc-orig.o"
	report $? "clang bitcode: file untouched"
else
	report_skip "clang bitcode: no clang with -flto here"
fi

# --- 6: FIFO and devices ---------------------------------------------------
mkfifo "$w/fifo"
for m in "--stackval --orc --mcount" "--dump=orc" "--check-cfi" "--disas=f0" "--orc --dry-run"; do
	timeout 10 "$OBJTOOL" $m "$w/fifo" 2>"$w/fifo.err"
	expect "FIFO, $m (124: it hung)" 1 $? "$w/fifo.err" "not a regular file (a FIFO)"
done
timeout 10 "$OBJTOOL" --orc /dev/null 2>"$w/dev.err"
expect "character device, --orc" 1 $? "$w/dev.err" "not a regular file (a character device)"

# --- 6: truncated while read -----------------------------------------------
# -O0 code: ORC dumps and --verbose check-cfi reports that outgrow the
# one-page pipe well before the run ends.
"$CC" $CFLAGS -O0 -fasynchronous-unwind-tables -c -o "$w/big.o" "$w/many.c" || exit 1
"$OBJTOOL" --orc "$w/big.o" || exit 1
cp "$w/big.o" "$w/t.o"
"$OBJTOOL" --dump=orc "$w/t.o" >"$w/dump.want"
"$w/stall" "$w/t.o" 0 1 "$OBJTOOL" --dump=orc "$w/t.o" >"$w/dump.got" 2>"$w/dump.err"
rc=$?
[ -s "$w/dump.err" ] && report_info "$(cat "$w/dump.err")"
report "$([ $rc = 0 ] && echo 0 || echo 1)" "--dump=orc, input truncated mid-run: exit 0 (got $rc; 135 is SIGBUS, 125 never stalled)"
cmp -s "$w/dump.want" "$w/dump.got" && [ "$(stat -c %s "$w/t.o")" = 0 ]
report $? "--dump=orc, input truncated mid-run: the full dump ($(wc -l <"$w/dump.want") lines)"

# plain -O0 (no kernel flags): frame setups gcc's CFI describes through
# the frame pointer, one "CFI equivalent" note each with --verbose
"$CC" -O0 -fasynchronous-unwind-tables -c -o "$w/t.o" "$w/many.c" || exit 1
"$OBJTOOL" --check-cfi --verbose "$w/t.o" 2>"$w/cfi.want"
"$w/stall" "$w/t.o" 0 2 "$OBJTOOL" --check-cfi --verbose "$w/t.o" >"$w/cfi.got" 2>"$w/cfi.err"
rc=$?
[ -s "$w/cfi.err" ] && report_info "$(cat "$w/cfi.err")"
report "$([ $rc = 0 ] && echo 0 || echo 1)" "--check-cfi, input truncated mid-run: exit 0 (got $rc; 135 is SIGBUS, 125 never stalled)"
cmp -s "$w/cfi.want" "$w/cfi.got" && grep -q "addresses compared" "$w/cfi.got"
report $? "--check-cfi, input truncated mid-run: the same report"

report_summary
