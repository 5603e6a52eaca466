/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kit_memset_arch(): the arch's memset, in asm so that the kit has
 * hand-written code that objtool-lite validates and ftrace can trace like
 * compiled code (FENTRY_SITE gives it the compiler's "mflr r0; bl
 * _mcount" site).  A leaf without a frame: LR stays live throughout.
 */
#include <asm/linkage.h>

	.text
/* void *kit_memset_arch(void *s, int c, size_t n): r3 is also the result */
SYM_FUNC_START(kit_memset_arch)
	FENTRY_SITE
	mr	6, 3
	cmpdi	5, 0
	beqlr
	mtctr	5
1:	stb	4, 0(6)
	addi	6, 6, 1
	bdnz	1b
	blr
SYM_FUNC_END(kit_memset_arch)

/* no executable stack for the hosted kit */
	.section .note.GNU-stack, "", @progbits
