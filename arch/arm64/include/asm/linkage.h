/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Symbol annotations for hand-written arm64 asm, so that objtool-lite sees
 * functions (STT_FUNC with a size) exactly as it sees compiled ones.
 */
#ifndef _ASM_ARM64_LINKAGE_H
#define _ASM_ARM64_LINKAGE_H

#ifdef __ASSEMBLY__

#define SYM_FUNC_START(name)			\
	.globl name;				\
	.type name, %function;			\
	.balign 4;				\
	name:

#define SYM_FUNC_START_LOCAL(name)		\
	.type name, %function;			\
	.balign 4;				\
	name:

#define SYM_FUNC_END(name)			\
	.size name, . - name

/*
 * Give an asm function what gcc's -fpatchable-function-entry=2 gives a C
 * one: two NOPs for ftrace to patch, and their address in
 * __patchable_function_entries.  Use it as the function's first
 * instruction.  The record is linked (SHF_LINK_ORDER) to the text section
 * like gcc's, so the linker drops it with a garbage-collected function and
 * does not mix link-order and plain input sections.
 */
.macro FENTRY_SITE
.Lfentry_site_\@:
	.pushsection __patchable_function_entries, "awo", %progbits, .Lfentry_site_\@
	.balign 8
	.quad .Lfentry_site_\@
	.popsection
	nop
	nop
.endm

#endif /* __ASSEMBLY__ */
#endif /* _ASM_ARM64_LINKAGE_H */
