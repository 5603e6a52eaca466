// SPDX-License-Identifier: GPL-2.0
/*
 * kit-unwind selftest, for whichever unwinder the image was built with
 * (kit_unwinder_name): (a) a reliable trace of a known chain of noinline
 * functions, (b) walks over corrupted copies of a real stack, which must
 * fail (or, where the corruption hit no frame data, give the same trace)
 * and never fault, (c) tasks sampled while running, sleeping and
 * interrupted (unwind_task_test.c).
 */
#include <kit/arch_test.h>
#include <kit/kernel.h>
#include <kit/orc.h>
#include <kit/printk.h>
#include <kit/selftest.h>
#include <kit/stacktrace.h>
#include <kit/string.h>

#include "unwind_test.h"

#if __has_include(<kit/kallsyms.h>)
#include <kit/kallsyms.h>
extern __typeof__(kit_kallsyms_lookup) kit_kallsyms_lookup __attribute__((weak));

static const char *symbol_of(unsigned long pc)
{
	const char *name;

	if (kit_kallsyms_lookup && !kit_kallsyms_lookup(pc, NULL, NULL, &name))
		return name;
	return NULL;
}
#else
static const char *symbol_of(unsigned long pc)
{
	(void)pc;
	return NULL;
}
#endif

/* arch/<arch>/entry.S: run fn(arg) on stack_top, as a task's entry does */
struct task;
void kit_task_trampoline(unsigned long stack_top, void (*fn)(struct task *),
			 struct task *arg);

#define TEST_STACK_SIZE	(64 * 1024)
static unsigned char test_stack[TEST_STACK_SIZE] __attribute__((aligned(4096)));
static volatile int sink;

struct chain_result {
	unsigned long trace[64];
	int nr;
	enum kit_unwind_reason reason;
	struct pt_regs regs;		/* chain_d's state after a call */
	unsigned char copy[8192];	/* the stack from regs.sp up */
	unsigned long copy_lo, copy_len;
};
static struct chain_result res;

static noinline int chain_d(int x)
{
	res.nr = kit_stack_trace_save_reliable(res.trace, ARRAY_SIZE(res.trace));
	res.reason = kit_stack_trace_reason();
	arch_unwind_capture(&res.regs);
	/* snapshot the stack while this chain is on it */
	res.copy_lo = kernel_stack_pointer(&res.regs);
	res.copy_len = (unsigned long)test_stack + TEST_STACK_SIZE - res.copy_lo;
	if (res.copy_len <= sizeof(res.copy))
		kit_memcpy(res.copy, (void *)res.copy_lo, res.copy_len);
	sink++;
	return x + 1;
}

static noinline int chain_c(int x)
{
	int r = chain_d(x + 1);

	sink++;
	return r + 1;
}

static noinline int chain_b(int x)
{
	int r = chain_c(x + 1);

	sink++;
	return r + 1;
}

static noinline int chain_a(int x)
{
	int r = chain_b(x + 1);

	sink++;
	return r + 1;
}

static noinline void chain_entry(struct task *unused)
{
	(void)unused;
	sink += chain_a(1);
}

static const struct unwind_test_func chain_funcs[] = {
	{ (unsigned long)chain_d, "chain_d" },
	{ (unsigned long)chain_c, "chain_c" },
	{ (unsigned long)chain_b, "chain_b" },
	{ (unsigned long)chain_a, "chain_a" },
	{ (unsigned long)chain_entry, "chain_entry" },
	{ (unsigned long)kit_task_trampoline, "kit_task_trampoline" },
};

/*
 * A pc belongs to func: by kallsyms when there, else by being the closest
 * function start at or below it among every kit function of the chain.
 */
bool unwind_test_pc_in(unsigned long pc, const struct unwind_test_func *f,
		       const struct unwind_test_func *all, unsigned int n)
{
	unsigned long best = 0;
	const char *name = symbol_of(pc);

	if (name)
		return !kit_strcmp(name, f->name);
	if (pc < f->addr || pc - f->addr > 16384)
		return false;
	for (unsigned int i = 0; i < n; i++)
		if (all[i].addr <= pc && all[i].addr > best)
			best = all[i].addr;
	return best == f->addr;
}

bool unwind_test_check_chain(const unsigned long *trace, int nr,
			     const struct unwind_test_func *funcs, unsigned int n,
			     bool verbose)
{
	bool ok = nr == (int)n;

	for (unsigned int i = 0; ok && i < n; i++)
		ok = unwind_test_pc_in(trace[i], &funcs[i], funcs, n);
	if (!ok && verbose) {
		kit_report_info("expected %u frames, got %d:", n, nr);
		for (int i = 0; i < nr && i < 40; i++)
			kit_report_info("  #%d %pS", i, (void *)trace[i]);
	}
	return ok;
}

