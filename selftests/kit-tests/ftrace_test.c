// SPDX-License-Identifier: GPL-2.0
/*
 * ftrace selftests: sites are NOPs after boot, the tracer sees compiled
 * and asm functions, IPMODIFY redirects and a second IPMODIFY ops is
 * refused, a module's sites are handled like the image's.
 */
#include <stdint.h>
#include <string.h>

#include <asm/ftrace.h>
#include <kit/arch_test.h>
#include <kit/ftrace.h>
#include <kit/kallsyms.h>
#include <kit/kernel.h>
#include <kit/mm.h>
#include <kit/selftest.h>
#include <kit/stacktrace.h>
#include <kit/string.h>
#include <kit/task.h>
#include <kit/trace.h>

/* noipa: no inlining, no clones, so every call reaches the real entry */
#define TARGET __attribute__((__noipa__))

TARGET int kit_ftrace_test_traced(int x)
{
	return x + 1;
}

TARGET int kit_ftrace_test_old(int x)
{
	return x * 2;
}

TARGET int kit_ftrace_test_new(int x)
{
	return x * 3;
}

static int (*volatile call_traced)(int) = kit_ftrace_test_traced;
static int (*volatile call_old)(int) = kit_ftrace_test_old;
static void *(*volatile call_memset)(void *, int, size_t) = kit_memset_arch;

static void check_sites_nop(void)
{
	size_t n = kit_ftrace_nr_records(), nop = 0, bad = 0;
	bool memset_rec = kit_ftrace_location((unsigned long)kit_memset_arch);

	for (size_t i = 0; i < n; i++) {
		unsigned long a = kit_ftrace_record_addr(i);

		if (arch_ftrace_site_is_nop(a)) {
			nop++;
		} else if (bad++ < 5) {
			kit_report_info("site of %pS (%#lx) is not a NOP", (void *)a, a);
		}
	}
	kit_report(n > 50, "ftrace has call-site records (%zu)", n);
	kit_report(kit_ftrace_nr_enabled() == 0 && nop == n,
		   "every site is a NOP after boot, byte by byte (%zu of %zu)", nop, n);
	kit_report(memset_rec && kit_ftrace_location((unsigned long)kit_ftrace_test_traced),
		   "the asm kit_memset_arch and compiled functions have records");
	kit_report(!kit_ftrace_location((unsigned long)kit_ftrace_dispatch),
		   "notrace functions (the dispatcher) have no record");
}

static void check_tracer(void)
{
	unsigned long addrs[] = { (unsigned long)kit_ftrace_test_traced,
				  (unsigned long)kit_memset_arch };
	struct kit_trace_entry e[64];
	size_t n, n_traced = 0, n_memset = 0, other = 0;
	char buf[32];
	int sum = 0, err;

	err = kit_trace_set_filter_ip(addrs, ARRAY_SIZE(addrs));
	kit_report(!err, "tracer filter set to a C and an asm function (%d)", err);
	err = kit_trace_enable();
	kit_report(!err && kit_ftrace_nr_enabled() == 2 &&
		   !arch_ftrace_site_is_nop(addrs[0]) && !arch_ftrace_site_is_nop(addrs[1]),
		   "enabling patches exactly the two sites (%d, %zu enabled)", err,
		   kit_ftrace_nr_enabled());
	for (int i = 0; i < 10; i++) {
		sum += call_traced(i);
		call_memset(buf, 'a' + i, sizeof(buf));
	}
	err = kit_trace_disable();
	kit_report(!err && kit_ftrace_nr_enabled() == 0 && arch_ftrace_site_is_nop(addrs[0]) &&
		   arch_ftrace_site_is_nop(addrs[1]), "disabling puts the NOPs back");
	kit_report(sum == 55 && buf[0] == 'j' && buf[31] == 'j',
		   "traced functions still compute (sum %d, memset '%c')", sum, buf[0]);
	call_traced(100);	/* not traced any more */
	n = kit_trace_read(e, ARRAY_SIZE(e));
	for (size_t i = 0; i < n; i++) {
		if (e[i].ip == addrs[0] && e[i].parent_ip > (unsigned long)check_tracer &&
		    e[i].parent_ip < (unsigned long)check_tracer + 4096)
			n_traced++;
		else if (e[i].ip == addrs[1])
			n_memset++;
		else
			other++;
	}
	kit_report(n_traced == 10 && n_memset == 10 && other == 0 && !kit_trace_lost(),
		   "the trace holds 10 calls of each, parents in the caller (%zu, %zu, %zu other)",
		   n_traced, n_memset, other);
	if (n)
		kit_report_info("first entry: tid %d %pS <- %pS", e[0].tid, (void *)e[0].ip,
				(void *)e[0].parent_ip);

	{
		const char *names[] = { "kit_memset_arch", "kit_ftrace_test_traced" };

		err = kit_trace_set_filter(names, 2);
		kit_report(!err, "tracer filter by name through kallsyms (%d)", err);
		err = err ?: kit_trace_enable();
		call_traced(1);
		call_memset(buf, 0, 1);
		err = err ?: kit_trace_disable();
		n = kit_trace_read(e, ARRAY_SIZE(e));
		kit_report(!err && n == 2 && e[0].ip == addrs[0] && e[1].ip == addrs[1],
			   "tracing by name records both (%zu entries: %pS, %pS)", n,
			   (void *)(n > 0 ? e[0].ip : 0), (void *)(n > 1 ? e[1].ip : 0));
		names[0] = "no_such_function_here";
		err = kit_trace_set_filter(names, 1);
		kit_report(err == -ENOENT, "an unknown name is refused (%pE)", (void *)(long)err);
	}
}

