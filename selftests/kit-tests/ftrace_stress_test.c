// SPDX-License-Identifier: GPL-2.0
/*
 * Text patching under concurrency: threads call traced functions without
 * pause while the main thread enables and disables ftrace on them in a
 * loop (each toggle patches the live site twice).  Every call must reach
 * the function (none lost to a half-written site), every result must be
 * right, and no thread may crash.  The callers are kit tasks (kthreads).
 */

#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/sched.h>
#include <kit/selftest.h>
#include <kit/string.h>
#include <kit/task.h>
#include <kit/trace.h>

#define NR_THREADS	4
#define NR_TOGGLES	300

#define TARGET __attribute__((__noipa__))

static unsigned long in_hammer, in_old, in_new, in_cb;

TARGET int kit_ftrace_stress_hammer(int x)
{
	__atomic_fetch_add(&in_hammer, 1, __ATOMIC_RELAXED);
	return x ^ 0x5a;
}

TARGET int kit_ftrace_stress_old(int x)
{
	__atomic_fetch_add(&in_old, 1, __ATOMIC_RELAXED);
	return x * 2;
}

TARGET int kit_ftrace_stress_new(int x)
{
	__atomic_fetch_add(&in_new, 1, __ATOMIC_RELAXED);
	return x * 2 + 1;
}

static int (*volatile fn_hammer)(int) = kit_ftrace_stress_hammer;
static int (*volatile fn_old)(int) = kit_ftrace_stress_old;
static void *(*volatile fn_memset)(void *, int, size_t) = kit_memset_arch;

struct worker {
	struct task *task;
	int mode;			/* 0: hammer + memset, 1: old/new */
	unsigned long made, wrong, seen_new;
};

static int stop;
static struct worker w_trace[NR_THREADS];

static int worker_fn(void *arg)
{
	struct worker *w = arg;
	char buf[16];

	while (!__atomic_load_n(&stop, __ATOMIC_RELAXED)) {
		int x = (int)(w->made & 0xffff);

		if (w->mode == 0) {
			if (fn_hammer(x) != (x ^ 0x5a))
				w->wrong++;
			fn_memset(buf, x, sizeof(buf));
			if (buf[15] != (char)x)
				w->wrong++;
		} else {
			int r = fn_old(x);

			if (r == 2 * x + 1)
				w->seen_new++;
			else if (r != 2 * x)
				w->wrong++;
		}
		w->made++;
	}
	return 0;
}

static void count_cb(unsigned long ip, unsigned long parent_ip,
		     struct kit_ftrace_ops *ops, struct pt_regs *regs)
{
	(void)ip;
	(void)parent_ip;
	(void)ops;
	(void)regs;
	__atomic_fetch_add(&in_cb, 1, __ATOMIC_RELAXED);
}

static void redirect(unsigned long ip, unsigned long parent_ip,
		     struct kit_ftrace_ops *ops, struct pt_regs *regs)
{
	(void)ip;
	(void)parent_ip;
	(void)ops;
	instruction_pointer_set(regs, (unsigned long)kit_ftrace_stress_new);
}

static void start(struct worker *w, int mode)
{
	__atomic_store_n(&stop, 0, __ATOMIC_RELAXED);
	for (int i = 0; i < NR_THREADS; i++) {
		w[i] = (struct worker){ .mode = mode };
		w[i].task = kit_task_create("ftrace-hammer", worker_fn, &w[i], KIT_TASK_KTHREAD);
		BUG_ON(!w[i].task);
	}
}

static void finish(struct worker *w, unsigned long *made, unsigned long *wrong,
		   unsigned long *seen_new)
{
	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	*made = *wrong = *seen_new = 0;
	for (int i = 0; i < NR_THREADS; i++) {
		kit_task_join(w[i].task);
		*made += w[i].made;
		*wrong += w[i].wrong;
		*seen_new += w[i].seen_new;
	}
}

static void let_run(void)
{
	kit_sleep_ns(200 * 1000);
}