static void test_known_chain(void)
{
	unsigned long hi = (unsigned long)test_stack + TEST_STACK_SIZE;

	kit_stack_trace_set_stack((unsigned long)test_stack, hi);
	kit_task_trampoline(hi, chain_entry, NULL);
	kit_stack_trace_set_stack(0, 0);
	kit_report(res.nr > 0, "%s: current-context trace is reliable (%d frames%s%s)",
		   kit_unwinder_name, res.nr, res.nr < 0 ? ": " : "",
		   res.nr < 0 ? kit_unwind_reason_str(res.reason) : "");
	kit_report(unwind_test_check_chain(res.trace, res.nr, chain_funcs,
					   ARRAY_SIZE(chain_funcs), true),
		   "%s: trace is chain_d <- chain_c <- chain_b <- chain_a <- chain_entry <- kit_task_trampoline",
		   kit_unwinder_name);
}

/* ---- (b) corrupted stacks ---------------------------------------------- */

static unsigned char work[8192] __attribute__((aligned(16)));
static unsigned long rng_state = 0x9e3779b97f4a7c15UL;

static unsigned long rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/*
 * Copy the snapshot to work[] at the same offset from the top, moving
 * every word that points into the original stack by the same distance,
 * so the copy is a stack in its own right.
 */
static void relocate_copy(long *delta, unsigned long *lo, unsigned long *hi)
{
	unsigned long orig_hi = res.copy_lo + res.copy_len;
	unsigned long base = (unsigned long)work + sizeof(work) - res.copy_len;

	kit_memcpy((void *)base, res.copy, res.copy_len);
	*delta = (long)(base - res.copy_lo);
	for (unsigned long off = 0; off + 8 <= res.copy_len; off += 8) {
		unsigned long *w = (unsigned long *)(base + off);

		if (*w >= (unsigned long)test_stack && *w <= orig_hi)
			*w += *delta;
	}
	*lo = base;
	*hi = base + res.copy_len;
}

static int walk_copy(long delta, unsigned long lo, unsigned long hi, long sp_adjust,
		     unsigned long *trace, unsigned int size)
{
	struct kit_unwind_state st = { .stack_lo = lo, .stack_hi = hi };

	st.pc = instruction_pointer(&res.regs);
	st.sp = kernel_stack_pointer(&res.regs) + delta + sp_adjust;
	st.fp = frame_pointer(&res.regs) + delta;
	return kit_unwind_walk_state(&st, trace, size);
}

