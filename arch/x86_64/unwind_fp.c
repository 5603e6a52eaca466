// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 reliable unwinding with frame pointers: the rbp chain, each
 * record {saved rbp, return address} at rbp, ending at the task's first
 * record: its saved rbp is the 0 the task trampoline put in rbp, its
 * return address the trampoline's END_OF_STACK call site, and it lies
 * near the top of the stack.
 *
 * Frame pointers cannot describe every instruction.  At an interrupted
 * pc the function may be in its prologue (rbp still the caller's), its
 * epilogue (rbp already popped) or a frameless asm leaf: the return
 * address is then not where the chain says, and a plain FP walk would
 * silently drop the caller.  The rule here: an interrupted frame is
 * trusted only where objtool-lite recorded "CFA = rbp + 16, rbp saved at
 * CFA - 16" for that pc, i.e. where the function's own record is set up;
 * anywhere else the walk reports KIT_UNWIND_FP_NOT_SET_UP.  The ORC
 * tables serve only to refuse (this check, unknown code, frames holding
 * pt_regs); every value of the trace comes from the frame records.
 * Call frames need no such check: objtool-lite --stackval guarantees a
 * kit function sets up its record before it calls anything.
 */
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/orc.h>
#include <kit/stacktrace.h>

#include <asm/orc_types.h>

const char kit_unwinder_name[] = "fp";

static bool frame_set_up(struct kit_unwind_state *st, unsigned long pc)
{
	const struct orc_entry_x86 *e = orc_find_cached(pc, &st->orc_cache);

	return e && ORC_X86_TYPE(e) == ORC_TYPE_CALL &&
	       ORC_X86_SP_REG(e) == ORC_X86_REG_BP && e->sp_offset == 16 &&
	       ORC_X86_BP_REG(e) == ORC_X86_REG_PREV_SP && e->bp_offset == -16;
}

int arch_unwind_next(struct kit_unwind_state *st)
{
	unsigned long fp = st->fp, next_fp, ra;
	int err;

	if (st->flags & KIT_UNWIND_AT_END)
		return 0;
	if ((st->flags & KIT_UNWIND_INTERRUPTED) && !frame_set_up(st, st->pc))
		return -KIT_UNWIND_FP_NOT_SET_UP;
	if (fp < st->sp)
		return -KIT_UNWIND_WRONG_WAY;
	err = kit_unwind_load(st, fp, &next_fp);
	if (!err)
		err = kit_unwind_load(st, fp + 8, &ra);
	if (err)
		return err;
	return kit_unwind_fp_record(st, next_fp, ra, kit_unwind_fp_call_site(st, ra));
}

/*
 * The fast path: call frames whose record {next fp > fp, ra} lies in the
 * stack above sp, ra after an e8 call in the image's text whose ORC entry
 * is an ordinary CALL (not the entry's END_OF_STACK, not pt_regs, no
 * signal bit).  The walk checked sp in [lo, hi] and 8-aligned; fp >= sp,
 * 8-aligned and fp + 16 <= hi make both loads in bounds and the caller's
 * sp valid.  The verdict on the current ORC range is decoded once, when
 * the walk's cache is filled.
 */
notrace unsigned int arch_unwind_fast(struct kit_unwind_state *st, unsigned long *store,
				      unsigned int max, unsigned int *skip)
{
	unsigned long pc = st->pc, sp = st->sp, fp = st->fp;
	const unsigned long hi16 = st->stack_hi - 16;
	const unsigned long tlo = orc_kit_text_lo + 7;
	unsigned long *const start = store, *const end = store + max;
	struct orc_cache c = st->orc_cache;
	unsigned long clo = c.lo, csize = c.hi - c.lo, tsize;
	bool ok = false;

	if (*skip || st->flags || !max || st->stack_hi - st->stack_lo < 16 || sp < st->stack_lo ||
	    sp > st->stack_hi || (sp & 7) || orc_kit_text_hi - orc_kit_text_lo < 8)
		return 0;
	/* ra - 7 and ra - 1 in [text_lo, text_hi) */
	tsize = orc_kit_text_hi - orc_kit_text_lo - 6;
	if (csize)	/* CALL, no signal bit */
		ok = (((const struct orc_entry_x86 *)c.entry)->regs_type & 0xf00) ==
		     ORC_TYPE_CALL << 8;
	for (;;) {
		unsigned long nfp, ra;

		if (fp < sp || fp > hi16 || (fp & 7))
			break;
		nfp = ((const volatile unsigned long *)fp)[0];
		ra = ((const volatile unsigned long *)fp)[1];
		if (nfp <= fp)
			break;
		/* the common e8 rel32 inline, any other call form decoded */
		if ((ra - tlo >= tsize || ((const unsigned char *)ra)[-5] != 0xe8) &&
		    !arch_ra_after_call(ra))
			break;
		if (ra - 1 - clo >= csize) {
			const struct orc_entry_x86 *e = orc_find_cached(ra - 1, &c);

			clo = c.lo;
			/* a module's entry is not cached: nor is its verdict */
			csize = e == c.entry ? c.hi - c.lo : 0;
			ok = e && (e->regs_type & 0xf00) == ORC_TYPE_CALL << 8;
		}
		if (!ok)
			break;
		*store++ = pc;
		pc = ra;
		sp = fp + 16;
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

/* the first frame's pc is the walk's to check */
const bool arch_unwind_fast_first = false;
