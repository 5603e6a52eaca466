/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kit_memset_arch(): the arch's memset, in asm so that the kit has
 * hand-written code that objtool-lite validates and ftrace can trace like
 * compiled code (FENTRY_SITE gives it the same call __fentry__ site).
 */
#include <asm/linkage.h>

	.text
/* void *kit_memset_arch(void *s, int c, size_t n) */
SYM_FUNC_START(kit_memset_arch)
	FENTRY_SITE
	mov	%rdi, %r9		/* rep stosb advances rdi */
	movzbl	%sil, %eax
	mov	%rdx, %rcx
	rep stosb
	mov	%r9, %rax
	ret
SYM_FUNC_END(kit_memset_arch)

/* no executable stack for the hosted kit */
	.section .note.GNU-stack, "", %progbits