static void redirect(unsigned long ip, unsigned long parent_ip,
		     struct kit_ftrace_ops *ops, struct pt_regs *regs)
{
	(void)ip;
	(void)parent_ip;
	instruction_pointer_set(regs, (unsigned long)ops->private);
}

static void check_ipmodify(void)
{
	struct kit_ftrace_ops a = { .func = redirect, .flags = KIT_FTRACE_OPS_FL_IPMODIFY,
				    .private = kit_ftrace_test_new };
	struct kit_ftrace_ops b = { .func = redirect, .flags = KIT_FTRACE_OPS_FL_IPMODIFY,
				    .private = kit_ftrace_test_traced };
	int err, before, during, after;

	kit_ftrace_set_filter_ip(&a, (unsigned long)kit_ftrace_test_old);
	kit_ftrace_set_filter_ip(&b, (unsigned long)kit_ftrace_test_old);
	before = call_old(7);
	err = kit_ftrace_register(&a);
	during = call_old(7);
	kit_report(!err && before == 14 && during == 21,
		   "IPMODIFY redirects old to new: old(7) = %d, then %d (%d)", before, during, err);
	err = kit_ftrace_register(&b);
	kit_report(err == -EBUSY && !(b.flags & KIT_FTRACE_OPS_FL_ENABLED) && call_old(7) == 21,
		   "a second IPMODIFY ops on the same function is refused (%pE)", (void *)(long)err);
	err = kit_ftrace_unregister(&a);
	after = call_old(7);
	kit_report(!err && after == 14 && arch_ftrace_site_is_nop((unsigned long)kit_ftrace_test_old),
		   "unregistering restores old (%d)", after);
	err = kit_ftrace_register(&b);
	kit_report(!err && call_old(7) == 8, "another IPMODIFY ops may then take it (old(7) = 8)");
	kit_ftrace_unregister(&b);
	kit_ftrace_reset_filter(&a);
	kit_ftrace_reset_filter(&b);
}

/* --- a reliable stack trace taken inside a callback ------------------- */

TARGET int kit_ftrace_test_unwound(int x)
{
	return x - 1;
}

static int (*volatile call_unwound)(int) = kit_ftrace_test_unwound;

static struct {
	unsigned long trace[64];
	int nr;
	enum kit_unwind_reason reason;
	unsigned long parent_ip;
} uw;

static void unwind_cb(unsigned long ip, unsigned long parent_ip,
		      struct kit_ftrace_ops *ops, struct pt_regs *regs)
{
	(void)ip;
	(void)ops;
	(void)regs;
	uw.parent_ip = parent_ip;
	uw.nr = kit_stack_trace_save_reliable(uw.trace, ARRAY_SIZE(uw.trace));
	uw.reason = kit_stack_trace_reason();
}

