// SPDX-License-Identifier: GPL-2.0
/*
 * livepatch_bench: not a test but the measurement behind `make
 * bench-livepatch` (bench/livepatch/run.sh), on this image's reliable
 * unwinder (ORC or the frame chain):
 *
 * 1. the cost of a call to klp_bench_victim() from a kthread, direct
 *    (its ftrace site a NOP) and patched by klp_bench (the site calls
 *    the ftrace trampoline, which saves pt_regs, runs the livepatch
 *    handler, and resumes in the new function): CALL_RUNS runs of CALLS
 *    calls each, before the patch, under it, and after it again; and,
 *    for the share of ftrace in that, with an empty ftrace handler on
 *    the victim instead of the patch ("traced");
 * 2. transitions under load: for each of tasks_counts[], that many tasks
 *    (three in four user tasks through the syscall gate, the rest
 *    kthreads, klp_load.c) call the victim in a loop, under two loads
 *    (profiles[]: busy and sleepy), and klp_bench is
 *    enabled and disabled CYCLES times; each transition's time and how
 *    its tasks switched come from klp_transition_get_stats().
 *
 * Lines for the script (times in ns):
 *   # bench lp-call unwinder=orc state=unpatched|patched|traced calls=N median=... min=... max=...
 *   # bench lp-transition unwinder=orc load=busy tasks=64 dir=patch ns=... pass_ns=...
 *     switched=... attempts=... boundary=... checkpoint=... stack=... signalled=...
 *     forced=... exited=... refused=... busy=... stop_failed=... signals=...
 */
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/livepatch.h>
#include <kit/module.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/sched.h>
#include <kit/selftest.h>
#include <kit/sort.h>
#include <kit/stacktrace.h>
#include <kit/task.h>

#include "klp_load.h"

#define MS		1000000ull
/*
 * Many short runs rather than a few long ones: on a shared machine a run
 * that another process preempts is an outlier the median drops, and a
 * short run is preempted less often (100000 calls, 4.5 ms patched
 * natively, were slowed in half the runs beside two fuzzers).
 */
#define CALL_RUNS	31
#define CALLS		10000
#define CYCLES		5		/* enable + disable, per task count */
#define WAIT_MS		120000		/* a transition at most (qemu, 1024 tasks) */

static const int tasks_counts[] = { 64, 256, 1024 };

/*
 * Two loads; a task pauses nr * per_task_ns + fixed_ns between calls.
 * busy: 64000 calls a second between the tasks whatever their number
 *   (64 tasks: 1 ms apart, as `kit run`'s), so more tasks means more
 *   tasks to switch, not a saturated machine (1024 tasks 1 ms apart kept
 *   two shared cores, and a port under qemu-user, at a load average of
 *   hundreds).  Each task reaches its boundary once a pause, so the
 *   transition lasts about one pause: the boundary and the stack checks
 *   race for the tasks.
 * sleepy: each task calls every 500 ms and sleeps in the kernel between
 *   calls, so few reach their boundary during a transition and the
 *   transition work's stack checks must switch them: the pass, and the
 *   unwinder's verdict on a sleeping task, set the time.
 */
static const struct load_profile {
	const char *name;
	uint64_t per_task_ns, fixed_ns;
} profiles[] = {
	{ "busy", 15625, 0 },
	{ "sleepy", 0, 500 * MS },
};

/* noipa: the loop below must make a real call, to the function's real entry */
noinline __attribute__((noipa)) long klp_bench_victim(long x)
{
	barrier();
	return x + 1;
}

struct call_run {
	uint64_t ps_per_call[CALL_RUNS];	/* picoseconds: integer math */
	long sum;			/* what the calls returned, to check */
};

