/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tasks of the kit kernel.  Hosted, a task is a host thread the kit
 * created and registered, running on a stack the kit allocated: the
 * thread enters it through the arch's start trampoline
 * (arch/<arch>/entry.S, kit_task_trampoline), whose frame is marked
 * END_OF_STACK with a zero frame pointer, so an unwind that reaches it is
 * complete.  Layout of a task's stack (grows down):
 *
 *   stack_base + stack_size  = stack_end (exclusive)
 *   entry_sp                 sp at the trampoline's call into the task's
 *                            C entry; the trampoline frame lies above it
 *   ...                      the task's frames
 *   stack_base               lowest usable address (a guard page below)
 *
 * Kthreads (KIT_TASK_KTHREAD) loop in kernel code and call
 * kit_kthread_checkpoint() at a point where they hold no kit-kernel
 * frames of interest; USER tasks run "user" code and enter the kernel
 * through kit_syscall() (kit/syscall.h).  The idle task is a kthread
 * with KIT_TASK_IDLE set, created at boot.
 */
#ifndef _KIT_TASK_H
#define _KIT_TASK_H

#include <stdbool.h>
#include <stdint.h>

#include <asm/ptrace.h>
#include <kit/compiler.h>

#define KIT_TASK_COMM_LEN	16

/* task->flags */
#define KIT_TASK_KTHREAD	0x1u	/* never returns to user */
#define KIT_TASK_USER		0x2u	/* crosses the kit_syscall() boundary */
#define KIT_TASK_IDLE		0x4u	/* the idle task (also KTHREAD) */

/* task->state */
enum kit_task_state {
	KIT_TASK_NEW,		/* created, not yet on its kit stack */
	KIT_TASK_RUNNING,	/* on its kit stack, runnable */
	KIT_TASK_BLOCKED,	/* sleeping in a kit blocking primitive */
	KIT_TASK_DEAD,		/* its function returned; join it */
};

/* task->stop_state (kit_task_stop / kit_task_resume) */
enum kit_task_stop_state {
	KIT_STOP_NONE,		/* running freely */
	KIT_STOP_REQUESTED,	/* signal sent, handler not yet there */
	KIT_STOP_STOPPED,	/* in the handler, stop_regs published */
};

/* task->patch_state before livepatch sets it (KLP_UNDEFINED upstream) */
#define KIT_PATCH_STATE_UNDEFINED	(-1)

struct task {
	char name[KIT_TASK_COMM_LEN];
	int id;				/* unique, > 0, never reused */
	unsigned int flags;		/* KIT_TASK_* */
	int state;			/* enum kit_task_state (atomic access) */

	/* the kit-allocated stack: [stack_base, stack_base + stack_size) */
	unsigned long stack_base;
	unsigned long stack_size;
	unsigned long entry_sp;		/* see the picture above */

	int (*fn)(void *arg);
	void *arg;
	int exit_code;			/* fn's return value, once DEAD */

	/*
	 * Owned by livepatch: the patch state of the task
	 * (KIT_PATCH_STATE_UNDEFINED until a transition sets it), and the
	 * fake signal livepatch sends to hurry a task to the boundary.  A
	 * fake signal wakes the task from kit_sleep_ns()/kit_wait_event()
	 * (which return -EINTR / the syscall is restarted after the exit
	 * work), and is cleared at the next return to user (USER tasks) or
	 * kit_kthread_checkpoint() (kthreads).
	 */
	int patch_state;
	bool fake_signal;		/* atomic access */

	/* the kernel/user boundary (kit/syscall.h) */
	int in_syscall;			/* 1 between kit_syscall entry and exit */
	unsigned long nr_syscalls;	/* returns to user so far */
	unsigned long nr_exit_work;	/* exit-to-user work runs so far */
	unsigned long nr_checkpoints;	/* kit_kthread_checkpoint() calls */

	bool should_exit;		/* kit_task_request_exit() (atomic) */

	/* blocking (kit/sched.h): the word the task sleeps on, or NULL */
	uint32_t *volatile blocked_on;
	uint32_t wake_seq;		/* futex word of kit_sleep_ns() */

	/* stop-and-inspect */
	int stop_state;			/* enum kit_task_stop_state (atomic) */
	uint32_t stop_seq;		/* futex word of stop/resume handshakes */
	struct pt_regs stop_regs;	/* the interrupted context, when STOPPED */

	/* platform (hosted: the thread and its alternate signal stack) */
	unsigned long thread;		/* pthread_t */
	int tid;			/* kernel thread id, for tgkill */
	uint32_t exited;		/* futex word: 1 once the thread is done */
	void *altstack;
	unsigned long altstack_size;

	struct task *next, *prev;	/* registry, under the task lock */
};

/* The task running on this thread; NULL on threads the kit did not create
 * (the boot/control thread running main()). */
extern __thread struct task *kit_current_task;

static __always_inline struct task *kit_get_current(void)
{
	return kit_current_task;
}

