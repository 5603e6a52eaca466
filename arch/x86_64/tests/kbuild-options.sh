#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kbuild 6.12's objtool command line (issue 12): the options objtool-lite
# honours give upstream objtool's result on the same object (kbuild/sites.S,
# upstream objtool run here as the oracle): the same .retpoline_sites,
# .return_sites and .call_sites entries, the same jump label NOPs in
# .text, the same warnings.  The options it does not honour, and unknown
# ones, are errors that name the option and leave the object unchanged.
set -uo pipefail
cd "$(dirname "$0")/../../.."
. selftests/lib/ktap.sh

O=${O:-build}
OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
OBJTOOL=$(cd "$(dirname "$OBJTOOL")" && pwd)/$(basename "$OBJTOOL")
up=$(ls $(scripts/ports.sh get x86_64 upstream_objtool) 2>/dev/null | sort -V | tail -n 1)
cc="$(scripts/ports.sh cross x86_64)gcc"
work=$O/kbuild-options
rm -rf "$work"
mkdir -p "$work"

if [ -z "$up" ] || ! $cc -c arch/x86_64/tests/kbuild/sites.S -o "$work/in.o"; then
	report 1 "upstream objtool is installed and sites.S assembles"
	report_summary
	exit 1
fi

# A section's relocations as "type symbol+addend" lines, in table order.
relocs() {	# relocs OBJ SECTION
	readelf -rW "$1" | awk -v s="'.rela$2'" '
		$0 ~ "^Relocation section " s { on = 1; getline; next }
		on && NF == 0 { exit }
		on { print $3, $5, $6, $7 }'
}
text() { objcopy -O binary -j .text "$1" /dev/stdout | od -An -tx1 -v; }

compare() {	# compare NAME OPTIONS...: both tools on a copy of in.o
	local name=$1 s
	shift
	cp "$work/in.o" "$work/$name.up.o"
	cp "$work/in.o" "$work/$name.lite.o"
	(cd "$work" && "$up" "$@" "$name.up.o") >"$work/$name.up.err" 2>&1
	(cd "$work" && "$OBJTOOL" "$@" "$name.lite.o") >"$work/$name.lite.err" 2>&1
	report $? "$name: objtool-lite accepts $*"
	sed 's/\.up\.o:/.o:/' "$work/$name.up.err" >"$work/$name.up.w"
	sed 's/\.lite\.o:/.o:/' "$work/$name.lite.err" >"$work/$name.lite.w"
	[ -s "$work/$name.up.w" ] && diff "$work/$name.up.w" "$work/$name.lite.w" >&2
	report $? "$name: the same warnings as upstream objtool"
	report_info "$(cat "$work/$name.up.w")"
	for s in .retpoline_sites .return_sites .call_sites; do
		relocs "$work/$name.up.o" $s >"$work/$name.up$s"
		relocs "$work/$name.lite.o" $s >"$work/$name.lite$s"
		diff "$work/$name.up$s" "$work/$name.lite$s" >&2
		report $? "$name: $s has upstream's $(wc -l <"$work/$name.up$s") entries"
	done
	cmp -s <(text "$work/$name.up.o") <(text "$work/$name.lite.o")
	report $? "$name: .text is rewritten as upstream rewrites it"
}

compare kbuild --hacks=jump_label --hacks=skylake --orc --retpoline --rethunk --sls --link --module
# The tables must not be empty, or the comparison above proves nothing.
[ "$(wc -l <"$work/kbuild.up.return_sites")" = 3 ] &&
	[ "$(wc -l <"$work/kbuild.up.retpoline_sites")" = 2 ] &&
	[ "$(wc -l <"$work/kbuild.up.call_sites")" = 2 ]
report $? "the input has return, retpoline and call sites"
! cmp -s <(text "$work/in.o") <(text "$work/kbuild.lite.o")
report $? "the jump label sites were rewritten"
compare sls --sls --orc
grep -q 'missing int3 after ret' "$work/sls.up.w" &&
	grep -q 'missing int3 after indirect jump' "$work/sls.up.w"
report $? "the --sls case has both of upstream's --sls warnings"
compare noskylake --rethunk --retpoline --orc

# Not honoured: an error naming the option, exit 2, the object untouched.
for opt in --ibt --cfi --mnop --static-call --uaccess --prefix=16 --noinstr \
	   --unret --hacks=noinstr --no-such-option --hacks=bogus; do
	cp "$work/in.o" "$work/refuse.o"
	"$OBJTOOL" --orc $opt "$work/refuse.o" >/dev/null 2>"$work/refuse.err"
	rc=$?
	name=${opt%%=*}
	[ "$opt" = --hacks=noinstr ] || [ "$opt" = --hacks=bogus ] && name=${opt#--hacks=}
	[ $rc = 2 ] && grep -q -- "$name" "$work/refuse.err" && cmp -s "$work/in.o" "$work/refuse.o"
	report $? "$opt: refused, named in the error, object unchanged"
done
report_summary
