/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel/user boundary of hosted tasks.  "User" code of a USER task
 * calls kit_syscall(nr, args...) to run a kit-kernel function; the return
 * from the gate is the boundary where the exit-to-user work runs
 * (kit_exit_to_user_work_add() in kit/task.h), once per return, for the
 * current task.  A syscall that a fake signal interrupts returns
 * -ERESTARTSYS internally: the gate runs the exit work, clears the fake
 * signal and issues the syscall again, as a real kernel restarts one
 * after the signal is handled (that counts as a return to user).
 */
#ifndef _KIT_SYSCALL_H
#define _KIT_SYSCALL_H

/* kit-internal: "restart this syscall after the exit work" (as Linux) */
#define ERESTARTSYS	512

enum kit_syscall_nr {
	KIT_SYS_getpid,		/* () -> current->id */
	KIT_SYS_sleep,		/* (u64 ns) -> 0 */
	KIT_SYS_wait_event,	/* (struct kit_waitq *wq, const int *flag)
				 * -> 0 once *flag != 0 */
	KIT_SYS_work,		/* (int mode, long arg) -> see below */
	KIT_NR_SYSCALLS
};

/*
 * KIT_SYS_work: a fixed chain of kit-kernel functions, for unwinder and
 * livepatch tests to check traces against:
 *   kit_syscall_entry -> sys_work -> kit_work_level1 -> kit_work_level2
 *   -> kit_work_level3
 * (all global, noinline).  kit_work_level3 then does, by mode:
 *   KIT_WORK_SPIN:  arg iterations of a busy loop in itself (returns a sum)
 *   KIT_WORK_SLEEP: kit_sleep_ns(arg)
 *   KIT_WORK_WAIT:  kit_wait_event(kit_work_waitq, *(int *)arg != 0)
 *   KIT_WORK_CALL:  calls kit_work_hook(arg) when set (a test's function;
 *                   returns its value), else returns 0
 */
enum kit_work_mode {
	KIT_WORK_SPIN,
	KIT_WORK_SLEEP,
	KIT_WORK_WAIT,
	KIT_WORK_CALL,
};
struct kit_waitq;
extern struct kit_waitq kit_work_waitq;
extern long (*kit_work_hook)(long arg);
long kit_work_level1(int mode, long arg);
long kit_work_level2(int mode, long arg);
long kit_work_level3(int mode, long arg);

/* The gate: use kit_syscall(nr, up to 5 args), which pads the rest with 0. */
long kit_syscall_entry(unsigned int nr, long a0, long a1, long a2, long a3,
		       long a4);
#define kit_syscall(...) __kit_syscall_pad(__VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define __kit_syscall_pad(nr, a0, a1, a2, a3, a4, ...)			\
	kit_syscall_entry((nr), (long)(a0), (long)(a1), (long)(a2),	\
			  (long)(a3), (long)(a4))

struct task;
/* kit-internal (kernel/task.c): the exit-to-user work of t == current. */
void kit_exit_to_user_mode(struct task *t);

#endif /* _KIT_SYSCALL_H */