static int call_runs_fn(void *arg)
{
	struct call_run *r = arg;

	r->sum = 0;
	for (int run = 0; run < CALL_RUNS; run++) {
		uint64_t t0 = kit_clock_ns();

		for (long i = 0; i < CALLS; i++)
			r->sum += klp_bench_victim(i);
		r->ps_per_call[run] = (kit_clock_ns() - t0) * 1000 / CALLS;
	}
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void print_ps(char *buf, size_t size, uint64_t ps)
{
	kit_snprintf(buf, size, "%llu.%03llu", (unsigned long long)ps / 1000,
		     (unsigned long long)ps % 1000);
}

/* CALL_RUNS runs in a kthread; @add is what each call adds to its argument. */
static void measure_calls(const char *state, long add)
{
	struct call_run r;
	struct task *t = kit_task_create("bench-call", call_runs_fn, &r, KIT_TASK_KTHREAD);
	/* the sum of i + add over one run, CALL_RUNS times */
	long want = CALL_RUNS * ((long)CALLS * (CALLS - 1) / 2 + (long)CALLS * add);
	char med[32], lo[32], hi[32];

	if (!t) {
		kit_report(false, "a kthread for the %s calls", state);
		return;
	}
	kit_task_join(t);
	kit_report(r.sum == want, "%s: every call ran the %s version", state,
		   add == 1 ? "original" : "patched");
	kit_sort(r.ps_per_call, CALL_RUNS, sizeof(r.ps_per_call[0]), cmp_u64, NULL);
	print_ps(med, sizeof(med), r.ps_per_call[CALL_RUNS / 2]);
	print_ps(lo, sizeof(lo), r.ps_per_call[0]);
	print_ps(hi, sizeof(hi), r.ps_per_call[CALL_RUNS - 1]);
	kit_report_info("bench lp-call unwinder=%s state=%s calls=%d median=%s min=%s max=%s",
			kit_unwinder_name, state, CALLS, med, lo, hi);
}

static void report_transition(const char *profile, int nr, const char *dir)
{
	struct klp_transition_stats st;

	klp_transition_get_stats(&st);
	kit_report_info("bench lp-transition unwinder=%s load=%s tasks=%d dir=%s ns=%llu pass_ns=%llu switched=%lu attempts=%lu boundary=%lu checkpoint=%lu stack=%lu signalled=%lu forced=%lu exited=%lu refused=%lu busy=%lu stop_failed=%lu signals=%lu",
			kit_unwinder_name, profile, nr, dir, st.ns, st.pass_ns, st.tasks, st.attempts,
			st.boundary, st.checkpoint, st.stack, st.signalled, st.forced,
			st.exited, st.stack_refused, st.stack_busy, st.stop_failed, st.signals);
}

/* Load klp_bench (its init enables the patch) and wait for the transition. */
static int bench_enable(const char *path, struct kit_module **mod)
{
	int err = kit_module_load_file(path, mod);

	return err ? err : klp_transition_wait(WAIT_MS);
}

/* Disable klp_bench and wait for the transition; the module stays loaded. */
static int bench_disable(void)
{
	int err = klp_control("klp_bench/enabled", "0");

	return err ? err : klp_transition_wait(WAIT_MS);
}

/* One enable/disable cycle of klp_bench under the load: 0 or an error. */
static int transition_cycle(const char *path, const char *profile, int nr)
{
	struct kit_module *mod;
	int err = bench_enable(path, &mod);

	if (err)
		return err;
	report_transition(profile, nr, "patch");
	if (klp_bench_victim(0) != 2)
		return -EINVAL;
	err = bench_disable();
	if (err)
		return err;
	report_transition(profile, nr, "unpatch");
	return klp_module_unload(mod);
}

static void measure_transitions(const char *path, const struct load_profile *lp, int nr)
{
	uint64_t pause = nr * lp->per_task_ns + lp->fixed_ns, t0 = kit_clock_ns(), t1;
	struct klp_load *load = klp_load_start(nr - nr / 4, nr / 4, klp_bench_victim, pause);
	bool moving = false;
	int err = 0, cycles = 0;

	if (!load) {
		kit_report(false, "%s, %d tasks: no memory", lp->name, nr);
		return;
	}
	/* many threads under an emulator take a while to all get going */
	for (int i = 0; i < 20 && !moving && load->started == nr; i++)
		moving = klp_load_all_moving(load, 2 * pause + 100 * MS);
	t1 = kit_clock_ns();
	kit_report(load->started == nr && moving,
		   "%s: %d tasks (%d user, %d kthreads) call the victim every %llu us (all moving after %llu ms)",
		   lp->name, load->started, load->nr_user, load->nr - load->nr_user,
		   (unsigned long long)pause / 1000, (unsigned long long)(t1 - t0) / MS);
	for (; moving && !err && cycles < CYCLES; cycles++)
		err = transition_cycle(path, lp->name, nr);
	kit_report(moving && !err, "%s, %d tasks: %d enable/disable cycles of klp_bench in %llu ms (%s)",
		   lp->name, nr, cycles, (unsigned long long)(kit_clock_ns() - t1) / MS,
		   err ? kit_errname(err) : "ok");
	if (err && klp_transition_running())
		klp_force_transition();	/* leave the next figures a clean kit */
	t1 = kit_clock_ns();
	klp_load_stop(load);
	kit_report_info("%d tasks stopped in %llu ms", nr,
			(unsigned long long)(kit_clock_ns() - t1) / MS);
}

/* For the ftrace share of a patched call: the trampoline with an empty handler. */
static notrace void empty_handler(unsigned long ip, unsigned long parent_ip,
				  struct kit_ftrace_ops *ops, struct pt_regs *regs)
{
	(void)ip;
	(void)parent_ip;
	(void)ops;
	(void)regs;
}

static void measure_traced_calls(void)
{
	struct kit_ftrace_ops ops = { .func = empty_handler };
	int err = kit_ftrace_set_filter_ip(&ops, (unsigned long)klp_bench_victim);

	if (!err)
		err = kit_ftrace_register(&ops);
	kit_report(!err, "an empty ftrace handler on the victim (%s)",
		   err ? kit_errname(err) : "ok");
	if (!err) {
		measure_calls("traced", 1);
		kit_ftrace_unregister(&ops);
	}
	kit_ftrace_reset_filter(&ops);
}

KIT_SELFTEST(livepatch_bench)
{
	struct kit_module *mod;
	char path[256];
	int err;

	kit_plat_module_path("klp_bench", path, sizeof(path));
	measure_calls("unpatched", 1);
	err = bench_enable(path, &mod);
	kit_report(!err, "klp_bench enabled (%s)", err ? kit_errname(err) : "ok");
	if (err)
		return;
	measure_calls("patched", 2);
	err = bench_disable();
	if (!err)
		err = klp_module_unload(mod);
	kit_report(!err, "klp_bench disabled and unloaded (%s)", err ? kit_errname(err) : "ok");
	if (err)
		return;
	measure_calls("unpatched", 1);
	measure_traced_calls();
	for (unsigned int p = 0; p < ARRAY_SIZE(profiles); p++)
		for (unsigned int i = 0; i < ARRAY_SIZE(tasks_counts); i++)
			measure_transitions(path, &profiles[p], tasks_counts[i]);
}
