// SPDX-License-Identifier: GPL-2.0
/*
 * Reliable stack traces, arch-neutral part: the walk loop and its checks
 * (known code, bounds, direction, depth), the reason of a failure, and
 * the stack dump.  One step of the walk is the arch's (arch_unwind_next,
 * ORC or frame pointers, chosen at build time).
 */
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/orc.h>
#include <kit/printk.h>
#include <kit/stacktrace.h>

#include "../orc/orc_types.h"

#include <kit/task.h>

/* a 16 KiB kernel stack holds no more frames of 16 bytes */
#define KIT_UNWIND_MAX_FRAMES	1024
/*
 * The entry frame must be this close to the top of the stack: a corrupted
 * return address that happens to be the trampoline's call site would
 * otherwise end the walk early with a truncated, "reliable" trace.
 */
#define KIT_UNWIND_END_SLACK	512

static __thread enum kit_unwind_reason last_reason;
static __thread unsigned long thread_stack_lo, thread_stack_hi;

static const char *const reason_str[KIT_UNWIND_NR_REASONS] = {
	[KIT_UNWIND_OK]			= "reliable",
	[KIT_UNWIND_UNKNOWN_CODE]	= "pc not in kit or module text",
	[KIT_UNWIND_UNDEFINED]		= "no unwind information (UNDEFINED ORC entry)",
	[KIT_UNWIND_BAD_ENTRY]		= "ORC entry not usable here",
	[KIT_UNWIND_OUT_OF_STACK]	= "frame outside the task's stack",
	[KIT_UNWIND_MISALIGNED]		= "misaligned frame",
	[KIT_UNWIND_WRONG_WAY]		= "stack going the wrong way",
	[KIT_UNWIND_LR_INVALID]		= "return address in the link register of a called frame",
	[KIT_UNWIND_NOT_A_CALL]		= "return address not after a call instruction",
	[KIT_UNWIND_FP_NOT_SET_UP]	= "frame chain: interrupted where the frame record or back chain is not set up",
	[KIT_UNWIND_FP_REGS]		= "frame chain: pt_regs frame in kernel code",
	[KIT_UNWIND_NO_END]		= "did not reach the task's entry frame",
	[KIT_UNWIND_TOO_DEEP]		= "too many frames",
	[KIT_UNWIND_NO_STACK]		= "no stack bounds for the current context",
	[KIT_UNWIND_STORE_FULL]		= "trace buffer too small",
	[KIT_UNWIND_FTRACE_RETURN]	= "at the ftrace trampoline's return: its return slot may hold a redirected ip",
};

const char *kit_unwind_reason_str(enum kit_unwind_reason r)
{
	return (unsigned int)r < KIT_UNWIND_NR_REASONS ? reason_str[r] : "?";
}

enum kit_unwind_reason kit_stack_trace_reason(void)
{
	return last_reason;
}

void kit_stack_trace_set_stack(unsigned long stack_lo, unsigned long stack_hi)
{
	thread_stack_lo = stack_lo;
	thread_stack_hi = stack_hi;
}

static int fail(int reason)
{
	last_reason = reason;
	return reason == KIT_UNWIND_STORE_FULL ? -E2BIG : -EINVAL;
}

/*
 * The walk's fast path (arch_unwind_fast()) from depth *depth: advances
 * the walk's state over the frames it took.  true: the walk is over, its
 * result in *ret (the entry frame was reached: what arch_unwind_next()
 * returning 0 leads to).  A *depth of KIT_UNWIND_MAX_FRAMES or more on
 * return: too deep.
 */
static inline __attribute__((__always_inline__)) bool
fast_steps(struct kit_unwind_state *st, unsigned long *store, unsigned int size,
	   unsigned int *skip, unsigned int *nr, unsigned int *depth,
	   unsigned long *prev_sp, bool *may_stay, int *ret)
{
	unsigned int left = KIT_UNWIND_MAX_FRAMES - *depth, sk = *skip, k, steps;
	unsigned int max = min(size - *nr, left - min(*skip, left));
	bool end;

	k = arch_unwind_fast(st, store + *nr, max, &sk);
	end = k & KIT_UNWIND_FAST_END;
	k &= ~KIT_UNWIND_FAST_END;
	steps = k + (*skip - sk);
	if (steps) {
		*nr += k;
		*depth += steps;
		*skip = sk;
		if (*depth >= KIT_UNWIND_MAX_FRAMES)
			return false;
		*prev_sp = st->sp;
		*may_stay = st->flags & KIT_UNWIND_LR_VALID;
	}
	if (!end)
		return false;
	/* the entry frame: what arch_unwind_next() returning 0 does */
	if (*skip) {
		(*skip)--;
	} else {
		if (*nr >= size) {
			*ret = fail(KIT_UNWIND_STORE_FULL);
			return true;
		}
		store[(*nr)++] = st->pc;
	}
	if (st->stack_hi - st->sp > KIT_UNWIND_END_SLACK) {
		*ret = fail(KIT_UNWIND_NO_END);
		return true;
	}
	last_reason = KIT_UNWIND_OK;
	*ret = *nr;
	return true;
}

