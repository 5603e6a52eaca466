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

#include <stddef.h>

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

struct kit_control_call;
struct kit_control_node;

/*
 * A workload kit run starts on `kit run --NAME`, registered where it is
 * defined (the demo's world lives with the demo, samples/livepatch/demo/),
 * so the kernel names none.  start() runs after kit run's own tasks, adds
 * each task's files under @run and returns how many tasks it started, or
 * a negative error with none left running; stop() stops and joins them.
 */
struct kit_run_workload {
	const char *name;
	const char *what;		/* one line for the usage message */
	int (*start)(struct kit_control_node *run);
	void (*stop)(void);
};

#define KIT_RUN_WORKLOAD(name_, what_, start_, stop_)				\
	static const struct kit_run_workload __kit_run_workload_##name_		\
	__attribute__((used, section("kit_run_workloads"), aligned(8))) =	\
		{ .name = #name_, .what = (what_), .start = (start_), .stop = (stop_) }

/*
 * run/<task>/calls or run/<task>/last, whichever c's file is, from a
 * task's call count and last return value (both read atomically).
 */
int kit_run_show_counter(const struct kit_control_call *c, char *buf, size_t size,
			 const unsigned long *calls, const long *last);

#endif
