#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What the objtool:module fuzz target found on arm64 objects (3 December
# 2026), rebuilt from a recipe: __patchable_function_entries entries that
# are not function entries, so --mcount empties the section, and its
# relocation section not named .rela__patchable_function_entries (its
# sh_info still says which section it relocates).  objtool-lite used to
# look for the relocation section by name, so it added a new, empty one
# and left the old one relocating the emptied section.  With the fuzzer's
# own input libelf 0.188 then kept its layout and wrote the section header
# table from the array it had read, one entry short (a heap overread
# under ASan, a section of garbage in the output without it; ppc64le's
# recipe, arch/ppc64le/tests/objtool-fuzz-findings.sh, shows that part
# too).  This recipe, smaller, shows the second relocation section on
# b103a27 and nothing wrong now.  Asserted: exit 0 with a warning per
# dropped entry; the section emptied; its one relocation section is the
# one it had, now empty; no section header after the first is SHT_NULL.
. "$(dirname "$0")/objtool-setup.sh" objtool-fuzz-findings

{
	printf '\t.text\n\t.globl f\n\t.type f, %%function\n'
	printf 'f:\n\tnop\n\tnop\n\tret\n\t.size f, .-f\n'
	printf '\t.section __patchable_function_entries, "awo", @progbits, .text\n\t.p2align 3\n'
	for i in 1 2 3; do printf '\t.quad f + 4\n'; done
} >"$work/pfe.s"
"$CC" -c "$work/pfe.s" -o "$work/pfe.o" || exit 1
# the names share their tail in .shstrtab: change only the prefix
perl -pi -e 's/\.rela__patchable_function_entries\0/.relb__patchable_function_entries\0/' "$work/pfe.o"
shdrs=$(readelf -SW "$work/pfe.o")
grep -q ' \.relb__patchable_function_entries ' <<<"$shdrs" &&
	grep -q ' __patchable_function_entries ' <<<"$shdrs"
report $? "the input: the table and its relocation section .relb__patchable_function_entries" ||
	report_info "$shdrs"

"$OBJTOOL" --mcount "$work/pfe.o" >"$work/pfe.log" 2>&1
rc=$?
[ $rc = 0 ] && [ "$(grep -c 'warning: objtool: __patchable_function_entries: .text+0x4 is not a function entry' "$work/pfe.log")" = 3 ]
report $? "--mcount: exit 0 (rc $rc), a warning for each entry that is not a function entry" ||
	report_info "$(cat "$work/pfe.log")"

shdrs=$(readelf -SW "$work/pfe.o" 2>&1)
pfe=$(sed -n 's/^ *\[ *\([0-9]*\)\] __patchable_function_entries  *PROGBITS  *[0-9a-f]*  *[0-9a-f]*  *\([0-9a-f]*\) .*/\1 \2/p' <<<"$shdrs")
pfe_idx=${pfe%% *}
[ "${pfe#* }" = 000000 ]
report $? "__patchable_function_entries is emptied (index and size: $pfe)" || report_info "$shdrs"
# RELA sections whose Inf (sh_info) is its index: name and size
relas=$(awk -v i="$pfe_idx" '/^ *\[ *[0-9]+\]/ { sub(/^ *\[ */, ""); sub(/\]/, "");
	if ($3 == "RELA" && $(NF - 1) == i) print $2 ":" $6 }' <<<"$shdrs")
[ -n "$pfe_idx" ] && [ "$relas" = .relb__patchable_function_entries:000000 ]
report $? "one relocation section for it, the one it had, now empty: '${relas//$'\n'/ }'" ||
	report_info "$shdrs"
[ -n "$pfe_idx" ] && ! grep -Eq '^ *\[ *[1-9][0-9]*\] +NULL ' <<<"$shdrs"
report $? "no section header after the first is SHT_NULL" || report_info "$shdrs"

report_summary
