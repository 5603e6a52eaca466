/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reliable stack traces (Documentation/livepatch/reliable-stacktrace.rst):
 * a trace is returned only when every function the task may return to is
 * in it, it ends at the task's entry (the END_OF_STACK frame of the task
 * trampoline, or for frame pointers the zero frame record at the stack
 * top), and every step went through code objtool-lite described, within
 * [stack_lo, stack_hi), upwards, aligned.  Otherwise the walk fails with
 * -EINVAL and a reason (kit_stack_trace_reason()).  Every load is checked
 * against the stack bounds first: a corrupted stack never faults.
 *
 * The unwinder is chosen at build time: arch/<arch>/unwind_orc.c (exact at
 * any instruction) or arch/<arch>/unwind_fp.c (frame records; refuses an
 * interrupted frame whose record is not set up, and pt_regs frames).
 */
#ifndef _KIT_STACKTRACE_H
#define _KIT_STACKTRACE_H

#include <stdbool.h>

#include <asm/ptrace.h>
#include <kit/arch.h>	/* arch_unwind_*, kit_unwinder_name */
#include <kit/orc.h>

/*
 * From the interrupted context regs (its pc is the interrupted
 * instruction, not a return address) on the stack [stack_lo, stack_hi).
 * Fills store with at most size pcs, innermost first; returns how many,
 * -EINVAL when the trace is not reliable, -E2BIG when size is too small.
 */
int kit_stack_trace_save_regs_reliable(const struct pt_regs *regs,
				       unsigned long stack_lo, unsigned long stack_hi,
				       unsigned long *store, unsigned int size);

/*
 * From the caller: store[0] is the return address into the caller of this
 * function.  The stack is the current task's, or what
 * kit_stack_trace_set_stack() said for this thread; -EINVAL without one.
 */
int kit_stack_trace_save_reliable(unsigned long *store, unsigned int size);

/* Stack bounds for kit_stack_trace_save_reliable() on this thread (0, 0: none). */
void kit_stack_trace_set_stack(unsigned long stack_lo, unsigned long stack_hi);

/* Why the last walk on this thread failed. */
enum kit_unwind_reason {
	KIT_UNWIND_OK,
	KIT_UNWIND_UNKNOWN_CODE,	/* pc not in kit text nor a module */
	KIT_UNWIND_UNDEFINED,		/* ORC entry UNDEFINED */
	KIT_UNWIND_BAD_ENTRY,		/* ORC entry the unwinder cannot use */
	KIT_UNWIND_OUT_OF_STACK,	/* a load or sp outside [lo, hi) */
	KIT_UNWIND_MISALIGNED,		/* a misaligned frame or load */
	KIT_UNWIND_WRONG_WAY,		/* the stack went down, or not up */
	KIT_UNWIND_LR_INVALID,		/* ra in the link register outside the innermost frame */
	KIT_UNWIND_NOT_A_CALL,		/* fp: a return address not after a call */
	KIT_UNWIND_FP_NOT_SET_UP,	/* fp: interrupted where the record is not set up */
	KIT_UNWIND_FP_REGS,		/* fp: a pt_regs frame in kernel code */
	KIT_UNWIND_NO_END,		/* fp: chain ended without the entry record */
	KIT_UNWIND_TOO_DEEP,		/* more frames than any kit stack holds */
	KIT_UNWIND_NO_STACK,		/* no stack bounds known for current */
	KIT_UNWIND_STORE_FULL,		/* store too small (-E2BIG) */
	KIT_UNWIND_FTRACE_RETURN,	/* interrupted at ftrace_regs_caller_ret */
	KIT_UNWIND_NR_REASONS
};
enum kit_unwind_reason kit_stack_trace_reason(void);
const char *kit_unwind_reason_str(enum kit_unwind_reason r);

/*
 * Print the frames of a reliable walk, symbolized (%pS), then the verdict;
 * on failure, the frames found so far and the reason.
 */
void kit_show_stack(const struct pt_regs *regs, unsigned long stack_lo,
		    unsigned long stack_hi);

/* --- the state the arch unwinders step (hooks: <kit/arch.h>) ----------- */

#define KIT_UNWIND_INTERRUPTED	0x1u	/* pc is exact: look up pc, not pc - 1 */
#define KIT_UNWIND_LR_VALID	0x2u	/* lr holds this frame's link register */
#define KIT_UNWIND_FP_UNKNOWN	0x4u	/* fp not known (after partial regs) */
#define KIT_UNWIND_AT_END	0x8u	/* fp: this frame is the task entry */