static noinline int unwind_task_fn(void *arg)
{
	int r = call_unwound(*(int *)arg);

	barrier();
	return r;
}

/*
 * The trampoline's unwind data: from inside a callback, a reliable walk
 * must go through the dispatcher and the trampoline to the traced
 * function and its caller, up to the task's entry.
 */
static void check_unwind_through_trampoline(void)
{
	struct kit_ftrace_ops ops = { .func = unwind_cb };
	unsigned long f = (unsigned long)kit_ftrace_test_unwound;
	int arg = 5, pf = -1, pp = -1, ret;
	struct task *t;

	kit_ftrace_set_filter_ip(&ops, f);
	kit_ftrace_register(&ops);
	t = kit_task_create("ftrace-unwind", unwind_task_fn, &arg, KIT_TASK_KTHREAD);
	ret = t ? kit_task_join(t) : -1;
	kit_ftrace_unregister(&ops);
	kit_ftrace_reset_filter(&ops);
	for (int i = 0; i < uw.nr; i++) {
		if (pf < 0 && uw.trace[i] >= f && uw.trace[i] <= f + MCOUNT_INSN_SIZE)
			pf = i;
		if (pp < 0 && uw.trace[i] == uw.parent_ip)
			pp = i;
	}
	if (uw.nr < 0)
		kit_report_info("walk failed: %s", kit_unwind_reason_str(uw.reason));
	for (int i = 0; i < uw.nr && i < 12; i++)
		kit_report_info("  %pS", (void *)uw.trace[i]);
	if (!kit_strcmp(kit_unwinder_name, "orc"))
		kit_report(ret == 4 && uw.nr > 0 && pf >= 0 && pp == pf + 1,
			   "orc: reliable walk from a callback: traced function at #%d, its caller next (%d frames)",
			   pf, uw.nr);
	else
		kit_report(ret == 4 && (uw.nr < 0 || (pf >= 0 && pp == pf + 1)),
			   "fp: walk from a callback is unreliable (%s) or has the function then its caller",
			   uw.nr < 0 ? kit_unwind_reason_str(uw.reason) : "reliable");
}

/* --- a module's sites: a hand-made function in module memory ----------- */

static unsigned long mod_hits;

static void count_hit(unsigned long ip, unsigned long parent_ip,
		      struct kit_ftrace_ops *ops, struct pt_regs *regs)
{
	(void)parent_ip;
	(void)regs;
	if (ip == (unsigned long)ops->private)
		__atomic_fetch_add(&mod_hits, 1, __ATOMIC_RELAXED);
}

static void check_module_sites(void)
{
	uint8_t *mem = kit_module_alloc(4096);
	struct kit_ftrace_ops ops = { .func = count_hit };
	unsigned long sites[1];
	int (*f)(int);
	size_t before = kit_ftrace_nr_records();
	int err, r;

	if (!mem) {
		kit_report_skip("module sites: no module memory near the image");
		return;
	}
	arch_test_make_traced_func(mem);	/* int f(int x) { return x + 1; } */
	f = (int (*)(int))(void *)mem;
	sites[0] = (unsigned long)mem;
	err = kit_ftrace_module_init(sites, 1);
	kit_report(!err && kit_ftrace_location((unsigned long)mem) &&
		   arch_ftrace_site_is_nop((unsigned long)mem) &&
		   kit_ftrace_nr_records() == before + 1,
		   "module init: the site has a record and is a NOP (%d)", err);
	ops.private = mem;
	kit_ftrace_set_filter_ip(&ops, (unsigned long)mem);
	err = kit_ftrace_register(&ops);
	r = f(41) + f(1);
	kit_report(!err && r == 44 && mod_hits == 2,
		   "a module function is traced (%lu hits, result %d)", mod_hits, r);
	kit_ftrace_unregister(&ops);
	kit_ftrace_reset_filter(&ops);
	kit_ftrace_module_release(sites, 1);
	kit_report(!kit_ftrace_location((unsigned long)mem) && kit_ftrace_nr_records() == before &&
		   f(1) == 2, "module release drops the record");
	kit_module_free(mem, 4096);
}

KIT_SELFTEST(ftrace)
{
	check_sites_nop();
	check_tracer();
	check_ipmodify();
	check_module_sites();
	check_unwind_through_trampoline();
}