/*
 * The walk.  Frames after the first skip go to store; *nr says how many
 * were stored even on failure (for kit_show_stack).
 */
static notrace int walk(struct kit_unwind_state *st, unsigned long *store, unsigned int size,
		unsigned int skip, unsigned int *nr)
{
	*nr = 0;
	if (st->stack_lo >= st->stack_hi)
		return fail(KIT_UNWIND_NO_STACK);
	if (st->sp < st->stack_lo || st->sp > st->stack_hi)
		return fail(KIT_UNWIND_OUT_OF_STACK);
	if (st->sp & (sizeof(long) - 1))
		return fail(KIT_UNWIND_MISALIGNED);
	for (unsigned int depth = 0; depth < KIT_UNWIND_MAX_FRAMES; depth++) {
		unsigned long prev_sp = st->sp;
		bool may_stay = st->flags & KIT_UNWIND_LR_VALID;
		int ret;

		/*
		 * Ordinary frames in bulk; the general step for the rest.  At
		 * depth 0 only a fast path that checks the first pc itself
		 * (ORC: its lookup of pc - 1 finds a CALL or END_OF_STACK
		 * entry), and only for a call frame.
		 */
		if (depth || (arch_unwind_fast_first && !st->flags)) {
			bool first = !depth;

			if (fast_steps(st, store, size, &skip, nr, &depth, &prev_sp, &may_stay,
				       &ret))
				return ret;
			if (depth >= KIT_UNWIND_MAX_FRAMES)
				break;
			if (first && depth)
				first = false;	/* the fast path took (and checked) it */
			if (!first)
				goto stepped;
		}
		/*
		 * The first pc is checked here; every later one by the step
		 * that produced it (ORC looks it up, FP checks its call site).
		 */
		if (!depth) {
			/* orc_ip_known(), through the walk's cache: the step looks it up again */
			const void *e = orc_find_cached(st->flags & KIT_UNWIND_INTERRUPTED ?
							st->pc : st->pc - 1, &st->orc_cache);

			if (!e || arch_orc_type(e) == ORC_TYPE_UNDEFINED)
				return fail(KIT_UNWIND_UNKNOWN_CODE);
		}
stepped:
		/*
		 * Interrupted on the trampoline's final return: the slot it
		 * returns through holds the traced function's resume point, or
		 * after IPMODIFY another function's entry, which is no return
		 * address (its pc - 1 lies in the function before).  Whatever
		 * the port's tables say there, the trace cannot be trusted.
		 */
		if ((st->flags & KIT_UNWIND_INTERRUPTED) &&
		    st->pc == (unsigned long)ftrace_regs_caller_ret)
			return fail(KIT_UNWIND_FTRACE_RETURN);
		if (skip) {
			skip--;
		} else {
			if (*nr >= size)
				return fail(KIT_UNWIND_STORE_FULL);
			store[(*nr)++] = st->pc;
		}
		ret = arch_unwind_next(st);
		if (ret < 0)
			return fail(-ret);
		if (ret == 0) {
			if (st->stack_hi - st->sp > KIT_UNWIND_END_SLACK)
				return fail(KIT_UNWIND_NO_END);
			last_reason = KIT_UNWIND_OK;
			return *nr;
		}
		if (st->sp < st->stack_lo || st->sp > st->stack_hi)
			return fail(KIT_UNWIND_OUT_OF_STACK);
		/* up, strictly, but for one frame whose caller's ra was in x30 */
		if (st->sp < prev_sp || (st->sp == prev_sp && !may_stay))
			return fail(KIT_UNWIND_WRONG_WAY);
		if (st->sp & (sizeof(long) - 1))
			return fail(KIT_UNWIND_MISALIGNED);
	}
	return fail(KIT_UNWIND_TOO_DEEP);
}

int kit_unwind_walk_state(struct kit_unwind_state *st, unsigned long *store,
			  unsigned int size)
{
	unsigned int nr;

	return walk(st, store, size, 0, &nr);
}

