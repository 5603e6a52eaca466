// SPDX-License-Identifier: GPL-2.0
/*
 * Tasks: creation on kit stacks, the registry, the boundary hooks, fake
 * signals, and stop-and-inspect.  The platform (kit/platform.h) supplies
 * threads and signals; this file holds the policy.
 */
#include <kit/init.h>
#include <kit/kernel.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/sched.h>
#include <kit/string.h>
#include <kit/syscall.h>
#include <kit/task.h>

#define KIT_TASK_STACK_SIZE	(128ul << 10)
#define KIT_TASK_ALTSTACK_SIZE	(64ul << 10)
#define KIT_GUARD_SIZE		(64ul << 10)	/* covers 64K-page hosts too */

__thread struct task *kit_current_task;

struct task *kit_current_task_get(void)
{
	return kit_current_task;
}
struct task *kit_task_list;
struct task *kit_idle_task;

static DEFINE_KIT_MUTEX(tasklist_mutex);
static int next_task_id = 1;

void kit_tasklist_lock(void)
{
	kit_mutex_lock(&tasklist_mutex);
}

void kit_tasklist_unlock(void)
{
	kit_mutex_unlock(&tasklist_mutex);
}

static int load_int(const int *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void store_int(int *p, int v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

/* Wake whoever sleeps on the word the task blocks on, if any. */
static void kick(struct task *t)
{
	uint32_t *w = t->blocked_on;

	if (w) {
		__atomic_add_fetch(w, 1, __ATOMIC_SEQ_CST);
		kit_futex_wake(w, 1 << 30);
	}
}

/* ---- hooks at the boundary -------------------------------------------- */

struct hook_list {
	const struct kit_task_hook *hooks[KIT_MAX_TASK_HOOKS];
};

static struct hook_list exit_work_hooks, checkpoint_hooks;

static int hook_add(struct hook_list *l, const struct kit_task_hook *h)
{
	for (unsigned int i = 0; i < KIT_MAX_TASK_HOOKS; i++) {
		const struct kit_task_hook *none = NULL;

		if (__atomic_compare_exchange_n(&l->hooks[i], &none, h, false,
						__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			return 0;
	}
	return -ENOSPC;
}

static void hook_del(struct hook_list *l, const struct kit_task_hook *h)
{
	for (unsigned int i = 0; i < KIT_MAX_TASK_HOOKS; i++) {
		const struct kit_task_hook *cur = h;

		__atomic_compare_exchange_n(&l->hooks[i], &cur, NULL, false,
					    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	}
}

static void hooks_run(struct hook_list *l, struct task *t)
{
	for (unsigned int i = 0; i < KIT_MAX_TASK_HOOKS; i++) {
		const struct kit_task_hook *h =
			__atomic_load_n(&l->hooks[i], __ATOMIC_ACQUIRE);

		if (h)
			h->fn(t);
	}
}

int kit_exit_to_user_work_add(const struct kit_task_hook *hook)
{
	return hook_add(&exit_work_hooks, hook);
}

void kit_exit_to_user_work_del(const struct kit_task_hook *hook)
{
	hook_del(&exit_work_hooks, hook);
}

int kit_kthread_checkpoint_add(const struct kit_task_hook *hook)
{
	return hook_add(&checkpoint_hooks, hook);
}

void kit_kthread_checkpoint_del(const struct kit_task_hook *hook)
{
	hook_del(&checkpoint_hooks, hook);
}

/* For kernel/syscall.c: the exit-to-user work of current. */
void kit_exit_to_user_mode(struct task *t)
{
	hooks_run(&exit_work_hooks, t);
	__atomic_store_n(&t->fake_signal, false, __ATOMIC_SEQ_CST);
	t->nr_exit_work++;
}

void kit_kthread_checkpoint(void)
{
	struct task *t = current;

	if (!t)
		return;
	hooks_run(&checkpoint_hooks, t);
	__atomic_store_n(&t->fake_signal, false, __ATOMIC_SEQ_CST);
	t->nr_checkpoints++;
}

static const struct kit_task_fork_hook *fork_hooks[KIT_MAX_TASK_HOOKS];

int kit_task_fork_hook_add(const struct kit_task_fork_hook *hook)
{
	for (unsigned int i = 0; i < KIT_MAX_TASK_HOOKS; i++) {
		const struct kit_task_fork_hook *none = NULL;

		if (__atomic_compare_exchange_n(&fork_hooks[i], &none, hook, false,
						__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			return 0;
	}
	return -ENOSPC;
}

/* Under the task list lock: a transition's set-up sees the child or the
 * child sees the state that set-up gave its parent, never neither. */
static void fork_hooks_run(struct task *child)
{
	for (unsigned int i = 0; i < KIT_MAX_TASK_HOOKS; i++) {
		const struct kit_task_fork_hook *h =
			__atomic_load_n(&fork_hooks[i], __ATOMIC_ACQUIRE);

		if (h)
			h->fn(child, current);
	}
}

void kit_task_fake_signal(struct task *t)
{
	__atomic_store_n(&t->fake_signal, true, __ATOMIC_SEQ_CST);
	kick(t);
}

/* ---- life of a task ---------------------------------------------------- */

/* Runs on the task's kit stack, called by kit_task_trampoline. */
noinline void kit_task_entry(struct task *t)
{
	store_int(&t->state, KIT_TASK_RUNNING);
	kit_futex_wake((uint32_t *)&t->state, 1 << 30);
	t->exit_code = t->fn(t->arg);
	store_int(&t->state, KIT_TASK_DEAD);
}

static void task_free(struct task *t)
{
	kit_pages_free((void *)(t->stack_base - KIT_GUARD_SIZE),
		       t->stack_size + KIT_GUARD_SIZE);
	kit_pages_free(t->altstack, t->altstack_size);
	kit_free(t);
}

static void list_add(struct task *t)
{
	t->next = kit_task_list;
	t->prev = NULL;
	if (kit_task_list)
		kit_task_list->prev = t;
	kit_task_list = t;
}

static void list_del(struct task *t)
{
	if (t->prev)
		t->prev->next = t->next;
	else
		kit_task_list = t->next;
	if (t->next)
		t->next->prev = t->prev;
}

struct task *kit_task_create(const char *name, int (*fn)(void *arg), void *arg,
			     unsigned int flags)
{
	unsigned int kind = flags & (KIT_TASK_KTHREAD | KIT_TASK_USER);
	struct task *t;
	char *stack;
	int state;

	if ((kind != KIT_TASK_KTHREAD && kind != KIT_TASK_USER) ||
	    (flags & ~(KIT_TASK_KTHREAD | KIT_TASK_USER | KIT_TASK_IDLE)) ||
	    ((flags & KIT_TASK_IDLE) && kind != KIT_TASK_KTHREAD) || !fn)
		return NULL;
	t = kit_zalloc(sizeof(*t));
	if (!t)
		return NULL;
	kit_strscpy(t->name, name ? name : "task", sizeof(t->name));
	t->flags = flags;
	t->fn = fn;
	t->arg = arg;
	t->patch_state = KIT_PATCH_STATE_UNDEFINED;
	t->state = KIT_TASK_NEW;

	stack = kit_pages_alloc(KIT_TASK_STACK_SIZE + KIT_GUARD_SIZE);
	t->altstack = kit_pages_alloc(KIT_TASK_ALTSTACK_SIZE);
	if (!stack || !t->altstack) {
		kit_pages_free(stack, KIT_TASK_STACK_SIZE + KIT_GUARD_SIZE);
		kit_pages_free(t->altstack, KIT_TASK_ALTSTACK_SIZE);
		kit_free(t);
		return NULL;
	}
	t->altstack_size = KIT_TASK_ALTSTACK_SIZE;
	/* the guard below the stack: an overflow faults instead of corrupting */
	t->stack_base = (unsigned long)stack + KIT_GUARD_SIZE;
	t->stack_size = KIT_TASK_STACK_SIZE;
	t->entry_sp = t->stack_base + t->stack_size;
	kit_pages_protect_none(stack, KIT_GUARD_SIZE);

	kit_tasklist_lock();
	t->id = next_task_id++;
	fork_hooks_run(t);
	list_add(t);
	kit_tasklist_unlock();

	if (kit_plat_thread_start(t)) {
		kit_tasklist_lock();
		list_del(t);
		kit_tasklist_unlock();
		task_free(t);
		return NULL;
	}
	while ((state = load_int(&t->state)) == KIT_TASK_NEW)
		kit_futex_wait((uint32_t *)&t->state, (uint32_t)state, 0);
	return t;
}

void kit_task_request_exit(struct task *t)
{
	__atomic_store_n(&t->should_exit, true, __ATOMIC_SEQ_CST);
	kick(t);
}

bool kit_task_should_exit(void)
{
	struct task *t = current;

	return t && __atomic_load_n(&t->should_exit, __ATOMIC_SEQ_CST);
}

int kit_task_join(struct task *t)
{
	uint32_t exited;
	int code;

	if (t == current)
		return -EINVAL;
	while (!(exited = __atomic_load_n(&t->exited, __ATOMIC_SEQ_CST)))
		kit_futex_wait(&t->exited, exited, 0);
	kit_plat_thread_reap(t);
	kit_tasklist_lock();
	list_del(t);
	kit_tasklist_unlock();
	if (t == kit_idle_task)
		kit_idle_task = NULL;
	code = t->exit_code;
	task_free(t);
	return code;
}

void kit_tasks_shutdown(void)
{
	for (;;) {
		struct task *t, *victim = NULL;

		kit_tasklist_lock();
		kit_for_each_task(t)
			if (t != current) {
				victim = t;
				break;
			}
		kit_tasklist_unlock();
		if (!victim)
			return;
		kit_task_request_exit(victim);
		kit_task_join(victim);
	}
}

struct task *kit_task_find(int id)
{
	struct task *t, *found = NULL;

	kit_tasklist_lock();
	kit_for_each_task(t)
		if (t->id == id) {
			found = t;
			break;
		}
	kit_tasklist_unlock();
	return found;
}

/* ---- stop-and-inspect --------------------------------------------------- */

/* Called by the platform's signal handler, on the task's alternate stack. */
void kit_task_stop_handler(struct task *t, const struct pt_regs *regs)
{
	uint32_t seq;

	int expected = KIT_STOP_REQUESTED;

	if (load_int(&t->stop_state) != KIT_STOP_REQUESTED)
		return;		/* stray or late signal */
	t->stop_regs = *regs;
	if (!__atomic_compare_exchange_n(&t->stop_state, &expected,
					 KIT_STOP_STOPPED, false,
					 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		return;		/* the stopper gave up (thread exiting) */
	__atomic_add_fetch(&t->stop_seq, 1, __ATOMIC_SEQ_CST);
	kit_futex_wake(&t->stop_seq, 1 << 30);
	for (;;) {
		seq = __atomic_load_n(&t->stop_seq, __ATOMIC_SEQ_CST);
		if (load_int(&t->stop_state) != KIT_STOP_STOPPED)
			break;
		kit_futex_wait(&t->stop_seq, seq, 0);
	}
}

int kit_task_stop(struct task *t, struct pt_regs *regs)
{
	int expected = KIT_STOP_NONE;
	uint32_t seq;
	int err;

	if (!t || t == current || !t->tid)
		return -EINVAL;
	if (__atomic_load_n(&t->exited, __ATOMIC_SEQ_CST))
		return -ESRCH;
	if (!__atomic_compare_exchange_n(&t->stop_state, &expected,
					 KIT_STOP_REQUESTED, false,
					 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		return -EBUSY;
	err = kit_plat_stop_signal(t);
	if (err) {
		store_int(&t->stop_state, KIT_STOP_NONE);
		return err;
	}
	for (;;) {
		seq = __atomic_load_n(&t->stop_seq, __ATOMIC_SEQ_CST);
		if (load_int(&t->stop_state) == KIT_STOP_STOPPED)
			break;
		if (__atomic_load_n(&t->exited, __ATOMIC_SEQ_CST)) {
			/* the thread left before the signal got it */
			expected = KIT_STOP_REQUESTED;
			if (__atomic_compare_exchange_n(&t->stop_state, &expected,
							KIT_STOP_NONE, false,
							__ATOMIC_SEQ_CST,
							__ATOMIC_SEQ_CST))
				return -ESRCH;
			continue;
		}
		kit_futex_wait(&t->stop_seq, seq, 10 * 1000 * 1000);
	}
	if (regs)
		*regs = t->stop_regs;
	return 0;
}

void kit_task_resume(struct task *t)
{
	if (load_int(&t->stop_state) != KIT_STOP_STOPPED)
		return;
	store_int(&t->stop_state, KIT_STOP_NONE);
	__atomic_add_fetch(&t->stop_seq, 1, __ATOMIC_SEQ_CST);
	kit_futex_wake(&t->stop_seq, 1 << 30);
}

/* ---- boot: the stop signal, the idle task -------------------------------- */

static int tasks_platform_init(void)
{
	return kit_plat_signals_init();
}
KIT_INITCALL(KIT_INIT_PLATFORM, tasks_platform_init);

/* The idle loop: a kthread that switches at an explicit point, as upstream. */
static int idle_fn(void *unused)
{
	(void)unused;
	while (!kit_task_should_exit()) {
		kit_kthread_checkpoint();
		kit_sleep_ns(50 * 1000 * 1000);	/* a fake signal cuts it short */
	}
	return 0;
}

static int idle_init(void)
{
	kit_idle_task = kit_task_create("idle", idle_fn, NULL,
					KIT_TASK_KTHREAD | KIT_TASK_IDLE);
	return kit_idle_task ? 0 : -ENOMEM;
}
KIT_INITCALL(KIT_INIT_LATE, idle_init);
