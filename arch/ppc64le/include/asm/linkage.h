/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Symbol annotations for hand-written ppc64le asm, so that objtool-lite
 * sees functions (STT_FUNC with a size) exactly as it sees compiled ones.
 * Asm functions use no TOC (they are entered at their only entry point:
 * st_other's local-entry field 0, GEP == LEP), unless they say so with
 * SYM_FUNC_START_TOC.
 */
#ifndef _ASM_PPC64LE_LINKAGE_H
#define _ASM_PPC64LE_LINKAGE_H

#ifdef __ASSEMBLY__

#define SYM_FUNC_START(name)			\
	.globl name;				\
	.type name, @function;			\
	.balign 16;				\
	name:

#define SYM_FUNC_START_LOCAL(name)		\
	.type name, @function;			\
	.balign 16;				\
	name:

#define SYM_FUNC_END(name)			\
	.size name, . - name

/*
 * Give an asm function what -pg -mprofile-kernel gives a C one: "mflr r0;
 * bl _mcount" at its (local) entry, which objtool-lite lists in
 * __mcount_loc like the compiler's.  Use it as the first two
 * instructions.  _mcount (ftrace_entry.S) returns with LR restored, so
 * r0 is the only register the site costs.
 */
.macro FENTRY_SITE
	mflr	0
	bl	_mcount
.endm

#endif /* __ASSEMBLY__ */

#endif /* _ASM_PPC64LE_LINKAGE_H */
