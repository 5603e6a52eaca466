/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unwind hints for hand-written ppc64le asm: where objtool-lite cannot
 * derive the stack state (task entry, the ftrace trampoline's pt_regs,
 * the bottom of a task's stack), the code states it.  Records go to
 * .discard.unwind_hints in the Linux 6.12 layout (kit/unwind_hint_record.h);
 * sp_reg is a ppc64le ORC register number (asm/orc_types.h).
 */
#ifndef _ASM_PPC64LE_UNWIND_HINTS_H
#define _ASM_PPC64LE_UNWIND_HINTS_H

#include <kit/unwind_hint_record.h>
#include <asm/orc_types.h>

#define UNWIND_HINT_REG_SP		ORC_PPC64LE_REG_SP
#define UNWIND_HINT_REG_FP		ORC_PPC64LE_REG_FP

#ifdef __ASSEMBLY__

/* a CFA base given by name: r1 (sp) or r31 (fp) */
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

/* Nothing known: an unwind that gets here fails. */
.macro UNWIND_HINT_UNDEFINED
	UNWIND_HINT type=UNWIND_HINT_TYPE_UNDEFINED
.endm

/* The bottom of a task's stack: an unwind that gets here is complete. */
.macro UNWIND_HINT_END_OF_STACK
	UNWIND_HINT type=UNWIND_HINT_TYPE_END_OF_STACK
.endm

/* A called frame, CFA = base + offset, return address still in LR. */
.macro UNWIND_HINT_CALL base=sp offset=0
	__UNWIND_HINT_BASE \base
	UNWIND_HINT type=UNWIND_HINT_TYPE_CALL sp_reg=.Lunwind_hint_base sp_offset=\offset
.endm

/* A full struct pt_regs at base + offset. */
.macro UNWIND_HINT_REGS base=sp offset=0 signal=1
	__UNWIND_HINT_BASE \base
	UNWIND_HINT type=UNWIND_HINT_TYPE_REGS sp_reg=.Lunwind_hint_base sp_offset=\offset signal=\signal
.endm

/* The state at a function's first instruction. */
.macro UNWIND_HINT_FUNC
	UNWIND_HINT type=UNWIND_HINT_TYPE_FUNC sp_reg=UNWIND_HINT_REG_SP
.endm

.macro UNWIND_HINT_SAVE
	UNWIND_HINT type=UNWIND_HINT_TYPE_SAVE
.endm

.macro UNWIND_HINT_RESTORE
	UNWIND_HINT type=UNWIND_HINT_TYPE_RESTORE
.endm

#endif /* __ASSEMBLY__ */

#endif /* _ASM_PPC64LE_UNWIND_HINTS_H */
