// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 reliable unwinding with ORC: one step from a frame to its
 * caller's, exact at any instruction objtool-lite described.
 *
 * CFA = sp_reg + sp_offset (SP, BP; SP_INDIRECT/BP_INDIRECT: loaded from
 * there; DX/DI/R10/R13 only from full pt_regs of the current frame).
 * CALL: return address at CFA - 8, caller's sp = CFA, caller's bp per
 * bp_reg.  REGS: a struct pt_regs at CFA; REGS_PARTIAL: the hardware
 * frame (ip, cs, flags, sp, ss) at CFA, bp unknown.  END_OF_STACK: the
 * task's entry, the walk is complete.  Kernel-mode pt_regs on the stack
 * do not make an ORC walk unreliable (reliable-stacktrace.rst).
 */
#include <kit/kernel.h>
#include <kit/orc.h>
#include <kit/stacktrace.h>

#include "../../orc/orc_types.h"

const char kit_unwinder_name[] = "orc";

static int regs_value(const struct kit_unwind_state *st, unsigned int reg,
		      unsigned long *val)
{
	if (!st->regs)
		return -KIT_UNWIND_BAD_ENTRY;
	switch (reg) {
	case ORC_X86_REG_DX:	*val = st->regs->dx; return 0;
	case ORC_X86_REG_DI:	*val = st->regs->di; return 0;
	case ORC_X86_REG_R10:	*val = st->regs->r10; return 0;
	case ORC_X86_REG_R13:	*val = st->regs->r13; return 0;
	}
	return -KIT_UNWIND_BAD_ENTRY;
}

static int orc_cfa(const struct kit_unwind_state *st, const struct orc_entry_x86 *e,
		   unsigned long *cfa)
{
	unsigned int reg = ORC_X86_SP_REG(e);
	unsigned long base;
	int err;

	switch (reg) {
	case ORC_X86_REG_SP:
		*cfa = st->sp + e->sp_offset;
		return 0;
	case ORC_X86_REG_BP:
		if (st->flags & KIT_UNWIND_FP_UNKNOWN)
			return -KIT_UNWIND_BAD_ENTRY;
		*cfa = st->fp + e->sp_offset;
		return 0;
	case ORC_X86_REG_SP_INDIRECT:
		err = kit_unwind_load(st, st->sp, &base);
		if (!err)
			*cfa = base + e->sp_offset;
		return err;
	case ORC_X86_REG_BP_INDIRECT:
		if (st->flags & KIT_UNWIND_FP_UNKNOWN)
			return -KIT_UNWIND_BAD_ENTRY;
		return kit_unwind_load(st, st->fp + e->sp_offset, cfa);
	case ORC_X86_REG_UNDEFINED:
		return -KIT_UNWIND_UNDEFINED;
	}
	err = regs_value(st, reg, &base);
	if (!err)
		*cfa = base + e->sp_offset;
	return err;
}

static int orc_call_frame(struct kit_unwind_state *st, const struct orc_entry_x86 *e,
			  unsigned long cfa)
{
	unsigned long ra, bp = st->fp;
	unsigned int flags = st->flags & KIT_UNWIND_FP_UNKNOWN;
	int err;

	if (cfa <= st->sp)	/* at least the return address was popped */
		return -KIT_UNWIND_WRONG_WAY;
	err = kit_unwind_load(st, cfa - 8, &ra);
	if (err)
		return err;
	/* ra - 1 itself is looked up by the next step */
	if (!arch_ra_after_call(ra))
		return orc_in_text(ra - 1) ? -KIT_UNWIND_NOT_A_CALL : -KIT_UNWIND_UNKNOWN_CODE;
	switch (ORC_X86_BP_REG(e)) {
	case ORC_X86_REG_UNDEFINED:
		break;
	case ORC_X86_REG_PREV_SP:
		err = kit_unwind_load(st, cfa + e->bp_offset, &bp);
		flags = 0;
		break;
	case ORC_X86_REG_BP:
		if (flags)
			return -KIT_UNWIND_BAD_ENTRY;
		err = kit_unwind_load(st, st->fp + e->bp_offset, &bp);
		break;
	default:
		return -KIT_UNWIND_BAD_ENTRY;
	}
	if (err)
		return err;
	st->pc = ra;
	st->sp = cfa;
	st->fp = bp;
	st->regs = NULL;
	st->flags = flags;
	return 1;
}

