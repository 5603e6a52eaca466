/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The demo's world of tasks (klp_demo_world.c), shared by `kit demo`
 * (demo.c), which watches it through a transition, and `kit run --demo`
 * (kernel/control_run.c), which keeps it running under klpctl.
 */
#ifndef _KIT_KLP_DEMO_WORLD_H
#define _KIT_KLP_DEMO_WORLD_H

#include <kit/task.h>

enum {
	KLP_DEMO_LOOP1,		/* USER: syscalls into klp_demo_work() back to back */
	KLP_DEMO_LOOP2,		/* USER: the same, 1 ms asleep between calls */
	KLP_DEMO_WAITER,	/* USER: asleep inside klp_demo_wait() until woken */
	KLP_DEMO_SLEEPER,	/* USER: asleep in the kernel, in no patched function */
	KLP_DEMO_SPINNER,	/* kthread: spins in the leaf klp_demo_spin() */
	KLP_DEMO_NR_TASKS
};

struct klp_demo_worker {
	struct task *t;
	const char *what;		/* one line about it */
	long value;			/* the victim's last return value (atomic) */
	unsigned long iters;		/* calls so far (atomic) */
	uint64_t sleep_ns;
	int flag;			/* the waiter's wake-up flag */
};

extern struct klp_demo_worker klp_demo_world[KLP_DEMO_NR_TASKS];

/*
 * Start the world (sets kit_work_hook); @born, when not NULL, is told of
 * each task right after it is created.  0, or -ENOMEM with none left.
 */
int klp_demo_world_start(void (*born)(struct task *t));
/* Every task started and inside its loop (the waiter asleep in its victim). */
bool klp_demo_world_ready(void);
/* Wake the waiter once: it leaves klp_demo_wait() and goes back in. */
void klp_demo_world_wake(void);
/* Stop and join every task, clear kit_work_hook. */
void klp_demo_world_stop(void);

#endif
