// SPDX-License-Identifier: GPL-2.0
/*
 * kit-unwind (c): tasks sampled while they run, sleep and are interrupted
 * at random points.  Each sample stops a task (kit_task_stop: an interrupt
 * frame at whatever instruction it was on), walks its stack with the
 * image's unwinder and checks the trace against the task's call chain:
 *
 *   ORC: reliable on every sample whose pc is kit code;
 *   FP:  reliable where its rule allows (the interrupted function's frame
 *        record is set up), refusing elsewhere; never a wrong trace.
 */
#include <kit/kallsyms.h>
#include <kit/kernel.h>
#include <kit/orc.h>
#include <kit/printk.h>
#include <kit/sched.h>
#include <kit/selftest.h>
#include <kit/stacktrace.h>
#include <kit/string.h>
#include <kit/task.h>

#include "unwind_test.h"

#define NR_SAMPLES	1500

static volatile unsigned long spin_sink;

static noinline __attribute__((noipa)) void ut_spin_c(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		spin_sink += i;
}

static noinline __attribute__((noipa)) void ut_spin_b(unsigned long n)
{
	ut_spin_c(n);
	spin_sink++;
	ut_spin_c(n / 2);
	spin_sink++;
}

static noinline __attribute__((noipa)) void ut_spin_a(unsigned long n)
{
	ut_spin_b(n);
	spin_sink++;
}

static noinline __attribute__((noipa)) int ut_spinner(void *arg)
{
	(void)arg;
	while (!kit_task_should_exit()) {
		ut_spin_a(200);
		ut_spin_c(50);
	}
	return 0;
}

static noinline __attribute__((noipa)) void ut_sleep_b(void)
{
	kit_sleep_ns(20000);
	spin_sink++;
}

static noinline __attribute__((noipa)) void ut_sleep_a(void)
{
	ut_sleep_b();
	spin_sink++;
}

static noinline __attribute__((noipa)) int ut_sleeper(void *arg)
{
	(void)arg;
	while (!kit_task_should_exit()) {
		ut_sleep_a();
		ut_spin_c(20);
	}
	return 0;
}

/*
 * The chains, outermost last.  A trace matches when, after any frames of
 * functions not named here (kit helpers the chain calls: kit_sleep_ns and
 * below, kit_task_should_exit), it is exactly a contiguous tail of one of
 * these chains (a sample lands in whichever function is active).
 */
static const char *const chain_spin1[] = {
	"ut_spin_c", "ut_spin_b", "ut_spin_a", "ut_spinner", "kit_task_entry",
	"kit_task_trampoline", NULL };
static const char *const chain_spin2[] = {
	"ut_spin_c", "ut_spinner", "kit_task_entry", "kit_task_trampoline", NULL };
static const char *const chain_sleep1[] = {
	"ut_sleep_b", "ut_sleep_a", "ut_sleeper", "kit_task_entry",
	"kit_task_trampoline", NULL };
static const char *const chain_sleep2[] = {
	"ut_spin_c", "ut_sleeper", "kit_task_entry", "kit_task_trampoline", NULL };
static const char *const *const chains[] = {
	chain_spin1, chain_spin2, chain_sleep1, chain_sleep2, NULL };

static const char *name_of(unsigned long pc)
{
	const char *name = NULL;

	if (kit_kallsyms_lookup(pc, NULL, NULL, &name))
		return "?";
	return name;
}

/* "f", "f.constprop.0", "f.isra.0" all name f */
static bool same_name(const char *want, const char *name)
{
	size_t n = kit_strlen(want);

	return !kit_strncmp(want, name, n) && (!name[n] || name[n] == '.');
}

static bool named(const char *name)
{
	for (unsigned int c = 0; chains[c]; c++)
		for (unsigned int i = 0; chains[c][i]; i++)
			if (same_name(chains[c][i], name))
				return true;
	return false;
}

static bool matches(const unsigned long *trace, int nr)
{
	int first = 0;

	while (first < nr && !named(name_of(trace[first])))
		first++;
	for (unsigned int c = 0; chains[c]; c++) {
		const char *const *ch = chains[c];
		unsigned int len = 0;

		while (ch[len])
			len++;
		for (unsigned int start = 0; start < len; start++) {
			bool ok = (int)(len - start) == nr - first;

			for (unsigned int i = 0; ok && i < len - start; i++)
				ok = same_name(ch[start + i], name_of(trace[first + i]));
			if (ok)
				return true;
		}
	}
	return false;
}

