/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The unwind hint macros of the link-register ports (those whose ORC
 * entry has LoongArch's shape): where objtool-lite cannot derive the
 * stack state of hand-written asm (task entry, exception and ftrace
 * frames, the bottom of a task's stack), the code states it.  Records as
 * kit/unwind_hint_record.h lays them out.
 *
 * A port's asm/unwind_hints.h defines UNWIND_HINT_REG_SP and
 * UNWIND_HINT_REG_FP (its ORC register numbers) and the asm macro
 * __UNWIND_HINT_BASE, which sets .Lunwind_hint_base from a register named
 * as the port's code names it, then includes this file.  A port whose
 * unwinder has no partial pt_regs frames defines UNWIND_HINT_NO_PARTIAL.
 */
#ifndef _KIT_UNWIND_HINTS_LR_H
#define _KIT_UNWIND_HINTS_LR_H

#include <kit/unwind_hint_record.h>

#ifdef __ASSEMBLY__

/* Nothing known: an unwind that gets here fails. */
.macro UNWIND_HINT_UNDEFINED
	UNWIND_HINT type=UNWIND_HINT_TYPE_UNDEFINED
.endm

/* The bottom of a task's stack: an unwind that gets here is complete. */
.macro UNWIND_HINT_END_OF_STACK
	UNWIND_HINT type=UNWIND_HINT_TYPE_END_OF_STACK
.endm

/* A called frame, CFA = base + offset, the return address still in the link register. */
.macro UNWIND_HINT_CALL base=sp offset=0
	__UNWIND_HINT_BASE \base
	UNWIND_HINT type=UNWIND_HINT_TYPE_CALL sp_reg=.Lunwind_hint_base sp_offset=\offset
.endm

/* A full struct pt_regs at base + offset. */
.macro UNWIND_HINT_REGS base=sp offset=0 signal=1
	__UNWIND_HINT_BASE \base
	UNWIND_HINT type=UNWIND_HINT_TYPE_REGS sp_reg=.Lunwind_hint_base sp_offset=\offset signal=\signal
.endm

#ifndef UNWIND_HINT_NO_PARTIAL
/* Only the return part of pt_regs (the pc or psw, and sp) is valid. */
.macro UNWIND_HINT_REGS_PARTIAL base=sp offset=0 signal=1
	__UNWIND_HINT_BASE \base
	UNWIND_HINT type=UNWIND_HINT_TYPE_REGS_PARTIAL sp_reg=.Lunwind_hint_base sp_offset=\offset signal=\signal
.endm
#endif

/* The state at a function's first instruction. */
.macro UNWIND_HINT_FUNC
	UNWIND_HINT type=UNWIND_HINT_TYPE_FUNC sp_reg=UNWIND_HINT_REG_SP
.endm

/* Remember the state here; RESTORE brings it back at a later point. */
.macro UNWIND_HINT_SAVE
	UNWIND_HINT type=UNWIND_HINT_TYPE_SAVE
.endm

.macro UNWIND_HINT_RESTORE
	UNWIND_HINT type=UNWIND_HINT_TYPE_RESTORE
.endm

#endif /* __ASSEMBLY__ */
#endif
