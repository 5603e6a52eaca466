/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KIT_FRAME_RECORD_H
#define _KIT_FRAME_RECORD_H
/*
 * One step along the compiler's frame chain, read by hand: the task test's
 * walk (which checks every load against the task's stack) and the
 * benchmark's floor (which checks nothing).  @fp is
 * __builtin_frame_address(0) of the walking function or a previous *next.
 * @readable, when not NULL, is asked before each load and may refuse it.
 * Returns false when fp's record ends the chain or a load is refused;
 * otherwise *ra is the return address the record holds, *cfa the
 * caller's sp at the call, and *next the caller's fp (0: the chain ends
 * after this record).
 *
 * The default is the frame record {saved fp, return address} at fp, as
 * frame pointers are kept on most ports.  A port whose frames chain
 * otherwise (a back chain) defines arch_frame_record_step in its
 * asm/ptrace.h.
 */
#include <kit/frame_readable.h>
#include <asm/ptrace.h>

#ifndef arch_frame_record_step
static inline __attribute__((always_inline)) bool
arch_frame_record_step(unsigned long fp, frame_readable_fn readable, const void *data,
		       unsigned long *next, unsigned long *ra, unsigned long *cfa)
{
	const unsigned long *rec = (const unsigned long *)fp;

	if (readable && !readable(fp, 16, data))
		return false;
	*next = rec[0];
	*ra = rec[1];
	*cfa = fp + 16;
	return true;
}
#endif

#endif
