// SPDX-License-Identifier: GPL-2.0
/*
 * tasks/<id>/patch_state in the control tree: a dynamic directory over
 * the task registry, so tasks appear and go without registering nodes.
 * patch_state prints task->patch_state as upstream's
 * /proc/<pid>/patch_state does: -1 outside a transition, else 0
 * (unpatched) or 1 (patched).
 */
#include <kit/control.h>
#include <kit/init.h>
#include <kit/kernel.h>
#include <kit/parser.h>
#include <kit/printk.h>
#include <kit/string.h>
#include <kit/task.h>

/* The id in @name, or 0: only the canonical decimal form names a task. */
static int task_id_of(const char *name)
{
	unsigned long long id;
	char canon[24];

	if (kit_kstrtoull(name, 10, &id) || !id || id > 0x7fffffff)
		return 0;
	kit_snprintf(canon, sizeof(canon), "%llu", id);
	return kit_strcmp(canon, name) ? 0 : (int)id;
}

static int tasks_list(int (*emit)(void *arg, const char *name), void *arg)
{
	struct task *t;
	int err = 0;

	kit_tasklist_lock();
	kit_for_each_task(t) {
		char name[24];

		kit_snprintf(name, sizeof(name), "%d", t->id);
		err = emit(arg, name);
		if (err)
			break;
	}
	kit_tasklist_unlock();
	return err;
}

/* Under the registry's lock: the task cannot be freed while we look. */
static bool task_value(const char *name, int *state)
{
	int id = task_id_of(name);
	struct task *t;
	bool found = false;

	if (!id)
		return false;
	kit_tasklist_lock();
	kit_for_each_task(t) {
		if (t->id == id) {
			*state = __atomic_load_n(&t->patch_state, __ATOMIC_RELAXED);
			found = true;
			break;
		}
	}
	kit_tasklist_unlock();
	return found;
}

static bool tasks_exists(const char *name)
{
	int state;

	return task_value(name, &state);
}

static int patch_state_show(const struct kit_control_call *c, char *buf, size_t size)
{
	int state;

	if (!task_value(c->entry, &state))
		return -ENOENT;
	return kit_snprintf(buf, size, "%d\n", state);
}

static const struct kit_control_file_desc task_files[] = {
	{ "patch_state", 0444, patch_state_show, NULL },
	{ }
};

static const struct kit_control_dyn_ops tasks_ops = {
	.list = tasks_list,
	.exists = tasks_exists,
	.files = task_files,
};

static int control_tasks_init(void)
{
	return kit_control_dynamic(NULL, "tasks", &tasks_ops);
}
KIT_INITCALL(KIT_INIT_SUBSYS, control_tasks_init);
