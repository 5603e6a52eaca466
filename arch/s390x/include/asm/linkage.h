/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Symbol annotations for hand-written s390x asm, so that objtool-lite sees
 * functions (STT_FUNC with a size) exactly as it sees compiled ones.
 */
#ifndef _ASM_S390X_LINKAGE_H
#define _ASM_S390X_LINKAGE_H

#ifdef __ASSEMBLY__

/*
 * 8-byte aligned like gcc's functions: the 6-byte ftrace site then lies
 * inside one aligned doubleword, which the live patching relies on.
 */
#define SYM_FUNC_START(name)			\
	.globl name;				\
	.type name, @function;			\
	.balign 8;				\
	name:

#define SYM_FUNC_START_LOCAL(name)		\
	.type name, @function;			\
	.balign 8;				\
	name:

#define SYM_FUNC_END(name)			\
	.size name, . - name

/*
 * Give an asm function what gcc's -pg -mfentry -mrecord-mcount
 * -mnop-mcount gives a C one: "brcl 0,0" as its first instruction, listed
 * in __mcount_loc.  Use it first in a function started by SYM_FUNC_START.
 */
.macro FENTRY_SITE
.Lfentry_site_\@:
	.pushsection __mcount_loc, "a", @progbits
	.balign 8
	.quad .Lfentry_site_\@
	.popsection
	.long 0xc0040000
	.short 0
.endm

#endif /* __ASSEMBLY__ */
#endif /* _ASM_S390X_LINKAGE_H */