static void show(const char *what, const struct pt_regs *regs, const unsigned long *trace,
		 int nr)
{
	kit_report_info("%s: interrupted at %pS", what, (void *)instruction_pointer(regs));
	for (int i = 0; i < nr && i < 24; i++)
		kit_report_info("  #%d %pS", i, (void *)trace[i]);
}

static unsigned long rng = 0x2545f4914f6cdd1dUL;

static unsigned long rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

void unwind_task_test(void)
{
	struct task *tasks[2];
	unsigned int kit_samples = 0, other = 0, reliable = 0, refused = 0, wrong = 0;
	unsigned int reasons[KIT_UNWIND_NR_REASONS] = { 0 }, sleeping = 0, shown = 0;
	bool orc = !kit_strcmp(kit_unwinder_name, "orc");

	tasks[0] = kit_task_create("ut-spinner", ut_spinner, NULL, KIT_TASK_KTHREAD);
	tasks[1] = kit_task_create("ut-sleeper", ut_sleeper, NULL, KIT_TASK_KTHREAD);
	if (!tasks[0] || !tasks[1]) {
		kit_report(false, "sampling tasks created");
		return;
	}
	for (int s = 0; s < NR_SAMPLES; s++) {
		struct task *t = tasks[rnd() & 1];
		unsigned long trace[64];
		struct pt_regs regs;
		int nr, err;

		for (unsigned long d = rnd() % 20000; d; d--)
			spin_sink++;
		err = kit_task_stop(t, &regs);
		if (err) {
			kit_report(false, "kit_task_stop: %s", kit_errname(err));
			break;
		}
		nr = kit_stack_trace_save_regs_reliable(&regs, t->stack_base,
							t->stack_base + t->stack_size,
							trace, ARRAY_SIZE(trace));
		if (__atomic_load_n(&t->state, __ATOMIC_RELAXED) == KIT_TASK_BLOCKED)
			sleeping++;
		if (!orc_ip_known(instruction_pointer(&regs))) {
			other++;	/* libc, the platform: not kit code */
		} else {
			kit_samples++;
			if (nr >= 0) {
				reliable++;
				if (!matches(trace, nr)) {
					wrong++;
					if (shown++ < 3)
						show("trace does not match the task's chain", &regs,
						     trace, nr);
				}
			} else {
				refused++;
				reasons[kit_stack_trace_reason()]++;
				if (orc && shown++ < 3) {
					kit_report_info("unreliable: %s",
							kit_unwind_reason_str(kit_stack_trace_reason()));
					kit_show_stack(&regs, t->stack_base,
						       t->stack_base + t->stack_size);
				}
			}
		}
		kit_task_resume(t);
	}
	for (int i = 0; i < 2; i++) {
		kit_task_request_exit(tasks[i]);
		kit_task_join(tasks[i]);
	}
	kit_report_info("%s: %u samples: %u in kit code (%u of a blocked task), %u elsewhere",
			kit_unwinder_name, NR_SAMPLES, kit_samples, sleeping, other);
	kit_report_info("%s: reliable %u, unreliable %u", kit_unwinder_name, reliable, refused);
	for (unsigned int r = 1; r < KIT_UNWIND_NR_REASONS; r++)
		if (reasons[r])
			kit_report_info("%s:   unreliable, %s: %u", kit_unwinder_name,
					kit_unwind_reason_str(r), reasons[r]);
	kit_report(kit_samples > NR_SAMPLES / 2, "%s: most samples land in kit code (%u/%u)",
		   kit_unwinder_name, kit_samples, NR_SAMPLES);
	kit_report(wrong == 0, "%s: every reliable trace matches its task's call chain (%u wrong of %u)",
		   kit_unwinder_name, wrong, reliable);
	if (orc)
		kit_report(refused == 0 && reliable == kit_samples,
			   "orc: reliable on every sample in kit code (%u/%u)", reliable, kit_samples);
	else
		kit_report(reliable > 0 && refused == reasons[KIT_UNWIND_FP_NOT_SET_UP],
			   "fp: reliable on %u, refused on %u only where the frame record is not set up",
			   reliable, refused);
}
