// SPDX-License-Identifier: GPL-2.0
/*
 * `kit demo`: a livepatch transition, step by step.  Starts a small world
 * of tasks (USER tasks looping through syscalls into a victim, one
 * sleeping inside a victim, one sleeping elsewhere in the kernel, a
 * kthread spinning in a leaf function, the idle task), then loads a patch
 * module, replaces it with a cumulative one and disables that, printing
 * each transition as it happens: which task switched and how, which stack
 * checks were refused or found a patched function, fake signals, and a
 * summary per transition.
 *
 * The livepatch core has no event callback, so the demo watches from the
 * outside, through APIs that exist:
 *  - two boundary hooks of its own (kit_exit_to_user_work_add,
 *    kit_kthread_checkpoint_add), one before the core's hook and one after
 *    it: a task whose patch state differs between the two switched right
 *    there (at the boundary, at its checkpoint, or after a fake signal).
 *    The core adds its hook when it prepares its first transition, so the
 *    "after" hook is added from the first patch callback (pre_patch runs
 *    after that and before any task can switch).
 *  - the control thread polls the task list (every DEMO_POLL_NS, under
 *    the task list lock, which the core's transition work also holds for
 *    a whole pass) and klp_transition_get_stats(): a task found switched
 *    without a boundary record was switched by a stack check (the core's
 *    counters confirm each one);
 *  - when a pass reports refused or busy stack checks, the demo stops each
 *    task still pending and takes its reliable trace itself, to say why:
 *    the unwinder's reason, or the patched function on the stack.
 */
#include <stdarg.h>

#include <kit/init.h>
#include <kit/kernel.h>
#include <kit/livepatch.h>
#include <kit/module.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/sched.h>
#include <kit/stacktrace.h>
#include <kit/string.h>
#include <kit/syscall.h>
#include <kit/task.h>

#include "klp_demo.h"
#include "klp_demo_world.h"


#define US			1000ull
#define MS			(1000ull * 1000)
#define DEMO_POLL_NS		(200 * US)
#define DEMO_TIMEOUT_NS		(10000 * MS)
#define DEMO_SIGNAL_AFTER_MS	"100"
#define DEMO_MAX_TASKS		16
#define DEMO_MAX_EVENTS		64
#define DEMO_MAX_TRACE		16

enum mech { M_NONE, M_BOUNDARY, M_CHECKPOINT, M_SIGNAL, M_STACK, M_NR };

/* One task of the world, as the demo follows it. */
struct slot {
	struct task *t;			/* claimed with a CAS (hooks and control) */
	/* written by the task itself, in the boundary hooks */
	int pre_state;			/* patch_state before the core's hook */
	int ev_gen, ev_mech;		/* switched there, in transition ev_gen */
	uint64_t ev_ns;
	/* the control thread's, per transition */
	bool done, noted;
};

static struct slot slots[DEMO_MAX_TASKS];
static int demo_gen;			/* the transition being watched */
static uint64_t demo_t0;		/* its start */

/* ---- watching the boundary ---------------------------------------------- */

