/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unwind hints for hand-written ppc64le asm (kit/unwind_hints_lr.h has the
 * macros): the CFA bases a hint names, sp (r1) and fp (r31), as ppc64le
 * ORC register numbers (asm/orc_types.h).  The return address of a CALL
 * hint is LR.  The port's pt_regs frames are always full (the ftrace
 * trampoline's), so there is no partial hint.
 */
#ifndef _ASM_PPC64LE_UNWIND_HINTS_H
#define _ASM_PPC64LE_UNWIND_HINTS_H

#include <asm/orc_types.h>

#define UNWIND_HINT_REG_SP		ORC_PPC64LE_REG_SP
#define UNWIND_HINT_REG_FP		ORC_PPC64LE_REG_FP
#define UNWIND_HINT_NO_PARTIAL

#ifdef __ASSEMBLY__
.macro __UNWIND_HINT_BASE base
	.ifc \base, sp
		.set .Lunwind_hint_base, UNWIND_HINT_REG_SP
	.else
		.ifc \base, fp
			.set .Lunwind_hint_base, UNWIND_HINT_REG_FP
		.else
			.error "unwind hint base must be sp or fp"
		.endif
	.endif
.endm
#endif

#include <kit/unwind_hints_lr.h>

#endif /* _ASM_PPC64LE_UNWIND_HINTS_H */