struct kit_unwind_state {
	unsigned long pc, sp, fp, lr;
	unsigned long stack_lo, stack_hi;
	const struct pt_regs *regs;	/* full regs of this frame, or NULL */
	unsigned int flags;		/* KIT_UNWIND_* */
	struct orc_cache orc_cache;	/* ORC lookups of this walk (zeroed at start) */
};

/*
 * The unwinder hooks (declared in <kit/arch.h>), in detail:
 * arch_unwind_next(): one step to the caller's frame.  1: st is the
 * caller's frame; 0: st was the entry frame, the walk is complete;
 * -reason: unreliable.
 * arch_unwind_fast(): the common case of arch_unwind_next() in bulk,
 * inlined: from st (a frame whose pc is known good), steps over ordinary
 * call frames: the first *skip of them without storing their pc (*skip is
 * decreased by each), then at most max more, storing each frame's pc in
 * store[0..) before stepping from it.  It stops -- st untouched from there
 * on -- at the first frame anything about is unusual.  A frame is taken
 * here only if arch_unwind_next() plus the walk's own checks (sp within
 * the stack, upwards, aligned) would take it with the same result;
 * everything else (pt_regs, errors) is left to the general path.  Returns
 * the number of frames stored, ORed with KIT_UNWIND_FAST_END when it
 * stopped at a frame arch_unwind_next() would end the walk at (st is that
 * frame, neither stored nor skipped).  An implementation may take nothing
 * when *skip is not 0.
 * arch_unwind_fast_first: the fast path checks the first frame's own pc
 * the way the walk does (ORC: it looks pc - 1 up), so the walk may call it
 * for the first frame.
 * arch_unwind_capture(): records its caller's state right after the call
 * returns (pc the return address, sp and fp the caller's).
 * arch_ra_after_call(): ra is kit code right after a call instruction
 * (both unwinders check every return address they take from the stack).
 */
#define KIT_UNWIND_FAST_END	0x80000000u

/*
 * The walk itself, from a state set up by the caller (the tests walk
 * copies of stacks, the benchmark times it): as the save functions.
 */
int kit_unwind_walk_state(struct kit_unwind_state *st, unsigned long *store,
			  unsigned int size);

/* A checked stack load: 0, or -reason.  For arch code. */
/*
 * One step over a frame record {saved fp, return address} at st->fp, for
 * the frame-pointer unwinders once the arch has loaded the record and
 * judged the call site by its ORC data (@site: 0 an ordinary call, 1 the
 * task entry's END_OF_STACK call, -reason to stop).  The task's first
 * record holds fp 0, returns into the entry and lies near the stack top.
 */
int kit_unwind_fp_record(struct kit_unwind_state *st, unsigned long next_fp,
			 unsigned long ra, int site);

/*
 * What objtool-lite's data says of the call site @ra returns to, for the
 * frame-pointer unwinders: 0 an ordinary call, 1 the task entry's
 * END_OF_STACK call, -reason when the walk must stop there (unknown code,
 * a pt_regs or signal frame, not after a call instruction).
 */
int kit_unwind_fp_call_site(struct kit_unwind_state *st, unsigned long ra);

/*
 * What an ORC entry's frame type means for a walk: 0 the end of the
 * stack, 1 a frame to step through, -reason to stop.
 */
int kit_unwind_frame_type(unsigned int type);

static inline int kit_unwind_load(const struct kit_unwind_state *st,
				  unsigned long addr, unsigned long *val)
{
	if (addr & (sizeof(long) - 1))
		return -KIT_UNWIND_MISALIGNED;
	if (addr < st->stack_lo || st->stack_hi - st->stack_lo < sizeof(long) ||
	    addr > st->stack_hi - sizeof(long))
		return -KIT_UNWIND_OUT_OF_STACK;
	*val = *(const volatile unsigned long *)addr;
	return 0;
}

/* Whether [addr, addr + len) lies in the stack, for pt_regs frames. */
static inline bool kit_unwind_on_stack(const struct kit_unwind_state *st,
				       unsigned long addr, unsigned long len)
{
	return addr >= st->stack_lo && len <= st->stack_hi - st->stack_lo &&
	       addr - st->stack_lo <= st->stack_hi - st->stack_lo - len;
}

#endif /* _KIT_STACKTRACE_H */
