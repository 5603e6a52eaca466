#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Bad patches, through `kit run --script` on $ARCH: each is built with the
# documented `make patch` and loaded as a user would, and each refusal
# must come with an errno and a log line naming the cause, leave nothing
# loaded or patched, and leave the kit serving its tasks:
#   - a name two functions share, without old_sympos (upstream's
#     "unresolvable ambiguity"), and an old_sympos beyond them; the
#     position that exists patches, in a directory named "<name>,2";
#   - a function without an ftrace site (notrace);
#   - corrupt modules: truncated, another port's machine, not ELF, empty;
#   - a module target that never comes: not an error, as upstream: the
#     image's part patches, the module's object stays "patched" 0.
set -uo pipefail
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh
. selftests/livepatch-workflow/lib.sh
. selftests/klpctl/lib.sh	# reply_of
work_dir livepatch-bad-patches

d=selftests/livepatch-workflow
declare -A ko
for p in klp_bad_sympos klp_bad_notrace klp_absent_target; do
	ko[$p]=$O/$ARCH/patches/$p.ko
	mk P=$d/$p.c > "$work/make-$p.out" 2>&1 && [ -s "${ko[$p]}" ]
	report $? "make patch P=$d/$p.c builds it" || report_info "$(tail -5 "$work/make-$p.out")"
done

# Corrupt copies of a module that loads (klp_bad_sympos.ko with sympos=2).
good=${ko[klp_bad_sympos]}
size=$(stat -c %s "$good")
head -c $((size / 2)) "$good" > "$work/truncated.ko"
cp "$good" "$work/wrongmachine.ko"
# e_machine (offset 18, 2 bytes, the file's byte order): one no port has.
printf '\x34\x12' | dd of="$work/wrongmachine.ko" bs=1 seek=18 conv=notrunc status=none
printf 'this is not an ELF file\n' > "$work/notelf.ko"
: > "$work/empty.ko"

P=livepatch/klp_bad_sympos
A=livepatch/klp_absent_target
cat > "$work/script" <<SCRIPT
sleep 1000
cat run/user0/last
!load $good
ls livepatch
!unload klp_bad_sympos
!load $good sympos=3
ls livepatch
!unload klp_bad_sympos
!load ${ko[klp_bad_notrace]}
ls livepatch
!unload klp_bad_notrace
!load $work/truncated.ko
!load $work/wrongmachine.ko
!load $work/notelf.ko
!load $work/empty.ko
ls livepatch
cat run/user0/last
load $good sympos=2
wait 10000
ls $P/vmlinux
cat $P/vmlinux/patched
write $P/enabled 0
wait 10000
unload klp_bad_sympos
load ${ko[klp_absent_target]}
wait 10000
ls $A
cat $A/vmlinux/patched
cat $A/klp_absent_mod/patched
ls $A/klp_absent_mod
sleep 1000
cat run/user0/last
write $A/enabled 0
wait 10000
unload klp_absent_target
sleep 1000
cat run/user0/last
ls livepatch
shutdown
SCRIPT
${qemu:+$qemu} "$kit" run --user 1:klp_sample_answer:7 --script "$work/script" > "$work/out" 2>&1
status=$?
report $status "every script line did what it expected (kit exit status $status)" ||
	report_info "$(grep 'kit run: script line' "$work/out")"

# logged DESCRIPTION PATTERN: the kit's output holds a line matching PATTERN
logged() { grep -Eq "$2" "$work/out"; report $? "$1" || report_info "no line matching: $2"; }
# refused DESCRIPTION CMD: an error reply naming the file, EINVAL or ENOEXEC
refused() {
	grep -Eq "^error E[A-Z]+: load " <<<"$(r "$2")"
	report $? "$1" || report_info "$2: got: $(r "$2")"
}

is "unpatched, the task reads 7" "cat run/user0/last" $'= 7\nok'
is "a shared name without old_sympos: EINVAL" "!load $good" \
	"error EINVAL: load $good: EINVAL (see the log)"
