/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kit_memset_arch(): the arch's memset, in asm so that the kit has
 * hand-written code that objtool-lite validates and ftrace can trace like
 * compiled code (FENTRY_SITE gives it the same patchable entry).
 */
#include <asm/linkage.h>

	.text
/* void *kit_memset_arch(void *s, int c, size_t n) */
SYM_FUNC_START(kit_memset_arch)
	FENTRY_SITE
	mov	x3, x0			/* x0 is the return value */
	cbz	x2, 2f
1:	strb	w1, [x3], #1
	subs	x2, x2, #1
	b.ne	1b
2:	ret
SYM_FUNC_END(kit_memset_arch)

/* no executable stack for the hosted kit */
	.section .note.GNU-stack, "", %progbits
