#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kbuild 6.12's objtool command line (issue 12): every option kbuild
# passes gives upstream objtool's result on the same object (upstream
# objtool run here as the oracle), on kbuild/sites.S (the mitigation
# tables, jump labels), kbuild/options.S (--hacks=noinstr, --prefix,
# --ibt, --static-call), kbuild/uaccess.S (--uaccess), kbuild/kcfi.S
# (--cfi, --mnop), kbuild/noinstr.S (--noinstr) and kbuild/unret.S
# (--unret): the same entries in every table either tool writes
# (.retpoline_sites, .return_sites, .call_sites, .static_call_sites,
# .ibt_endbr_seal, .cfi_sites, __mcount_loc), the same symbols added, the
# same ORC (both dumped by upstream), the same code bytes, the same
# warnings.  Unknown options and bad arguments are errors that name them
# and leave the object unchanged.
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

if [ -z "$up" ] || ! $cc -c arch/x86_64/tests/kbuild/sites.S -o "$work/in.o" ||
   ! $cc -c arch/x86_64/tests/kbuild/options.S -o "$work/opt.o" ||
   ! $cc -c arch/x86_64/tests/kbuild/uaccess.S -o "$work/ua.o" ||
   ! $cc -c arch/x86_64/tests/kbuild/kcfi.S -o "$work/kcfi.o" ||
   ! $cc -c arch/x86_64/tests/kbuild/noinstr.S -o "$work/noinstr.o" ||
   ! $cc -c arch/x86_64/tests/kbuild/unret.S -o "$work/unret.o"; then
	report 1 "upstream objtool is installed and the kbuild/*.S inputs assemble"
	report_summary
	exit 1
fi

. arch/x86_64/tests/kbuild/objcmp.sh
tables=("${objcmp_tables[@]}" .cfi_sites __mcount_loc)
relocs() { objcmp_relocs "$@"; }
symbols() { objcmp_symbols "$@"; }
code() { objcmp_code "$@"; }
text() { objcopy -O binary -j .text "$1" /dev/stdout | od -An -tx1 -v; }
orc() { SRCARCH=x86 "$up" --dump=orc "$1" 2>&1; }

