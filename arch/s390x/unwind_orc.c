// SPDX-License-Identifier: GPL-2.0
/*
 * s390x reliable unwinding with ORC (the port's 8-byte big-endian format,
 * arch/s390x/objtool/orc.md): one step from a frame to its caller's,
 * exact at any instruction objtool-lite described.
 *
 * CFA = (sp_reg SP ? r15 : r11) + 8 * sp_offset, DWARF's: the caller's
 * r15 is CFA - 160.  CALL: the return address at CFA + 8 * ra_offset
 * (PREV_SP), or still in r14 (R14) -- only in a frame whose registers we
 * hold (the interrupted one, or after a REGS frame); the caller's r11 at
 * CFA + 8 * fp_offset (PREV_SP), unchanged (UNDEFINED) or unknown from
 * there on (LOST: a caller framed on r11 is refused).  REGS: struct
 * pt_regs at sp_reg + 8 * sp_offset; REGS_PARTIAL: only its psw and r15.
 * END_OF_STACK: the task's entry.
 */
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/orc.h>
#include <kit/stacktrace.h>

#include <asm/orc_types.h>

const char kit_unwinder_name[] = "orc";

#define SCALE	ORC_S390X_OFFSET_SCALE
#define BIAS	ORC_S390X_CFA_BIAS

static int orc_call_frame(struct kit_unwind_state *st, const struct orc_entry_s390x *e,
			  unsigned long cfa)
{
	unsigned long ra, fp = st->fp;
	unsigned int rt = e->regs_type, flags = st->flags & KIT_UNWIND_FP_UNKNOWN;
	int err = 0;

	switch (ORC_S390X_RA_REG(rt)) {
	case ORC_S390X_REG_PREV_SP:
		err = kit_unwind_load(st, cfa + SCALE * e->ra_offset, &ra);
		break;
	case ORC_S390X_REG_R14:
		if (!(st->flags & KIT_UNWIND_LR_VALID))
			return -KIT_UNWIND_LR_INVALID;
		ra = st->lr;
		break;
	case ORC_S390X_REG_UNDEFINED:
		return -KIT_UNWIND_UNDEFINED;
	default:
		return -KIT_UNWIND_BAD_ENTRY;
	}
	if (err)
		return err;
	/* ra - 1 itself is looked up by the next step */
	if (!arch_ra_after_call(ra))
		return orc_in_text(ra - 1) ? -KIT_UNWIND_NOT_A_CALL : -KIT_UNWIND_UNKNOWN_CODE;
	switch (ORC_S390X_FP_REG(rt)) {
	case ORC_S390X_REG_UNDEFINED:
		break;
	case ORC_S390X_REG_PREV_SP:
		err = kit_unwind_load(st, cfa + SCALE * e->fp_offset, &fp);
		flags = 0;
		break;
	case ORC_S390X_REG_LOST:
		flags = KIT_UNWIND_FP_UNKNOWN;	/* a caller framed on r11 is refused */
		break;
	default:
		return -KIT_UNWIND_BAD_ENTRY;
	}
	if (err)
		return err;
	st->pc = ra;
	st->sp = cfa - BIAS;
	st->fp = fp;
	st->regs = NULL;
	st->flags = flags;
	return 1;
}

