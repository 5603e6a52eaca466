/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kit_memset_arch(): the arch's memset, in asm so that the kit has
 * hand-written code that objtool-lite validates and ftrace can trace like
 * compiled code (FENTRY_SITE gives it the same "brcl 0,0" entry).
 */
#include <asm/linkage.h>

	.text
/* void *kit_memset_arch(void *s, int c, size_t n) */
SYM_FUNC_START(kit_memset_arch)
	FENTRY_SITE
	lgr	%r1,%r2			/* r2 is the return value */
	ltgr	%r4,%r4
	jz	2f
1:	stc	%r3,0(%r1)
	la	%r1,1(%r1)
	brctg	%r4,1b
2:	br	%r14
SYM_FUNC_END(kit_memset_arch)

/* no executable stack for the hosted kit */
	.section .note.GNU-stack, "", @progbits
