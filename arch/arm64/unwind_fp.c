// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 reliable unwinding with frame pointers: the chain of frame
 * records {x29, x30} at x29, ending at the task's first record,
 * whose saved x29 is the 0 the task trampoline put there and whose return
 * address is the trampoline's END_OF_STACK call site.
 *
 * At an interrupted pc the frame record may not be set up (prologue,
 * epilogue, a leaf that never saves x30, frameless asm): the return
 * address is then in x30 or nowhere the chain shows, and a plain FP walk
 * would drop the caller.  The rule: an interrupted frame is trusted only
 * where objtool-lite recorded "CFA = x29 + N, x29 saved at CFA - N, x30
 * at CFA - N + 8" for that pc, i.e. x29 points at this function's own
 * record; elsewhere the walk reports KIT_UNWIND_FP_NOT_SET_UP.  ORC is
 * used only to refuse (this check, unknown code, pt_regs frames); every
 * value of the trace comes from the frame records.
 */
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/orc.h>
#include <kit/stacktrace.h>

#include <asm/orc_types.h>

const char kit_unwinder_name[] = "fp";

#define ARM64_VA_MASK	((1UL << 48) - 1)

static bool frame_set_up(struct kit_unwind_state *st, unsigned long pc)
{
	const struct orc_entry_arm64 *e = orc_find_cached(pc, &st->orc_cache);

	return e && ORC_ARM64_TYPE(e) == ORC_TYPE_CALL &&
	       ORC_ARM64_SP_REG(e) == ORC_ARM64_REG_FP &&
	       ORC_ARM64_FP_REG(e) == ORC_ARM64_REG_PREV_SP &&
	       ORC_ARM64_RA_REG(e) == ORC_ARM64_REG_PREV_SP &&
	       e->fp_offset == -e->sp_offset && e->ra_offset == -e->sp_offset + 8;
}

int arch_unwind_next(struct kit_unwind_state *st)
{
	unsigned long fp = st->fp, next_fp, ra;
	int err;

	if (st->flags & KIT_UNWIND_AT_END)
		return 0;
	if ((st->flags & KIT_UNWIND_INTERRUPTED) && !frame_set_up(st, st->pc))
		return -KIT_UNWIND_FP_NOT_SET_UP;
	if ((fp | st->sp) & 15)
		return -KIT_UNWIND_MISALIGNED;
	if (fp < st->sp)
		return -KIT_UNWIND_WRONG_WAY;
	err = kit_unwind_load(st, fp, &next_fp);
	if (!err)
		err = kit_unwind_load(st, fp + 8, &ra);
	if (err)
		return err;
	ra &= ARM64_VA_MASK;
	return kit_unwind_fp_record(st, next_fp, ra, kit_unwind_fp_call_site(st, ra));
}

/*
 * The fast path: call frames whose record {next x29 > x29, ra} lies in
 * the stack above sp, 16-aligned, ra after a bl/blr in the image's text
 * whose ORC entry is an ordinary CALL (not the entry's END_OF_STACK, not
 * pt_regs).  The walk checked sp in [lo, hi]; x29 >= sp and x29 + 16 <= hi
 * make both loads in bounds and the caller's sp valid and upwards.
 */
notrace unsigned int arch_unwind_fast(struct kit_unwind_state *st, unsigned long *store,
				      unsigned int max, unsigned int *skip)
{
	unsigned long pc = st->pc, sp = st->sp, fp = st->fp;
	const unsigned long lo = st->stack_lo, hi = st->stack_hi;
	const unsigned long tlo = orc_kit_text_lo, tsize = orc_kit_text_hi - orc_kit_text_lo;
	unsigned int n = 0;
	struct orc_cache c = st->orc_cache;

	if (*skip || st->flags || hi - lo < 16 || sp < lo || sp > hi)
		return 0;
	while (n < max) {
		const struct orc_entry_arm64 *e;
		unsigned long next_fp, ra;
		uint32_t insn;

		if (((fp | sp) & 15) || fp < sp || fp > hi - 16)
			break;
		next_fp = ((const volatile unsigned long *)fp)[0];
		ra = ((const volatile unsigned long *)fp)[1] & ARM64_VA_MASK;
		if (next_fp <= fp || (ra & 3) || ra - 4 - tlo >= tsize)
			break;
		insn = *(const uint32_t *)(ra - 4);
		if ((insn & 0xfc000000) != 0x94000000 && (insn & 0xfffffc1f) != 0xd63f0000)
			break;
		e = orc_find_cached_inline(ra - 1, &c);
		/* CALL, no signal bit */
		if (!e || (e->regs_type & 0xf000) != ORC_TYPE_CALL << 12)
			break;
		store[n++] = pc;
		pc = ra;
		sp = fp + 16;
		fp = next_fp;
	}
	if (n) {
		st->pc = pc;
		st->sp = sp;
		st->fp = fp;
		st->regs = NULL;
		st->flags = 0;
	}
	st->orc_cache = c;
	return n;
}

/* the first frame's pc is the walk's to check */
const bool arch_unwind_fast_first = false;
