// SPDX-License-Identifier: GPL-2.0
/*
 * The tasks of a livepatch load (klp_load.h): what the stress test
 * (livepatch_stress_test.c) and the livepatch benchmark
 * (livepatch_bench_test.c) run under their transitions.
 */
#include <kit/kernel.h>
#include <kit/platform.h>
#include <kit/sched.h>
#include <kit/syscall.h>
#include <kit/task.h>

#include "klp_load.h"

struct klp_load_task {
	struct klp_load *load;
	unsigned long *calls;
};

/* kit_work_level3's hook: the user task's call, inside the kernel */
static long klp_load_hook(long arg)
{
	const struct klp_load *load = (const struct klp_load *)arg;

	return load->fn(0);
}

static int klp_load_user_fn(void *arg)
{
	struct klp_load_task *lt = arg;

	while (!kit_task_should_exit()) {
		kit_syscall(KIT_SYS_work, KIT_WORK_CALL, lt->load);
		__atomic_add_fetch(lt->calls, 1, __ATOMIC_RELAXED);
		kit_syscall(KIT_SYS_sleep, lt->load->pause_ns);
	}
	return 0;
}

static int klp_load_kthread_fn(void *arg)
{
	struct klp_load_task *lt = arg;

	while (!kit_task_should_exit()) {
		lt->load->fn(0);
		__atomic_add_fetch(lt->calls, 1, __ATOMIC_RELAXED);
		kit_kthread_checkpoint();
		kit_sleep_ns(lt->load->pause_ns);
	}
	return 0;
}

struct klp_load *klp_load_start(int nr_user, int nr_kthread, long (*fn)(long),
				uint64_t pause_ns)
{
	struct klp_load *load = kit_zalloc(sizeof(*load));
	int nr = nr_user + nr_kthread;

	if (!load)
		return NULL;
	load->tasks = kit_zalloc(nr * sizeof(*load->tasks));
	load->calls = kit_zalloc(nr * sizeof(*load->calls));
	load->slots = kit_zalloc(nr * sizeof(*load->slots));
	if (!load->tasks || !load->calls || !load->slots) {
		kit_free(load->tasks);
		kit_free(load->calls);
		kit_free(load->slots);
		kit_free(load);
		return NULL;
	}
	load->fn = fn;
	load->pause_ns = pause_ns;
	load->nr_user = nr_user;
	load->nr = nr;
	kit_work_hook = klp_load_hook;
	for (int i = 0; i < nr; i++) {
		bool user = i < nr_user;

		load->slots[i].load = load;
		load->slots[i].calls = &load->calls[i];
		load->tasks[i] = kit_task_create(user ? "load-user" : "load-kthread",
						 user ? klp_load_user_fn : klp_load_kthread_fn,
						 &load->slots[i],
						 user ? KIT_TASK_USER : KIT_TASK_KTHREAD);
		load->started += load->tasks[i] != NULL;
	}
	return load;
}

bool klp_load_all_moving(struct klp_load *load, uint64_t ns)
{
	unsigned long *before = kit_zalloc(load->nr * sizeof(*before));
	bool moving = before != NULL;

	for (int i = 0; moving && i < load->nr; i++)
		before[i] = __atomic_load_n(&load->calls[i], __ATOMIC_RELAXED);
	kit_sleep_ns(ns);
	for (int i = 0; moving && i < load->nr; i++)
		if (__atomic_load_n(&load->calls[i], __ATOMIC_RELAXED) == before[i])
			moving = false;
	kit_free(before);
	return moving;
}

void klp_load_stop(struct klp_load *load)
{
	/* ask them all first: they stop in parallel, not one by one */
	for (int i = 0; i < load->nr; i++)
		if (load->tasks[i])
			kit_task_request_exit(load->tasks[i]);
	for (int i = 0; i < load->nr; i++)
		if (load->tasks[i])
			kit_task_join(load->tasks[i]);
	kit_work_hook = NULL;
	kit_free(load->slots);
	kit_free(load->tasks);
	kit_free(load->calls);
	kit_free(load);
}
