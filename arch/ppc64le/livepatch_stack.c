// SPDX-License-Identifier: GPL-2.0
/*
 * The livepatch stack (asm/livepatch_stack.h says why it exists): pushed
 * by the ftrace trampoline when a redirect enters a replacement, popped
 * by ppc64le_livepatch_return (ftrace_entry.S), read by both unwinders.
 */
#include <kit/compiler.h>
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/printk.h>
#include <kit/stacktrace.h>
#include <kit/task.h>
#include <asm/livepatch_stack.h>

/* the current thread's area; ppc64le_livepatch_return reads it (TLS) */
__thread struct lp_area *ppc64le_lp_area;
static __thread struct lp_area lp_fallback;

void ppc64le_lp_push(struct pt_regs *regs);

static notrace struct lp_area *lp_area_get(void)
{
	struct lp_area *a = ppc64le_lp_area;

	if (a)
		return a;
	a = current ? (struct lp_area *)current->stack_base : &lp_fallback;
	a->nr = 0;
	a->magic = LP_MAGIC;
	ppc64le_lp_area = a;
	return a;
}

/*
 * From the trampoline, with the redirected regs: C is to return to
 * ppc64le_livepatch_return instead of A.  The slot is reserved before it
 * is written, so a push from a signal handler nested here takes the next
 * one; its sp goes last, so the entry counts only once it is complete.
 */
notrace void ppc64le_lp_push(struct pt_regs *regs)
{
	struct lp_area *a = lp_area_get();
	unsigned long n = a->nr;

	if (n >= LP_MAX)
		kit_panic("livepatch stack full: %lu redirects nested", n);
	__atomic_store_n(&a->nr, n + 1, __ATOMIC_RELAXED);
	barrier();
	a->e[n].lr = regs->link;
	a->e[n].toc = regs->gpr[2];
	barrier();
	__atomic_store_n(&a->e[n].sp, regs->gpr[1], __ATOMIC_RELAXED);
	regs->link = (unsigned long)ppc64le_livepatch_return;
}

/*
 * The entries are nested: the innermost redirect is on top, with the
 * lowest sp.  The first complete entry from the top whose sp is cfa is
 * this frame's; a replacement that tail-called another redirected
 * function leaves two with the same sp, the inner one returning to
 * ppc64le_livepatch_return again, so go on below it.
 */
int ppc64le_lp_real_ra(const struct kit_unwind_state *st, unsigned long cfa,
		       unsigned long *ra)
{
	unsigned long magic, nr, sp, base = st->stack_lo;
	int err, i;

	if (*ra != (unsigned long)ppc64le_livepatch_return)
		return 0;
	err = kit_unwind_load(st, base, &magic);
	if (!err)
		err = kit_unwind_load(st, base + LP_NR, &nr);
	if (err)
		return err;
	if (magic != LP_MAGIC || nr > LP_MAX)
		return -KIT_UNWIND_NOT_A_CALL;
	for (i = (int)nr - 1; i >= 0; i--) {
		unsigned long e = base + LP_E0 + (unsigned long)i * LP_ENTRY_SIZE;

		err = kit_unwind_load(st, e + LP_SP, &sp);
		if (err)
			return err;
		if (sp != cfa)
			continue;
		err = kit_unwind_load(st, e + LP_LR, ra);
		if (err)
			return err;
		if (*ra != (unsigned long)ppc64le_livepatch_return)
			return 0;
	}
	return -KIT_UNWIND_NOT_A_CALL;
}
