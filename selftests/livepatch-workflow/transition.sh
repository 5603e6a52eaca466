#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A transition held open on $ARCH: `kit run --blocker` tasks sleep inside
# klp_sample_sleep, which the patch (klp_sample_block.c, built with `make
# patch`) replaces, so while run/blocked is 1 they cannot switch.  Seen
# through klpctl: transition reads 1, tasks shows the blockers at
# patch_state 0 and the others at 1, the switched user task already runs
# the new function, wait times out with ETIMEDOUT; releasing the gate
# completes it.  Then the disabling transition held open the same way and
# completed by force; the forced module cannot be unloaded.
set -uo pipefail
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh
. selftests/livepatch-workflow/lib.sh
work_dir livepatch-transition

ko=$O/$ARCH/patches/klp_sample_block.ko
mk P=selftests/livepatch-workflow/klp_sample_block.c > "$work/make.out" 2>&1
report $? "make patch builds the blocking test patch" ||
	{ report_info "$(cat "$work/make.out")"; report_summary; exit; }
p=livepatch/klp_sample_block

start_kit --user 1:klp_sample_answer:7 --blocker 2:klp_sample_sleep
report $? "kit run --blocker 2:klp_sample_sleep serves its socket" ||
	{ report_info "$(cat "$work/kit.out")"; report_summary; exit; }

same "$(ctl cat run/blocked)" "1" "run/blocked reads 1: the gate starts closed"
same "$(ctl ls run | head -1)" "-rw-r--r-- blocked" "run/blocked is 0644"
ctl write run/blocked maybe
same "$?:$(cat "$work/err")" "1:klpctl: EINVAL: write run/blocked: invalid argument" \
	"run/blocked takes only a bool"
got=$(settle 7 user0)
report $? "the user task reads 7 (unpatched)" || report_info "$got"
same "$(ctl cat run/blocker0/calls) $(ctl cat run/blocker1/calls)" "0 0" \
	"the blockers are inside their first call"

# state TASK: its patch_state column in klpctl tasks.
state() { ctl tasks | awk -v t="$1" '$2 == t { print $4 }'; }

same "$(ctl load "$ko")" "klp_sample_block" "the patch loads"
sleep 1	# past the kit's fake signals: they must not end the blockers' sleep
same "$(ctl cat $p/transition)" "1" "transition reads 1 while blockers sleep in the old function"
same "$(state blocker0) $(state blocker1) $(state user0)" "0 0 1" \
	"tasks: the blockers at patch_state 0, the user task at 1"
same "$(ctl cat tasks/$(ctl tasks | awk '$2 == "blocker0" { print $1 }')/patch_state)" "0" \
	"tasks/<id>/patch_state of a blocker reads 0"
got=$(settle 2007 user0)
report $? "the switched user task already runs the new function (2007)" || report_info "$got"
ctl wait 300
same "$?:$(cat "$work/err")" \
	"1:klpctl: ETIMEDOUT: wait: the transition is still running after 300 ms" \
	"wait 300 times out with ETIMEDOUT, saying so"
same "$(ctl cat $p/transition)" "1" "still in transition after the timed-out wait"

ctl write run/blocked 0 && ctl wait 10000
report $? "write run/blocked 0 releases the blockers; wait then returns ok" ||
	report_info "$(cat "$work/err")"
same "$(ctl cat $p/transition) $(ctl cat $p/enabled)" "0 1" "transition 0, enabled 1: patched"
same "$(state blocker0) $(state blocker1) $(state user0)" "-1 -1 -1" \
	"tasks: every task at -1 outside a transition"
got=$(settle 2 blocker0 blocker1)
report $? "the released blockers now call the new klp_sample_sleep (2)" || report_info "$got"

# The disabling transition, held open and forced.
ctl write run/blocked 1 && sleep 0.3 && ctl write $p/enabled 0
report $? "gate closed again, write enabled 0" || report_info "$(cat "$work/err")"
sleep 1
same "$(ctl cat $p/transition)" "1" "the unpatching transition is held open by the blockers"
same "$(state blocker0) $(state blocker1) $(state user0)" "1 1 0" \
	"tasks: the blockers still at 1 (in the new function), the user task at 0"
ctl write $p/force 1 && ctl wait 5000
report $? "write force 1 during the transition, wait then returns ok" ||
	report_info "$(cat "$work/err")"
same "$(ctl ls livepatch)" "" "forced to completion: the patch is gone from the tree"
got=$(settle 7 user0)
report $? "the user task reads 7 again" || report_info "$got"
ctl unload klp_sample_block
same "$?:$(cut -d: -f1-2 "$work/err")" "1:klpctl: EBUSY" "a forced patch's module cannot be unloaded (EBUSY)"
stop_kit
report_summary
