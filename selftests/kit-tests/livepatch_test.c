// SPDX-License-Identifier: GPL-2.0
/*
 * The livepatch core end to end, with patch modules
 * (selftests/kit-modules/klp_*.c) against kernel/klp_victims.c while USER
 * tasks, kthreads, sleepers and a task blocked inside a patched function
 * run: new behaviour after enable; the blocked task keeps the transition
 * pending (its state stays old) until it leaves or a fake signal moves it;
 * disable reverts; writing "enabled" with its value is -EINVAL, the other
 * value reverses a pending transition; force; atomic replace reverts a
 * dropped function; any patch may be disabled, not only the newest;
 * fake signals repeat while a task stays pending;
 * callback order; states (klp_get_prev_state in post_patch and
 * pre_unpatch); failures leave nothing patched; shadow variables.
 * selftests/kit-tests/livepatch_log.sh compares its log with upstream's.  Prints each transition's counts (boundary / stack / signal).
 */

#include <kit/ftrace.h>
#include <kit/kallsyms.h>
#include <kit/kernel.h>
#include <kit/livepatch.h>
#include <kit/module.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/sched.h>
#include <kit/selftest.h>
#include <kit/stacktrace.h>
#include <kit/string.h>
#include <kit/syscall.h>
#include <kit/task.h>

/* white-box: the core's target state, private to livepatch-glue/ */
#include "../../livepatch-glue/klp_internal.h"
#include "klp_victims.h"


#define MS	1000000ull


enum call_kind { CALL_VALUE, CALL_OTHER, CALL_BLOCK };
struct call {
	int kind;
	long x;
	int *flag;
};

static long test_hook(long arg)
{
	const struct call *c = (const struct call *)arg;

	switch (c->kind) {
	case CALL_VALUE:
		return klp_victim_value(c->x);
	case CALL_OTHER:
		return klp_victim_other(c->x);
	default:
		return klp_victim_block((long)c->flag);
	}
}

struct worker {
	struct task *t;
	long value, other, block;
	unsigned long iters;
	int flag;
	uint64_t sleep_ns;
};

/* USER: the victims through the syscall, then a short sleep, in a loop */
static int looper_fn(void *arg)
{
	struct worker *w = arg;
	struct call v = { CALL_VALUE, 10, NULL }, o = { CALL_OTHER, 10, NULL };

	while (!kit_task_should_exit()) {
		__atomic_store_n(&w->value, kit_syscall(KIT_SYS_work, KIT_WORK_CALL, &v),
				 __ATOMIC_SEQ_CST);
		__atomic_store_n(&w->other, kit_syscall(KIT_SYS_work, KIT_WORK_CALL, &o),
				 __ATOMIC_SEQ_CST);
		__atomic_add_fetch(&w->iters, 1, __ATOMIC_SEQ_CST);
		kit_syscall(KIT_SYS_sleep, w->sleep_ns);
	}
	return 0;
}

/* USER: blocks inside klp_victim_block until w->flag */
static int blocker_fn(void *arg)
{
	struct worker *w = arg;
	struct call b = { CALL_BLOCK, 0, &w->flag };

	while (!kit_task_should_exit()) {
		long r = kit_syscall(KIT_SYS_work, KIT_WORK_CALL, &b);

		__atomic_store_n(&w->block, r, __ATOMIC_SEQ_CST);
		__atomic_add_fetch(&w->iters, 1, __ATOMIC_SEQ_CST);
		kit_syscall(KIT_SYS_sleep, MS);
	}
	return 0;
}

/*
 * A reliable trace of the stopped task @t, as the transition takes it:
 * its length, or a negative error.  The transition may be stopping the
 * task itself (-EBUSY): try again.
 */
static int trace_stopped(struct task *t, unsigned long *pcs, unsigned int size)
{
	struct pt_regs regs;
	int err = -EBUSY;

	for (int i = 0; i < 200 && err == -EBUSY; i++) {
		err = kit_task_stop(t, &regs);
		if (err == -EBUSY)
			kit_sleep_ns(MS);
	}
	if (err)
		return err;
	err = kit_task_on_stack(t, kernel_stack_pointer(&regs), sizeof(long)) ?
	      kit_stack_trace_save_regs_reliable(&regs, t->stack_base,
						 t->stack_base + t->stack_size, pcs, size) :
	      -EFAULT;
	kit_task_resume(t);
	return err;
}

