// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 reliable unwinding with ORC (the kit's 8-byte format, see
 * orc/README.md): one step from a frame to its caller's, exact at any
 * instruction objtool-lite described.
 *
 * CFA = (sp_reg SP ? sp : x29) + sp_offset, 16-byte aligned.  CALL: the
 * return address at CFA + ra_offset (PREV_SP), or still in x30 (LR) --
 * only in a frame whose registers we hold (the interrupted one, or after
 * a REGS frame); the caller's x29 at CFA + fp_offset (PREV_SP) or
 * unchanged (UNDEFINED).  REGS: struct pt_regs at sp_reg + sp_offset;
 * REGS_PARTIAL: only its pc and sp.  END_OF_STACK: the task's entry.
 */
#include <kit/kernel.h>
#include <kit/orc.h>
#include <kit/stacktrace.h>

#include "../../orc/orc_types.h"

const char kit_unwinder_name[] = "orc";

/* No pointer authentication in the kit (-mbranch-protection unset); the
 * mask keeps a PAC'd address from ever looking like kit text. */
#define ARM64_VA_MASK	((1UL << 48) - 1)

static int orc_call_frame(struct kit_unwind_state *st, const struct orc_entry_arm64 *e,
			  unsigned long cfa)
{
	unsigned long ra, fp = st->fp;
	unsigned int flags = st->flags & KIT_UNWIND_FP_UNKNOWN;
	int err = 0;

	switch (ORC_ARM64_RA_REG(e)) {
	case ORC_ARM64_REG_PREV_SP:
		err = kit_unwind_load(st, cfa + e->ra_offset, &ra);
		break;
	case ORC_ARM64_REG_LR:
		if (!(st->flags & KIT_UNWIND_LR_VALID))
			return -KIT_UNWIND_LR_INVALID;
		ra = st->lr;
		break;
	case ORC_ARM64_REG_UNDEFINED:
		return -KIT_UNWIND_UNDEFINED;
	default:
		return -KIT_UNWIND_BAD_ENTRY;
	}
	if (err)
		return err;
	ra &= ARM64_VA_MASK;
	/* ra - 1 itself is looked up by the next step */
	if (!arch_ra_after_call(ra))
		return orc_in_text(ra - 1) ? -KIT_UNWIND_NOT_A_CALL : -KIT_UNWIND_UNKNOWN_CODE;
	switch (ORC_ARM64_FP_REG(e)) {
	case ORC_ARM64_REG_UNDEFINED:
		break;
	case ORC_ARM64_REG_PREV_SP:
		err = kit_unwind_load(st, cfa + e->fp_offset, &fp);
		flags = 0;
		break;
	default:
		return -KIT_UNWIND_BAD_ENTRY;
	}
	if (err)
		return err;
	st->pc = ra & ARM64_VA_MASK;
	st->sp = cfa;
	st->fp = fp;
	st->regs = NULL;
	st->flags = flags;
	return 1;
}

static int orc_regs_frame(struct kit_unwind_state *st, const struct orc_entry_arm64 *e,
			  unsigned long addr)
{
	const struct pt_regs *regs = (const struct pt_regs *)addr;

	if (addr & 15)
		return -KIT_UNWIND_MISALIGNED;
	if (!kit_unwind_on_stack(st, addr, sizeof(*regs)))
		return -KIT_UNWIND_OUT_OF_STACK;
	st->pc = regs->pc & ARM64_VA_MASK;
	st->sp = regs->sp;
	if (ORC_ARM64_TYPE(e) == ORC_TYPE_REGS) {
		st->fp = regs->regs[29];
		st->lr = regs->regs[30];
		st->regs = regs;
		st->flags = KIT_UNWIND_INTERRUPTED | KIT_UNWIND_LR_VALID;
	} else {
		st->regs = NULL;
		st->flags = KIT_UNWIND_INTERRUPTED | KIT_UNWIND_FP_UNKNOWN;
	}
	if (st->sp < addr + sizeof(*regs))
		return -KIT_UNWIND_WRONG_WAY;
	return 1;
}

int arch_unwind_next(struct kit_unwind_state *st)
{
	bool intr = st->flags & KIT_UNWIND_INTERRUPTED;
	const struct orc_entry_arm64 *e = orc_find_cached(intr ? st->pc : st->pc - 1,
							  &st->orc_cache);
	unsigned long cfa;

	if (!e)
		return -KIT_UNWIND_UNKNOWN_CODE;
	switch (ORC_ARM64_TYPE(e)) {
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
	switch (ORC_ARM64_SP_REG(e)) {
	case ORC_ARM64_REG_SP:
		cfa = st->sp + e->sp_offset;
		break;
	case ORC_ARM64_REG_FP:
		if (st->flags & KIT_UNWIND_FP_UNKNOWN)
			return -KIT_UNWIND_BAD_ENTRY;
		cfa = st->fp + e->sp_offset;
		break;
	case ORC_ARM64_REG_UNDEFINED:
		return -KIT_UNWIND_UNDEFINED;
	default:
		return -KIT_UNWIND_BAD_ENTRY;
	}
	if ((cfa | st->sp) & 15)
		return -KIT_UNWIND_MISALIGNED;
	if (ORC_ARM64_TYPE(e) == ORC_TYPE_CALL)
		return orc_call_frame(st, e, cfa);
	return orc_regs_frame(st, e, cfa);
}
