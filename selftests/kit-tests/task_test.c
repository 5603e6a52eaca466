// SPDX-License-Identifier: GPL-2.0
/*
 * Tasks: they start on kit stacks with a complete end of stack, USER tasks
 * cross the boundary with the exit work run once per return, sleepers and
 * waiters wake (also by fake signal), and kit_task_stop() captures an
 * interrupt frame inside the expected kit function, on the task's stack,
 * without touching the stack below it.
 */
#include <kit/arch_test.h>
#include <kit/kallsyms.h>
#include <kit/frame_record.h>
#include <kit/kernel.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/sched.h>
#include <kit/selftest.h>
#include <kit/string.h>
#include <kit/syscall.h>
#include <kit/task.h>

#define MS	1000000ull

/* ---- a kthread looks at its own stack ---------------------------------- */

struct selfcheck {
	struct task *self;
	unsigned long local, last_ret, last_cfa;
	unsigned int frames;
	bool fp_ends;
};

/* A frame record may be read only inside the task's own stack. */
static bool on_task_stack(unsigned long addr, size_t len, const void *task)
{
	return kit_task_on_stack(task, addr, len);
}

static noinline int selfcheck_fn(void *arg)
{
	struct selfcheck *c = arg;
	unsigned long fp = (unsigned long)__builtin_frame_address(0), next, ret, cfa;
	struct task *t = current;

	c->self = t;
	c->local = (unsigned long)&fp;
	/* follow the frame-pointer chain to its zero end, inside the stack */
	while (fp && c->frames < 64 && arch_frame_record_step(fp, on_task_stack, t, &next, &ret, &cfa)) {
		c->last_ret = ret;
		c->last_cfa = cfa;
		c->frames++;
		if (!next) {
			c->fp_ends = true;
			break;
		}
		fp = next;
	}
	return 42;
}

static bool in_func(unsigned long addr, const char *want)
{
	const char *name = NULL;

	return !kit_kallsyms_lookup(addr, NULL, NULL, &name) && !kit_strcmp(name, want);
}

static void test_kit_stack(void)
{
	struct selfcheck c = { 0 };
	struct task *t = kit_task_create("selfcheck", selfcheck_fn, &c, KIT_TASK_KTHREAD);
	unsigned long base, end, entry_sp;
	int code;

	kit_report(t != NULL, "kthread created");
	if (!t)
		return;
	base = t->stack_base;
	end = base + t->stack_size;
	entry_sp = t->entry_sp;
	code = kit_task_join(t);
	kit_report(code == 42, "join returns the task's value (%d)", code);
	kit_report(c.self == t, "current is the task on its thread");
	kit_report(c.local >= base && c.local < end,
		   "the task runs on its kit stack (%lx in [%lx, %lx))", c.local, base, end);
	kit_report(c.fp_ends && c.frames == 2,
		   "frame pointers end in a zero after 2 frames (%u)", c.frames);
	kit_report(in_func(c.last_ret, "kit_task_trampoline"),
		   "the last return address is in the trampoline: %pS", (void *)c.last_ret);
	arch_test_task_entry_frame_report(c.last_cfa, entry_sp, end);
}

/* ---- registry, idle ----------------------------------------------------- */

static int park_fn(void *arg)
{
	(void)arg;
	while (!kit_task_should_exit())
		kit_sleep_ns(1000 * MS);
	return 0;
}

static void test_registry(void)
{
	struct task *a = kit_task_create("park-a", park_fn, NULL, KIT_TASK_KTHREAD);
	struct task *b = kit_task_create("park-b", park_fn, NULL, KIT_TASK_USER);
	struct task *t;
	bool seen_a = false, seen_b = false, seen_idle = false;

	kit_report(!kit_task_create("bad", park_fn, NULL, 0) &&
		   !kit_task_create("bad", park_fn, NULL, KIT_TASK_USER | KIT_TASK_IDLE),
		   "bad flags are refused");
	kit_tasklist_lock();
	kit_for_each_task(t) {
		seen_a |= t == a;
		seen_b |= t == b;
		seen_idle |= t == kit_idle_task;
	}
	kit_tasklist_unlock();
	kit_report(a && b && seen_a && seen_b, "kit_for_each_task lists new tasks");
	kit_report(kit_idle_task && seen_idle &&
		   kit_idle_task->flags == (KIT_TASK_KTHREAD | KIT_TASK_IDLE) &&
		   !kit_strcmp(kit_idle_task->name, "idle"), "the idle task exists");
	kit_report(a && b && a->id != b->id && kit_task_find(b->id) == b &&
		   kit_task_find(-5) == NULL, "ids are unique, kit_task_find works");
	kit_report(a && a->patch_state == KIT_PATCH_STATE_UNDEFINED && !a->fake_signal,
		   "patch state starts undefined, no fake signal");
	if (a) {
		kit_task_request_exit(a);
		kit_report(kit_task_join(a) == 0, "a sleeping kthread exits on request");
	}
	if (b) {
		kit_task_request_exit(b);
		kit_task_join(b);
	}
	kit_tasklist_lock();
	seen_a = false;
	kit_for_each_task(t)
		seen_a |= t == a || t == b;
	kit_tasklist_unlock();
	kit_report(!seen_a, "joined tasks leave the registry");
}