/*
 * The same, out of line: a module (built with -DKIT_MODULE, as upstream's
 * with -DMODULE) cannot reach the image's thread-local variable, since the
 * loader applies no TLS relocations.
 */
struct task *kit_current_task_get(void);

#ifdef KIT_MODULE
#define current kit_current_task_get()
#else
#define current kit_get_current()
#endif

static inline bool kit_task_on_stack(const struct task *t, unsigned long addr,
				     unsigned long len)
{
	return addr >= t->stack_base && len <= t->stack_size &&
	       addr - t->stack_base <= t->stack_size - len;
}

/*
 * Create and start a task running fn(arg) on a kit stack.  flags:
 * KIT_TASK_KTHREAD or KIT_TASK_USER (exactly one), maybe KIT_TASK_IDLE.
 * Returns the task or NULL (bad flags, no memory, no thread).  The task
 * is registered before it runs; kit_task_create() returns once the task
 * is on its kit stack (state RUNNING or later).
 */
struct task *kit_task_create(const char *name, int (*fn)(void *arg), void *arg,
			     unsigned int flags);

/* Ask a task to leave its loop: sets should_exit and wakes it. */
void kit_task_request_exit(struct task *t);
/* For a task's loop: has kit_task_request_exit() been called on current? */
bool kit_task_should_exit(void);
/*
 * Wait until the task's function has returned and its thread is gone,
 * unregister and free it; returns fn's return value.  Never on current.
 */
int kit_task_join(struct task *t);
/* request_exit + join for every task but the idle task (shutdown). */
void kit_tasks_shutdown(void);

/* The idle task (a kthread, flags KTHREAD | IDLE), created at boot. */
extern struct task *kit_idle_task;

/*
 * The registry.  kit_for_each_task() must run between kit_tasklist_lock()
 * and kit_tasklist_unlock(); tasks neither appear nor disappear then
 * (creation and join wait).  Dead, unjoined tasks are still listed.
 */
extern struct task *kit_task_list;
void kit_tasklist_lock(void);
void kit_tasklist_unlock(void);
#define kit_for_each_task(t) for ((t) = kit_task_list; (t); (t) = (t)->next)

/* Find a task by id (lock taken inside); NULL when none. */
struct task *kit_task_find(int id);

/*
 * Stop-and-inspect.  kit_task_stop() sends the task's thread a real-time
 * signal; the handler (on the task's alternate signal stack, so the task's
 * own stack below the interrupted sp is untouched) converts the interrupted
 * context to *regs (an interrupt frame: its ip is the interrupted
 * instruction, not a return address), publishes it and waits until
 * kit_task_resume().  Returns 0 with the task stopped, -EINVAL for
 * current / a task without a thread, -EBUSY when already stopped, or
 * -ESRCH when the task is dead.  While it is stopped the caller may read
 * the task's stack [stack_base, stack_base + stack_size) freely.
 *
 * Caveats: the interrupted context may be outside kit code (libc, the
 * platform's thread start, the signal return path): callers check
 * kit_task_on_stack(t, regs sp) and the ip's symbol before trusting it.
 * Do not hold kit_tasklist_lock() while stopping a task that may be
 * inside kit_task_create()/kit_task_join().
 */
int kit_task_stop(struct task *t, struct pt_regs *regs);
void kit_task_resume(struct task *t);

/*
 * Kthreads: called at an explicit point of a kthread's loop (as the idle
 * loop does upstream), runs the checkpoint hooks (livepatch:
 * klp_update_patch_state(current)) and clears a fake signal.
 */
void kit_kthread_checkpoint(void);

/*
 * Hooks run for the current task at the boundary: on every return to user
 * from kit_syscall() (kit_exit_to_user_work) and at every
 * kit_kthread_checkpoint().  Hooks are called in registration order, with
 * current; they must be built-in code (no unregister while a task may run
 * them).  Up to KIT_MAX_TASK_HOOKS per list; add returns -ENOSPC beyond.
 */
struct kit_task_hook {
	void (*fn)(struct task *t);
	const char *name;
};
#define KIT_MAX_TASK_HOOKS	8
int kit_exit_to_user_work_add(const struct kit_task_hook *hook);
void kit_exit_to_user_work_del(const struct kit_task_hook *hook);
int kit_kthread_checkpoint_add(const struct kit_task_hook *hook);
void kit_kthread_checkpoint_del(const struct kit_task_hook *hook);

/*
 * Run in kit_task_create() under the task list lock, before the new task
 * is listed or started: @parent is the creating task (current, NULL on a
 * thread the kit did not create).  Livepatch gives the child its parent's
 * patch state here (upstream's klp_copy_process from copy_process).  Up to
 * KIT_MAX_TASK_HOOKS; add returns -ENOSPC beyond.
 */
struct kit_task_fork_hook {
	void (*fn)(struct task *child, const struct task *parent);
	const char *name;
};
int kit_task_fork_hook_add(const struct kit_task_fork_hook *hook);

/* Send a fake signal (livepatch's klp_send_signals): see task->fake_signal. */
void kit_task_fake_signal(struct task *t);

#endif /* _KIT_TASK_H */
