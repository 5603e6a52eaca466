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
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/orc.h>
#include <kit/stacktrace.h>

#include <asm/orc_types.h>

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

notrace int arch_unwind_next(struct kit_unwind_state *st)
{
	bool intr = st->flags & KIT_UNWIND_INTERRUPTED;
	const struct orc_entry_x86 *e = orc_find_cached(intr ? st->pc : st->pc - 1,
							&st->orc_cache);
	unsigned long cfa;
	int err;

	if (!e)
		return -KIT_UNWIND_UNKNOWN_CODE;
	err = kit_unwind_frame_type(ORC_X86_TYPE(e));
	if (err <= 0)
		return err;
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
 * and the caller's sp valid and upwards; the saved bp is loaded from
 * cfa + bp_offset, 8-aligned, <= cfa - 8 <= hi - 8, and >= sp because
 * cfa >= sp - bp_offset ("need" below, which also gives cfa > sp).  Only
 * frames with bp known (flags 0) come here, and a step never makes bp
 * unknown.  An entry is decoded once per cached range, and each of the
 * four frame kinds gets its own loop, run while pc stays in the range.
 */
#define FAST_OK		0x4u	/* a CALL entry the fast path handles */
#define FAST_CFA_BP	0x1u	/* CFA = bp + sp_offset (else sp + sp_offset) */
#define FAST_BP_SAVED	0x2u	/* caller's bp at CFA + bp_offset (else unchanged) */

/*
 * What the fast path does with entry e, or 0: leave it to the general
 * path.  sp_offset must be 8-aligned (then cfa is aligned exactly when
 * its base is, and an sp-based cfa always is); a saved bp is taken only
 * from an 8-aligned bp_offset <= -8.  *need: the least cfa - sp.
 */
static inline __attribute__((__always_inline__)) unsigned int
fast_kind(const struct orc_entry_x86 *e, unsigned long *need)
{
	unsigned int rt = e->regs_type, k = FAST_OK;

	if (ORC_X86_TYPE(e) != ORC_TYPE_CALL || (e->sp_offset & 7))
		return 0;
	if ((rt & 0xf) == ORC_X86_REG_BP)
		k |= FAST_CFA_BP;
	else if ((rt & 0xf) != ORC_X86_REG_SP)
		return 0;
	*need = 1;
	if (((rt >> 4) & 0xf) == ORC_X86_REG_PREV_SP) {
		if (e->bp_offset > -8 || (e->bp_offset & 7))
			return 0;
		k |= FAST_BP_SAVED;
		*need = -(long)e->bp_offset;
	} else if (((rt >> 4) & 0xf) != ORC_X86_REG_UNDEFINED) {
		return 0;
	}
	/* sp-based: cfa - sp is sp_offset, checked here once */
	if (!(k & FAST_CFA_BP) && e->sp_offset < (long)*need)
		return 0;
	return k;
}

struct fast_regs {
	unsigned long pc, sp, fp;
	unsigned long *out;
};

enum { FAST_LEFT, FAST_STOP, FAST_FULL };

/*
 * Steps frames of one kind while pc - 1 stays in the cached range
 * [clo1 - 1, clo1 - 1 + csize) (at least once: the caller just looked pc
 * up).  FAST_LEFT: pc left the range; FAST_STOP: a frame the general path
 * must see, r untouched for it; FAST_FULL: out reached oend.
 */
static inline __attribute__((__always_inline__)) int
fast_run(const unsigned int kind, struct fast_regs *r, long soff, long boff,
	 unsigned long need, unsigned long hi, unsigned long clo1, unsigned long csize,
	 unsigned long *oend)
{
	unsigned long pc = r->pc, sp = r->sp, fp = r->fp, *out = r->out;
	const unsigned long tlo = orc_kit_text_lo + 7;
	/* ra - 7 and ra - 1 in [text_lo, text_hi) */
	const unsigned long tsize = orc_kit_text_hi - orc_kit_text_lo - 6;
	int ret = FAST_LEFT;

	do {
		unsigned long cfa = ((kind & FAST_CFA_BP) ? fp : sp) + soff, ra;

		if (kind & FAST_CFA_BP) {
			if (cfa < sp + need || cfa > hi || (cfa & 7)) {
				ret = FAST_STOP;
				break;
			}
		} else if (cfa > hi) {
			ret = FAST_STOP;
			break;
		}
		ra = *(const volatile unsigned long *)(cfa - 8);
		/*
		 * The common e8 rel32 and ff /2 "call *%reg" (ff d0+r, what
		 * arch_ra_after_call() takes at length 2) inline, any other
		 * call form decoded.
		 */
		if (__builtin_expect(ra - tlo >= tsize ||
				     ((const unsigned char *)ra)[-5] != 0xe8, 0) &&
		    !(ra - tlo < tsize && ((const unsigned char *)ra)[-2] == 0xff &&
		      (((const unsigned char *)ra)[-1] & 0xf8) == 0xd0) &&
		    !arch_ra_after_call(ra)) {
			ret = FAST_STOP;
			break;
		}
		if (kind & FAST_BP_SAVED)
			fp = *(const volatile unsigned long *)(cfa + boff);
		*out++ = pc;
		pc = ra;
		sp = cfa;
		if (out == oend) {
			ret = FAST_FULL;
			break;
		}
	} while (pc - clo1 < csize);
	r->pc = pc;
	r->sp = sp;
	r->fp = fp;
	r->out = out;
	return ret;
}

#define FAST_MAX_SKIP	4

notrace unsigned int arch_unwind_fast(struct kit_unwind_state *st, unsigned long *store,
				      unsigned int max, unsigned int *skip)
{
	const unsigned long hi = st->stack_hi;
	unsigned long dummy[FAST_MAX_SKIP], *oend;
	struct fast_regs r = { st->pc, st->sp, st->fp, NULL };
	struct orc_cache c = st->orc_cache;
	unsigned int skip0 = *skip, stepped, end = 0;
	bool skipping = skip0;

	if (st->flags || skip0 > FAST_MAX_SKIP || (!max && !skip0) ||
	    r.sp < st->stack_lo || r.sp > hi || (r.sp & 7) ||
	    orc_kit_text_hi - orc_kit_text_lo < 8)
		return 0;
	r.out = skipping ? dummy : store;
	oend = skipping ? dummy + skip0 : store + max;
	for (;;) {
		const struct orc_entry_x86 *e =
			orc_find_cached_inline_sz(r.pc - 1, &c, ORC_X86_ENTRY_SIZE);
		unsigned long clo1, csize, need = 1;
		long soff, boff;
		int ret;

		if (!e)
			break;
		if (ORC_X86_TYPE(e) == ORC_TYPE_END_OF_STACK) {
			end = KIT_UNWIND_FAST_END;
			break;
		}
		clo1 = c.lo + 1;
		/* a module's entry is not cached: one step, then looked up again */
		csize = e == c.entry ? c.hi - c.lo : 0;
		soff = e->sp_offset;
		boff = e->bp_offset;
		switch (fast_kind(e, &need)) {
		case FAST_OK:
			ret = fast_run(FAST_OK, &r, soff, boff, need, hi, clo1, csize, oend);
			break;
		case FAST_OK | FAST_BP_SAVED:
			ret = fast_run(FAST_OK | FAST_BP_SAVED, &r, soff, boff, need, hi,
				       clo1, csize, oend);
			break;
		case FAST_OK | FAST_CFA_BP:
			ret = fast_run(FAST_OK | FAST_CFA_BP, &r, soff, boff, need, hi,
				       clo1, csize, oend);
			break;
		case FAST_OK | FAST_CFA_BP | FAST_BP_SAVED:
			ret = fast_run(FAST_OK | FAST_CFA_BP | FAST_BP_SAVED, &r, soff, boff,
				       need, hi, clo1, csize, oend);
			break;
		default:
			ret = FAST_STOP;
			break;
		}
		if (ret == FAST_STOP)
			break;
		if (ret == FAST_FULL) {
			if (!skipping || !max)
				break;
			skipping = false;
			r.out = store;
			oend = store + max;
		}
	}
	stepped = skipping ? r.out - dummy : skip0 + (r.out - store);
	if (stepped) {
		st->pc = r.pc;
		st->sp = r.sp;
		st->fp = r.fp;
		st->regs = NULL;
		st->flags = 0;
	}
	st->orc_cache = c;
	*skip = skip0 - (skipping ? r.out - dummy : skip0);
	return (skipping ? 0 : r.out - store) | end;
}

const bool arch_unwind_fast_first = true;