/* The first frame of pcs[0..n) for which in_func() holds, or -1. */
static int frame_in(const unsigned long *pcs, int n, bool (*in_func)(unsigned long, const void *),
		    const void *data)
{
	for (int i = 0; i < n; i++)
		if (in_func(pcs[i], data))
			return i;
	return -1;
}

static bool in_named(unsigned long pc, const void *name)
{
	const char *sym;

	return !kit_kallsyms_lookup(pc, NULL, NULL, &sym) && !kit_strcmp(sym, name);
}

static bool in_module(unsigned long pc, const void *mod)
{
	const struct kit_module *m = mod;

	return pc >= m->text_start && pc < m->text_end;
}

/*
 * The blocker's frames above klp_victim_block, traced while it sleeps in
 * the original: what a trace must show above the new function once the
 * redirect enters it from the same call (the redirect keeps the return
 * address; a port that parks it elsewhere to switch the TOC must give it
 * back to both unwinders).
 */
static unsigned long blocker_above[32];
static int nr_blocker_above = -1;

/* kthread: calls the victim directly, switches at its checkpoint */
static int kthread_fn(void *arg)
{
	struct worker *w = arg;

	while (!kit_task_should_exit()) {
		__atomic_store_n(&w->value, klp_victim_value(10), __ATOMIC_SEQ_CST);
		__atomic_add_fetch(&w->iters, 1, __ATOMIC_SEQ_CST);
		kit_kthread_checkpoint();
		kit_sleep_ns(w->sleep_ns);
	}
	return 0;
}

/* USER: runs in "user" code, rarely enters the kernel */
static int spinner_fn(void *arg)
{
	struct worker *w = arg;

	while (!kit_task_should_exit()) {
		for (volatile long i = 0; i < 2000000; i++)
			;
		__atomic_add_fetch(&w->iters, 1, __ATOMIC_SEQ_CST);
		kit_syscall(KIT_SYS_getpid);
	}
	return 0;
}

/* USER: sleeps long in the kernel (not in a patched function) */
static int sleeper_fn(void *arg)
{
	struct worker *w = arg;

	while (!kit_task_should_exit()) {
		kit_syscall(KIT_SYS_sleep, w->sleep_ns);
		__atomic_add_fetch(&w->iters, 1, __ATOMIC_SEQ_CST);
	}
	return 0;
}

/* USER: calls klp_victim_value(-1) once (klp_p3 keeps it inside) */
static int stubborn_fn(void *arg)
{
	struct worker *w = arg;
	struct call v = { CALL_VALUE, -1, NULL };

	__atomic_store_n(&w->value, kit_syscall(KIT_SYS_work, KIT_WORK_CALL, &v),
			 __ATOMIC_SEQ_CST);
	while (!kit_task_should_exit())
		kit_syscall(KIT_SYS_sleep, MS);
	return 0;
}

static int load(const char *name, struct kit_module **mod)
{
	char path[256];

	return kit_module_load_file(kit_plat_module_path(name, path, sizeof(path)), mod);
}

static bool signal_rounds(void *min)
{
	struct klp_transition_stats st;

	klp_transition_get_stats(&st);
	return st.signal_rounds >= (unsigned long)min;
}

static bool int_set(void *arg)
{
	return __atomic_load_n((int *)arg, __ATOMIC_SEQ_CST) > 0;
}

static bool block_entered(void *arg)
{
	return __atomic_load_n(&klp_victim_block_entered, __ATOMIC_SEQ_CST) >= *(int *)arg;
}

