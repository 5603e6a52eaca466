/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The livepatch stack: where a redirect into a function with another TOC
 * keeps what the replacement's caller needs back (ftrace_entry.S).
 *
 * An ftrace redirect enters the replacement C with the traced function's
 * frame untouched, r1 still the caller A's sp: C's own prologue saves its
 * LR in A's frame and its stack arguments are A's.  So the trampoline
 * cannot leave a frame of its own on the stack.  But C may have another
 * TOC than A (C lives in a module), and A called the patched function as
 * a local call, with no TOC reload after it.  So C is entered with LR =
 * ppc64le_livepatch_return, and A's r1, real return address and r2 are
 * pushed here; ppc64le_livepatch_return pops them, restores r2 and
 * returns to A.  (Upstream powerpc's livepatch_handler does the same with
 * a stack in thread_info.)
 *
 * The area is the lowest LP_AREA_SIZE bytes of a kit task's stack, so
 * that an unwinder walking that stack from another thread finds it (at
 * stack_lo); a thread that is no kit task uses a thread-local one.  An
 * entry is complete once its sp is set: sp is written last, and zeroed
 * when the entry is popped, so a stale entry never matches.
 */
#ifndef _ASM_PPC64LE_LIVEPATCH_STACK_H
#define _ASM_PPC64LE_LIVEPATCH_STACK_H

#define LP_MAGIC	0x4b434154534c504bUL	/* "KPLSTACK" */
#define LP_MAX		20
#define LP_AREA_SIZE	512

/* offsets, for asm */
#define LP_NR		8
#define LP_E0		16
#define LP_ENTRY_SIZE	24
#define LP_SP		0
#define LP_LR		8
#define LP_TOC		16

#ifndef __ASSEMBLY__
#include <stdbool.h>

struct kit_unwind_state;

struct lp_entry {
	unsigned long sp;	/* A's r1 when C was entered; 0: free */
	unsigned long lr;	/* the return address into A */
	unsigned long toc;	/* A's r2 */
};

struct lp_area {
	unsigned long magic;
	unsigned long nr;
	struct lp_entry e[LP_MAX];
};

_Static_assert(sizeof(struct lp_area) <= LP_AREA_SIZE, "livepatch stack area");

/* where the replacement returns to (ftrace_entry.S) */
extern const char ppc64le_livepatch_return[];

/*
 * For the unwinders: *ra was taken from the frame whose caller's sp is
 * cfa; if it is ppc64le_livepatch_return, replace it with the real
 * return address from the task's livepatch stack.  0, or -reason when no
 * entry matches (refused, never guessed).
 */
int ppc64le_lp_real_ra(const struct kit_unwind_state *st, unsigned long cfa,
		       unsigned long *ra);
#endif

#endif