/* Toggle a counting ops and the tracer on two functions, one C, one asm. */
static void stress_trace(void)
{
	struct kit_ftrace_ops ops = { .func = count_cb };
	unsigned long addrs[] = { (unsigned long)kit_ftrace_stress_hammer,
				  (unsigned long)kit_memset_arch };
	unsigned long made, wrong, unused, traced = 0;
	unsigned long p0 = arch_text_patch_count(), t0 = arch_text_patch_traps();
	int err = 0;

	kit_ftrace_set_filter_ip(&ops, addrs[0]);
	kit_trace_set_filter_ip(addrs, ARRAY_SIZE(addrs));
	start(w_trace, 0);
	for (int i = 0; i < NR_TOGGLES && !err; i++) {
		err = kit_ftrace_register(&ops);
		let_run();
		err = err ?: kit_trace_enable();
		let_run();
		err = err ?: kit_trace_disable();
		traced += kit_trace_hits();
		err = err ?: kit_ftrace_unregister(&ops);
		let_run();
	}
	finish(w_trace, &made, &wrong, &unused);
	kit_report(!err, "%d enable/disable cycles of two ops, no error (%d)", NR_TOGGLES, err);
	kit_report(made == __atomic_load_n(&in_hammer, __ATOMIC_RELAXED) && !wrong,
		   "no call lost: %lu calls made, %lu arrived in the function, %lu wrong results",
		   made, in_hammer, wrong);
	kit_report(in_cb > 0 && in_cb <= made && traced > 0,
		   "calls seen while enabled: %lu by the counting ops, %lu by the tracer, of %lu made",
		   in_cb, traced, made);
	kit_report_info("text patches %lu, int3 traps emulated %lu",
			arch_text_patch_count() - p0, arch_text_patch_traps() - t0);
	kit_ftrace_reset_filter(&ops);
}

/* With the ops registered throughout, every call reaches the callback. */
static void stress_steady(void)
{
	struct kit_ftrace_ops ops = { .func = count_cb };
	unsigned long made, wrong, unused, before = in_hammer;

	in_cb = 0;
	kit_ftrace_set_filter_ip(&ops, (unsigned long)kit_ftrace_stress_hammer);
	kit_ftrace_register(&ops);
	start(w_trace, 0);
	kit_sleep_ns(50 * 1000 * 1000);
	finish(w_trace, &made, &wrong, &unused);
	kit_ftrace_unregister(&ops);
	kit_ftrace_reset_filter(&ops);
	kit_report(made == in_hammer - before && in_cb == made && !wrong,
		   "ops enabled throughout: %lu calls made, %lu in the function, %lu in the callback",
		   made, in_hammer - before, in_cb);
}

/* Toggle an IPMODIFY redirect: every call runs old or new, never neither. */
static void stress_ipmodify(void)
{
	struct kit_ftrace_ops ops = { .func = redirect, .flags = KIT_FTRACE_OPS_FL_IPMODIFY };
	unsigned long made, wrong, seen_new;
	int err = 0;

	kit_ftrace_set_filter_ip(&ops, (unsigned long)kit_ftrace_stress_old);
	start(w_trace, 1);
	for (int i = 0; i < NR_TOGGLES && !err; i++) {
		err = kit_ftrace_register(&ops);
		let_run();
		err = err ?: kit_ftrace_unregister(&ops);
		let_run();
	}
	finish(w_trace, &made, &wrong, &seen_new);
	kit_ftrace_reset_filter(&ops);
	kit_report(!err && !wrong && made == in_old + in_new && seen_new == in_new &&
		   in_new > 0 && in_old > 0,
		   "IPMODIFY toggled %d times: %lu calls made = %lu old + %lu new, %lu wrong",
		   NR_TOGGLES, made, in_old, in_new, wrong);
}

KIT_SELFTEST(ftrace_concurrency)
{
	stress_trace();
	stress_steady();
	stress_ipmodify();
}
