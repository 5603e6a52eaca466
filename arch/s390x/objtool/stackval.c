// SPDX-License-Identifier: GPL-2.0
/*
 * --stackval on s390x: what the back-chain unwinder needs at every call.
 *
 * s390x has no frame pointer an unwinder can follow (gcc's r11 points at
 * the bottom of the frame and links to nothing).  Built with -mbackchain,
 * each frame instead starts with the caller's sp, and the return address
 * of the frame above sits in its caller's register save area.  A walk
 * from a called function's sp therefore reads 0 or 152(sp) for the next
 * frame and 112 or 136 of that frame for the return address (default and
 * -mpacked-stack layouts).  It is right at a call only if the calling
 * function
 *   1. saved r14 into its caller's save area (the slot the walk reads:
 *      CFA-48 in the default layout, CFA-24 with -mpacked-stack
 *      -mbackchain),
 *   2. moved sp below its entry value (it has a frame of its own), and
 *   3. stored its entry sp as the back chain of that frame: at 0(sp) in
 *      the default layout, at 152(sp) with -mpacked-stack; the layout is
 *      told by where r14 went.
 * The rule: every call except the ftrace site (which uses r0 and needs no
 * frame) satisfies all three.  Hints saying the frame is the bottom of
 * the stack or an exception frame exempt their code, as on other ports.
 */
#include "s390x.h"

#define RA_SLOT_DEFAULT	(112 - S390X_CFA_BIAS)	/* r14 at 8 * 14 */
#define RA_SLOT_PACKED	(136 - S390X_CFA_BIAS)	/* packed with back chain */
#define CHAIN_PACKED	152			/* 0 in the default layout */

const char *s390x_call_frame_check(const struct objtool_arch *arch,
				   const struct cfi_state *cfi)
{
	const struct cfi_reg *ra = &cfi->regs[S390X_REG_RA];
	int chain;

	(void)arch;
	if (cfi->type != UNWIND_CALL)
		return NULL;
	if (ra->base != CFI_CFA)
		return "call without r14 saved in the caller's save area";
	if (ra->offset == RA_SLOT_DEFAULT)
		chain = 0;
	else if (ra->offset == RA_SLOT_PACKED)
		chain = CHAIN_PACKED;
	else
		return "call with r14 saved outside the back-chain layout";
	if (cfi->cfa.base == CFI_UNDEFINED || cfi->stack_size <= S390X_CFA_BIAS)
		return "call without a stack frame";
	if (!cfi->entry_sp_slot || cfi->entry_sp_slot != chain - cfi->stack_size)
		return "call without back chain";
	return NULL;
}