static int orc_regs_frame(struct kit_unwind_state *st, const struct orc_entry_x86 *e,
			  unsigned long addr)
{
	unsigned long len = ORC_X86_TYPE(e) == ORC_TYPE_REGS ?
			    sizeof(struct pt_regs) : 5 * sizeof(long);
	const struct pt_regs *regs;

	if (addr & 7)
		return -KIT_UNWIND_MISALIGNED;
	if (!kit_unwind_on_stack(st, addr, len))
		return -KIT_UNWIND_OUT_OF_STACK;
	if (ORC_X86_TYPE(e) == ORC_TYPE_REGS) {
		regs = (const struct pt_regs *)addr;
		st->pc = regs->ip;
		st->sp = regs->sp;
		st->fp = regs->bp;
		st->regs = regs;
		st->flags = KIT_UNWIND_INTERRUPTED;
	} else {
		const unsigned long *iret = (const unsigned long *)addr;

		st->pc = iret[0];
		st->sp = iret[3];
		st->regs = NULL;
		st->flags = KIT_UNWIND_INTERRUPTED | KIT_UNWIND_FP_UNKNOWN;
	}
	/* the interrupted sp is above the frame the interruption pushed */
	if (st->sp < addr + len)
		return -KIT_UNWIND_WRONG_WAY;
	return 1;
}

int arch_unwind_next(struct kit_unwind_state *st)
{
	bool intr = st->flags & KIT_UNWIND_INTERRUPTED;
	const struct orc_entry_x86 *e = orc_find_cached(intr ? st->pc : st->pc - 1,
							&st->orc_cache);
	unsigned long cfa;
	int err;

	if (!e)
		return -KIT_UNWIND_UNKNOWN_CODE;
	switch (ORC_X86_TYPE(e)) {
	case ORC_TYPE_END_OF_STACK:
		return 0;
	case ORC_TYPE_CALL:
	case ORC_TYPE_REGS:
	case ORC_TYPE_REGS_PARTIAL:
		break;
	case ORC_TYPE_UNDEFINED:
		return -KIT_UNWIND_UNDEFINED;
	default:
		return -KIT_UNWIND_BAD_ENTRY;
	}
	err = orc_cfa(st, e, &cfa);
	if (err)
		return err;
	if (ORC_X86_TYPE(e) == ORC_TYPE_CALL)
		return orc_call_frame(st, e, cfa);
	return orc_regs_frame(st, e, cfa);
}

/*
 * The fast path: call frames whose CFA is sp or bp + offset, the return
 * address after an e8 call in the image's text, bp unchanged or saved at
 * CFA + bp_offset.  Every check of the general path is here, folded: sp
 * is in [lo, hi] and 8-aligned on entry (the walk checked it), so an
 * 8-aligned cfa with sp < cfa <= hi makes the load of cfa - 8 in bounds
 * and the caller's sp valid and upwards; the saved bp is loaded only from
 * [sp, hi - 8], 8-aligned.  Only frames with bp known (flags 0) come
 * here, and a step never makes bp unknown.  The entry of the current
 * range is decoded once, when the walk's cache is filled.
 */
#define FAST_OK		0x4u	/* a CALL entry the fast path handles */
#define FAST_CFA_BP	0x1u	/* CFA = bp + sp_offset (else sp + sp_offset) */
#define FAST_BP_SAVED	0x2u	/* caller's bp at CFA + bp_offset (else unchanged) */

