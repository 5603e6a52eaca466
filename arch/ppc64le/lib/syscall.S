/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A raw host system call, so that a task blocked in the host kernel has
 * only kit frames on its stack (no libc wrapper).  It allocates a frame
 * and saves LR like compiled code, so a task stopped at the sc has a
 * complete back chain with its return address saved.
 *
 * Linux on ppc64: sc with the number in r0 and arguments in r3-r8; on
 * failure cr0.SO is set and r3 holds the positive errno.
 */
#include <asm/linkage.h>

	.text
/* long kit_raw_syscall6(long nr, long a0, long a1, long a2, long a3, long a4,
 *			 long a5): the raw result, -errno on failure */
SYM_FUNC_START(kit_raw_syscall6)
	mflr	0
	std	0, 16(1)
	stdu	1, -32(1)
	mr	0, 3
	mr	3, 4
	mr	4, 5
	mr	5, 6
	mr	6, 7
	mr	7, 8
	mr	8, 9
	sc
	bns+	1f
	neg	3, 3
1:	addi	1, 1, 32
	ld	0, 16(1)
	mtlr	0
	blr
SYM_FUNC_END(kit_raw_syscall6)

	.section .note.GNU-stack, "", @progbits
