/*
 * Unwind hints for hand-written x86_64 asm: tell objtool-lite the stack
 * state where it cannot work it out (entry code, a stack switch, code
 * reached by an exception), using the record layout of Linux 6.12 so that
 * both tools read the same objects.  One record per hint, in the
 * non-allocated .discard.unwind_hints (never loaded, dropped at link):
 *
 *   u32 ip		PC-relative reference to the hinted instruction
 *   s16 sp_offset	CFA = sp_reg + sp_offset
 *   u8  sp_reg		ORC register number (asm/orc_types.h)
 *   u8  type		UNWIND_HINT_TYPE_*
 *   u8  signal		the frame was interrupted rather than called
 *   (padding to 12 bytes)
 */
#ifndef _ASM_X86_UNWIND_HINTS_H
#define _ASM_X86_UNWIND_HINTS_H

#include <kit/unwind_hint_record.h>
#include <asm/orc_types.h>

/* CFA bases a hint can name: the ORC register numbers themselves */
#define UNWIND_HINT_REG_DX		ORC_X86_REG_DX
#define UNWIND_HINT_REG_DI		ORC_X86_REG_DI
#define UNWIND_HINT_REG_BP		ORC_X86_REG_BP
#define UNWIND_HINT_REG_SP		ORC_X86_REG_SP
#define UNWIND_HINT_REG_R10		ORC_X86_REG_R10
#define UNWIND_HINT_REG_R13		ORC_X86_REG_R13

#ifdef __ASSEMBLER__

/* Not a frame objtool-lite can describe: the unwinder must stop here. */
.macro UNWIND_HINT_UNDEFINED
	UNWIND_HINT type=UNWIND_HINT_TYPE_UNDEFINED
.endm

/* First frame of a task: an unwind that reaches it is complete. */
.macro UNWIND_HINT_END_OF_STACK
	UNWIND_HINT type=UNWIND_HINT_TYPE_END_OF_STACK
.endm

/* Just after a call: only the return address is on the stack. */
.macro UNWIND_HINT_CALL
	UNWIND_HINT type=UNWIND_HINT_TYPE_CALL sp_reg=UNWIND_HINT_REG_SP sp_offset=8
.endm

/* Like CALL, but also resets the state to a function's entry state. */
.macro UNWIND_HINT_FUNC
	UNWIND_HINT type=UNWIND_HINT_TYPE_FUNC sp_reg=UNWIND_HINT_REG_SP sp_offset=8
.endm

/*
 * Translate a base register spelled as in asm (%rsp, %r10, ...) into its
 * ORC number, so callers write the register they actually use.
 */
.macro __UNWIND_HINT_BASE base
	.ifc \base,%rsp
		.set .Lunwind_hint_base, UNWIND_HINT_REG_SP
	.else
	.ifc \base,%rbp
		.set .Lunwind_hint_base, UNWIND_HINT_REG_BP
	.else
	.ifc \base,%rdi
		.set .Lunwind_hint_base, UNWIND_HINT_REG_DI
	.else
	.ifc \base,%rdx
		.set .Lunwind_hint_base, UNWIND_HINT_REG_DX
	.else
	.ifc \base,%r10
		.set .Lunwind_hint_base, UNWIND_HINT_REG_R10
	.else
	.ifc \base,%r13
		.set .Lunwind_hint_base, UNWIND_HINT_REG_R13
	.else
		.error "UNWIND_HINT: unsupported base register \base"
	.endif
	.endif
	.endif
	.endif
	.endif
	.endif
.endm

/* A full pt_regs frame starts at base + offset. */
.macro UNWIND_HINT_REGS base=%rsp offset=0 signal=1
	__UNWIND_HINT_BASE \base
	UNWIND_HINT type=UNWIND_HINT_TYPE_REGS sp_reg=.Lunwind_hint_base sp_offset=\offset signal=\signal
.endm

/* Only the hardware iret frame (ip, cs, flags, sp, ss) is at base + offset. */
.macro UNWIND_HINT_REGS_PARTIAL base=%rsp offset=0 signal=1
	__UNWIND_HINT_BASE \base
	UNWIND_HINT type=UNWIND_HINT_TYPE_REGS_PARTIAL sp_reg=.Lunwind_hint_base sp_offset=\offset signal=\signal
.endm

/* Remember the state here, to reinstate it at the next RESTORE. */
.macro UNWIND_HINT_SAVE
	UNWIND_HINT type=UNWIND_HINT_TYPE_SAVE
.endm

.macro UNWIND_HINT_RESTORE
	UNWIND_HINT type=UNWIND_HINT_TYPE_RESTORE
.endm

#endif /* __ASSEMBLER__ */

#endif /* _ASM_X86_UNWIND_HINTS_H */