static bool same_trace(const unsigned long *a, int na, const unsigned long *b, int nb)
{
	if (na != nb)
		return false;
	for (int i = 0; i < na; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* b is a, with frames left out (first and last kept) */
static bool subsequence(const unsigned long *b, int nb, const unsigned long *a, int na)
{
	int j = 0;

	if (nb < 2 || nb >= na || b[0] != a[0] || b[nb - 1] != a[na - 1])
		return false;
	for (int i = 0; i < na && j < nb; i++)
		j += a[i] == b[j];
	return j == nb;
}

static void test_corrupted(void)
{
	unsigned long ref[64], t[64], lo, hi;
	int nref, n, nr_frames_words = 0;
	long delta;
	unsigned int detected = 0, harmless = 0, wrong = 0, targeted_ok = 0, targeted = 0;
	unsigned int skipped_frames = 0, other_site = 0, ra_swapped = 0;

	if (res.copy_len > sizeof(res.copy) || res.copy_len > sizeof(work)) {
		kit_report_skip("stack snapshot too large (%lu bytes)", res.copy_len);
		return;
	}
	relocate_copy(&delta, &lo, &hi);
	nref = walk_copy(delta, lo, hi, 0, ref, ARRAY_SIZE(ref));
	kit_report(nref == res.nr && nref > 0,
		   "%s: walk over the relocated copy is reliable (%d frames)",
		   kit_unwinder_name, nref);
	if (nref <= 0)
		return;

	/* targeted: every word of the copy that holds a return address of the trace */
	for (unsigned long off = 0; off + 8 <= res.copy_len; off += 8) {
		static const unsigned long bad_values[] = {
			0, 1, 0x1234, 0xdeadbeefUL, ~0UL,
		};
		unsigned long *w = (unsigned long *)(lo + off), saved = *w;
		bool is_ra = false;

		for (int i = 1; i < nref; i++)
			is_ra |= saved == ref[i];
		if (!is_ra)
			continue;
		nr_frames_words++;
		for (unsigned int v = 0; v < ARRAY_SIZE(bad_values) + 1; v++) {
			*w = v < ARRAY_SIZE(bad_values) ? bad_values[v] :
			     (unsigned long)&sink;	/* data, not text */
			n = walk_copy(delta, lo, hi, 0, t, ARRAY_SIZE(t));
			targeted++;
			targeted_ok += n < 0;
			*w = saved;
		}
	}
	kit_report(nr_frames_words >= nref - 2 && targeted_ok == targeted,
		   "%s: %u/%u walks with a corrupted return address (%d slots) report unreliable",
		   kit_unwinder_name, targeted_ok, targeted, nr_frames_words);

	n = walk_copy(delta, lo, hi, 4, t, ARRAY_SIZE(t));
	kit_report(n < 0, "%s: misaligned sp is refused (%s)", kit_unwinder_name,
		   kit_unwind_reason_str(kit_stack_trace_reason()));
	{
		struct kit_unwind_state st = { .stack_lo = lo, .stack_hi = hi };

		st.pc = (unsigned long)ftrace_regs_caller_ret;
		st.sp = kernel_stack_pointer(&res.regs) + delta;
		st.fp = frame_pointer(&res.regs) + delta;
		st.flags = KIT_UNWIND_INTERRUPTED;
		n = kit_unwind_walk_state(&st, t, ARRAY_SIZE(t));
		kit_report(n < 0 && kit_stack_trace_reason() == KIT_UNWIND_FTRACE_RETURN,
			   "%s: interrupted at ftrace_regs_caller_ret is refused (%s)",
			   kit_unwinder_name, kit_unwind_reason_str(kit_stack_trace_reason()));
	}
	n = walk_copy(delta, lo, hi - 64, 0, t, ARRAY_SIZE(t));
	kit_report(n < 0, "%s: a walk that would leave the stack is refused (%s)",
		   kit_unwinder_name, kit_unwind_reason_str(kit_stack_trace_reason()));
	n = walk_copy(delta, lo + res.copy_len / 2, hi, 0, t, ARRAY_SIZE(t));
	kit_report(n < 0, "%s: sp below stack_lo is refused (%s)", kit_unwinder_name,
		   kit_unwind_reason_str(kit_stack_trace_reason()));
	n = walk_copy(delta, lo, hi, 0, t, 2);
	kit_report(n == -E2BIG, "%s: a store too small gives -E2BIG (%d)", kit_unwinder_name, n);

	/* random single-word corruptions: fail or, if harmless, the same trace */
	for (int iter = 0; iter < 20000; iter++) {
		unsigned long off = (rnd() % (res.copy_len / 8)) * 8;
		unsigned long *w = (unsigned long *)(lo + off), saved = *w, v;

		switch (rnd() % 6) {
		case 0: v = rnd(); break;
		case 1: v = saved + 8 * ((long)(rnd() % 9) - 4); break;
		case 2: v = lo + (rnd() % (res.copy_len + 64)) - 32; break;
		case 3: v = saved ^ (1UL << (rnd() % 64)); break;
		case 4: v = 0; break;
		default: v = saved + 1; break;
		}
		if (v == saved)
			continue;
		*w = v;
		n = walk_copy(delta, lo, hi, 0, t, ARRAY_SIZE(t));
		*w = saved;
		if (n < 0)
			detected++;
		else if (same_trace(t, n, ref, nref))
			harmless++;
		else if (subsequence(t, n, ref, nref))
			skipped_frames++;
		else if (unwind_test_check_chain(t, n, chain_funcs, ARRAY_SIZE(chain_funcs), false))
			other_site++;
		else if (arch_ra_after_call(saved) && arch_ra_after_call(v))
			ra_swapped++;
		else {
			if (!wrong)
				kit_report_info("wrong trace: word +%#lx %#lx -> %#lx, %d frames",
						off, saved, v, n);
			wrong++;
		}
	}
	kit_report(wrong == 0,
		   "%s: 20000 random corruptions: %u unreliable, %u harmless (same trace), %u same functions (another call site), %u wrong",
		   kit_unwinder_name, detected, harmless, other_site, wrong);
	/*
	 * A saved frame pointer redirected to an older, genuine frame record
	 * of the same stack gives a consistent stack with frames left out:
	 * neither frame records nor ORC (whose CFA is rbp/x29-based once a
	 * frame is set up) can tell it from a real one.  Counted, not failed.
	 */
	kit_report_info("%s: %u corruptions redirected a saved frame pointer to an older record (frames left out, undetectable from the stack alone)",
			kit_unwinder_name, skipped_frames);
	kit_report_info("%s: %u corruptions replaced a return address by another call site (a genuine-looking frame of another function)",
			kit_unwinder_name, ra_swapped);

	/* the whole copy as noise: never faults, never reliable */
	for (unsigned long off = 0; off + 8 <= res.copy_len; off += 8)
		*(unsigned long *)(lo + off) = rnd();
	n = walk_copy(delta, lo, hi, 0, t, ARRAY_SIZE(t));
	kit_report(n < 0, "%s: a stack of noise is refused (%s)", kit_unwinder_name,
		   kit_unwind_reason_str(kit_stack_trace_reason()));
}

static void test_no_stack(void)
{
	unsigned long t[8];
	int n;

	kit_stack_trace_set_stack(0, 0);
	n = kit_stack_trace_save_reliable(t, ARRAY_SIZE(t));
	kit_report(n < 0, "%s: the boot thread (no kit stack, libc below) is unreliable (%s)",
		   kit_unwinder_name, kit_unwind_reason_str(kit_stack_trace_reason()));
}

static void test_lookup(void)
{
	struct orc_stats s;

	orc_get_stats(&s);
	kit_report(s.nr_entries > 100 && s.nr_blocks > 0,
		   "ORC: %u image entries, %u lookup blocks over %lu bytes of text",
		   s.nr_entries, s.nr_blocks, s.text_end - s.text_start);
	kit_report(orc_ip_known((unsigned long)chain_a) &&
		   !orc_find(s.text_end + 0x100000) && !orc_ip_known(0),
		   "ORC: kit code is known, addresses outside the text are not");
}

/*
 * A module's table, registered unsorted: 8 entries over a fake text of
 * 256 bytes, in a shuffled order, ips self-relative.  After registration
 * (which sorts in place) each lookup must find the entry of its range,
 * and a terminator at the same ip as a real entry must lose to it.
 */
static char fake_text[256] __attribute__((aligned(16)));
static int32_t fake_ip[8];
static unsigned char fake_orc[8][16];

static void test_module_table(void)
{
	static const unsigned int offs[8] = { 96, 0, 200, 32, 128, 64, 160, 128 };
	unsigned long base = (unsigned long)fake_text;
	struct kit_module *mod = (struct kit_module *)&fake_text;	/* only a key */
	bool ok = true;
	int err;

	for (int i = 0; i < 8; i++) {
		fake_ip[i] = (int32_t)(base + offs[i] - (unsigned long)&fake_ip[i]);
		kit_memset(fake_orc[i], 0, sizeof(fake_orc[i]));
		fake_orc[i][0] = offs[i];	/* marker: the entry's own offset */
		/* entry 7 (also at 128) stays all-zero: an UNDEFINED terminator */
		if (i != 7)
			arch_unwind_test_set_type(fake_orc[i], 2 /* CALL */);
	}
	/* entries are arch_orc_entry_size apart: pack them */
	for (int i = 1; i < 8; i++)
		kit_memmove((char *)fake_orc + i * arch_orc_entry_size, fake_orc[i],
			    arch_orc_entry_size);
	err = orc_register_module(mod, base, base + sizeof(fake_text), fake_ip, fake_orc, 8);
	kit_report(!err, "ORC: a module table registers (%d)", err);
	for (unsigned int off = 0; !err && off < 256; off += 8) {
		const unsigned char *e = orc_find(base + off);
		unsigned int want = off >= 200 ? 200 : off >= 160 ? 160 : off - off % 32;

		if (!e || e[0] != want || (want == 128 && arch_orc_type(e) != 2)) {
			if (ok)
				kit_report_info("lookup at +%u: %s %u type %u, want %u", off,
						e ? "entry" : "none", e ? e[0] : 0,
						e ? arch_orc_type(e) : 0, want);
			ok = false;
		}
	}
	kit_report(!err && ok, "ORC: module lookups find the entry of their range, the real one over a terminator");
	kit_report(orc_register_module(mod, base, base + 8, fake_ip, fake_orc, 1) == -EEXIST,
		   "ORC: registering a module twice is refused");
	orc_unregister_module(mod);
	kit_report(!orc_find(base + 40), "ORC: nothing found after unregistering");
}

KIT_SELFTEST(unwind)
{
	test_lookup();
	test_module_table();
	test_known_chain();
	test_corrupted();
	test_no_stack();
	unwind_task_test();
}