/* ---- the boundary --------------------------------------------------------- */

struct user_args {
	int n;
	long pid_mismatch, work_sum, bad_nr;
	unsigned long work_before, work_after, hook_runs, hook_in_kernel;
};

static int user_fn(void *arg);

/* Counts the returns of user_fn tasks only (other tasks may run too). */
static void count_exit_work(struct task *t)
{
	if (t->fn == user_fn) {
		struct user_args *u = t->arg;

		u->hook_runs++;
		u->hook_in_kernel += t->in_syscall == 1;
	}
}

static const struct kit_task_hook count_hook = {
	.fn = count_exit_work, .name = "test-count",
};

static int user_fn(void *arg)
{
	struct user_args *u = arg;
	long id = current->id;

	u->work_before = current->nr_exit_work;
	for (int i = 0; i < u->n; i++)
		if (kit_syscall(KIT_SYS_getpid) != id)
			u->pid_mismatch++;
	u->work_sum = kit_syscall(KIT_SYS_work, KIT_WORK_SPIN, 100);
	u->work_after = current->nr_exit_work;
	u->bad_nr = kit_syscall(99);
	return 0;
}

static int kthread_syscall_fn(void *arg)
{
	(void)arg;
	return (int)kit_syscall(KIT_SYS_getpid);
}

static void test_boundary(void)
{
	struct user_args u = { .n = 100 };
	struct task *t;
	int err, code;

	err = kit_exit_to_user_work_add(&count_hook);
	kit_report(!err, "exit-to-user hook registered (%d)", err);
	t = kit_task_create("user", user_fn, &u, KIT_TASK_USER);
	if (!t)
		return;
	kit_task_join(t);
	kit_exit_to_user_work_del(&count_hook);
	kit_report(!u.pid_mismatch, "getpid returns the task id");
	kit_report(u.bad_nr == -ENOSYS, "an unknown syscall returns -ENOSYS");
	kit_report(u.work_sum == 4950, "the work syscall ran its chain (%ld)", u.work_sum);
	kit_report(u.work_after - u.work_before == (unsigned long)u.n + 1,
		   "task counts one exit work per return: %lu for %d syscalls",
		   u.work_after - u.work_before, u.n + 1);
	kit_report(u.hook_runs == (unsigned long)u.n + 2 &&
		   u.hook_in_kernel == u.hook_runs,
		   "the hook ran exactly once per return, in the kernel (%lu of %d)",
		   u.hook_runs, u.n + 2);

	t = kit_task_create("kthread-sys", kthread_syscall_fn, NULL, KIT_TASK_KTHREAD);
	code = t ? kit_task_join(t) : 0;
	kit_report(code == -EPERM, "a kthread cannot make a syscall (%d)", code);
}

/* ---- blocking and waking ------------------------------------------------- */

static DEFINE_KIT_WAITQ(test_wq);

struct sleeper {
	uint64_t ns, slept;
	int flag, ret;
	long sys_ret;
	unsigned long work_at_wake;
};

static int sleep_fn(void *arg)
{
	struct sleeper *s = arg;
	uint64_t t0 = kit_clock_ns();

	s->ret = kit_sleep_ns(s->ns);
	s->slept = kit_clock_ns() - t0;
	return 0;
}

static int wait_fn(void *arg)
{
	struct sleeper *s = arg;

	s->ret = kit_wait_event(&test_wq, __atomic_load_n(&s->flag, __ATOMIC_SEQ_CST));
	return 0;
}

/* A USER task sleeping in a syscall: fake signals restart it after the
 * exit work, an exit request ends it. */
static int user_sleep_fn(void *arg)
{
	struct sleeper *s = arg;

	s->sys_ret = kit_syscall(KIT_SYS_sleep, s->ns);
	return 0;
}

