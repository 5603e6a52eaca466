#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Inputs the objtool fuzz targets found objtool-lite wrong on, kept as
# the fuzzer wrote them (no recipe that reaches the same state is known).
#
# pfe-emptied-shdr-overread.o (objtool:module, 3 December 2026): .text
# is not code, so no __patchable_function_entries entry is a function
# entry and --mcount empties the section; its relocation section's name
# is damaged.  objtool-lite looked for it by name, so it added a new,
# empty .rela__patchable_function_entries and left the old one relocating
# the emptied section; libelf then kept its layout and wrote the section
# header table from the array it had read, one entry short: the new
# header came from past that array (a heap overread under ASan, a section
# of garbage in the output without it).  Asserted: the run ends 0 or 1
# with no crash; a written object has __patchable_function_entries empty
# with one relocation section, the one it had (found by sh_info, now
# empty), and no section header after the first is SHT_NULL.
. "$(dirname "$0")/objtool-setup.sh" objtool-fuzz-findings

in=arch/arm64/tests/fuzz-findings/pfe-emptied-shdr-overread.o
cp "$in" "$work/pfe.o" || { report 1 "the kept input $in is there"; report_summary; exit 1; }
"$OBJTOOL" --module --stackval --orc --mcount "$work/pfe.o" >"$work/pfe.log" 2>&1
rc=$?
[ $rc = 0 ] || [ $rc = 1 ]
report $? "pfe-emptied-shdr-overread: the run ends with 0 or 1 (rc $rc)" ||
	report_info "$(cat "$work/pfe.log")"

shdrs=$(readelf -SW "$work/pfe.o" 2>&1)
pfe=$(sed -n 's/^ *\[ *\([0-9]*\)\] __patchable_function_entries  *PROGBITS  *[0-9a-f]*  *[0-9a-f]*  *\([0-9a-f]*\) .*/\1 \2/p' <<<"$shdrs")
pfe_idx=${pfe%% *}
[ "${pfe#* }" = 000000 ]
report $? "__patchable_function_entries is emptied (index and size: $pfe)" || report_info "$shdrs"
# RELA sections whose Inf (sh_info) is its index, with their sizes
relas=$(awk -v i="$pfe_idx" '/^ *\[ *[0-9]+\]/ { sub(/^ *\[ */, ""); sub(/\]/, "");
	if ($3 == "RELA" && $(NF - 1) == i) print $6 }' <<<"$shdrs")
[ -n "$pfe_idx" ] && [ "$relas" = 000000 ] &&
	! grep -q ' \.rela__patchable_function_entries ' <<<"$shdrs"
report $? "one relocation section for it, the one it had, now empty (sizes: ${relas//$'\n'/ })" ||
	report_info "$shdrs"
[ -n "$pfe_idx" ] && ! grep -Eq '^ *\[ *[1-9][0-9]*\] +NULL ' <<<"$shdrs"
report $? "no section header after the first is SHT_NULL" || report_info "$shdrs"

report_summary