int kit_stack_trace_save_regs_reliable(const struct pt_regs *regs,
				       unsigned long stack_lo, unsigned long stack_hi,
				       unsigned long *store, unsigned int size)
{
	struct kit_unwind_state st = { .stack_lo = stack_lo, .stack_hi = stack_hi };
	unsigned int nr;

	arch_unwind_init_regs(&st, regs);
	return walk(&st, store, size, 0, &nr);
}

static bool current_stack(unsigned long *lo, unsigned long *hi)
{
	if (thread_stack_hi) {
		*lo = thread_stack_lo;
		*hi = thread_stack_hi;
		return true;
	}
	if (current) {
		*lo = current->stack_base;
		*hi = current->stack_base + current->stack_size;
		return true;
	}
	return false;
}

noinline notrace int kit_stack_trace_save_reliable(unsigned long *store, unsigned int size)
{
	struct kit_unwind_state st = { 0 };
	struct pt_regs regs;	/* arch_unwind_capture() sets ip, sp and bp */
	unsigned int nr;
	int ret;

	if (!current_stack(&st.stack_lo, &st.stack_hi))
		return fail(KIT_UNWIND_NO_STACK);
	arch_unwind_capture(&regs);
	st.pc = instruction_pointer(&regs);
	st.sp = kernel_stack_pointer(&regs);
	st.fp = frame_pointer(&regs);
	/* a call frame: pc is a return address (into this function) */
	st.flags = 0;
	ret = walk(&st, store, size, 1, &nr);
	barrier();	/* no tail call: this frame must stay on the stack */
	return ret;
}

void kit_show_stack(const struct pt_regs *regs, unsigned long stack_lo,
		    unsigned long stack_hi)
{
	struct kit_unwind_state st = { .stack_lo = stack_lo, .stack_hi = stack_hi };
	unsigned long frames[64];
	unsigned int nr;
	int ret;

	arch_unwind_init_regs(&st, regs);
	ret = walk(&st, frames, ARRAY_SIZE(frames), 0, &nr);
	kit_printk("Call Trace (%s, stack %#lx-%#lx):\n", kit_unwinder_name,
		   stack_lo, stack_hi);
	for (unsigned int i = 0; i < nr; i++)
		kit_printk(" %s%pS\n", i ? "" : "pc: ", (void *)frames[i]);
	if (ret < 0)
		kit_printk(" <unreliable: %s, next pc %#lx sp %#lx>\n",
			   kit_unwind_reason_str(last_reason), st.pc, st.sp);
	else
		kit_printk(" <end of stack>\n");
}

int kit_unwind_fp_record(struct kit_unwind_state *st, unsigned long next_fp,
			 unsigned long ra, int site)
{
	unsigned long fp = st->fp;

	if (site < 0)
		return site;
	if (!next_fp) {
		/* the task's first record: saved fp 0, called from the trampoline */
		if (!site || st->stack_hi - fp > KIT_UNWIND_END_SLACK)
			return -KIT_UNWIND_NO_END;
		st->flags = KIT_UNWIND_AT_END;
		st->pc = ra;
		st->sp = fp + 16;
		st->fp = 0;
		st->regs = NULL;
		return 1;
	}
	if (site || next_fp <= fp)	/* the entry's record must hold fp 0 */
		return site ? -KIT_UNWIND_NO_END : -KIT_UNWIND_WRONG_WAY;
	st->pc = ra;
	st->sp = fp + 16;
	st->fp = next_fp;
	st->regs = NULL;
	st->flags = 0;
	return 1;
}

int kit_unwind_frame_type(unsigned int type)
{
	switch (type) {
	case ORC_TYPE_END_OF_STACK:
		return 0;
	case ORC_TYPE_CALL:
	case ORC_TYPE_REGS:
	case ORC_TYPE_REGS_PARTIAL:
		return 1;
	case ORC_TYPE_UNDEFINED:
		return -KIT_UNWIND_UNDEFINED;
	default:
		return -KIT_UNWIND_BAD_ENTRY;
	}
}

int kit_unwind_fp_call_site(struct kit_unwind_state *st, unsigned long ra)
{
	const void *e = orc_find_cached(ra - 1, &st->orc_cache);
	unsigned int type = e ? arch_orc_type(e) : ORC_TYPE_UNDEFINED;

	if (type == ORC_TYPE_UNDEFINED)
		return -KIT_UNWIND_UNKNOWN_CODE;
	if (type == ORC_TYPE_REGS || type == ORC_TYPE_REGS_PARTIAL || arch_orc_signal(e))
		return -KIT_UNWIND_FP_REGS;
	if (!arch_ra_after_call(ra))
		return -KIT_UNWIND_NOT_A_CALL;
	return type == ORC_TYPE_END_OF_STACK;
}