/* A kthread that checks in after every wake-up. */
static int kthread_loop_fn(void *arg)
{
	struct sleeper *s = arg;

	while (!kit_task_should_exit()) {
		kit_kthread_checkpoint();
		kit_sleep_ns(s->ns);
	}
	return 0;
}

static bool is_blocked(void *arg)
{
	struct task *t = arg;

	return __atomic_load_n(&t->state, __ATOMIC_SEQ_CST) == KIT_TASK_BLOCKED;
}

static bool has_more_work(void *t)
{
	return ((struct task *)t)->nr_exit_work > 0;
}

static bool has_checkpoints(void *t)
{
	return ((struct task *)t)->nr_checkpoints >= 2;
}

static void test_blocking(void)
{
	struct sleeper s = { .ns = 30 * MS }, w = { 0 }, u = { .ns = 60000 * MS },
		       k = { .ns = 60000 * MS };
	struct task *t;
	uint64_t t0;
	bool ok;

	t = kit_task_create("sleeper", sleep_fn, &s, KIT_TASK_KTHREAD);
	if (t)
		kit_task_join(t);
	kit_report(t && !s.ret && s.slept >= s.ns && s.slept < s.ns + 2000 * MS,
		   "a 30 ms sleep wakes after %lu us", (unsigned long)(s.slept / 1000));

	t = kit_task_create("waiter", wait_fn, &w, KIT_TASK_KTHREAD);
	if (!t)
		return;
	kit_report(kit_wait_until(is_blocked, t, 2000 * MS), "the waiter blocks");
	kit_wake_up(&test_wq);	/* spurious: the condition is still false */
	kit_sleep_ns(10 * MS);
	kit_report(t->state != KIT_TASK_DEAD, "a wake-up without the condition: still waiting");
	__atomic_store_n(&w.flag, 1, __ATOMIC_SEQ_CST);
	kit_wake_up(&test_wq);
	kit_task_join(t);
	kit_report(!w.ret, "kit_wake_up after the condition ends the wait (%d)", w.ret);

	/* USER task in a 60 s sleep syscall */
	t = kit_task_create("user-sleep", user_sleep_fn, &u, KIT_TASK_USER);
	if (!t)
		return;
	kit_report(kit_wait_until(is_blocked, t, 2000 * MS), "the user task blocks in a syscall");
	kit_report(t->in_syscall == 1 && t->nr_exit_work == 0, "it is in the kernel");
	kit_task_fake_signal(t);
	ok = kit_wait_until(has_more_work, t, 2000 * MS);
	kit_report(ok, "a fake signal sends it through the exit work (%lu)",
		   t->nr_exit_work);
	kit_report(kit_wait_until(is_blocked, t, 2000 * MS) && !t->fake_signal &&
		   t->state != KIT_TASK_DEAD,
		   "the fake signal was consumed and the syscall restarted");
	t0 = kit_clock_ns();
	kit_task_request_exit(t);
	kit_task_join(t);
	kit_report(u.sys_ret == -EINTR && kit_clock_ns() - t0 < 2000 * MS,
		   "an exit request ends the syscall with -EINTR (%ld)", u.sys_ret);

	/* a kthread sleeping 60 s: a fake signal brings it to its checkpoint */
	t = kit_task_create("kthread-loop", kthread_loop_fn, &k, KIT_TASK_KTHREAD);
	if (!t)
		return;
	kit_report(kit_wait_until(is_blocked, t, 2000 * MS) && t->nr_checkpoints == 1,
		   "the kthread sleeps after one checkpoint");
	kit_task_fake_signal(t);
	ok = kit_wait_until(has_checkpoints, t, 2000 * MS) && kit_wait_until(is_blocked, t, 2000 * MS);
	kit_report(ok && !t->fake_signal,
		   "a fake signal brings it to the checkpoint again (%lu)",
		   t->nr_checkpoints);
	kit_task_request_exit(t);
	kit_task_join(t);
}

/* ---- stop and inspect ------------------------------------------------------ */

#define PATTERN		0xa5
#define PATTERN_GAP	2048

struct spinner {
	int ready, stop;
	unsigned long lo, hi;	/* pattern-filled part of the stack */
};

static struct spinner *the_spinner;

static noinline long spin_in_kernel(long arg)
{
	struct spinner *s = the_spinner;
	unsigned long sp = (unsigned long)__builtin_frame_address(0);
	struct task *t = current;

	(void)arg;
	s->lo = t->stack_base + 256;
	s->hi = sp - PATTERN_GAP;
	kit_memset((void *)s->lo, PATTERN, s->hi - s->lo);
	__atomic_store_n(&s->ready, 1, __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&s->stop, __ATOMIC_RELAXED))
		barrier();
	return 7;
}