static int orc_regs_frame(struct kit_unwind_state *st, const struct orc_entry_s390x *e,
			  unsigned long addr)
{
	const struct pt_regs *regs = (const struct pt_regs *)addr;

	if (addr & 7)
		return -KIT_UNWIND_MISALIGNED;
	if (!kit_unwind_on_stack(st, addr, sizeof(*regs)))
		return -KIT_UNWIND_OUT_OF_STACK;
	st->pc = regs->psw_addr;
	st->sp = regs->gprs[15];
	if (ORC_S390X_TYPE(e->regs_type) == ORC_TYPE_REGS) {
		st->fp = regs->gprs[11];
		st->lr = regs->gprs[14];
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
	const struct orc_entry_s390x *e = orc_find_cached(intr ? st->pc : st->pc - 1,
							  &st->orc_cache);
	unsigned long cfa;
	int err;

	if (!e)
		return -KIT_UNWIND_UNKNOWN_CODE;
	err = kit_unwind_frame_type(ORC_S390X_TYPE(e->regs_type));
	if (err <= 0)
		return err;
	switch (ORC_S390X_SP_REG(e->regs_type)) {
	case ORC_S390X_REG_SP:
		cfa = st->sp + SCALE * e->sp_offset;
		break;
	case ORC_S390X_REG_FP:
		if (st->flags & KIT_UNWIND_FP_UNKNOWN)
			return -KIT_UNWIND_BAD_ENTRY;
		cfa = st->fp + SCALE * e->sp_offset;
		break;
	case ORC_S390X_REG_UNDEFINED:
		return -KIT_UNWIND_UNDEFINED;
	default:
		return -KIT_UNWIND_BAD_ENTRY;
	}
	if ((cfa | st->sp) & 7)
		return -KIT_UNWIND_MISALIGNED;
	if (ORC_S390X_TYPE(e->regs_type) == ORC_TYPE_CALL) {
		/* the caller's sp must lie in the stack before anything is read */
		if (cfa < BIAS)
			return -KIT_UNWIND_OUT_OF_STACK;
		return orc_call_frame(st, e, cfa);
	}
	return orc_regs_frame(st, e, cfa);
}

/*
 * The fast path: call frames whose CFA is r15 or r11 + offset, the
 * return address saved at CFA + ra_offset and right after a call in the
 * image's text, r11 unchanged or saved at CFA + fp_offset.  State in
 * registers; every check of the general path is here: sp is in [lo, hi]
 * on entry (the walk checked it), sp < cfa - 160 <= hi keeps the caller's
 * sp valid and strictly upwards (no LR_VALID frame comes here), and each
 * load is checked against [lo, hi - 8] and 8-aligned.
 */
static inline bool fast_ra_after_call(unsigned long ra, unsigned long tlo, unsigned long tsize)
{
	const uint8_t *p = (const uint8_t *)ra;

	/* the six bytes before ra in the image's text */
	if ((ra & 1) || ra - 6 - tlo >= tsize)
		return false;
	return p[-2] == 0x0d || p[-4] == 0x4d || (p[-4] == 0xa7 && (p[-3] & 0xf) == 5) ||
	       (p[-6] == 0xc0 && (p[-5] & 0xf) == 5);
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
	    (sp & 7))
		return 0;
	while (n < max) {
		const struct orc_entry_s390x *e =
			orc_find_cached_inline_sz(pc - 1, &c, ORC_S390X_ENTRY_SIZE);
		unsigned long cfa, ra, next_fp, addr;
		unsigned int rt;

		if (!e)
			break;
		rt = e->regs_type;
		/* the entry frame, seen as arch_unwind_next() sees it (flags has no LR_VALID) */
		if (ORC_S390X_TYPE(rt) == ORC_TYPE_END_OF_STACK) {
			end = KIT_UNWIND_FAST_END;
			break;
		}
		if (ORC_S390X_TYPE(rt) != ORC_TYPE_CALL ||
		    ORC_S390X_RA_REG(rt) != ORC_S390X_REG_PREV_SP)
			break;
		if (ORC_S390X_SP_REG(rt) == ORC_S390X_REG_FP && !flags)
			cfa = fp + SCALE * e->sp_offset;
		else if (ORC_S390X_SP_REG(rt) == ORC_S390X_REG_SP)
			cfa = sp + SCALE * e->sp_offset;
		else
			break;
		if (cfa < BIAS || cfa - BIAS <= sp || cfa - BIAS > hi || (cfa & 7))
			break;
		addr = cfa + SCALE * e->ra_offset;
		if ((addr & 7) || addr < lo || addr > hi - 8)
			break;
		ra = *(const volatile unsigned long *)addr;
		if (!fast_ra_after_call(ra, tlo, tsize))
			break;
		switch (ORC_S390X_FP_REG(rt)) {
		case ORC_S390X_REG_UNDEFINED:
			next_fp = fp;
			break;
		case ORC_S390X_REG_PREV_SP:
			addr = cfa + SCALE * e->fp_offset;
			if ((addr & 7) || addr < lo || addr > hi - 8)
				goto out;
			next_fp = *(const volatile unsigned long *)addr;
			flags = 0;
			break;
		default:
			goto out;
		}
		store[n++] = pc;
		pc = ra;
		sp = cfa - BIAS;
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
