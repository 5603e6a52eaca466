/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Symbol macros for hand-written x86_64 asm.  Functions must carry
 * STT_FUNC type and a size, or objtool-lite cannot tell which bytes are
 * callable code to validate.
 */
#ifndef _ASM_X86_LINKAGE_H
#define _ASM_X86_LINKAGE_H

#ifdef __ASSEMBLER__

/* The padding objtool treats as NOPs; 16 keeps entries on fetch lines. */
#define SYM_FUNC_ALIGN		.p2align 4, 0x90

#define SYM_FUNC_START(name)			\
	.globl name;				\
	.type name, @function;			\
	SYM_FUNC_ALIGN;				\
	name:

#define SYM_FUNC_START_LOCAL(name)		\
	.type name, @function;			\
	SYM_FUNC_ALIGN;				\
	name:

#define SYM_FUNC_END(name)			\
	.size name, . - name

/*
 * The ftrace site gcc -mfentry emits as a function's first instruction:
 * a 5-byte call rel32 to __fentry__ with an R_X86_64_PLT32 relocation.
 * Spelled out byte by byte so the encoding and relocation type do not
 * depend on how the assembler chooses to relax or relocate a call.
 */
#define FENTRY_SITE						\
	.byte 0xe8;						\
	.reloc ., R_X86_64_PLT32, __fentry__ - 4;		\
	.long 0

#endif /* __ASSEMBLER__ */

#endif /* _ASM_X86_LINKAGE_H */