static int user_spin_fn(void *arg)
{
	(void)arg;
	return (int)kit_syscall(KIT_SYS_work, KIT_WORK_CALL, 0);
}

static int user_block_fn(void *arg)
{
	return (int)kit_syscall(KIT_SYS_work, KIT_WORK_SLEEP, *(long *)arg);
}

static bool spinner_ready(void *arg)
{
	(void)arg;
	return __atomic_load_n(&the_spinner->ready, __ATOMIC_SEQ_CST);
}

static bool pattern_intact(const struct spinner *s)
{
	for (const unsigned char *p = (void *)s->lo; p < (unsigned char *)s->hi; p++)
		if (*p != PATTERN)
			return false;
	return true;
}

static void test_stop(void)
{
	struct spinner s = { 0 };
	struct pt_regs regs;
	unsigned int good_ip = 0, good_sp = 0, n = 20;
	long sleep_ns = 60000 * MS;
	struct task *t;
	int err, code;

	the_spinner = &s;
	kit_work_hook = spin_in_kernel;
	t = kit_task_create("spinner", user_spin_fn, NULL, KIT_TASK_USER);
	if (!t)
		return;
	kit_report(kit_wait_until(spinner_ready, t, 5000 * MS), "the spinner runs");
	for (unsigned int i = 0; i < n; i++) {
		err = kit_task_stop(t, &regs);
		if (err) {
			kit_report(false, "kit_task_stop: %s", kit_errname(err));
			break;
		}
		if (i == 0) {
			int again = kit_task_stop(t, NULL);

			kit_report(again == -EBUSY, "a stopped task cannot be stopped again (%d)",
				   again);
			kit_report(t->stop_state == KIT_STOP_STOPPED, "the task is stopped");
			kit_report_info("stopped at %pS sp %lx", (void *)instruction_pointer(&regs),
					kernel_stack_pointer(&regs));
		}
		good_ip += in_func(instruction_pointer(&regs), "spin_in_kernel");
		good_sp += kit_task_on_stack(t, kernel_stack_pointer(&regs), 8) &&
			   kernel_stack_pointer(&regs) <= s.hi + PATTERN_GAP;
		kit_task_resume(t);
	}
	kit_report(good_ip == n, "%u/%u stops interrupted spin_in_kernel", good_ip, n);
	kit_report(good_sp == n, "%u/%u stops had sp on the task's stack", good_sp, n);
	kit_report(pattern_intact(&s), "the task's stack below sp was not touched");
	__atomic_store_n(&s.stop, 1, __ATOMIC_SEQ_CST);
	code = kit_task_join(t);
	kit_work_hook = NULL;
	kit_report(code == 7, "the spinner finishes after resume (%d)", code);

	t = kit_task_create("blocked", user_block_fn, &sleep_ns, KIT_TASK_USER);
	if (!t)
		return;
	kit_report(kit_wait_until(is_blocked, t, 2000 * MS), "a user task blocks in kit_sleep_ns");
	err = kit_task_stop(t, &regs);
	kit_report(!err, "the blocked task stops (%d)", err);
	if (!err) {
		kit_report_info("stopped at %pS", (void *)instruction_pointer(&regs));
		kit_report(in_func(instruction_pointer(&regs), "kit_raw_syscall6") &&
			   kit_task_on_stack(t, kernel_stack_pointer(&regs), 8),
			   "it is interrupted in kit_raw_syscall6, sp on its stack");
		kit_task_resume(t);
		kit_report(kit_wait_until(is_blocked, t, 2000 * MS), "it blocks again after resume");
	}
	kit_task_request_exit(t);
	code = kit_task_join(t);
	kit_report(code == -EINTR, "and exits on request (%d)", code);

	t = kit_task_create("parked", park_fn, NULL, KIT_TASK_KTHREAD);
	if (!t)
		return;
	kit_wait_until(is_blocked, t, 2000 * MS);
	err = kit_task_stop(t, &regs);
	kit_report(!err && in_func(instruction_pointer(&regs), "kit_raw_syscall6"),
		   "a parked kthread stops in kit_raw_syscall6 (%d)", err);
	if (!err)
		kit_task_resume(t);
	kit_task_request_exit(t);
	kit_task_join(t);
	err = kit_task_stop(NULL, NULL);
	kit_report(err == -EINVAL, "no task: -EINVAL (%d)", err);
}

KIT_SELFTEST(tasks)
{
	test_kit_stack();
	test_registry();
	test_boundary();
	test_blocking();
	test_stop();
}
