// SPDX-License-Identifier: GPL-2.0
/*
 * The syscall gate of hosted USER tasks: "user" code calls kit_syscall(),
 * the gate runs the kit-kernel function, and its return is the
 * kernel/user boundary where the exit-to-user work runs for current
 * (livepatch: klp_update_patch_state), exactly once per return.
 */
#include <kit/kernel.h>
#include <kit/sched.h>
#include <kit/syscall.h>
#include <kit/task.h>

DEFINE_KIT_WAITQ(kit_work_waitq);
long (*kit_work_hook)(long arg);

typedef long (*syscall_fn_t)(long a0, long a1, long a2, long a3, long a4);

noinline long sys_getpid(long a0, long a1, long a2, long a3, long a4)
{
	(void)a0; (void)a1; (void)a2; (void)a3; (void)a4;
	return current->id;
}

/* Interrupted by a fake signal: restarted after the exit work, in full. */
noinline long sys_sleep(long ns, long a1, long a2, long a3, long a4)
{
	(void)a1; (void)a2; (void)a3; (void)a4;
	return kit_sleep_ns((uint64_t)ns) ? -ERESTARTSYS : 0;
}

noinline long sys_wait_event(long wq, long flag, long a2, long a3, long a4)
{
	const int *f = (const int *)flag;

	(void)a2; (void)a3; (void)a4;
	if (!wq || !f)
		return -EFAULT;
	if (kit_wait_event((struct kit_waitq *)wq,
			   __atomic_load_n(f, __ATOMIC_SEQ_CST)))
		return -ERESTARTSYS;
	return 0;
}

noinline long kit_work_level3(int mode, long arg)
{
	long sum = 0;

	switch (mode) {
	case KIT_WORK_SPIN:
		for (long i = 0; i < arg; i++) {
			sum += i;
			barrier();
		}
		return sum;
	case KIT_WORK_SLEEP:
		return kit_sleep_ns((uint64_t)arg) ? -ERESTARTSYS : 0;
	case KIT_WORK_WAIT:
		if (kit_wait_event(&kit_work_waitq,
				   __atomic_load_n((const int *)arg, __ATOMIC_SEQ_CST)))
			return -ERESTARTSYS;
		return 0;
	case KIT_WORK_CALL:
		return kit_work_hook ? kit_work_hook(arg) : 0;
	}
	return -EINVAL;
}

/* barrier() after each call: the calls stay calls, not tail jumps */
noinline long kit_work_level2(int mode, long arg)
{
	long ret = kit_work_level3(mode, arg);

	barrier();
	return ret;
}

noinline long kit_work_level1(int mode, long arg)
{
	long ret = kit_work_level2(mode, arg);

	barrier();
	return ret;
}

noinline long sys_work(long mode, long arg, long a2, long a3, long a4)
{
	long ret;

	(void)a2; (void)a3; (void)a4;
	ret = kit_work_level1((int)mode, arg);
	barrier();
	return ret;
}

static const syscall_fn_t syscall_table[KIT_NR_SYSCALLS] = {
	[KIT_SYS_getpid] = sys_getpid,
	[KIT_SYS_sleep] = sys_sleep,
	[KIT_SYS_wait_event] = sys_wait_event,
	[KIT_SYS_work] = sys_work,
};

noinline long kit_syscall_entry(unsigned int nr, long a0, long a1, long a2,
				long a3, long a4)
{
	struct task *t = current;
	long ret;

	if (!t || !(t->flags & KIT_TASK_USER))
		return -EPERM;	/* kthreads never cross the boundary */
	for (;;) {
		t->in_syscall = 1;
		ret = nr < KIT_NR_SYSCALLS ? syscall_table[nr](a0, a1, a2, a3, a4)
					   : -ENOSYS;
		/* the boundary: still in the kernel while the work runs */
		kit_exit_to_user_mode(t);
		t->in_syscall = 0;
		t->nr_syscalls++;
		if (ret == -ERESTARTSYS && kit_task_should_exit())
			ret = -EINTR;	/* asked to exit: no restart */
		if (ret != -ERESTARTSYS)
			break;
		/* back from the "signal": issue the syscall again */
	}
	return ret;
}
