// SPDX-License-Identifier: GPL-2.0
/*
 * s390x reliable unwinding with the back chain, in the role frame
 * pointers have on other ports (s390x's r11 links to nothing).  Built
 * with -mbackchain -mpacked-stack, a function with a frame stores its
 * entry sp at 152(%r15) once it has moved r15, and saves r14 -- its
 * return address -- at 136 of its entry sp, in its caller's frame.  So
 * from a frame at sp the caller's frame is at next = *(sp + 152) and the
 * return address into it at *(next + 136), as upstream's unwind_bc.c
 * reads it.  The chain ends at the task trampoline's frame, whose back
 * chain is 0 and whose return address is the END_OF_STACK call site.
 *
 * At an interrupted pc the chain cannot be believed everywhere: in a
 * leaf or a prologue r14 is still live and the frame not set up, and the
 * back chain is stored *after* r15 moves (upstream's rule: a pt_regs
 * frame makes the trace unreliable).  The rule here: an interrupted frame
 * is trusted only where objtool-lite recorded "r14 saved at CFA - 24 and
 * a frame of its own" for that pc and the back-chain slot already holds
 * the entry sp that state implies; elsewhere KIT_UNWIND_FP_NOT_SET_UP.
 * ORC is used only to refuse (this check, unknown code, pt_regs frames);
 * every value of the trace comes from the back chain and the save slots.
 */
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/orc.h>
#include <kit/stacktrace.h>

#include <asm/orc_types.h>
#include <asm/ptrace.h>

const char kit_unwinder_name[] = "backchain";

#define SCALE	ORC_S390X_OFFSET_SCALE
#define BIAS	ORC_S390X_CFA_BIAS

/* The interrupted function has its frame, r14 saved, the chain stored. */
static bool frame_set_up(struct kit_unwind_state *st)
{
	const struct orc_entry_s390x *e = orc_find_cached(st->pc, &st->orc_cache);
	unsigned long base, cfa, chain;
	unsigned int rt;

	if (!e)
		return false;
	rt = e->regs_type;
	if (ORC_S390X_TYPE(rt) != ORC_TYPE_CALL || ORC_S390X_SIGNAL(rt) ||
	    ORC_S390X_RA_REG(rt) != ORC_S390X_REG_PREV_SP ||
	    SCALE * e->ra_offset != STACK_FRAME_R14 - BIAS)
		return false;
	if (ORC_S390X_SP_REG(rt) == ORC_S390X_REG_SP)
		base = st->sp;
	else if (ORC_S390X_SP_REG(rt) == ORC_S390X_REG_FP && !(st->flags & KIT_UNWIND_FP_UNKNOWN))
		base = st->fp;
	else
		return false;
	cfa = base + SCALE * e->sp_offset;
	if (cfa < BIAS || cfa - BIAS <= st->sp)
		return false;	/* no frame of its own yet */
	return !kit_unwind_load(st, st->sp + STACK_FRAME_BACKCHAIN, &chain) &&
	       chain == cfa - BIAS;
}

int arch_unwind_next(struct kit_unwind_state *st)
{
	unsigned long next, ra, end_chain;
	int err, site;

	if (st->flags & KIT_UNWIND_AT_END)
		return 0;
	if ((st->flags & KIT_UNWIND_INTERRUPTED) && !frame_set_up(st))
		return -KIT_UNWIND_FP_NOT_SET_UP;
	if (st->sp & 7)
		return -KIT_UNWIND_MISALIGNED;
	err = kit_unwind_load(st, st->sp + STACK_FRAME_BACKCHAIN, &next);
	if (err)
		return err;
	if (!next)
		return -KIT_UNWIND_NO_END;	/* only the entry's frame holds 0 */
	if (next & 7)
		return -KIT_UNWIND_MISALIGNED;
	if (next <= st->sp)
		return -KIT_UNWIND_WRONG_WAY;
	err = kit_unwind_load(st, next + STACK_FRAME_R14, &ra);
	if (err)
		return err;
	site = kit_unwind_fp_call_site(st, ra);
	if (site < 0)
		return site;
	if (site) {
		/* the task's entry frame: its own back chain is the 0 it stored */
		err = kit_unwind_load(st, next + STACK_FRAME_BACKCHAIN, &end_chain);
		if (err)
			return err;
		if (end_chain)
			return -KIT_UNWIND_NO_END;
	}
	st->pc = ra;
	st->sp = next;
	st->regs = NULL;
	st->flags = site ? KIT_UNWIND_AT_END : 0;
	return 1;
}

/*
 * The fast path: frames whose back chain next > sp lies in the stack with
 * next's save area, ra after a call in the image's text whose ORC entry
 * is an ordinary CALL (not the entry's END_OF_STACK, not pt_regs).  The
 * walk checked sp in [lo, hi]; sp + 160 <= hi and next + 160 <= hi keep
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

	if (*skip || st->flags || hi - lo < BIAS || sp < lo || sp > hi)
		return 0;
	while (n < max) {
		const struct orc_entry_s390x *e;
		unsigned long next, ra;
		const uint8_t *p;

		if ((sp & 7) || sp > hi - BIAS)
			break;
		next = *(const volatile unsigned long *)(sp + STACK_FRAME_BACKCHAIN);
		if ((next & 7) || next <= sp || next > hi - BIAS)
			break;
		ra = *(const volatile unsigned long *)(next + STACK_FRAME_R14);
		if ((ra & 1) || ra - 6 - tlo >= tsize)
			break;
		p = (const uint8_t *)ra;
		if (p[-2] != 0x0d && p[-4] != 0x4d && !(p[-4] == 0xa7 && (p[-3] & 0xf) == 5) &&
		    !(p[-6] == 0xc0 && (p[-5] & 0xf) == 5))
			break;
		e = orc_find_cached_inline(ra - 1, &c);
		/* CALL, no signal bit */
		if (!e || (e->regs_type & 0xf000) != ORC_TYPE_CALL << 12)
			break;
		store[n++] = pc;
		pc = ra;
		sp = next;
	}
	if (n) {
		st->pc = pc;
		st->sp = sp;
		st->regs = NULL;
		st->flags = 0;
	}
	st->orc_cache = c;
	return n;
}

/* the first frame's pc is the walk's to check */
const bool arch_unwind_fast_first = false;
