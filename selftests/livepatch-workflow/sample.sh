#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The patch author's workflow end to end, on $ARCH: the sample patch
# (samples/livepatch/klp_sample.c, one C file) built with the documented
# command `make patch P=... ARCH=...`, loaded into a running `kit run`
# with klpctl, its new behaviour seen by user tasks in run/<task>/last,
# disabled through livepatch/<p>/enabled, unloaded, the old behaviour
# back.  And the command's bad inputs: no P, a missing file, a file that
# is not C, a compile error and an objtool-lite warning (no .ko left), a patch for a function the kit
# lacks (built, refused at load with the name, nothing patched, the kit
# still serving).
set -uo pipefail
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh
. selftests/livepatch-workflow/lib.sh
work_dir livepatch-workflow

# --- the command -----------------------------------------------------------
sample=samples/livepatch/klp_sample.c
ko=$O/$ARCH/patches/klp_sample.ko
rm -f "$ko"
mk P=$sample > "$work/make.out" 2>&1
st=$?
printed=$(sed -n 's/^patch: //p' "$work/make.out")
[ $st = 0 ] && [ "$printed" = "$ko" ] && [ -s "$ko" ]
report $? "make patch P=$sample builds it and prints $ko" || report_info "$(cat "$work/make.out")"

mk > "$work/nop.out" 2>&1
st=$?
[ $st != 0 ] && grep -q 'make patch: no patch given: make patch P=' "$work/nop.out"
report $? "make patch without P: an error that shows the usage" || report_info "$(cat "$work/nop.out")"

mk P=$work/no-such-fix.c > "$work/nofile.out" 2>&1
st=$?
[ $st != 0 ] && grep -q "make patch: $work/no-such-fix.c: no such file" "$work/nofile.out"
report $? "a missing patch file: an error naming it" || report_info "$(cat "$work/nofile.out")"

mk P=README.md > "$work/notc.out" 2>&1
st=$?
[ $st != 0 ] && grep -q "make patch: README.md: a patch is one C file" "$work/notc.out"
report $? "a patch that is not a C file: refused" || report_info "$(cat "$work/notc.out")"

printf '#include <kit/kernel.h>\nlong broken(long x) { return x + undeclared_thing; }\n' > "$work/broken.c"
mk P=$work/broken.c > "$work/broken.out" 2>&1
st=$?
[ $st != 0 ] && grep -q "undeclared_thing" "$work/broken.out" &&
	grep -q "make patch: $work/broken.c: not built" "$work/broken.out" &&
	! grep -q broken <<<"$(ls -A "$O/$ARCH/patches/")"
report $? "a compile error: the compiler's message, an error, no .ko (nor temporary) left" ||
	report_info "$(cat "$work/broken.out")"

mk P=selftests/livepatch-workflow/objtool_warn.c > "$work/warn.out" 2>&1
st=$?
[ $st != 0 ] && grep -q "warning: objtool: warn_first() falls through to next function warn_second()" \
	"$work/warn.out" && grep -q "make patch: .*objtool_warn.c: not built" "$work/warn.out" &&
	! grep -q objtool_warn <<<"$(ls -A "$O/$ARCH/patches/")"
report $? "an objtool-lite warning: the warning, an error, no .ko (nor temporary) left" ||
	report_info "$(cat "$work/warn.out")"

missing_ko=$O/$ARCH/patches/klp_sample_missing.ko
mk P=selftests/livepatch-workflow/klp_sample_missing.c > "$work/missing.out" 2>&1
report $? "a patch for a function the kit lacks still builds (found at load)" ||
	report_info "$(cat "$work/missing.out")"

# --- the running kit ---------------------------------------------------------
start_kit --user 2:klp_sample_answer:7
report $? "kit run --user 2:klp_sample_answer:7 serves its socket" ||
	{ report_info "$(cat "$work/kit.out")"; report_summary; exit; }
got=$(settle 7 user0 user1)
report $? "before the patch both user tasks read 7 (the original returns its argument)" || report_info "$got"

name=$(ctl load "$ko")
st=$?
same "$st:$name" "0:klp_sample" "klpctl load of the built .ko names the module"
ctl wait 20000
report $? "its patching transition completes (klpctl wait)" || report_info "$(cat "$work/err")"
same "$(ctl cat livepatch/klp_sample/enabled) $(ctl cat livepatch/klp_sample/vmlinux/patched)" "1 1" \
	"livepatch/klp_sample: enabled 1, vmlinux patched 1"
got=$(settle 1007 user0 user1)
report $? "the user tasks see the new function: 1007" || report_info "$got"

ctl write livepatch/klp_sample/enabled 0 && ctl wait 20000
report $? "write livepatch/klp_sample/enabled 0, the unpatching transition completes" ||
	report_info "$(cat "$work/err")"
got=$(settle 7 user0 user1)
report $? "disabled: the user tasks read 7 again" || report_info "$got"
same "$(ctl ls livepatch)" "" "the patch's directory is gone once unpatched"
ctl unload klp_sample
report $? "klpctl unload klp_sample" || report_info "$(cat "$work/err")"
got=$(settle 7 user0 user1)
report $? "unloaded: still the old behaviour" || report_info "$got"

# A patch for a function the kit lacks: refused at load, named, nothing patched
# (EINVAL, as upstream's klp_find_object_symbol() fails).
ctl load "$missing_ko" > /dev/null
st=$?
[ $st = 1 ] && grep -q '^klpctl: EINVAL: ' "$work/err"
report $? "loading a patch for a missing function fails (klpctl exit 1, EINVAL)" ||
	report_info "status $st: $(cat "$work/err")"
grep -q "symbol 'klp_sample_no_such_function'.* not found" <<<"$(ctl log)"
report $? "the kit's log names the missing function" || report_info "$(ctl log | tail -5)"
same "$(ctl ls livepatch)" "" "nothing patched after the refused load"
got=$(settle 7 user0 user1)
report $? "the kit still serves and the tasks still read 7" || report_info "$got"
ctl load "$ko" > /dev/null && ctl wait 20000
report $? "the sample loads again after the refusal" || report_info "$(cat "$work/err")"
got=$(settle 1007 user0 user1)
report $? "and patches again: 1007" || report_info "$got"
ctl write livepatch/klp_sample/enabled 0 && ctl wait 20000 && ctl unload klp_sample
report $? "disabled and unloaded again" || report_info "$(cat "$work/err")"

stop_kit
report_summary
