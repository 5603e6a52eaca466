/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `kit run`'s gate (kernel/control_run.c, docs/klpctl.md): the blocker
 * tasks of `--blocker N:FUNC` call FUNC(gate), and FUNC sleeps inside
 * itself by passing the gate, so a transition that patches FUNC stays
 * pending while run/blocked is 1 (upstream's test modules hold theirs
 * open the same way, with their block_transition parameter).
 */
#ifndef _KIT_RUN_H
#define _KIT_RUN_H

/*
 * A call through the syscall gate: with kit_work_hook = kit_run_call, a
 * task's kit_syscall(KIT_SYS_work, KIT_WORK_CALL, &call) runs
 * call.fn(call.arg) in the kernel.  kit run's tasks and the demo's world
 * use this one hook, so they can run in one kit.
 */
struct kit_run_call {
	long (*fn)(long arg);
	long arg;
};
long kit_run_call(long call);

/*
 * Sleep until the gate @gate (FUNC's argument) is open; returns at once
 * when it is.  Fake signals do not end the sleep: a task kept here stays
 * in its function until the gate opens or the transition is forced.
 */
void kit_run_gate_pass(long gate);

#endif
