/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KIT_FRAME_RECORD_H
#define _KIT_FRAME_RECORD_H
/*
 * One step along the compiler's frame chain, with no check at all: the
 * floor a checked unwinder is measured against (unwind_bench).  fp is
 * __builtin_frame_address(0) of the walking function or a previous *next.
 * Returns false when fp's record ends the chain; otherwise *ra is the
 * return address it holds and *next the caller's fp (0: the chain ends
 * after this record).
 *
 * The default is the frame record {saved fp, return address} at fp, as
 * frame pointers are kept on most ports.  A port whose frames chain
 * otherwise (a back chain) defines arch_frame_record_step in its
 * asm/ptrace.h.
 */
#include <stdbool.h>
#include <asm/ptrace.h>

#ifndef arch_frame_record_step
static inline bool arch_frame_record_step(unsigned long fp, unsigned long *next,
					  unsigned long *ra)
{
	const unsigned long *rec = (const unsigned long *)fp;

	*next = rec[0];
	*ra = rec[1];
	return true;
}
#endif

#endif