/*
 * What the fast path does with entry e, or 0: leave it to the general
 * path.  A saved bp is taken only from an 8-aligned bp_offset <= -8, so
 * its slot is 8-aligned and at or below CFA - 8 <= hi - 8: only "at or
 * above sp" remains to check per frame.
 */
static inline unsigned int fast_kind(const struct orc_entry_x86 *e)
{
	unsigned int rt, k = FAST_OK;

	if (!e)
		return 0;
	rt = e->regs_type;
	if (ORC_X86_TYPE(e) != ORC_TYPE_CALL)
		return 0;
	if ((rt & 0xf) == ORC_X86_REG_BP)
		k |= FAST_CFA_BP;
	else if ((rt & 0xf) != ORC_X86_REG_SP)
		return 0;
	if (((rt >> 4) & 0xf) == ORC_X86_REG_PREV_SP) {
		if (e->bp_offset > -8 || (e->bp_offset & 7))
			return 0;
		k |= FAST_BP_SAVED;
	} else if (((rt >> 4) & 0xf) != ORC_X86_REG_UNDEFINED) {
		return 0;
	}
	return k;
}

unsigned int arch_unwind_fast(struct kit_unwind_state *st, unsigned long *store,
			      unsigned int max)
{
	unsigned long pc = st->pc, sp = st->sp, fp = st->fp;
	const unsigned long hi = st->stack_hi;
	const unsigned long tlo = orc_kit_text_lo + 7;
	unsigned long *const start = store, *const end = store + max;
	struct orc_cache c = st->orc_cache;
	/* the cached range as [clo1 - 1, clo1 - 1 + csize), for pc - 1 */
	unsigned long clo1 = c.lo + 1, csize = c.hi - c.lo, tsize;
	long soff = 0, boff = 0;
	unsigned int kind = 0;

	if (st->flags || !max || sp < st->stack_lo || sp > hi || (sp & 7) ||
	    orc_kit_text_hi - orc_kit_text_lo < 8)
		return 0;
	/* ra - 7 and ra - 1 in [text_lo, text_hi) */
	tsize = orc_kit_text_hi - orc_kit_text_lo - 6;
	if (csize) {
		const struct orc_entry_x86 *e = c.entry;

		kind = fast_kind(e);
		soff = e->sp_offset;
		boff = e->bp_offset;
		if (!kind)
			csize = 0;	/* looked up again, and left */
	}
	for (;;) {
		unsigned long cfa, ra, nfp, addr;

		if (pc - clo1 >= csize) {
			const struct orc_entry_x86 *e = orc_find_cached(pc - 1, &c);

			kind = fast_kind(e);
			if (!kind)
				break;
			clo1 = c.lo + 1;
			/* a module's entry is not cached: nor is its verdict */
			csize = e == c.entry ? c.hi - c.lo : 0;
			soff = e->sp_offset;
			boff = e->bp_offset;
		}
		cfa = ((kind & FAST_CFA_BP) ? fp : sp) + soff;
		/* sp < cfa <= hi, 8-aligned */
		if (cfa <= sp || cfa > hi || (cfa & 7))
			break;
		ra = *(const volatile unsigned long *)(cfa - 8);
		/* the common e8 rel32 inline, any other call form decoded */
		if ((ra - tlo >= tsize || ((const unsigned char *)ra)[-5] != 0xe8) &&
		    !arch_ra_after_call(ra))
			break;
		nfp = fp;
		if (kind & FAST_BP_SAVED) {
			addr = cfa + boff;	/* 8-aligned, <= cfa - 8 <= hi - 8 */
			if (addr < sp)
				break;
			nfp = *(const volatile unsigned long *)addr;
		}
		*store++ = pc;
		pc = ra;
		sp = cfa;
		fp = nfp;
		if (store == end)
			break;
	}
	if (store != start) {
		st->pc = pc;
		st->sp = sp;
		st->fp = fp;
		st->regs = NULL;
		st->flags = 0;
	}
	st->orc_cache = c;
	return store - start;
}
