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
# Then the same table with no relocations at all, the state in which
# libelf wrote a garbage header (see the case below).
. "$(dirname "$0")/objtool-setup.sh" objtool-fuzz-findings

# pfe_object NAME COUNT ENTRY: $work/NAME.o, f() and a table of COUNT
# entries ENTRY (an expression for .quad), none of them a function entry
pfe_object() {
	local i
	{
		printf '\t.text\n\t.globl f\n\t.type f, %%function\n'
		printf 'f:\n\tnop\n\tnop\n\tret\n\t.size f, .-f\n'
		printf '\t.section __patchable_function_entries, "awo", @progbits, .text\n\t.p2align 3\n'
		for ((i = 0; i < $2; i++)); do printf '\t.quad %s\n' "$3"; done
	} >"$work/$1.s"
	"$CC" -c "$work/$1.s" -o "$work/$1.o"
}

pfe_object pfe 3 "f + 4" || exit 1
# the names share their tail in .shstrtab: change only the prefix
perl -pi -e 's/\.rela__patchable_function_entries\0/.relb__patchable_function_entries\0/' "$work/pfe.o"
shdrs=$(readelf -SW "$work/pfe.o")
grep -q ' \.relb__patchable_function_entries ' <<<"$shdrs" &&
	grep -q ' __patchable_function_entries ' <<<"$shdrs"
report $? "the input: the table and its relocation section .relb__patchable_function_entries" ||
	report_info "$shdrs"

# mcount NAME COUNT WARNING WHY: --mcount on NAME.o exits 0 with COUNT
# warnings matching WARNING (a BRE), one per entry WHY; $shdrs after it
mcount() {
	"$OBJTOOL" --mcount "$work/$1.o" >"$work/$1.log" 2>&1
	rc=$?
	[ $rc = 0 ] && [ "$(grep -c "warning: objtool: $3" "$work/$1.log")" = "$2" ]
	report $? "--mcount: exit 0 (rc $rc), a warning for each entry $4" ||
		report_info "$(cat "$work/$1.log")"
	shdrs=$(readelf -SW "$work/$1.o" 2>&1)
}

mcount pfe 3 '__patchable_function_entries: .text+0x4 is not a function entry' \
	"that is not a function entry"
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

# The state libelf 0.188 mishandles, reached without a damaged name: four
# entries with no relocation at all (and no relocation section), so the
# emptied table gets a new, empty .rela__patchable_function_entries (as
# upstream writes an empty one for an empty table).  The section headers
# shrink by nothing a layout would notice: without objtool-lite flagging
# the whole ELF dirty, the new header comes out as a garbage SHT_NULL one.
pfe_object norel 4 4 || exit 1
shdrs=$(readelf -SW "$work/norel.o")
! grep -q 'RELA' <<<"$shdrs"
report $? "the input: __patchable_function_entries without a relocation section" || report_info "$shdrs"
mcount norel 4 '__patchable_function_entries+0x[0-9a-f]*: bad or missing relocation' \
	"without a relocation"
pfe_idx=$(sed -n 's/^ *\[ *\([0-9]*\)\] __patchable_function_entries  *PROGBITS  *[0-9a-f]*  *[0-9a-f]*  *000000 .*/\1/p' <<<"$shdrs")
grep -Eq "^ *\[ *[0-9]+\] \.rela__patchable_function_entries +RELA +[0-9a-f]+ [0-9a-f]+ 000000 18 +I +[0-9]+ +$pfe_idx +8\$" <<<"$shdrs"
report $? "the table emptied, and the new empty .rela__patchable_function_entries is a RELA section for it" ||
	report_info "$shdrs"
[ -n "$pfe_idx" ] && ! grep -Eq '^ *\[ *[1-9][0-9]*\] +NULL ' <<<"$shdrs"
report $? "no section header after the first is SHT_NULL" || report_info "$shdrs"

report_summary