logged "the log says the name is ambiguous, as upstream" \
	"unresolvable ambiguity for symbol 'kallsyms_dup_fn' in object 'vmlinux'"
is "old_sympos 3 of a name two functions share: EINVAL" "!load $good sympos=3" \
	"error EINVAL: load $good: EINVAL (see the log)"
logged "the log names the position and the symbol" \
	"symbol position 3 for symbol 'kallsyms_dup_fn' in object 'vmlinux' not found"
is "nothing loaded after it" "!unload klp_bad_sympos" \
	"error ENOENT: unload klp_bad_sympos: no such module"
is "a function without an ftrace site: EINVAL" "!load ${ko[klp_bad_notrace]}" \
	"error EINVAL: load ${ko[klp_bad_notrace]}: EINVAL (see the log)"
logged "the log names the function that has no ftrace site" \
	"klp_bad_notrace: kit_trap_breakpoint has no ftrace site"
is "nothing loaded after it" "!unload klp_bad_notrace" \
	"error ENOENT: unload klp_bad_notrace: no such module"
for c in truncated wrongmachine notelf empty; do
	refused "a corrupt module ($c) is refused with an errno" "!load $work/$c.ko"
done
# what each corrupt file is refused for (the loader's own words)
logged "truncated: the log says the section headers lie beyond the file" \
	"^kit: module truncated: malformed object: section header table \\([0-9]+ at 0x[0-9a-f]+\\) out of the file$"
logged "another machine: the log names its number and the kit's" \
	"^kit: module wrongmachine: wrong machine (4660|13330) \\(this kit loads [0-9]+\\)$"
logged "not ELF: the log says so, with the size" \
	"^kit: module notelf: malformed object: not an ELF file \\(24 bytes\\)$"
logged "empty: the log says so" "^kit: module empty: malformed object: not an ELF file \\(0 bytes\\)$"
is "after every refusal no patch is registered" "ls livepatch" "ok"
[ "$(grep -c '^> ls livepatch$' "$work/out")" -ge 4 ] &&
	! awk '/^> ls livepatch$/ { on = 1; next } on && /^= / { bad = 1 } on && /^(ok|error)/ { on = 0 } END { exit !bad }' "$work/out"
report $? "and none was at any point (every 'ls livepatch' empty)"
is "old_sympos 2 loads" "load $good sympos=2" $'= klp_bad_sympos\nok'
is "its function directory is named <name>,2, as upstream's" "ls $P/vmlinux" \
	$'= -r--r--r-- patched\n= drwxr-xr-x kallsyms_dup_fn,2/\nok'
is "and the object is patched" "cat $P/vmlinux/patched" $'= 1\nok'
is "a patch whose module never comes loads" "load ${ko[klp_absent_target]}" $'= klp_absent_target\nok'
is "it has the image's object and the module's" "ls $A" \
	$'= -rw-r--r-- enabled\n= -r--r--r-- transition\n= --w------- force\n= -r--r--r-- replace\n= -r--r--r-- stack_order\n= drwxr-xr-x vmlinux/\n= drwxr-xr-x klp_absent_mod/\nok'
is "the image's object is patched" "cat $A/vmlinux/patched" $'= 1\nok'
is "the absent module's object is not" "cat $A/klp_absent_mod/patched" $'= 0\nok'
is "its function is listed, sympos 1" "ls $A/klp_absent_mod" \
	$'= -r--r--r-- patched\n= drwxr-xr-x klp_absent_fn,1/\nok'
got=$(awk '/^> cat run\/user0\/last$/ { n++; getline; if (n == 3) print }' "$work/out")
same "$got" "= 3007" "the image's part is in effect: the task reads 3007"
got=$(awk '/^> cat run\/user0\/last$/ { n++; getline; if (n == 4) print }' "$work/out")
same "$got" "= 7" "disabled and unloaded: 7 again"
grep -q '^kit: stopped$' "$work/out"
report $? "the kit served to the end and stopped on shutdown"
report_summary
