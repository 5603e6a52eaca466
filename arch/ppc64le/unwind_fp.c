// SPDX-License-Identifier: GPL-2.0
/*
 * ppc64le reliable unwinding with the back chain, in the frame-pointer
 * role: every frame starts with the caller's r1, written by the same
 * stdu/stdux that allocates it, and a function that calls saves its
 * return address in the LR save doubleword of its caller's frame (the
 * caller's r1 + 16).  The chain ends at the task's entry frame, whose
 * back chain is 0 and whose return address is the trampoline's
 * END_OF_STACK call site.
 *
 * The rules of upstream powerpc's reliable walk, with ORC deciding where
 * upstream has to assume: an interrupted frame is trusted only where
 * objtool-lite recorded "frame allocated (CFA above r1 by at least the
 * 32-byte header, or on r31) and LR saved at CFA + 16" for that pc;
 * elsewhere LR may be live (a leaf, a prologue, an epilogue) and the walk
 * reports KIT_UNWIND_FP_NOT_SET_UP (upstream ignores the first frame's LR
 * slot for the same reason).  Each sp is 16-aligned and each back chain
 * goes strictly up inside the stack; every return address is after a call
 * in known text; a pt_regs frame (the ftrace trampoline, as ORC says)
 * makes the trace unreliable, like upstream's exception-frame marker.
 * ORC is used only to refuse; every value comes from the back chain.
 */
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/orc.h>
#include <kit/stacktrace.h>
#include <asm/insn.h>
#include <asm/livepatch_stack.h>
#include <asm/orc_types.h>
#include <asm/ptrace.h>

const char kit_unwinder_name[] = "backchain";

static bool frame_set_up(struct kit_unwind_state *st, unsigned long pc)
{
	const struct orc_entry_ppc64le *e = orc_find_cached(pc, &st->orc_cache);

	if (!e || ORC_PPC64LE_TYPE(e) != ORC_TYPE_CALL || ORC_PPC64LE_SIGNAL(e) ||
	    ORC_PPC64LE_RA_REG(e) != ORC_PPC64LE_REG_PREV_SP ||
	    e->ra_offset != PPC_FRAME_LR_SAVE)
		return false;
	return ORC_PPC64LE_SP_REG(e) == ORC_PPC64LE_REG_FP ||
	       (ORC_PPC64LE_SP_REG(e) == ORC_PPC64LE_REG_SP && e->sp_offset >= PPC_FRAME_MIN);
}

int arch_unwind_next(struct kit_unwind_state *st)
{
	unsigned long sp = st->sp, next_sp, ra, chain;
	int err, site;

	if (st->flags & KIT_UNWIND_AT_END)
		return 0;
	if ((st->flags & KIT_UNWIND_INTERRUPTED) && !frame_set_up(st, st->pc))
		return -KIT_UNWIND_FP_NOT_SET_UP;
	if (sp & 15)
		return -KIT_UNWIND_MISALIGNED;
	err = kit_unwind_load(st, sp, &next_sp);
	if (err)
		return err;
	if (!next_sp)
		return -KIT_UNWIND_NO_END;	/* only the entry frame's chain is 0 */
	if (next_sp & 15)
		return -KIT_UNWIND_MISALIGNED;
	if (next_sp <= sp)
		return -KIT_UNWIND_WRONG_WAY;
	err = kit_unwind_load(st, next_sp + PPC_FRAME_LR_SAVE, &ra);
	if (!err)
		err = ppc64le_lp_real_ra(st, next_sp, &ra);
	if (err)
		return err;
	site = kit_unwind_fp_call_site(st, ra);
	if (site < 0)
		return site;
	if (site) {
		/* the task's entry frame: its own back chain is the 0 the trampoline wrote */
		err = kit_unwind_load(st, next_sp, &chain);
		if (err)
			return err;
		if (chain)
			return -KIT_UNWIND_NO_END;
		st->flags = KIT_UNWIND_AT_END;
	} else {
		st->flags = 0;
	}
	st->pc = ra;
	st->sp = next_sp;
	st->fp = 0;
	st->regs = NULL;
	return 1;
}

/*
 * The fast path: frames whose back chain goes up inside the stack,
 * 16-aligned, with a return address after a call in the image's text
 * whose ORC entry is an ordinary CALL (not the entry's END_OF_STACK, not
 * pt_regs).  The walk checked sp in [lo, hi]; sp < next <= hi - 32 keeps
 * both loads in bounds and the caller's sp valid and upwards.
 */
notrace unsigned int arch_unwind_fast(struct kit_unwind_state *st, unsigned long *store,
				      unsigned int max, unsigned int *skip)
{
	unsigned long pc = st->pc, sp = st->sp;
	const unsigned long lo = st->stack_lo, hi = st->stack_hi;
	const unsigned long tlo = orc_kit_text_lo, tsize = orc_kit_text_hi - orc_kit_text_lo;
	unsigned int n = 0;
	struct orc_cache c = st->orc_cache;

	if (*skip || st->flags || hi - lo < PPC_FRAME_MIN || sp < lo || sp > hi - PPC_FRAME_MIN)
		return 0;
	while (n < max) {
		const struct orc_entry_ppc64le *e;
		unsigned long next_sp, ra;

		if (sp & 15)
			break;
		next_sp = *(const volatile unsigned long *)sp;
		if (next_sp <= sp || next_sp > hi - PPC_FRAME_MIN || (next_sp & 15))
			break;
		ra = *(const volatile unsigned long *)(next_sp + PPC_FRAME_LR_SAVE);
		if ((ra & 3) || ra - 4 - tlo >= tsize || !ppc_insn_is_call(*(const uint32_t *)(ra - 4)))
			break;
		e = orc_find_cached_inline(ra - 1, &c);
		/* CALL, no signal bit */
		if (!e || (e->regs_type & 0xf000) != ORC_TYPE_CALL << 12)
			break;
		store[n++] = pc;
		pc = ra;
		sp = next_sp;
	}
	if (n) {
		st->pc = pc;
		st->sp = sp;
		st->fp = 0;
		st->regs = NULL;
		st->flags = 0;
	}
	st->orc_cache = c;
	return n;
}

/* the first frame's pc is the walk's to check */
const bool arch_unwind_fast_first = false;