compare() {	# compare NAME INPUT OPTIONS...: both tools on a copy of INPUT
	local name=$1 in=$2 s
	shift 2
	cp "$in" "$work/$name.up.o"
	cp "$in" "$work/$name.lite.o"
	(cd "$work" && SRCARCH=x86 "$up" "$@" "$name.up.o") >"$work/$name.up.err" 2>&1
	(cd "$work" && "$OBJTOOL" "$@" "$name.lite.o") >"$work/$name.lite.err" 2>&1
	report $? "$name: objtool-lite accepts $*"
	sed 's/\.up\.o:/.o:/' "$work/$name.up.err" >"$work/$name.up.w"
	sed 's/\.lite\.o:/.o:/' "$work/$name.lite.err" >"$work/$name.lite.w"
	diff "$work/$name.up.w" "$work/$name.lite.w" >&2
	report $? "$name: the same warnings as upstream objtool"
	report_info "$(cat "$work/$name.up.w")"
	for s in "${tables[@]}"; do
		relocs "$work/$name.up.o" $s >"$work/$name.up$s"
		relocs "$work/$name.lite.o" $s >"$work/$name.lite$s"
		diff "$work/$name.up$s" "$work/$name.lite$s" >&2
		report $? "$name: $s has upstream's $(wc -l <"$work/$name.up$s") entries"
	done
	diff <(symbols "$work/$name.up.o") <(symbols "$work/$name.lite.o") >&2
	report $? "$name: the same symbols as upstream's output"
	diff <(code "$work/$name.up.o") <(code "$work/$name.lite.o") >&2
	report $? "$name: code and its relocations rewritten as upstream rewrites them"
	diff <(orc "$work/$name.up.o") <(orc "$work/$name.lite.o") >&2
	report $? "$name: upstream's ORC entries ($(orc "$work/$name.up.o" | wc -l))"
}
count() { wc -l <"$work/$1"; }
# says CASE OPTION WHAT-ELSE MESSAGE...: upstream's warnings in CASE are
# exactly MESSAGEs (so objtool-lite's are too, compare() checked that)
says() {
	local w=$work/$1.up.w opt=$2 others=$3 m
	shift 3
	for m in "$@"; do
		grep -qF "$m" "$w"
		report $? "$opt: upstream says \"$m\""
	done
	[ "$(wc -l <"$w")" = $# ]
	report $? "$opt: no other warning ($others)"
}

# kbuild 6.12's options for a module object (docs/kbuild.md)
kbuild=(--hacks=jump_label --hacks=noinstr --hacks=skylake --ibt --orc --retpoline
	--rethunk --sls --static-call --uaccess --prefix=16 --link --module)

compare kbuild "$work/in.o" "${kbuild[@]}"
# The tables must not be empty, or the comparison above proves nothing.
[ "$(count kbuild.up.return_sites)" = 3 ] && [ "$(count kbuild.up.retpoline_sites)" = 2 ] &&
	[ "$(count kbuild.up.call_sites)" = 2 ]
report $? "the input has return, retpoline and call sites"
! cmp -s <(text "$work/in.o") <(text "$work/kbuild.lite.o")
report $? "the jump label sites were rewritten"
compare sls "$work/in.o" --sls --orc
grep -q 'missing int3 after ret' "$work/sls.up.w" &&
	grep -q 'missing int3 after indirect jump' "$work/sls.up.w"
report $? "the --sls case has both of upstream's --sls warnings"
compare noskylake "$work/in.o" --rethunk --retpoline --orc

compare options "$work/opt.o" "${kbuild[@]}"
# What options.S is built to show, in upstream's output (so in both).
w=$work/options.up.w
[ "$(readelf -rW "$work/options.up.o" | grep -c 'R_X86_64_NONE.*__\(sanitizer_cov\|tsan\)_')" = 4 ] &&
	[ "$(readelf -rW "$work/options.up.o" | grep -c 'R_X86_64_PLT32.*__sanitizer_cov_trace_pc')" = 1 ]
report $? "--hacks=noinstr: the 4 calls in noinstr text removed, the one in .text kept"
[ "$(symbols "$work/options.up.o" | grep -c ' 16 FUNC .* __pfx_f_pfx')" = 2 ] &&
	! grep -q __pfx_f_short_pad <<<"$(symbols "$work/options.up.o")"
report $? "--prefix=16: two __pfx_ symbols, none after short padding"
[ "$(count options.up.ibt_endbr_seal)" = 6 ]
report $? "--ibt: 6 sealed landing pads"
says options --ibt 'and the asm entry point with a landing pad unreached' \
	'asm_entry_no_endbr+0x0: UNWIND_HINT_IRET_REGS without ENDBR' \
	'asm_entry_endbr+0x0: unreachable instruction' \
	'f_ibt_refs+0xb: relocation to !ENDBR: f_no_endbr+0x0' \
	'ibt_ptrs+0x8: data relocation to !ENDBR: f_no_endbr_data+0x0' \
	'init_module(): not an indirect call target'
grep -q '__SCK__with_key + 1' "$work/options.up.static_call_sites" &&
	grep -q '__SCT__module_only + 0' "$work/options.up.static_call_sites" &&
	[ "$(count options.up.static_call_sites)" = 6 ]
report $? "--static-call: 3 sites, a tail call's key marked, a module's missing key"
compare uaccess "$work/ua.o" "${kbuild[@]}"
says uaccess --uaccess 'safe calls, smap_save/restore, hweight, a safe return' \
	'f_ua_call+0x7: call to ext_func() with UACCESS enabled' \
	'f_ua_call_dynamic+0x7: call to {dynamic}() with UACCESS enabled' \
	'f_ua_tail_call+0x7: call to ext_func() with UACCESS enabled' \
	'f_ua_ret+0x7: return with UACCESS enabled' \
	'.altinstr_replacement+0x21: recursive UACCESS enable' \
	'.altinstr_replacement+0x27: redundant UACCESS disable' \
	'.altinstr_replacement+0x41: UACCESS-safe disables UACCESS' \
	'rep_stos_alternative+0x9: return with UACCESS disabled from a UACCESS-safe function'
# Without --uaccess the SMAP alternatives are walked the other way round.
compare no_uaccess "$work/ua.o" --orc

# kCFI preambles and ftrace NOPs, with the module options and alone
compare kcfi "$work/kcfi.o" "${kbuild[@]}" --cfi --mcount --mnop
[ "$(count kcfi.up.cfi_sites)" = 2 ] && [ "$(count kcfi.up__mcount_loc)" = 2 ] &&
	[ "$(readelf -rW "$work/kcfi.up.o" | grep -c 'R_X86_64_NONE.*__fentry__')" = 2 ]
report $? "--cfi --mcount --mnop: 2 preambles listed, 2 ftrace calls listed and made NOPs"
compare cfi_only "$work/kcfi.o" --orc --cfi
compare mnop_only "$work/kcfi.o" --orc --mcount --mnop
compare cfi_empty "$work/opt.o" --orc --cfi
grep -q ' \.rela\.cfi_sites ' <<<"$(readelf -SW "$work/cfi_empty.up.o")" &&
	grep -q ' \.rela\.cfi_sites ' <<<"$(readelf -SW "$work/cfi_empty.lite.o")"
report $? "--cfi without preambles: upstream's empty .cfi_sites and .rela.cfi_sites, in both"

# noinstr text as in vmlinux.o: kbuild's vmlinux.o options, and alone
vmlinux=(--hacks=jump_label --hacks=noinstr --hacks=skylake --ibt --orc --retpoline --rethunk
	 --sls --static-call --uaccess --prefix=16 --noinstr --link)
compare vmlinux "$work/noinstr.o" "${vmlinux[@]}"
compare noinstr_orc "$work/noinstr.o" --orc --noinstr --link
compare noinstr_only "$work/noinstr.o" --noinstr --link
says noinstr_only --noinstr 'noinstr, UBSAN, static and clean paravirt calls, instrumented text' \
	'f_ni_call+0x4: call to ext_func() leaves .noinstr.text section' \
	'f_ni_tail+0x4: call to ext_func() leaves .noinstr.text section' \
	'f_ni_dynamic+0x4: call to {dynamic}() leaves .noinstr.text section' \
	'f_ni_pv_dirty+0x4: call to {dynamic}() leaves .noinstr.text section' \
	'pv_ops[1]: f_pv_instr' \
	'f_ni_ret+0x5: return with instrumentation enabled'

# entry code as in vmlinux.o: kbuild's vmlinux.o options, and alone
compare vmlinux_unret "$work/unret.o" "${vmlinux[@]}" --unret
compare unret_only "$work/unret.o" --unret --rethunk --link
says unret_only --unret 'untrained directly, in a callee, on both sides' \
	'entry_ret_first+0x4: RET before UNTRAIN' \
	'entry_indirect+0x4: early indirect call' \
	'plain+0x4: RET before UNTRAIN' \
	'entry_skip+0x9: RET before UNTRAIN'

# Each alone, with what upstream needs beside it: --ibt checks a linked
# object, and a module's static call may lack its key.
compare noinstr "$work/opt.o" --orc --hacks=noinstr
compare prefix "$work/opt.o" --orc --prefix=16
compare ibt "$work/opt.o" --orc --ibt --link
compare static_call "$work/opt.o" --orc --static-call --module
compare uaccess_only "$work/ua.o" --uaccess
! cat "$work"/{noinstr,prefix,static_call}.up.w | grep -v 'asm_entry_endbr+0x0: unreachable'
report $? "no warnings from the options that only rewrite (but the walk's own)"

# Where objtool-lite stops and upstream does not: --ibt on an object that
# is not linked (upstream's error, but a usage error: exit 2), and a
# static call whose key is missing outside a module (upstream warns and
# leaves a table with an unrelocated key; the kernel would follow it).
cp "$work/opt.o" "$work/refuse.o"
"$OBJTOOL" --orc --ibt "$work/refuse.o" >/dev/null 2>"$work/refuse.err"
[ $? = 2 ] && grep -q -- '--ibt requires --link' "$work/refuse.err" && cmp -s "$work/opt.o" "$work/refuse.o"
report $? "--ibt without --link: refused, as upstream refuses it"
for o in --noinstr --unret; do
	"$OBJTOOL" --orc --rethunk $o "$work/refuse.o" >/dev/null 2>"$work/refuse.err"
	[ $? = 2 ] && grep -q -- "$o requires --link" "$work/refuse.err" &&
		cmp -s "$work/opt.o" "$work/refuse.o"
	report $? "$o without --link: refused, as upstream refuses it"
done
"$OBJTOOL" --unret --link "$work/refuse.o" >/dev/null 2>"$work/refuse.err"
[ $? = 2 ] && grep -q -- '--unret requires --rethunk' "$work/refuse.err"
report $? "--unret with no action: it needs --rethunk, as upstream says"
"$OBJTOOL" --orc --noinstr "$work/refuse.o" >/dev/null 2>"$work/refuse.err"
[ $? = 2 ] && grep -q -- '--noinstr requires --link' "$work/refuse.err" && cmp -s "$work/opt.o" "$work/refuse.o"
report $? "--noinstr without --link: refused, as upstream refuses it"
"$OBJTOOL" --orc --static-call "$work/refuse.o" >/dev/null 2>"$work/refuse.err"
[ $? = 1 ] && grep -q "error: .*can't find static_call_key symbol: __SCK__module_only" "$work/refuse.err" &&
	cmp -s "$work/opt.o" "$work/refuse.o"
report $? "--static-call outside a module: a missing key is an error, the object unchanged"

# upstream's other forms of --hacks: a list, and all three when bare
compare hacks_list "$work/in.o" --hacks=jump_label,skylake --rethunk --orc
compare hacks_all "$work/opt.o" --hacks --rethunk --orc

# Bad arguments to an honoured option, or one without what it needs: an
# error naming it.
for arg in --prefix=x --prefix=0 --prefix=65 --mnop --hacks=jump_label,bogus; do
	cp "$work/in.o" "$work/refuse.o"
	"$OBJTOOL" --orc $arg "$work/refuse.o" >/dev/null 2>"$work/refuse.err"
	[ $? = 2 ] && grep -q -- "$arg" "$work/refuse.err" && cmp -s "$work/in.o" "$work/refuse.o"
	report $? "$arg: refused, named in the error, object unchanged"
done

# Unknown: an error naming the option, exit 2, the object untouched.
for opt in --no-such-option --hacks=bogus; do
	cp "$work/in.o" "$work/refuse.o"
	"$OBJTOOL" --orc $opt "$work/refuse.o" >/dev/null 2>"$work/refuse.err"
	rc=$?
	name=${opt%%=*}
	[ "$opt" = --hacks=bogus ] && name=${opt#--hacks=}
	[ $rc = 2 ] && grep -q -- "$name" "$work/refuse.err" && cmp -s "$work/in.o" "$work/refuse.o"
	report $? "$opt: refused, named in the error, object unchanged"
done
# Objects kbuild's x86 options cannot apply to (another toolchain's
# output): a 32-bit object, and an object of another port built by its
# cross compiler.  An error naming the cause, a non-zero exit that stops
# the build, the object unchanged.
echo 'int f(int x) { return x + 1; }' >"$work/other.c"
kbuild_mod=(--hacks=jump_label --hacks=noinstr --hacks=skylake --ibt --orc --retpoline
	--rethunk --sls --static-call --uaccess --prefix=16 --link --module)
other_obj() {	# other_obj DESCRIPTION PATTERN CC ARGS...
	local desc=$1 pat=$2 rc
	shift 2
	"$@" -c "$work/other.c" -o "$work/other.o" 2>/dev/null ||
		{ report 1 "$desc: the test object builds"; return; }
	cp "$work/other.o" "$work/other.in"
	"$OBJTOOL" "${kbuild_mod[@]}" "$work/other.o" >/dev/null 2>"$work/other.err"
	rc=$?
	[ $rc != 0 ] && grep -q "error: .*$pat" "$work/other.err" && cmp -s "$work/other.in" "$work/other.o"
	report $? "$desc with kbuild's module options: an error naming the cause, exit $rc, unchanged" ||
		report_info "$(cat "$work/other.err")"
}
other_obj "a 32-bit object" "only 64-bit ELF objects are supported" gcc -m32
other_obj "another port's object" "--ibt: not available for arm64 objects" \
	"$(scripts/ports.sh cross arm64)gcc"

report_summary
