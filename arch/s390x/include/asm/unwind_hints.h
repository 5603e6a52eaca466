/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unwind hints for hand-written s390x asm (kit/unwind_hints_lr.h has the
 * macros): the CFA bases a hint names, sp (r15) and fp (r11), as s390x ORC
 * register numbers (asm/orc_types.h).  The return address of a CALL hint
 * is r14.
 */
#ifndef _ASM_S390X_UNWIND_HINTS_H
#define _ASM_S390X_UNWIND_HINTS_H

#include <asm/orc_types.h>

#define UNWIND_HINT_REG_SP		ORC_S390X_REG_SP
#define UNWIND_HINT_REG_FP		ORC_S390X_REG_FP

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

#endif /* _ASM_S390X_UNWIND_HINTS_H */
