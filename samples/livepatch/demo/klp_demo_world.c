// SPDX-License-Identifier: GPL-2.0
/*
 * The demo's world: the tasks `kit demo` patches under and `kit run
 * --demo` keeps running (klp_demo_world.h).  Its USER tasks reach the
 * victims through KIT_SYS_work with kit run's call hook (kit/run.h), so
 * both commands' tasks can share the syscall gate.
 */
#include <kit/kernel.h>
#include <kit/run.h>
#include <kit/sched.h>
#include <kit/syscall.h>
#include <kit/task.h>

#include "klp_demo.h"
#include "klp_demo_world.h"

#define MS			(1000ull * 1000)
#define DEMO_SPIN_NS		(150 * MS)	/* the spinner's time in its leaf */

struct klp_demo_worker klp_demo_world[KLP_DEMO_NR_TASKS];
static unsigned long spin_iters;

/* USER: syscalls into klp_demo_work(), sleep_ns between them (0: none) */
static int looper_fn(void *arg)
{
	struct klp_demo_worker *w = arg;
	struct kit_run_call c = { klp_demo_work, KLP_DEMO_WORK_ITERS };

	while (!kit_task_should_exit()) {
		__atomic_store_n(&w->value, kit_syscall(KIT_SYS_work, KIT_WORK_CALL, &c),
				 __ATOMIC_SEQ_CST);
		__atomic_add_fetch(&w->iters, 1, __ATOMIC_SEQ_CST);
		if (w->sleep_ns)
			kit_syscall(KIT_SYS_sleep, w->sleep_ns);
	}
	return 0;
}

/* USER: sleeps inside klp_demo_wait() until its flag is set */
static int waiter_fn(void *arg)
{
	struct klp_demo_worker *w = arg;
	struct kit_run_call c = { klp_demo_wait, (long)&w->flag };

	while (!kit_task_should_exit()) {
		long r = kit_syscall(KIT_SYS_work, KIT_WORK_CALL, &c);

		if (r > 0)
			__atomic_store_n(&w->value, r, __ATOMIC_SEQ_CST);
		__atomic_add_fetch(&w->iters, 1, __ATOMIC_SEQ_CST);
	}
	return 0;
}

/* USER: sleeps in the kernel, in no patched function */
static int sleeper_fn(void *arg)
{
	struct klp_demo_worker *w = arg;

	while (!kit_task_should_exit()) {
		kit_syscall(KIT_SYS_sleep, w->sleep_ns);
		__atomic_add_fetch(&w->iters, 1, __ATOMIC_SEQ_CST);
	}
	return 0;
}

/* kthread: spins DEMO_SPIN_NS in the leaf klp_demo_spin(), then its checkpoint */
static int spinner_fn(void *arg)
{
	struct klp_demo_worker *w = arg;
	uint64_t t0 = kit_clock_ns(), dt;

	klp_demo_spin(1ul << 20);
	dt = kit_clock_ns() - t0;
	__atomic_store_n(&spin_iters, (unsigned long)((DEMO_SPIN_NS << 20) / (dt ? dt : 1)),
			 __ATOMIC_SEQ_CST);
	while (!kit_task_should_exit()) {
		kit_kthread_checkpoint();
		klp_demo_spin(spin_iters);
		__atomic_add_fetch(&w->iters, 1, __ATOMIC_SEQ_CST);
	}
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(void *);
	unsigned int flags;
	uint64_t sleep_ns;
	const char *what;
} world_tasks[KLP_DEMO_NR_TASKS] = {
	[KLP_DEMO_LOOP1] = { "loop/1", looper_fn, KIT_TASK_USER, 0,
			     "syscalls into klp_demo_work() back to back" },
	[KLP_DEMO_LOOP2] = { "loop/2", looper_fn, KIT_TASK_USER, MS,
			     "the same, 1 ms asleep in the kernel between calls" },
	[KLP_DEMO_WAITER] = { "waiter", waiter_fn, KIT_TASK_USER, 0,
			      "sleeps inside klp_demo_wait() (patched)" },
	[KLP_DEMO_SLEEPER] = { "sleeper", sleeper_fn, KIT_TASK_USER, 60000 * MS,
			       "sleeps in the kernel, in no patched function" },
	[KLP_DEMO_SPINNER] = { "spinner", spinner_fn, KIT_TASK_KTHREAD, 0,
			       "spins in the leaf klp_demo_spin(), a checkpoint every 150 ms" },
};

int klp_demo_world_start(void (*born)(struct task *t))
{
	kit_work_hook = kit_run_call;
	for (int i = 0; i < KLP_DEMO_NR_TASKS; i++) {
		struct klp_demo_worker *w = &klp_demo_world[i];

		w->sleep_ns = world_tasks[i].sleep_ns;
		w->what = world_tasks[i].what;
		w->t = kit_task_create(world_tasks[i].name, world_tasks[i].fn, w,
				       world_tasks[i].flags);
		if (!w->t) {
			klp_demo_world_stop();
			return -ENOMEM;
		}
		if (born)
			born(w->t);
	}
	return 0;
}

bool klp_demo_world_ready(void)
{
	return __atomic_load_n(&klp_demo_wait_entered, __ATOMIC_SEQ_CST) &&
	       __atomic_load_n(&spin_iters, __ATOMIC_SEQ_CST) &&
	       __atomic_load_n(&klp_demo_world[KLP_DEMO_LOOP1].iters, __ATOMIC_SEQ_CST) &&
	       __atomic_load_n(&klp_demo_world[KLP_DEMO_LOOP2].iters, __ATOMIC_SEQ_CST);
}

void klp_demo_world_wake(void)
{
	__atomic_store_n(&klp_demo_world[KLP_DEMO_WAITER].flag, 1, __ATOMIC_SEQ_CST);
	kit_wake_up(&klp_demo_waitq);
}

void klp_demo_world_stop(void)
{
	for (int i = 0; i < KLP_DEMO_NR_TASKS; i++)
		if (klp_demo_world[i].t)
			kit_task_request_exit(klp_demo_world[i].t);
	klp_demo_world_wake();
	for (int i = 0; i < KLP_DEMO_NR_TASKS; i++)
		if (klp_demo_world[i].t) {
			kit_task_join(klp_demo_world[i].t);
			klp_demo_world[i].t = NULL;
		}
	kit_work_hook = NULL;
}
