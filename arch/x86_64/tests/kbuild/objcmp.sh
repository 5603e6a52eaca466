#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What the kbuild comparisons (kbuild-options.sh, realkernel/run.sh,
# realkernel/compare-modules.sh) compare between upstream objtool's output
# and objtool-lite's, each as text two runs can diff (sourced):
#
#   objcmp_relocs OBJ SECTION  a section's relocations, "type symbol+addend"
#                              lines in table order
#   objcmp_symbols OBJ         the symbols without their index (the tools
#                              may number them differently), sorted
#   objcmp_code OBJ            every executable section's bytes and the
#                              relocations on it
#
# objcmp_tables lists the site tables kbuild's options make objtool write.

objcmp_tables=(.retpoline_sites .return_sites .call_sites .static_call_sites .ibt_endbr_seal)

objcmp_relocs() {
	readelf -rW "$1" | awk -v s="'.rela$2'" '
		$0 ~ "^Relocation section " s { on = 1; getline; next }
		on && NF == 0 { exit }
		on { print $3, $5, $6, $7 }'
}

objcmp_symbols() {
	readelf -sW "$1" | awk 'NR > 3 && $8 != "" { print $2, $3, $4, $5, $6, $7, $8 }' | sort
}

objcmp_code() {
	local s
	for s in $(readelf -SW "$1" | awk '$2 ~ /^\./ && $8 ~ /X/ { print $2 }'); do
		echo "$s"
		objcopy -O binary -j "$s" "$1" /dev/stdout | od -An -tx1 -v
		objcmp_relocs "$1" "$s"
	done
}
