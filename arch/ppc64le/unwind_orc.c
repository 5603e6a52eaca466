// SPDX-License-Identifier: GPL-2.0
/*
 * ppc64le reliable unwinding with ORC (arch/ppc64le/objtool/orc.md): one
 * step from a frame to its caller's, exact at any instruction
 * objtool-lite described.
 *
 * CFA = (sp_reg SP ? r1 : r31) + sp_offset, 16-byte aligned; it is the
 * caller's r1.  CALL: the return address at CFA + ra_offset (PREV_SP,
 * the LR save doubleword of the caller's frame), or still in LR, or in r0
 * -- LR only in a frame whose registers we hold (the interrupted one, or
 * after a REGS frame), r0 only with full pt_regs; the caller's r31 at
 * CFA + fp_offset (PREV_SP) or unchanged (UNDEFINED).  REGS: struct
 * pt_regs at sp_reg + sp_offset (the ftrace trampoline's, after its
 * frame header).  END_OF_STACK: the task's entry.  A return address that
 * is ppc64le_livepatch_return is the replacement's: the real one comes
 * from the livepatch stack (asm/livepatch_stack.h).
 */
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/orc.h>
#include <kit/stacktrace.h>
#include <asm/insn.h>
#include <asm/livepatch_stack.h>
#include <asm/orc_types.h>

const char kit_unwinder_name[] = "orc";

static int orc_ra(struct kit_unwind_state *st, const struct orc_entry_ppc64le *e,
		  unsigned long cfa, unsigned long *ra)
{
	switch (ORC_PPC64LE_RA_REG(e)) {
	case ORC_PPC64LE_REG_PREV_SP:
		return kit_unwind_load(st, cfa + e->ra_offset, ra);
	case ORC_PPC64LE_REG_LR:
		if (!(st->flags & KIT_UNWIND_LR_VALID))
			return -KIT_UNWIND_LR_INVALID;
		*ra = st->lr;
		return 0;
	case ORC_PPC64LE_REG_R0:
		if (!st->regs)
			return -KIT_UNWIND_LR_INVALID;
		*ra = st->regs->gpr[0];
		return 0;
	case ORC_PPC64LE_REG_UNDEFINED:
		return -KIT_UNWIND_UNDEFINED;
	default:
		return -KIT_UNWIND_BAD_ENTRY;
	}
}

static int orc_call_frame(struct kit_unwind_state *st, const struct orc_entry_ppc64le *e,
			  unsigned long cfa)
{
	unsigned long ra, fp = st->fp;
	unsigned int flags = st->flags & KIT_UNWIND_FP_UNKNOWN;
	int err = orc_ra(st, e, cfa, &ra);

	if (!err)
		err = ppc64le_lp_real_ra(st, cfa, &ra);
	if (err)
		return err;
	/* ra - 1 itself is looked up by the next step */
	if (!arch_ra_after_call(ra))
		return orc_in_text(ra - 1) ? -KIT_UNWIND_NOT_A_CALL : -KIT_UNWIND_UNKNOWN_CODE;
	switch (ORC_PPC64LE_FP_REG(e)) {
	case ORC_PPC64LE_REG_UNDEFINED:
		break;
	case ORC_PPC64LE_REG_PREV_SP:
		err = kit_unwind_load(st, cfa + e->fp_offset, &fp);
		flags = 0;
		break;
	default:
		return -KIT_UNWIND_BAD_ENTRY;
	}
	if (err)
		return err;
	st->pc = ra;
	st->sp = cfa;
	st->fp = fp;
	st->regs = NULL;
	st->flags = flags;
	return 1;
}

static int orc_regs_frame(struct kit_unwind_state *st, const struct orc_entry_ppc64le *e,
			  unsigned long addr)
{
	const struct pt_regs *regs = (const struct pt_regs *)addr;

	if (addr & 15)
		return -KIT_UNWIND_MISALIGNED;
	if (ORC_PPC64LE_TYPE(e) != ORC_TYPE_REGS)
		return -KIT_UNWIND_BAD_ENTRY;	/* no partial frames on this port */
	if (!kit_unwind_on_stack(st, addr, sizeof(*regs)))
		return -KIT_UNWIND_OUT_OF_STACK;
	st->pc = regs->nip;
	st->sp = regs->gpr[1];
	st->fp = regs->gpr[31];
	st->lr = regs->link;
	st->regs = regs;
	st->flags = KIT_UNWIND_INTERRUPTED | KIT_UNWIND_LR_VALID;
	if (st->sp < addr + sizeof(*regs))
		return -KIT_UNWIND_WRONG_WAY;
	return 1;
}

