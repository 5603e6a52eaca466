// SPDX-License-Identifier: GPL-2.0
/*
 * The "busy" target module of upstream's test-callbacks.sh, for the kit:
 * its init starts a kthread running busymod_work_func, which sleeps
 * sleep_secs seconds inside itself (not woken by the transition's fake
 * signals, as upstream's msleep is not), so a patch of that function
 * cannot finish its transition meanwhile.  Its exit waits for the work
 * to end, as upstream's cancel_work_sync does.
 */
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/printk.h>
#include <kit/sched.h>
#include <kit/task.h>

#define NAME	"test_klp_callbacks_busy"

static int sleep_secs;
kit_module_param(sleep_secs, INT);

static struct task *worker;
static int started;

noinline long busymod_work_func(long secs)
{
	uint64_t end = kit_clock_ns() + (uint64_t)secs * 1000000000ull;

	kit_printk(NAME ": %s, sleeping %ld seconds ...\n", __func__, secs);
	__atomic_store_n(&started, 1, __ATOMIC_RELEASE);
	for (uint64_t now = kit_clock_ns(); now < end; now = kit_clock_ns())
		kit_sleep_ns(end - now);	/* woken early: sleep the rest */
	kit_printk(NAME ": %s exit\n", __func__);
	return 0;
}

static int busymod_work(void *arg)
{
	(void)arg;
	return (int)busymod_work_func(sleep_secs);
}

int kit_module_init(void)
{
	kit_printk(NAME ": test_klp_callbacks_busy_init\n");
	worker = kit_task_create("busymod", busymod_work, NULL, KIT_TASK_KTHREAD);
	if (!worker)
		return -ENOMEM;
	/*
	 * Upstream's work item runs at once; here the init waits until it
	 * has, so its first line always comes before anything loaded next.
	 */
	while (!__atomic_load_n(&started, __ATOMIC_ACQUIRE))
		kit_sleep_ns(1000000);
	return 0;
}

void kit_module_exit(void)
{
	kit_task_join(worker);
	kit_printk(NAME ": test_klp_callbacks_busy_exit\n");
}