static bool sees(struct worker *w, long value)
{
	unsigned long it = __atomic_load_n(&w->iters, __ATOMIC_SEQ_CST);
	uint64_t end = kit_clock_ns() + 3000 * MS;

	/* two fresh iterations, then look */
	while (__atomic_load_n(&w->iters, __ATOMIC_SEQ_CST) < it + 2 && kit_clock_ns() < end)
		kit_sleep_ns(MS);
	return __atomic_load_n(&w->value, __ATOMIC_SEQ_CST) == value;
}

static void report_stats(const char *what)
{
	struct klp_transition_stats st;

	klp_transition_get_stats(&st);
	kit_report_info("%s [%s]: %lu tasks, %llu us, %lu passes: boundary %lu, checkpoint %lu, stack %lu, fake signal %lu, forced %lu, exited %lu; stack checks refused %lu (unreliable), busy %lu; signals sent %lu",
			what, kit_unwinder_name, st.tasks, st.ns / 1000, st.attempts,
			st.boundary, st.checkpoint, st.stack, st.signalled, st.forced,
			st.exited, st.stack_refused, st.stack_busy, st.signals);
}

static size_t ftrace_base;

static bool nothing_patched(void)
{
	return kit_ftrace_nr_enabled() == ftrace_base &&
	       arch_ftrace_site_is_nop((unsigned long)klp_victim_value) &&
	       klp_victim_value(10) == 11 && klp_victim_other(10) == 12 &&
	       !klp_find_patch("klp_missing") && !klp_find_patch("klp_cbfail");
}

/* ---- shadow variables ---------------------------------------------------- */

static int ctor_calls, dtor_calls;

static int shadow_ctor(void *obj, void *data, void *ctor_data)
{
	(void)obj;
	ctor_calls++;
	*(long *)data = *(long *)ctor_data;
	return 0;
}

static int shadow_ctor_fail(void *obj, void *data, void *ctor_data)
{
	(void)obj; (void)data; (void)ctor_data;
	return -ENOMEM;
}

static void shadow_dtor(void *obj, void *data)
{
	(void)obj;
	(void)data;
	dtor_calls++;
}

static void test_shadow(void)
{
	static long objs[8];
	long init = 77, *p, *q;
	unsigned int n = 0;

	p = klp_shadow_alloc(&objs[0], 1, sizeof(long), shadow_ctor, &init);
	kit_report(p && *p == 77 && ctor_calls == 1, "shadow: alloc runs the ctor");
	kit_report(klp_shadow_get(&objs[0], 1) == p, "shadow: get finds it");
	kit_report(!klp_shadow_get(&objs[0], 2) && !klp_shadow_get(&objs[1], 1),
		   "shadow: other id / other object: none");
	kit_report(!klp_shadow_alloc(&objs[0], 1, sizeof(long), NULL, NULL),
		   "shadow: a second alloc of <obj, id> fails");
	q = klp_shadow_get_or_alloc(&objs[0], 1, sizeof(long), shadow_ctor, &init);
	kit_report(q == p && ctor_calls == 1, "shadow: get_or_alloc returns the existing one");
	kit_report(!klp_shadow_alloc(&objs[2], 1, sizeof(long), shadow_ctor_fail, NULL) &&
		   !klp_shadow_get(&objs[2], 1), "shadow: a failing ctor leaves nothing");
	for (unsigned int i = 1; i < 8; i++)
		n += klp_shadow_get_or_alloc(&objs[i], 1, sizeof(long), NULL, NULL) != NULL;
	klp_shadow_alloc(&objs[3], 2, 64, NULL, NULL);
	klp_shadow_free(&objs[0], 1, shadow_dtor);
	kit_report(n == 7 && dtor_calls == 1 && !klp_shadow_get(&objs[0], 1),
		   "shadow: free calls the dtor and detaches");
	klp_shadow_free_all(1, shadow_dtor);
	kit_report(dtor_calls == 8 && !klp_shadow_get(&objs[5], 1) &&
		   klp_shadow_get(&objs[3], 2), "shadow: free_all(id) frees that id only (%d)",
		   dtor_calls);
	klp_shadow_free_all(2, NULL);
}

/* ---- the patches ---------------------------------------------------------- */

static struct worker loopers[3], kth[2], blk, spin, slp;

