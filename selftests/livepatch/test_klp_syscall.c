// SPDX-License-Identifier: GPL-2.0
/*
 * The syscall patch of upstream's test-syscall.sh, for the kit: it
 * replaces the getpid system call while user tasks hammer it.  Each task
 * whose name starts with klp_comm ("user": `kit run --user N`), counted
 * at load, is crossed off the first time it runs the new getpid, that is
 * once it has switched to the patched state; test_klp_syscall/npids says
 * how many are left, as upstream's /sys/kernel/test_klp_syscall/npids
 * (and test_klp_syscall/counted how many there were)
 * (upstream names the tasks by pid in klp_pids; the kit's ids are not
 * known before `kit run` starts them, so they are named by prefix).
 */
#include <kit/control.h>
#include <kit/kernel.h>
#include <kit/livepatch.h>
#include <kit/module.h>
#include <kit/printk.h>
#include <kit/string.h>
#include <kit/task.h>

#define NAME		"test_klp_syscall"
#define MAX_ID		1024

static const char *klp_comm = "user";
kit_module_param(klp_comm, CHARP);

static int npids, ncounted;
static unsigned char counted[MAX_ID], crossed[MAX_ID];
static struct kit_control_node *dir;

static bool counts(const struct task *t)
{
	return t->id >= 0 && t->id < MAX_ID &&
	       !kit_strncmp(t->name, klp_comm, kit_strlen(klp_comm));
}

static noinline long livepatch_sys_getpid(long a0, long a1, long a2, long a3, long a4)
{
	struct task *t = current;

	(void)a0; (void)a1; (void)a2; (void)a3; (void)a4;
	if (counts(t) && counted[t->id] && !__atomic_exchange_n(&crossed[t->id], 1, __ATOMIC_SEQ_CST))
		__atomic_sub_fetch(&npids, 1, __ATOMIC_SEQ_CST);
	return t->id;
}

static int npids_show(const struct kit_control_call *c, char *buf, size_t size)
{
	(void)c;
	return kit_snprintf(buf, size, "%d\n", __atomic_load_n(&npids, __ATOMIC_SEQ_CST));
}

static int counted_show(const struct kit_control_call *c, char *buf, size_t size)
{
	(void)c;
	return kit_snprintf(buf, size, "%d\n", ncounted);
}

/* what upstream's test logs once the tasks switched, as one line to grep */
static int remaining_show(const struct kit_control_call *c, char *buf, size_t size)
{
	(void)c;
	return kit_snprintf(buf, size, NAME ": Remaining not livepatched processes: %d\n",
			    __atomic_load_n(&npids, __ATOMIC_SEQ_CST));
}

static struct klp_func funcs[] = {
	{ .old_name = "sys_getpid", .new_func = livepatch_sys_getpid },
	{ }
};

static struct klp_object objs[] = { { .funcs = funcs }, { } };

static struct klp_patch patch = {
	.name = NAME,
	.objs = objs,
};

int kit_module_init(void)
{
	struct task *t;
	int err;

	kit_tasklist_lock();
	kit_for_each_task(t) {
		if (counts(t)) {
			counted[t->id] = 1;
			npids++;
			ncounted++;
		}
	}
	kit_tasklist_unlock();
	dir = kit_control_dir(NULL, NAME);
	if (!dir || kit_control_file(dir, "npids", 0444, npids_show, NULL, NULL) ||
	    kit_control_file(dir, "counted", 0444, counted_show, NULL, NULL) ||
	    kit_control_file(dir, "remaining", 0444, remaining_show, NULL, NULL)) {
		kit_control_remove(dir);
		return -ENOMEM;
	}
	err = klp_enable_patch(&patch);
	if (err)
		kit_control_remove(dir);
	return err;
}

void kit_module_exit(void)
{
	kit_control_remove(dir);
}
