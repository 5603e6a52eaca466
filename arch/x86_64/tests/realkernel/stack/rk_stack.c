// SPDX-License-Identifier: GPL-2.0
/*
 * The target of the real-kernel stack test (../stack.sh): a kernel thread
 * that calls four functions of this module deep and sleeps in the
 * innermost, so that /proc/<pid>/stack shows frames the kernel's ORC
 * unwinder can only find through this module's ORC tables, and a live
 * patch of one of them cannot finish while the thread sleeps below it.
 *
 * The test drives the thread through the "step" parameter, one clock
 * tick per write: at an even step the thread enters the chain, at the
 * odd step after it the thread leaves the chain again and sleeps in
 * rk_stack_thread(), outside every patchable function of the chain.
 * Each level adds a digit to the value the chain returns ("result"), so
 * the test sees which version of each level ran.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>
#include <linux/wait.h>

static DECLARE_WAIT_QUEUE_HEAD(rk_stack_wq);
static struct task_struct *rk_stack_task;

static int step;
static int pid;
static int rounds;
static int result;

/* A write to "step" must wake the thread, wherever it sleeps. */
static int rk_stack_step_set(const char *val, const struct kernel_param *kp)
{
	int ret = param_set_int(val, kp);

	if (!ret)
		wake_up_all(&rk_stack_wq);
	return ret;
}

static const struct kernel_param_ops rk_stack_step_ops = {
	.set = rk_stack_step_set,
	.get = param_get_int,
};

module_param_cb(step, &rk_stack_step_ops, &step, 0644);
MODULE_PARM_DESC(step, "the test's clock: even enters the chain, odd leaves it");
module_param(pid, int, 0444);
MODULE_PARM_DESC(pid, "the kernel thread's pid");
module_param(rounds, int, 0444);
MODULE_PARM_DESC(rounds, "how many times the chain has returned");
module_param(result, int, 0444);
MODULE_PARM_DESC(result, "what the chain returned last");

/*
 * Always inlined, so that the thread sleeps in level 4 itself (and in
 * rk_stack_thread between rounds), not in a helper frame above it.
 * Interruptible: livepatch wakes sleeping kthreads in TASK_INTERRUPTIBLE
 * when a transition lingers; the thread must go back to sleep in place.
 */
static __always_inline bool rk_stack_wait(int until)
{
	wait_event_interruptible(rk_stack_wq,
				 READ_ONCE(step) >= until || kthread_should_stop());
	return !kthread_should_stop();
}

/*
 * The chain.  noinline keeps each level a frame of its own, and each
 * level works on its callee's return value, so no call is a tail call
 * that would take the caller's frame off the stack.  rk_stack_level3 is
 * global (and exported) because the live patch's level 2 calls it.
 */
int rk_stack_level3(int until);

static noinline int rk_stack_level4(int until)
{
	return rk_stack_wait(until) ? 4 : -1;
}

noinline int rk_stack_level3(int until)
{
	return rk_stack_level4(until) * 10 + 3;
}
EXPORT_SYMBOL_GPL(rk_stack_level3);

static noinline int rk_stack_level2(int until)
{
	return rk_stack_level3(until) * 10 + 2;
}

static noinline int rk_stack_level1(int until)
{
	return rk_stack_level2(until) * 10 + 1;
}

static int rk_stack_thread(void *unused)
{
	int round;

	for (round = 0; !kthread_should_stop(); round++) {
		/* Outside the chain until the test's even step. */
		if (!rk_stack_wait(2 * round))
			break;
		WRITE_ONCE(result, rk_stack_level1(2 * round + 1));
		WRITE_ONCE(rounds, round + 1);
	}
	return 0;
}

static int __init rk_stack_init(void)
{
	rk_stack_task = kthread_run(rk_stack_thread, NULL, KBUILD_MODNAME);
	if (IS_ERR(rk_stack_task))
		return PTR_ERR(rk_stack_task);
	pid = task_pid_nr(rk_stack_task);
	return 0;
}

static void __exit rk_stack_exit(void)
{
	kthread_stop(rk_stack_task);
}

module_init(rk_stack_init);
module_exit(rk_stack_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klpkit: a kernel thread asleep four calls deep in a module");