static struct task *start(const char *name, int (*fn)(void *), struct worker *w,
			  unsigned int flags, uint64_t sleep_ns)
{
	w->sleep_ns = sleep_ns;
	w->t = kit_task_create(name, fn, w, flags);
	return w->t;
}

static bool others_switched(void *except)
{
	struct task *t;
	bool ok = true;

	kit_tasklist_lock();
	kit_for_each_task(t)
		if (t != except && t->patch_state != klp_target_state)
			ok = false;
	kit_tasklist_unlock();
	return ok;
}

static void test_patches(void)
{
	struct kit_module *p1 = NULL, *p2 = NULL, *p3 = NULL, *m = NULL;
	char buf[16];
	int err, entered;
	unsigned int nmod = kit_module_count();

	ftrace_base = kit_ftrace_nr_enabled();
	kit_work_hook = test_hook;
	for (unsigned int i = 0; i < ARRAY_SIZE(loopers); i++)
		start("looper", looper_fn, &loopers[i], KIT_TASK_USER, MS);
	start("kthread", kthread_fn, &kth[0], KIT_TASK_KTHREAD, MS);
	start("kthread", kthread_fn, &kth[1], KIT_TASK_KTHREAD, 20 * MS);
	start("spinner", spinner_fn, &spin, KIT_TASK_USER, 0);
	start("sleeper", sleeper_fn, &slp, KIT_TASK_USER, 60000 * MS);
	entered = klp_victim_block_entered + 1;
	start("blocker", blocker_fn, &blk, KIT_TASK_USER, 0);
	kit_report(kit_wait_until(block_entered, &entered, 3000 * MS),
		   "the blocker sleeps inside klp_victim_block");
	{
		unsigned long pcs[64];
		int n = trace_stopped(blk.t, pcs, ARRAY_SIZE(pcs));
		int i = n > 0 ? frame_in(pcs, n, in_named, "klp_victim_block") : -1;

		if (i >= 0 && n - i - 1 <= (int)ARRAY_SIZE(blocker_above)) {
			nr_blocker_above = n - i - 1;
			kit_memcpy(blocker_above, pcs + i + 1, nr_blocker_above * sizeof(*pcs));
		}
		kit_report(nr_blocker_above > 0,
			   "%s: asleep in klp_victim_block, the blocker traces reliably (%d frames, %d above it)",
			   kit_unwinder_name, n, nr_blocker_above);
	}
	kit_report(sees(&loopers[0], 11) && sees(&kth[0], 11), "unpatched: value 11");

	/* 1. enable with a task blocked inside a patched function */
	klp_control("signal_after_ms", "0");
	klp_victim_log_buf[0] = '\0';
	err = load("klp_p1", &p1);
	kit_report(!err, "klp_p1 loads and enables (%d)", err);
	if (err)
		goto out;
	kit_report(sees(&loopers[0], 1010) && sees(&loopers[1], 1010) && sees(&kth[0], 1010),
		   "user tasks and kthreads run the new function (1010)");
	kit_sleep_ns(300 * MS);
	kit_report(klp_transition_running() &&
		   !klp_control_read("klp_p1/transition", buf, sizeof(buf)) && buf[0] == '1',
		   "the transition stays pending while the blocker sleeps inside");
	kit_report(blk.t->patch_state == KLP_UNPATCHED,
		   "the blocker's state stays unpatched (%d)", blk.t->patch_state);
	/* how soon they switch depends on the host's load: wait, not sleep */
	kit_report(kit_wait_until(others_switched, blk.t, 3000 * MS) && klp_transition_running(),
		   "every other task (running, sleeping, kthreads, idle) switched");
	report_stats("enable p1, blocker inside (pending)");
	{
		struct task child = { .patch_state = KLP_UNDEFINED };

		klp_copy_process(&child, blk.t);
		kit_report(child.patch_state == KLP_UNPATCHED,
			   "a task the blocker creates would start unpatched (%d)", child.patch_state);
		klp_copy_process(&child, loopers[0].t);
		kit_report(child.patch_state == KLP_PATCHED,
			   "one a switched task creates, patched (%d)", child.patch_state);
		klp_copy_process(&child, NULL);
		kit_report(child.patch_state == klp_target_state,
			   "one the control thread creates, the target (%d)", child.patch_state);
	}
	{
		/* the real path: kit_task_create() runs livepatch's fork hook */
		struct worker w = { 0 };
		struct task *t = start("forked", sleeper_fn, &w, KIT_TASK_USER, 60000 * MS);

		kit_report(t && t->patch_state == klp_target_state,
			   "a task created mid-transition starts in its creator's state (%d)",
			   t ? t->patch_state : -2);
		if (t) {
			kit_task_request_exit(t);
			kit_task_join(t);
		}
	}
	__atomic_store_n(&blk.flag, 1, __ATOMIC_SEQ_CST);
	kit_wake_up(&klp_victim_waitq);
	kit_report(!klp_transition_wait(3000), "it completes once the blocker leaves");
	kit_report(blk.block == 1 || blk.block == 2, "the blocker left the old function (%ld)",
		   blk.block);
	kit_report(sees(&blk, 2) || __atomic_load_n(&blk.block, __ATOMIC_SEQ_CST) == 2,
		   "and then runs the new one (%ld)", blk.block);
	report_stats("enable p1");
	kit_report(sees(&loopers[2], 1010) && loopers[2].other == 30 &&
		   klp_victim_value(10) == 1010, "patched: value 1010, other 30");

	/* 2. disable with the blocker inside the new function: a fake signal moves it */
	entered = klp_victim_block_entered + 1;
	__atomic_store_n(&blk.flag, 0, __ATOMIC_SEQ_CST);
	kit_wait_until(block_entered, &entered, 3000 * MS);
	kit_sleep_ns(20 * MS);
	err = klp_control("klp_p1/enabled", "0");
	kit_report(!err, "disable through klp_p1/enabled (%d)", err);
	kit_sleep_ns(200 * MS);
	kit_report(klp_transition_running() && blk.t->patch_state == KLP_PATCHED,
		   "pending while the blocker sleeps in the new function");
	{
		unsigned long pcs[64];
		int n = trace_stopped(blk.t, pcs, ARRAY_SIZE(pcs));
		int i = n > 0 ? frame_in(pcs, n, in_module, p1) : -1;
		bool same = i >= 0 && n - i - 1 == nr_blocker_above &&
			    !kit_memcmp(pcs + i + 1, blocker_above, nr_blocker_above * sizeof(*pcs));

		kit_report(same,
			   "%s: asleep in the new function (klp_p1, entered through the redirect), the blocker traces reliably with the same frames above it (%d frames, new function at %d)",
			   kit_unwinder_name, n, i);
	}
	kit_report(klp_module_unload(p1) == -EBUSY, "the module cannot go during its transition");
	/* upstream's enabled_store(): the value it has is -EINVAL, the other reverses */
	err = klp_control("klp_p1/enabled", "0");
	kit_report(err == -EINVAL && klp_transition_running() && klp_target_state == KLP_UNPATCHED,
		   "writing 0 again is -EINVAL; the unpatching transition goes on (%d)", err);
	err = klp_control("klp_p1/enabled", "1");
	kit_report(!err && !klp_transition_wait(3000) && klp_find_patch("klp_p1") &&
		   klp_find_patch("klp_p1")->enabled && klp_victim_value(10) == 1010,
		   "writing 1 reverses it: patched again (%d)", err);
	err = klp_control("klp_p1/enabled", "1");
	kit_report(err == -EINVAL, "writing 1 to an enabled patch is -EINVAL (%d)", err);
	err = klp_control("klp_p1/enabled", "0");
	kit_report(!err && klp_transition_running() && blk.t->patch_state == KLP_PATCHED,
		   "disabled again: pending on the blocker (%d)", err);
	err = klp_control("klp_p1/signal", "1");
	kit_report(!err && !klp_transition_wait(3000),
		   "a fake signal moves it; the transition completes (%d)", err);
	report_stats("disable p1, fake signal");
	kit_report(sees(&loopers[0], 11) && loopers[0].other == 12 && sees(&kth[1], 11),
		   "disable reverts (11, 12)");
	kit_report(!kit_strcmp(klp_victim_log_buf,
			       "p1:pre_patch p1:post_patch p1:pre_unpatch p1:post_patch "
			       "p1:pre_unpatch p1:post_unpatch"),
		   "callbacks in order: %s", klp_victim_log_buf);
	kit_report(kit_ftrace_nr_enabled() == ftrace_base, "no ftrace site left enabled");
	kit_report(!klp_module_unload(p1), "then the module unloads");

	/* 3. force: the blocker is inside the original function */
	kit_report(klp_victim_block_entered > 0, "the blocker waits in the original");
	kit_sleep_ns(20 * MS);
	err = load("klp_p1", &p1);
	kit_sleep_ns(100 * MS);
	kit_report(!err && klp_transition_running(), "klp_p1 again: pending on the blocker");
	err = klp_control("klp_p1/force", "1");
	kit_report(!err && !klp_transition_running(), "force completes it (%d)", err);
	report_stats("enable p1, forced");
	kit_report(klp_find_patch("klp_p1") && klp_find_patch("klp_p1")->forced,
		   "the patch is marked forced");
	__atomic_store_n(&blk.flag, 1, __ATOMIC_SEQ_CST);
	kit_wake_up(&klp_victim_waitq);

	/* 4. atomic replace */
	klp_victim_log_buf[0] = '\0';
	klp_control("signal_after_ms", "100");
	err = load("klp_p2", &p2);
	kit_report(!err && !klp_transition_wait(5000), "klp_p2 (replace) enables (%d)", err);
	report_stats("replace p1 by p2");
	kit_report(sees(&loopers[0], 2010) && loopers[0].other == 12,
		   "replace: value 2010, other back to the original 12 (%ld)", loopers[0].other);
	kit_report(!klp_find_patch("klp_p1") && klp_find_patch("klp_p2"),
		   "klp_p1 is replaced");
	kit_report(!kit_strcmp(klp_victim_log_buf, "p2:prev=1 p2:post_patch p2:prev=1"),
		   "p2 saw the previous state version in pre_patch and post_patch: %s",
		   klp_victim_log_buf);
	kit_report(klp_module_unload(p1) == -EBUSY,
		   "a forced patch's module stays loaded");
	kit_report(kit_ftrace_nr_enabled() == ftrace_base + 1, "one ftrace site enabled");

	/* 5. states: a replace patch with an older version is refused */
	err = load("klp_oldstate", &m);
	kit_report(err == -EINVAL && !klp_find_patch("klp_oldstate") &&
		   klp_victim_value(10) == 2010, "an older state version is refused (%d)", err);

	/* 6. any patch may be disabled; klp_get_prev_state() in pre_unpatch */
	klp_victim_log_buf[0] = '\0';
	err = load("klp_p3", &p3);
	kit_report(!err && !klp_transition_wait(5000) && sees(&loopers[0], 3010),
		   "klp_p3 on top of klp_p2: value 3010 (%d)", err);
	err = klp_control("klp_p3/enabled", "0");
	kit_report(!err && !klp_transition_wait(5000) && sees(&loopers[0], 2010) &&
		   !kit_strcmp(klp_victim_log_buf, "p3:unpatch_prev=2"),
		   "disable p3: its pre_unpatch sees p2's state (%s), value 2010 again",
		   klp_victim_log_buf);
	kit_report(!klp_module_unload(p3), "p3 unloads");
	err = load("klp_p3", &p3);
	kit_report(!err && !klp_transition_wait(5000), "klp_p3 again (%d)", err);
	err = klp_control("klp_p2/enabled", "0");
	kit_report(!err && !klp_transition_wait(5000),
		   "klp_p2, under klp_p3, can be disabled (%d)", err);
	report_stats("disable p2 under p3");
	kit_report(sees(&loopers[1], 3010) && !klp_find_patch("klp_p2") && klp_find_patch("klp_p3"),
		   "p3 stays in force, p2 is gone");
	kit_report(!klp_module_unload(p2), "p2 unloads");
	/* fake signals repeat while a task stays pending (upstream: every 15 s) */
	{
		struct worker stub = { 0 };
		int *entered = kit_module_symbol(p3, "p3_stubborn_entered");
		int *release = kit_module_symbol(p3, "p3_release");
		struct klp_transition_stats st;

		start("stubborn", stubborn_fn, &stub, KIT_TASK_USER, 0);
		kit_report(entered && release && kit_wait_until(int_set, entered, 3000 * MS),
			   "a task stays inside p3's function, deaf to fake signals");
		uint64_t t0;

		klp_control("signal_after_ms", "20");
		err = klp_control("klp_p3/enabled", "0");
		t0 = kit_clock_ns();
		/* at least four rounds; a loaded host may take longer than 80 ms */
		kit_wait_until(signal_rounds, (void *)4UL, 3000 * MS);
		klp_transition_get_stats(&st);
		kit_report(!err && klp_transition_running() && stub.t->patch_state == KLP_PATCHED &&
			   st.signal_rounds >= 4,
			   "disable p3: pending on it, fake signals sent again and again (%lu rounds in %lu ms, every 20 ms)",
			   st.signal_rounds, (unsigned long)((kit_clock_ns() - t0) / MS));
		if (release)
			__atomic_store_n(release, 1, __ATOMIC_SEQ_CST);
		kit_wake_up(&klp_victim_waitq);
		kit_task_request_exit(stub.t);
		kit_task_join(stub.t);
		klp_control("signal_after_ms", "100");
	}
	kit_report(!err && !klp_transition_wait(5000) && sees(&loopers[1], 11) &&
		   nothing_patched(), "disable p3: everything original again (%d)", err);
	kit_report(!klp_module_unload(p3), "p3 unloads");

	/* 7. failures leave nothing */
	err = load("klp_missing", &m);
	/* upstream's klp_find_object_symbol() fails with -EINVAL */
	kit_report(err == -EINVAL && nothing_patched(),
		   "a missing symbol fails cleanly, no ftrace ops attached (%d)", err);
	klp_victim_log_buf[0] = '\0';
	err = load("klp_cbfail", &m);
	kit_report(err == -EAGAIN && nothing_patched() &&
		   !kit_strcmp(klp_victim_log_buf, "cbfail:pre_patch"),
		   "a failing pre_patch aborts, no post_unpatch (%d: %s)", err, klp_victim_log_buf);
	kit_report(kit_module_count() == nmod + 1, "only the forced module stays");

	/* 8. the experiment: a transition with everyone busy, signals after 100 ms */
	blk.flag = 0;
	err = load("klp_p2", &p2);
	kit_report(!err && !klp_transition_wait(5000), "p2 again with the blocker inside");
	report_stats("experiment: enable p2 (value only)");
	__atomic_store_n(&blk.flag, 1, __ATOMIC_SEQ_CST);
	kit_wake_up(&klp_victim_waitq);
	err = klp_control("klp_p2/enabled", "0");
	kit_report(!err && !klp_transition_wait(5000), "and disabled");
	report_stats("experiment: disable p2");
	klp_module_unload(p2);
out:
	__atomic_store_n(&blk.flag, 1, __ATOMIC_SEQ_CST);
	kit_wake_up(&klp_victim_waitq);
	for (unsigned int i = 0; i < ARRAY_SIZE(loopers); i++)
		if (loopers[i].t)
			kit_task_request_exit(loopers[i].t);
	struct worker *all[] = { &loopers[0], &loopers[1], &loopers[2], &kth[0], &kth[1],
				 &spin, &slp, &blk };
	for (unsigned int i = 0; i < ARRAY_SIZE(all); i++)
		if (all[i]->t) {
			kit_task_request_exit(all[i]->t);
			kit_task_join(all[i]->t);
		}
	kit_work_hook = NULL;
}

KIT_SELFTEST(livepatch)
{
	test_shadow();
	test_patches();
}
