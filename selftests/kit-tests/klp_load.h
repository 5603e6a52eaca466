/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Load for the livepatch tests and benchmarks (klp_load.c): tasks calling
 * one function in a loop, user tasks through the syscall gate (so each
 * call crosses the kernel/user boundary) and kthreads directly between
 * checkpoints, each pausing between calls so that many tasks on a few
 * CPUs leave room for the transition's stops.  One load at a time: it
 * owns kit_work_hook while it runs.
 */
#ifndef _KIT_KLP_LOAD_H
#define _KIT_KLP_LOAD_H

#include <stdbool.h>
#include <stdint.h>

struct task;
struct klp_load_task;

struct klp_load {
	long (*fn)(long arg);		/* what every task calls, with 0 */
	uint64_t pause_ns;		/* between a task's calls */
	int nr_user, nr;		/* tasks[0..nr_user) are user tasks */
	int started;			/* tasks created */
	struct task **tasks;		/* [nr], NULL where creation failed */
	unsigned long *calls;		/* [nr], calls made so far (atomic) */
	struct klp_load_task *slots;	/* [nr], klp_load.c's: each task's argument */
};

/* Start @nr_user user tasks and @nr_kthread kthreads; NULL on no memory. */
struct klp_load *klp_load_start(int nr_user, int nr_kthread, long (*fn)(long),
				uint64_t pause_ns);
/* Every task made a call within @ns (the tasks' calls[] sampled twice). */
bool klp_load_all_moving(struct klp_load *load, uint64_t ns);
/* Stop every task, join it and free @load. */
void klp_load_stop(struct klp_load *load);

#endif