int arch_unwind_next(struct kit_unwind_state *st)
{
	bool intr = st->flags & KIT_UNWIND_INTERRUPTED;
	const struct orc_entry_ppc64le *e = orc_find_cached(intr ? st->pc : st->pc - 1,
							    &st->orc_cache);
	unsigned long cfa;
	int err;

	if (!e)
		return -KIT_UNWIND_UNKNOWN_CODE;
	err = kit_unwind_frame_type(ORC_PPC64LE_TYPE(e));
	if (err <= 0)
		return err;
	switch (ORC_PPC64LE_SP_REG(e)) {
	case ORC_PPC64LE_REG_SP:
		cfa = st->sp + e->sp_offset;
		break;
	case ORC_PPC64LE_REG_FP:
		if (st->flags & KIT_UNWIND_FP_UNKNOWN)
			return -KIT_UNWIND_BAD_ENTRY;
		cfa = st->fp + e->sp_offset;
		break;
	case ORC_PPC64LE_REG_UNDEFINED:
		return -KIT_UNWIND_UNDEFINED;
	default:
		return -KIT_UNWIND_BAD_ENTRY;
	}
	if ((cfa | st->sp) & 15)
		return -KIT_UNWIND_MISALIGNED;
	if (ORC_PPC64LE_TYPE(e) == ORC_TYPE_CALL)
		return orc_call_frame(st, e, cfa);
	return orc_regs_frame(st, e, cfa);
}

/*
 * The fast path: call frames whose CFA is r1 or r31 + offset, 16-aligned,
 * the return address saved at CFA + ra_offset and right after a call in
 * the image's text, r31 unchanged or saved at CFA + fp_offset.  State in
 * registers; every check of the general path is here: sp is in [lo, hi]
 * on entry (the walk checked it), sp < cfa <= hi keeps the caller's sp
 * valid and strictly upwards, and each load is checked against
 * [lo, hi - 8] and 8-aligned.  ppc64le_livepatch_return follows no call,
 * so such a frame goes to the general path.
 */
static inline bool fast_ra_after_call(unsigned long ra, unsigned long tlo, unsigned long tsize)
{
	return !(ra & 3) && ra - 4 - tlo < tsize && ppc_insn_is_call(*(const uint32_t *)(ra - 4));
}

static inline bool fast_load_ok(unsigned long addr, unsigned long lo, unsigned long hi)
{
	return !(addr & 7) && addr >= lo && addr <= hi - 8;
}

notrace unsigned int arch_unwind_fast(struct kit_unwind_state *st, unsigned long *store,
				      unsigned int max, unsigned int *skip)
{
	unsigned long pc = st->pc, sp = st->sp, fp = st->fp;
	const unsigned long lo = st->stack_lo, hi = st->stack_hi;
	const unsigned long tlo = orc_kit_text_lo, tsize = orc_kit_text_hi - orc_kit_text_lo;
	unsigned int flags = st->flags, n = 0;
	struct orc_cache c = st->orc_cache;
	unsigned int end = 0;

	if (*skip || (flags & ~KIT_UNWIND_FP_UNKNOWN) || hi - lo < 16 || sp < lo || sp > hi ||
	    (sp & 15))
		return 0;
	while (n < max) {
		const struct orc_entry_ppc64le *e =
			orc_find_cached_inline_sz(pc - 1, &c, ORC_PPC64LE_ENTRY_SIZE);
		unsigned long cfa, ra, next_fp, addr;
		unsigned int rt;

		if (!e)
			break;
		rt = e->regs_type;
		if (((rt >> 12) & 7) == ORC_TYPE_END_OF_STACK) {
			end = KIT_UNWIND_FAST_END;
			break;
		}
		if (((rt >> 12) & 7) != ORC_TYPE_CALL ||
		    ((rt >> 8) & 0xf) != ORC_PPC64LE_REG_PREV_SP)
			break;
		if ((rt & 0xf) == ORC_PPC64LE_REG_FP && !flags)
			cfa = fp + e->sp_offset;
		else if ((rt & 0xf) == ORC_PPC64LE_REG_SP)
			cfa = sp + e->sp_offset;
		else
			break;
		if (cfa <= sp || cfa > hi || (cfa & 15))
			break;
		addr = cfa + e->ra_offset;
		if (!fast_load_ok(addr, lo, hi))
			break;
		ra = *(const volatile unsigned long *)addr;
		if (!fast_ra_after_call(ra, tlo, tsize))
			break;
		switch ((rt >> 4) & 0xf) {
		case ORC_PPC64LE_REG_UNDEFINED:
			next_fp = fp;
			break;
		case ORC_PPC64LE_REG_PREV_SP:
			addr = cfa + e->fp_offset;
			if (!fast_load_ok(addr, lo, hi))
				goto out;
			next_fp = *(const volatile unsigned long *)addr;
			flags = 0;
			break;
		default:
			goto out;
		}
		store[n++] = pc;
		pc = ra;
		sp = cfa;
		fp = next_fp;
	}
out:
	if (n) {
		st->pc = pc;
		st->sp = sp;
		st->fp = fp;
		st->regs = NULL;
		st->flags = flags;
	}
	st->orc_cache = c;
	return n | end;
}

/* the fast path looks the first frame's pc - 1 up, as the walk does */
const bool arch_unwind_fast_first = true;
