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
