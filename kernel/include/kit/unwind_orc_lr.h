/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ORC step of the link-register ports: those whose entry has
 * LoongArch's shape (three s16 offsets from the CFA, a u16 with
 * sp_reg:4 fp_reg:4 ra_reg:4 type:3 signal:1) and the same walk; each
 * port's format differs only in byte order, offset scale, the CFA's bias
 * and a register or two of its own.  A port's unwind_orc.c includes this
 * file once, after defining what it needs (its asm/unwind_orc_lr.h):
 *
 *   orc_lr_entry		its struct orc_entry_<port> (native order)
 *   ORC_LR_ENTRY_SIZE	its size in bytes
 *   ORC_LR_OFFSET_SCALE	bytes per offset unit (1, or 8 where frames are in doublewords)
 *   ORC_LR_CFA_BIAS	the caller's sp is CFA - bias (0, or a save area's size)
 *   ORC_LR_ALIGN		sp and CFA alignment (a power of 2)
 *   ORC_LR_REGS_ALIGN	alignment of a pt_regs frame
 *   ORC_LR_PARTIAL_REGS	REGS_PARTIAL frames exist (only pc and sp valid)
 *   orc_lr_regs(st, regs)	pc, sp, fp and lr from a pt_regs frame
 *   orc_lr_fast_ra_after_call(ra, text_lo, text_size)
 *			the fast path's "ra follows a call in kit text"
 *
 * and, where it differs from the default here (then #define NAME NAME):
 *
 *   orc_lr_fix_ra(ra)	the address bits of a saved return address
 *   orc_lr_ra_other()	a return address in a register of the port's own
 *			(r0 after mflr), or -KIT_UNWIND_BAD_ENTRY
 *   orc_lr_fp_other()	a caller's fp_reg of the port's own (e.g. "lost")
 *   orc_lr_real_ra()	a return address the port parks elsewhere
 *			(a livepatch stack switching TOCs), or 0 leaving it
 *
 * CFA = (sp_reg SP ? sp : fp) + offset.  CALL: the return address at
 * CFA + ra_offset (PREV_SP), or still in the link register (LR) -- only
 * in a frame whose registers we hold (the interrupted one, or after a
 * REGS frame); the caller's fp at CFA + fp_offset (PREV_SP) or unchanged
 * (UNDEFINED).  REGS: struct pt_regs at sp_reg + offset; REGS_PARTIAL:
 * only its pc and sp.  END_OF_STACK: the task's entry.
 */
#ifndef _KIT_UNWIND_ORC_LR_H
#define _KIT_UNWIND_ORC_LR_H

#include <kit/ftrace.h>	/* notrace */
#include <kit/kernel.h>
#include <kit/orc.h>
#include <kit/stacktrace.h>

/* the registers every link-register format numbers alike */
#define ORC_LR_REG_UNDEFINED	0
#define ORC_LR_REG_PREV_SP	1
#define ORC_LR_REG_SP		2
#define ORC_LR_REG_FP		3
#define ORC_LR_REG_LR		4

#define ORC_LR_SP_REG(rt)	((rt) & 0xf)
#define ORC_LR_FP_REG(rt)	(((rt) >> 4) & 0xf)
#define ORC_LR_RA_REG(rt)	(((rt) >> 8) & 0xf)
#define ORC_LR_TYPE(rt)		(((rt) >> 12) & 0x7)

_Static_assert(sizeof(orc_lr_entry) == ORC_LR_ENTRY_SIZE, "the port's entry size");
_Static_assert((ORC_LR_ALIGN & (ORC_LR_ALIGN - 1)) == 0, "a power of 2");

const char kit_unwinder_name[] = "orc";

/*
 * The hooks a port may leave out (it defines the name to itself when it
 * has its own): no registers of its own, return addresses as saved.
 */
#ifndef orc_lr_fix_ra
static inline unsigned long orc_lr_fix_ra(unsigned long ra)
{
	return ra;
}
#endif

#ifndef orc_lr_ra_other
static inline int orc_lr_ra_other(const struct kit_unwind_state *st, unsigned int reg,
				  unsigned long *ra)
{
	(void)st, (void)reg, (void)ra;
	return -KIT_UNWIND_BAD_ENTRY;
}
#endif

#ifndef orc_lr_fp_other
static inline int orc_lr_fp_other(unsigned int reg, unsigned int *flags)
{
	(void)reg, (void)flags;
	return -KIT_UNWIND_BAD_ENTRY;
}
#endif

#ifndef orc_lr_real_ra
static inline int orc_lr_real_ra(const struct kit_unwind_state *st, unsigned long cfa,
				 unsigned long *ra)
{
	(void)st, (void)cfa, (void)ra;
	return 0;
}
#endif

/* A CFA too low to have the caller's sp below it (never, without a bias). */
static inline bool orc_lr_cfa_below_bias(unsigned long cfa)
{
	const unsigned long bias = ORC_LR_CFA_BIAS;

	return cfa < bias;
}

static int orc_lr_call_frame(struct kit_unwind_state *st, const orc_lr_entry *e,
			     unsigned long cfa)
{
	unsigned long ra, fp = st->fp;
	unsigned int rt = e->regs_type, flags = st->flags & KIT_UNWIND_FP_UNKNOWN;
	int err = 0;

	switch (ORC_LR_RA_REG(rt)) {
	case ORC_LR_REG_PREV_SP:
		err = kit_unwind_load(st, cfa + ORC_LR_OFFSET_SCALE * e->ra_offset, &ra);
		break;
	case ORC_LR_REG_LR:
		if (!(st->flags & KIT_UNWIND_LR_VALID))
			return -KIT_UNWIND_LR_INVALID;
		ra = st->lr;
		break;
	case ORC_LR_REG_UNDEFINED:
		return -KIT_UNWIND_UNDEFINED;
	default:
		err = orc_lr_ra_other(st, ORC_LR_RA_REG(rt), &ra);
		break;
	}
	if (!err)
		err = orc_lr_real_ra(st, cfa, &ra);
	if (err)
		return err;
	ra = orc_lr_fix_ra(ra);
	/* ra - 1 itself is looked up by the next step */
	if (!arch_ra_after_call(ra))
		return orc_in_text(ra - 1) ? -KIT_UNWIND_NOT_A_CALL : -KIT_UNWIND_UNKNOWN_CODE;
	switch (ORC_LR_FP_REG(rt)) {
	case ORC_LR_REG_UNDEFINED:
		break;
	case ORC_LR_REG_PREV_SP:
		err = kit_unwind_load(st, cfa + ORC_LR_OFFSET_SCALE * e->fp_offset, &fp);
		flags = 0;
		break;
	default:
		err = orc_lr_fp_other(ORC_LR_FP_REG(rt), &flags);
		break;
	}
	if (err)
		return err;
	st->pc = ra;
	st->sp = cfa - ORC_LR_CFA_BIAS;
	st->fp = fp;
	st->regs = NULL;
	st->flags = flags;
	return 1;
}

static int orc_lr_regs_frame(struct kit_unwind_state *st, const orc_lr_entry *e,
			     unsigned long addr)
{
	const struct pt_regs *regs = (const struct pt_regs *)addr;
	bool full = ORC_LR_TYPE(e->regs_type) == ORC_TYPE_REGS;

	if (addr & (ORC_LR_REGS_ALIGN - 1))
		return -KIT_UNWIND_MISALIGNED;
	if (!full && !ORC_LR_PARTIAL_REGS)
		return -KIT_UNWIND_BAD_ENTRY;
	if (!kit_unwind_on_stack(st, addr, sizeof(*regs)))
		return -KIT_UNWIND_OUT_OF_STACK;
	orc_lr_regs(st, regs);
	if (full) {
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
	const orc_lr_entry *e = orc_find_cached(intr ? st->pc : st->pc - 1, &st->orc_cache);
	unsigned long cfa;
	unsigned int rt;
	int err;

	if (!e)
		return -KIT_UNWIND_UNKNOWN_CODE;
	rt = e->regs_type;
	err = kit_unwind_frame_type(ORC_LR_TYPE(rt));
	if (err <= 0)
		return err;
	switch (ORC_LR_SP_REG(rt)) {
	case ORC_LR_REG_SP:
		cfa = st->sp + ORC_LR_OFFSET_SCALE * e->sp_offset;
		break;
	case ORC_LR_REG_FP:
		if (st->flags & KIT_UNWIND_FP_UNKNOWN)
			return -KIT_UNWIND_BAD_ENTRY;
		cfa = st->fp + ORC_LR_OFFSET_SCALE * e->sp_offset;
		break;
	case ORC_LR_REG_UNDEFINED:
		return -KIT_UNWIND_UNDEFINED;
	default:
		return -KIT_UNWIND_BAD_ENTRY;
	}
	if ((cfa | st->sp) & (ORC_LR_ALIGN - 1))
		return -KIT_UNWIND_MISALIGNED;
	if (ORC_LR_TYPE(rt) != ORC_TYPE_CALL)
		return orc_lr_regs_frame(st, e, cfa);
	/* the caller's sp must lie in the stack before anything is read */
	if (orc_lr_cfa_below_bias(cfa))
		return -KIT_UNWIND_OUT_OF_STACK;
	return orc_lr_call_frame(st, e, cfa);
}

/*
 * The fast path: call frames whose CFA is sp or fp + offset, aligned, the
 * return address saved at CFA + ra_offset and right after a call in the
 * image's text, fp unchanged or saved at CFA + fp_offset.  State in
 * registers; every check of the general path is here: sp is in [lo, hi]
 * on entry (the walk checked it), sp < caller's sp <= hi keeps it valid
 * and strictly upwards (no LR_VALID frame comes here), and each load is
 * checked against [lo, hi - 8] and 8-aligned.  Anything else (a port's
 * own registers, a parked return address that follows no call) goes to
 * the general path.
 */
static inline bool orc_lr_fast_load_ok(unsigned long addr, unsigned long lo, unsigned long hi)
{
	return !(addr & 7) && addr >= lo && addr <= hi - 8;
}

notrace unsigned int arch_unwind_fast(struct kit_unwind_state *st, unsigned long *store,
				      unsigned int max, unsigned int *skip)
{
	unsigned long pc = st->pc, sp = st->sp, fp = st->fp;
	const unsigned long lo = st->stack_lo, hi = st->stack_hi;
	const unsigned long tlo = orc_kit_text_lo, tsize = orc_kit_text_hi - orc_kit_text_lo;
	unsigned int flags = st->flags, n = 0, end = 0;
	struct orc_cache c = st->orc_cache;

	if (*skip || (flags & ~KIT_UNWIND_FP_UNKNOWN) || hi - lo < 16 || sp < lo || sp > hi ||
	    (sp & (ORC_LR_ALIGN - 1)))
		return 0;
	while (n < max) {
		const orc_lr_entry *e = orc_find_cached_inline_sz(pc - 1, &c, ORC_LR_ENTRY_SIZE);
		unsigned long cfa, caller_sp, ra, next_fp, addr;
		unsigned int rt;

		if (!e)
			break;
		rt = e->regs_type;
		/* the entry frame, seen as arch_unwind_next() sees it (flags has no LR_VALID) */
		if (ORC_LR_TYPE(rt) == ORC_TYPE_END_OF_STACK) {
			end = KIT_UNWIND_FAST_END;
			break;
		}
		if (ORC_LR_TYPE(rt) != ORC_TYPE_CALL || ORC_LR_RA_REG(rt) != ORC_LR_REG_PREV_SP)
			break;
		if (ORC_LR_SP_REG(rt) == ORC_LR_REG_FP && !flags)
			cfa = fp + ORC_LR_OFFSET_SCALE * e->sp_offset;
		else if (ORC_LR_SP_REG(rt) == ORC_LR_REG_SP)
			cfa = sp + ORC_LR_OFFSET_SCALE * e->sp_offset;
		else
			break;
		caller_sp = cfa - ORC_LR_CFA_BIAS;
		if (orc_lr_cfa_below_bias(cfa) || caller_sp <= sp || caller_sp > hi ||
		    (cfa & (ORC_LR_ALIGN - 1)))
			break;
		addr = cfa + ORC_LR_OFFSET_SCALE * e->ra_offset;
		if (!orc_lr_fast_load_ok(addr, lo, hi))
			break;
		ra = orc_lr_fix_ra(*(const volatile unsigned long *)addr);
		if (!orc_lr_fast_ra_after_call(ra, tlo, tsize))
			break;
		switch (ORC_LR_FP_REG(rt)) {
		case ORC_LR_REG_UNDEFINED:
			next_fp = fp;
			break;
		case ORC_LR_REG_PREV_SP:
			addr = cfa + ORC_LR_OFFSET_SCALE * e->fp_offset;
			if (!orc_lr_fast_load_ok(addr, lo, hi))
				goto out;
			next_fp = *(const volatile unsigned long *)addr;
			flags = 0;
			break;
		default:
			goto out;
		}
		store[n++] = pc;
		pc = ra;
		sp = caller_sp;
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

#endif
