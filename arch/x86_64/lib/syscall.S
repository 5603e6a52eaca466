/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A raw host system call, so that a task blocked in the host kernel has
 * only kit frames on its stack (no libc wrapper).  It keeps a frame-pointer
 * frame, so a task stopped at the syscall instruction has a complete
 * %rbp chain.
 */
#include <asm/linkage.h>

	.text
/* long kit_raw_syscall6(long nr, long a0, long a1, long a2, long a3, long a4,
 *			 long a5): the raw result, -errno on failure */
SYM_FUNC_START(kit_raw_syscall6)
	push	%rbp
	mov	%rsp, %rbp
	mov	%rdi, %rax
	mov	%rsi, %rdi
	mov	%rdx, %rsi
	mov	%rcx, %rdx
	mov	%r8, %r10
	mov	%r9, %r8
	mov	16(%rbp), %r9
	syscall
	pop	%rbp
	ret
SYM_FUNC_END(kit_raw_syscall6)

	.section .note.GNU-stack, "", %progbits
