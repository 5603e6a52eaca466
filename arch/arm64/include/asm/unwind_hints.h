/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unwind hints for hand-written arm64 asm (kit/unwind_hints_lr.h has the
 * macros): the CFA bases a hint names, sp and x29 (or fp), as arm64 ORC
 * register numbers (asm/orc_types.h).
 */
#ifndef _ASM_ARM64_UNWIND_HINTS_H
#define _ASM_ARM64_UNWIND_HINTS_H

#include <asm/orc_types.h>

#define UNWIND_HINT_REG_SP		ORC_ARM64_REG_SP
#define UNWIND_HINT_REG_FP		ORC_ARM64_REG_FP

#ifdef __ASSEMBLY__
.macro __UNWIND_HINT_BASE base
	.ifc \base, sp
		.set .Lunwind_hint_base, UNWIND_HINT_REG_SP
	.else
		.ifc \base, x29
			.set .Lunwind_hint_base, UNWIND_HINT_REG_FP
		.else
			.ifc \base, fp
				.set .Lunwind_hint_base, UNWIND_HINT_REG_FP
			.else
				.error "unwind hint base must be sp, x29 or fp"
			.endif
		.endif
	.endif
.endm
#endif

#include <kit/unwind_hints_lr.h>

#endif /* _ASM_ARM64_UNWIND_HINTS_H */