static struct slot *find_slot(struct task *t, bool claim)
{
	for (unsigned int i = 0; i < DEMO_MAX_TASKS; i++) {
		struct task *cur = __atomic_load_n(&slots[i].t, __ATOMIC_SEQ_CST);

		if (cur == t)
			return &slots[i];
		if (!cur && claim) {
			if (__atomic_compare_exchange_n(&slots[i].t, &cur, t, false,
							__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
				return &slots[i];
			if (cur == t)
				return &slots[i];
		}
	}
	return NULL;
}

/* Runs before the core's klp_update_patch_state(). */
static void demo_boundary_pre(struct task *t)
{
	struct slot *s = find_slot(t, true);

	if (s)
		s->pre_state = __atomic_load_n(&t->patch_state, __ATOMIC_SEQ_CST);
}

/* Runs after it: a changed patch state switched here. */
static void demo_boundary_post(struct task *t)
{
	struct slot *s = find_slot(t, false);
	int gen = __atomic_load_n(&demo_gen, __ATOMIC_SEQ_CST);
	int ps = __atomic_load_n(&t->patch_state, __ATOMIC_SEQ_CST);

	if (!s || ps == s->pre_state || ps == KLP_UNDEFINED ||
	    __atomic_load_n(&s->ev_gen, __ATOMIC_SEQ_CST) == gen)
		return;
	s->ev_ns = kit_clock_ns();
	s->ev_mech = __atomic_load_n(&t->fake_signal, __ATOMIC_SEQ_CST) ? M_SIGNAL :
		     (t->flags & KIT_TASK_KTHREAD) ? M_CHECKPOINT : M_BOUNDARY;
	__atomic_store_n(&s->ev_gen, gen, __ATOMIC_SEQ_CST);
}

static const struct kit_task_hook demo_pre_hook = {
	.fn = demo_boundary_pre, .name = "demo_boundary_pre",
};
static const struct kit_task_hook demo_post_hook = {
	.fn = demo_boundary_post, .name = "demo_boundary_post",
};
static bool demo_active, demo_post_added;

/* ---- events ---------------------------------------------------------------- */

struct event {
	uint64_t ns;
	char text[200];
	struct task *trace;		/* print this task's reliable trace after it */
	bool late;			/* after the others seen in the same poll */
};
static struct event events[DEMO_MAX_EVENTS];
static unsigned int nr_events;

static __printf(2, 3) struct event *event(uint64_t ns, const char *fmt, ...)
{
	struct event *e;
	va_list ap;

	if (nr_events >= DEMO_MAX_EVENTS)
		return NULL;
	e = &events[nr_events++];
	e->ns = ns;
	e->trace = NULL;
	e->late = false;
	va_start(ap, fmt);
	kit_vsnprintf(e->text, sizeof(e->text), fmt, ap);
	va_end(ap);
	return e;
}

/* Callbacks run on any thread: queued, printed by the control thread. */
struct cb_event {
	uint64_t ns;
	const char *patch, *what;
	int ready;
};
static struct cb_event cb_events[32];
static unsigned int nr_cb_events, cb_printed;

void klp_demo_callback(const char *patch, const char *what)
{
	unsigned int i;

	if (!__atomic_load_n(&demo_active, __ATOMIC_SEQ_CST))
		return;
	if (!demo_post_added) {
		/* the core's hook is in place now: ours goes after it */
		demo_post_added = true;
		kit_exit_to_user_work_add(&demo_post_hook);
		kit_kthread_checkpoint_add(&demo_post_hook);
	}
	i = __atomic_fetch_add(&nr_cb_events, 1, __ATOMIC_SEQ_CST);
	if (i >= ARRAY_SIZE(cb_events))
		return;
	cb_events[i].ns = kit_clock_ns();
	cb_events[i].patch = patch;
	cb_events[i].what = what;
	__atomic_store_n(&cb_events[i].ready, 1, __ATOMIC_SEQ_CST);
}

static void take_callbacks(void)
{
	while (cb_printed < ARRAY_SIZE(cb_events) &&
	       __atomic_load_n(&cb_events[cb_printed].ready, __ATOMIC_SEQ_CST)) {
		struct cb_event *c = &cb_events[cb_printed++];
		struct event *e = event(c->ns, "%-9s %s callback", c->patch, c->what);

		/* post_*: the transition completed, after the switches seen with it */
		if (e && !kit_strncmp(c->what, "post_", 5))
			e->late = true;
	}
}

static void print_ms(char *buf, size_t size, uint64_t ns)
{
	kit_snprintf(buf, size, "%llu.%03llu ms", (unsigned long long)(ns / MS),
		     (unsigned long long)(ns % MS / US));
}

static void print_trace(struct task *t);

static void flush_events(void)
{
	/* insertion sort by time: a handful per poll */
	for (unsigned int i = 1; i < nr_events; i++)
		for (unsigned int j = i; j && (events[j - 1].late > events[j].late ||
					       (events[j - 1].late == events[j].late &&
						events[j - 1].ns > events[j].ns)); j--) {
			struct event tmp = events[j];

			events[j] = events[j - 1];
			events[j - 1] = tmp;
		}
	for (unsigned int i = 0; i < nr_events; i++) {
		uint64_t rel = events[i].ns > demo_t0 ? events[i].ns - demo_t0 : 0;
		char ts[32];

		print_ms(ts, sizeof(ts), rel);
		kit_printk("  %11s  %s\n", ts, events[i].text);
		if (events[i].trace)
			print_trace(events[i].trace);
	}
	nr_events = 0;
}

/* ---- a stack check of our own, to say why the core's was not enough ------ */

enum check { CHECK_OK, CHECK_BUSY, CHECK_REFUSED, CHECK_UNKNOWN };

static struct klp_patch *demo_patches[2];	/* registered patches to look at */

/* The name of the function containing @addr ("" when unknown). */
static void func_name(unsigned long addr, char *buf, size_t size)
{
	char *plus;

	buf[0] = '\0';
	if (kit_symbolize)
		kit_symbolize(addr, buf, size);
	plus = kit_strchr(buf, '+');
	if (plus)
		*plus = '\0';
}

/* @pc is in a version of a function the demo's patches change. */
static bool pc_in_patched(unsigned long pc)
{
	char name[96], other[96];
	struct klp_object *obj;
	struct klp_func *f;

	func_name(pc, name, sizeof(name));
	if (!name[0])
		return false;
	for (unsigned int i = 0; i < ARRAY_SIZE(demo_patches); i++) {
		if (!demo_patches[i])
			continue;
		for (obj = demo_patches[i]->objs; obj->funcs; obj++)
			for (f = obj->funcs; f->old_name; f++) {
				if (!kit_strcmp(name, f->old_name))
					return true;
				func_name((unsigned long)f->new_func, other, sizeof(other));
				if (!kit_strcmp(name, other))
					return true;
			}
	}
	return false;
}

/* Stop @t (task list locked) and check its stack; *why says what was found. */
static enum check check_task(struct task *t, char *why, size_t size,
			     unsigned long *pcs, int *nr)
{
	struct pt_regs regs;
	enum check ret = CHECK_OK;
	int n;

	*nr = 0;
	if (kit_task_stop(t, &regs))
		return CHECK_UNKNOWN;
	if (!kit_task_on_stack(t, kernel_stack_pointer(&regs), sizeof(long))) {
		kit_snprintf(why, size, "outside kit code (at %pS)",
			     (void *)instruction_pointer(&regs));
		ret = CHECK_REFUSED;
		goto out;
	}
	n = kit_stack_trace_save_regs_reliable(&regs, t->stack_base,
					       t->stack_base + t->stack_size,
					       pcs, DEMO_MAX_TRACE * 4);
	if (n < 0) {
		kit_snprintf(why, size, "%s, at %pS",
			     kit_unwind_reason_str(kit_stack_trace_reason()),
			     (void *)instruction_pointer(&regs));
		ret = CHECK_REFUSED;
		goto out;
	}
	*nr = n;
	for (int i = 0; i < n; i++)
		if (pc_in_patched(pcs[i])) {
			kit_snprintf(why, size, "%pS on its stack", (void *)pcs[i]);
			ret = CHECK_BUSY;
			break;
		}
out:
	kit_task_resume(t);
	return ret;
}

static void print_trace(struct task *t)
{
	unsigned long pcs[DEMO_MAX_TRACE * 4];
	char why[160];
	int n;

	kit_tasklist_lock();
	check_task(t, why, sizeof(why), pcs, &n);
	kit_tasklist_unlock();
	if (n <= 0)
		return;
	kit_printk("  %11s  %-9s its reliable trace (%s), innermost first:\n", "", "",
		   kit_unwinder_name);
	for (int i = 0; i < n && i < DEMO_MAX_TRACE; i++)
		kit_printk("%s%pS%s", i % 3 ? "  " : "  " "           " "            ",
			   (void *)pcs[i], i % 3 == 2 || i == n - 1 ? "\n" : "");
}

/* ---- one transition ------------------------------------------------------- */

static const char *const mech_str[M_NR] = {
	[M_BOUNDARY] = "switched at the boundary (return to user)",
	[M_CHECKPOINT] = "switched at its checkpoint",
	[M_SIGNAL] = "switched by fake signal",
	[M_STACK] = "switched by stack check",
};

struct counts {
	unsigned long mech[M_NR];
	unsigned long refused, busy, signals, passes, tasks;
	uint64_t ns;
};
static struct counts totals;
static bool trace_shown;

static const char *task_name(struct task *t)
{
	return t->name;
}

static void note_switch(struct slot *s, enum mech m, uint64_t ns, unsigned long pass,
			struct counts *c)
{
	struct event *e;
	char how[64] = "";

	s->done = true;
	c->mech[m]++;
	if (m == M_STACK)
		kit_snprintf(how, sizeof(how), " (pass %lu)", pass);
	else if (m == M_SIGNAL)
		kit_snprintf(how, sizeof(how), "%s", s->t->flags & KIT_TASK_KTHREAD ?
			     " (at its checkpoint)" : " (syscall restarted after the exit work)");
	e = event(ns, "%-9s %s%s", task_name(s->t), mech_str[m], how);
	/* one reliable trace: the first USER task a stack check switched asleep */
	if (e && m == M_STACK && !trace_shown &&
	    __atomic_load_n(&s->t->state, __ATOMIC_SEQ_CST) == KIT_TASK_BLOCKED &&
	    (s->t->flags & KIT_TASK_USER)) {
		trace_shown = true;
		e->trace = s->t;
	}
}

/*
 * One look at the tasks.  Returns true once the transition is over.
 * Boundary switches carry the time the task's hook saw them; stack-check
 * switches, refusals and signals the time of this look (the core's pass
 * ran since the previous one, DEMO_POLL_NS earlier or less).
 */
static bool poll_once(int target, struct klp_transition_stats *prev, struct counts *c)
{
	struct klp_transition_stats st;
	uint64_t now = kit_clock_ns();
	int gen = demo_gen;
	struct event *sig = NULL;
	bool running;
	struct task *t;

	take_callbacks();
	kit_tasklist_lock();
	running = klp_transition_running();
	klp_transition_get_stats(&st);
	if (st.signals != prev->signals) {
		char names[120] = "";
		size_t len = 0;

		kit_for_each_task(t) {
			struct slot *s = find_slot(t, false);

			if (s && !s->done && len < sizeof(names) - 20)
				len += kit_snprintf(names + len, sizeof(names) - len, "%s%s",
						    len ? ", " : "", task_name(t));
		}
		sig = event(now, "%-9s fake signal to %lu pending task%s (signal_after_ms %s): %s",
			    "klp", st.signals - prev->signals,
			    st.signals - prev->signals == 1 ? "" : "s", DEMO_SIGNAL_AFTER_MS, names);
	}
	kit_for_each_task(t) {
		struct slot *s = find_slot(t, true);
		int ps = __atomic_load_n(&t->patch_state, __ATOMIC_SEQ_CST);

		if (!s || s->done || t == kit_get_current())
			continue;
		if (ps != target && running)
			continue;
		if (__atomic_load_n(&s->ev_gen, __ATOMIC_SEQ_CST) == gen) {
			note_switch(s, s->ev_mech, s->ev_ns, st.attempts, c);
			/* the signal was sent before the first switch it caused */
			if (sig && s->ev_mech == M_SIGNAL && s->ev_ns <= sig->ns)
				sig->ns = s->ev_ns - 1;
		} else if (!running || c->mech[M_STACK] < st.stack) {
			note_switch(s, M_STACK, now, st.attempts, c);
		}
		/* else: switched at the boundary, our hook has not run yet */
	}
	if (running && st.attempts != prev->attempts &&
	    (st.stack_busy != prev->stack_busy || st.stack_refused != prev->stack_refused)) {
		kit_for_each_task(t) {
			struct slot *s = find_slot(t, false);
			unsigned long pcs[DEMO_MAX_TRACE * 4];
			char why[160];
			enum check r;
			int n;

			if (!s || s->done || s->noted ||
			    __atomic_load_n(&t->patch_state, __ATOMIC_SEQ_CST) == target)
				continue;
			r = check_task(t, why, sizeof(why), pcs, &n);
			if (r == CHECK_BUSY || r == CHECK_REFUSED) {
				s->noted = true;
				event(now, "%-9s stack check %s: %s", task_name(t),
				      r == CHECK_BUSY ? "busy" : "refused", why);
			}
		}
	}
	kit_tasklist_unlock();
	*prev = st;
	if (!running) {
		struct event *e;

		take_callbacks();
		e = event(now, "%-9s transition complete: every task is %s", "klp",
			  target == KLP_PATCHED ? "patched" : "unpatched");
		if (e)
			e->late = true;
	}
	flush_events();
	return !running;
}

static bool run_transition(const char *title, int target, int (*start)(void))
{
	struct klp_transition_stats prev = { 0 }, st;
	struct counts c = { 0 };
	char ts[32];
	int err;

	kit_printk("\n%s\n", title);
	for (unsigned int i = 0; i < DEMO_MAX_TASKS; i++)
		slots[i].done = slots[i].noted = false;
	__atomic_add_fetch(&demo_gen, 1, __ATOMIC_SEQ_CST);
	demo_t0 = kit_clock_ns();
	err = start();
	if (err) {
		kit_printk("  failed: %pE\n", (void *)(long)err);
		return false;
	}
	while (!poll_once(target, &prev, &c)) {
		if (kit_clock_ns() - demo_t0 > DEMO_TIMEOUT_NS) {
			flush_events();
			kit_printk("  timeout: the transition is still running\n");
			return false;
		}
		kit_sleep_ns(DEMO_POLL_NS);
	}
	klp_transition_get_stats(&st);
	c.refused = st.stack_refused;
	c.busy = st.stack_busy;
	c.signals = st.signals;
	c.passes = st.attempts;
	c.tasks = st.tasks;
	print_ms(ts, sizeof(ts), st.ns);
	kit_printk("  = %s, %lu tasks, %lu passes: boundary %lu, checkpoint %lu, stack check %lu, fake signal %lu; checks refused %lu, busy %lu\n",
		   ts, c.tasks, c.passes, c.mech[M_BOUNDARY], c.mech[M_CHECKPOINT],
		   c.mech[M_STACK], c.mech[M_SIGNAL], c.refused, c.busy);
	if (c.mech[M_BOUNDARY] != st.boundary || c.mech[M_CHECKPOINT] != st.checkpoint ||
	    c.mech[M_STACK] != st.stack || c.mech[M_SIGNAL] != st.signalled)
		kit_printk("  (the core counted boundary %lu, checkpoint %lu, stack %lu, fake signal %lu)\n",
			   st.boundary, st.checkpoint, st.stack, st.signalled);
	for (int m = 0; m < M_NR; m++)
		totals.mech[m] += c.mech[m];
	totals.refused += c.refused;
	totals.busy += c.busy;
	totals.signals += c.signals;
	totals.ns += st.ns;
	return true;
}

/* ---- the steps ------------------------------------------------------------ */

static struct kit_module *mod_v2, *mod_v3;

static int load(const char *name, struct kit_module **mod)
{
	char path[256];

	return kit_module_load_file(kit_plat_module_path(name, path, sizeof(path)), mod);
}

static int start_v2(void)
{
	int err = load("klp_demo_v2", &mod_v2);

	demo_patches[0] = klp_find_patch("klp_demo_v2");
	return err;
}

static int start_v3(void)
{
	int err = load("klp_demo_v3", &mod_v3);

	demo_patches[1] = klp_find_patch("klp_demo_v3");
	return err;
}

static int start_disable(void)
{
	return klp_control("klp_demo_v3/enabled", "0");
}

/* The looper's value after two fresh calls. */
static long fresh_value(struct klp_demo_worker *w)
{
	unsigned long it = __atomic_load_n(&w->iters, __ATOMIC_SEQ_CST);
	uint64_t end = kit_clock_ns() + 3000 * MS;

	while (__atomic_load_n(&w->iters, __ATOMIC_SEQ_CST) < it + 2 && kit_clock_ns() < end)
		kit_sleep_ns(MS);
	return __atomic_load_n(&w->value, __ATOMIC_SEQ_CST);
}

/* Wake the waiter once; what klp_demo_wait() returned, 0 when it did not. */
static long wake_waiter(void)
{
	struct klp_demo_worker *waiter = &klp_demo_world[KLP_DEMO_WAITER];
	unsigned long it = __atomic_load_n(&waiter->iters, __ATOMIC_SEQ_CST);
	uint64_t end = kit_clock_ns() + 3000 * MS;

	__atomic_store_n(&waiter->value, 0, __ATOMIC_SEQ_CST);
	klp_demo_world_wake();
	while (__atomic_load_n(&waiter->value, __ATOMIC_SEQ_CST) <= 0 && kit_clock_ns() < end)
		kit_sleep_ns(MS);
	/* and back inside, asleep */
	while (__atomic_load_n(&waiter->iters, __ATOMIC_SEQ_CST) == it && kit_clock_ns() < end)
		kit_sleep_ns(MS);
	kit_sleep_ns(5 * MS);
	return __atomic_load_n(&waiter->value, __ATOMIC_SEQ_CST);
}

static bool behaviour(const char *when, long work_want, long wait_want)
{
	long a = fresh_value(&klp_demo_world[KLP_DEMO_LOOP1]);
	long b = fresh_value(&klp_demo_world[KLP_DEMO_LOOP2]), w = wake_waiter();
	bool ok = a == work_want && b == work_want && w == wait_want;

	kit_printk("  %s klp_demo_work() returns %ld/%ld (loop/1, loop/2), klp_demo_wait() returns %ld%s\n",
		   when, a, b, w, ok ? "" : "  UNEXPECTED");
	return ok;
}

/* Each task of the world gets its slot in the order it was created. */
static void world_born(struct task *t)
{
	find_slot(t, true);
}

static bool wait_for(bool (*cond)(void))
{
	uint64_t end = kit_clock_ns() + 5000 * MS;

	while (!cond()) {
		if (kit_clock_ns() > end)
			return false;
		kit_sleep_ns(MS);
	}
	return true;
}

static int kit_demo_main(int argc, char **argv)
{
	bool ok = true, done[3] = { false };
	char ts[32];

	(void)argc;
	(void)argv;
	kit_printk("klpkit demo: a livepatch transition, step by step (" KIT_ARCH ", %s unwinder)\n",
		   kit_unwinder_name);

	/* before the core's hook exists: ours runs first */
	__atomic_store_n(&demo_active, true, __ATOMIC_SEQ_CST);
	kit_exit_to_user_work_add(&demo_pre_hook);
	kit_kthread_checkpoint_add(&demo_pre_hook);
	find_slot(kit_idle_task, true);
	if (klp_demo_world_start(world_born)) {
		kit_printk("demo: FAILED: cannot create the tasks\n");
		return 1;
	}
	if (!wait_for(klp_demo_world_ready)) {
		kit_printk("demo: FAILED: the tasks did not start\n");
		klp_demo_world_stop();
		return 1;
	}
	kit_printk("the world:\n");
	kit_printk("  %-9s kthread  %s\n", kit_idle_task->name,
		   "the idle loop: a checkpoint, then 50 ms asleep");
	for (unsigned int i = 0; i < KLP_DEMO_NR_TASKS; i++) {
		const struct klp_demo_worker *w = &klp_demo_world[i];

		kit_printk("  %-9s %-8s %s\n", w->t->name,
			   w->t->flags & KIT_TASK_USER ? "USER" : "kthread", w->what);
	}
	ok &= behaviour("before:", 1, 1);
	klp_control("signal_after_ms", DEMO_SIGNAL_AFTER_MS);

	done[0] = run_transition("[1] load klp_demo_v2: klp_demo_work() and klp_demo_wait() return 2",
				 KLP_PATCHED, start_v2);
	ok &= done[0] && behaviour("after: ", 2, 2);
	if (done[0])
		done[1] = run_transition("[2] load klp_demo_v3 (atomic replace): klp_demo_work() returns 3, klp_demo_wait() back to the original",
					 KLP_PATCHED, start_v3);
	ok &= done[1] && behaviour("after: ", 3, 1);
	if (done[1] && mod_v2)
		ok &= !klp_module_unload(mod_v2);	/* replaced: its module may go */
	demo_patches[0] = NULL;
	if (done[1])
		done[2] = run_transition("[3] disable klp_demo_v3 (klp_demo_v3/enabled = 0)",
					 KLP_UNPATCHED, start_disable);
	ok &= done[2] && behaviour("after: ", 1, 1);
	demo_patches[1] = NULL;
	if (done[2] && mod_v3)
		ok &= !klp_module_unload(mod_v3);
	klp_demo_world_stop();

	print_ms(ts, sizeof(ts), totals.ns);
	kit_printk("\ndemo totals [" KIT_ARCH " %s]: boundary %lu, checkpoint %lu, stack check %lu, fake signal %lu, refused %lu, busy %lu, signals sent %lu, time %s\n",
		   kit_unwinder_name, totals.mech[M_BOUNDARY], totals.mech[M_CHECKPOINT],
		   totals.mech[M_STACK], totals.mech[M_SIGNAL], totals.refused, totals.busy,
		   totals.signals, ts);
	if (ok)
		kit_printk("demo: ok: 3 transitions complete, new behaviour observed after each\n");
	else
		kit_printk("demo: FAILED: %s\n", !(done[0] && done[1] && done[2]) ?
			   "a transition did not complete" : "unexpected behaviour");
	return ok ? 0 : 1;
}
KIT_COMMAND(demo, "demo", kit_demo_main);
