/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A raw host system call, so that a task blocked in the host kernel has
 * only kit frames on its stack (no libc wrapper).  It keeps a frame
 * record, so a task stopped at the svc has a complete x29 chain.
 */
#include <asm/linkage.h>

	.text
/* long kit_raw_syscall6(long nr, long a0, long a1, long a2, long a3, long a4,
 *			 long a5): the raw result, -errno on failure */
SYM_FUNC_START(kit_raw_syscall6)
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	mov	x8, x0
	mov	x0, x1
	mov	x1, x2
	mov	x2, x3
	mov	x3, x4
	mov	x4, x5
	mov	x5, x6
	svc	#0
	ldp	x29, x30, [sp], #16
	ret
SYM_FUNC_END(kit_raw_syscall6)

	.section .note.GNU-stack, "", %progbits
