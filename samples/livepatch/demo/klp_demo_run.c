// SPDX-License-Identifier: GPL-2.0
/*
 * The demo's world as a workload of `kit run --demo` (docs/klpctl.md):
 * the tasks `kit demo` watches, kept running under klpctl, each seen as
 * run/<task>/{calls,last}, and the waiter woken by writing run/waiter/wake.
 * klp_demo_v2/v3 patch the functions these tasks sit in.
 */
#include <kit/control.h>
#include <kit/kernel.h>
#include <kit/parser.h>
#include <kit/run.h>
#include <kit/task.h>

#include "klp_demo_world.h"

static int demo_show(const struct kit_control_call *c, char *buf, size_t size)
{
	const struct klp_demo_worker *w = c->priv;

	return kit_run_show_counter(c, buf, size, &w->iters, &w->value);
}

/* run/waiter/wake: a true bool wakes the waiter once (false: nothing). */
static int demo_wake_store(const struct kit_control_call *c, const char *value)
{
	bool wake;

	(void)c;
	if (kit_kstrtobool(value, &wake))
		return -EINVAL;
	if (wake)
		klp_demo_world_wake();
	return 0;
}

/* The files of world task @i under @run, its name without the '/' a path cannot hold (loop/1 is run/loop1). */
static int demo_task_files(struct kit_control_node *run, int i)
{
	struct klp_demo_worker *w = &klp_demo_world[i];
	char name[KIT_TASK_COMM_LEN];
	struct kit_control_node *dir;
	size_t n = 0;

	for (const char *p = w->t->name; *p && n + 1 < sizeof(name); p++)
		if (*p != '/')
			name[n++] = *p;
	name[n] = '\0';
	dir = kit_control_dir(run, name);
	if (!dir || kit_control_file(dir, "calls", 0444, demo_show, NULL, w) ||
	    kit_control_file(dir, "last", 0444, demo_show, NULL, w) ||
	    (i == KLP_DEMO_WAITER &&
	     kit_control_file(dir, "wake", 0200, NULL, demo_wake_store, NULL)))
		return -ENOMEM;
	return 0;
}

/* After kit run's own tasks: the world's user tasks share its work hook. */
static int demo_run_start(struct kit_control_node *run)
{
	if (klp_demo_world_start(NULL))
		return -ENOMEM;
	for (int i = 0; i < KLP_DEMO_NR_TASKS; i++) {
		if (demo_task_files(run, i)) {
			klp_demo_world_stop();
			return -ENOMEM;
		}
	}
	return KLP_DEMO_NR_TASKS;
}

KIT_RUN_WORKLOAD(demo, "the demo's world (klp_demo_world.c), as kit demo runs it",
		 demo_run_start, klp_demo_world_stop);
