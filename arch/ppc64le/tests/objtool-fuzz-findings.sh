#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What the objtool:mcount fuzz target found on ppc64le objects (3 December
# 2026), rebuilt from a recipe: a __mcount_loc listing one ftrace site five
# times, whose relocation section is not named .rela__mcount_loc (its
# sh_info still says which section it relocates).  --mcount merges the
# five entries into one, so the table shrinks; objtool-lite used to look
# for its relocation section by name, add a new .rela__mcount_loc and
# leave the old one relocating 40 bytes of an 8-byte section, and libelf
# 0.188 then wrote the grown section header table from the array it had
# read (a garbage SHT_NULL header at the end).  Asserted: exit 0; one
# entry in __mcount_loc; its one relocation section is the old one, now
# holding the single R_PPC64_ADDR64 to .text+4; no section header after
# the first is SHT_NULL.
set -uo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../../.."
O=${O:-build}
OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
cross=$(scripts/ports.sh cross ppc64le)
AS=${cross}as READELF=${cross}readelf
command -v "$AS" >/dev/null || { echo "SKIP: no ppc64le assembler ($AS)"; exit 77; }
[ -x "$OBJTOOL" ] || { echo "no $OBJTOOL (make objtool)"; exit 1; }
. selftests/lib/ktap.sh

work=$O/selftests/objtool-fuzz-findings.ppc64le
rm -rf "$work"
mkdir -p "$work"

{
	printf '\t.abiversion 2\n\t.text\n\t.globl f\n\t.type f, @function\n'
	printf 'f:\n\tmflr 0\n\tbl _mcount\n\tblr\n\t.size f, .-f\n'
	printf '\t.section __mcount_loc, "a"\n'
	for i in 1 2 3 4 5; do printf '\t.quad f + 4\n'; done
} >"$work/dup.s"
"$AS" "$work/dup.s" -o "$work/dup.o" || exit 1
# the names share their tail in .shstrtab: change only the prefix
perl -pi -e 's/\.rela__mcount_loc\0/.relb__mcount_loc\0/' "$work/dup.o"
shdrs=$("$READELF" -SW "$work/dup.o")
grep -q ' \.relb__mcount_loc ' <<<"$shdrs" && grep -q ' __mcount_loc ' <<<"$shdrs"
report $? "the input: __mcount_loc and its relocation section .relb__mcount_loc" ||
	report_info "$shdrs"

"$OBJTOOL" --mcount "$work/dup.o" >"$work/dup.log" 2>&1
rc=$?
report $([ $rc = 0 ]; echo $?) "--mcount: exit 0 (rc $rc)" || report_info "$(cat "$work/dup.log")"

shdrs=$("$READELF" -SW "$work/dup.o" 2>&1)
loc=$(sed -n 's/^ *\[ *\([0-9]*\)\] __mcount_loc  *PROGBITS  *[0-9a-f]*  *[0-9a-f]*  *\([0-9a-f]*\) .*/\1 \2/p' <<<"$shdrs")
[ "${loc#* }" = 000008 ]
report $? "__mcount_loc holds one entry (index and size: $loc)" || report_info "$shdrs"
# RELA sections whose Inf (sh_info) is __mcount_loc's index
relas=$(awk -v i="${loc%% *}" '/^ *\[ *[0-9]+\]/ { sub(/^ *\[ */, ""); sub(/\]/, "");
	if ($3 == "RELA" && $(NF - 1) == i) print $2 }' <<<"$shdrs")
[ "$relas" = .relb__mcount_loc ]
report $? "one relocation section for it, the one it had: '${relas//$'\n'/ }'" || report_info "$shdrs"
rel=$("$READELF" -rW "$work/dup.o" 2>&1 | sed -n '/^Relocation section .\.relb__mcount_loc/,/^$/p')
[ "$(grep -c 'R_PPC64_ADDR64' <<<"$rel")" = 1 ] &&
	grep -Eq '^0+ +[0-9a-f]+ +R_PPC64_ADDR64 +0+ +\.text \+ 4$' <<<"$rel"
report $? "it holds one R_PPC64_ADDR64, at offset 0, to .text + 4" || report_info "$rel"
[ -n "$loc" ] && ! grep -Eq '^ *\[ *[1-9][0-9]*\] +NULL ' <<<"$shdrs"
report $? "no section header after the first is SHT_NULL" || report_info "$shdrs"

report_summary
