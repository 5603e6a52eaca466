/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A raw host system call, so that a task blocked in the host kernel has
 * only kit frames on its stack (no libc wrapper).  It keeps a frame with
 * r14 saved and its back chain stored, as compiled code does before a
 * call, so a task stopped at the svc has a complete back chain.
 */
#include <asm/linkage.h>
#include <asm/ptrace.h>

	.text
/* long kit_raw_syscall6(long nr, long a0, long a1, long a2, long a3, long a4,
 *			 long a5): the raw result, -errno on failure.  nr goes
 * to r1 (svc 0 takes any number from there), a0..a5 to r2..r7; a4 and a5
 * come on the stack, in the caller's parameter area at 160(%r15). */
SYM_FUNC_START(kit_raw_syscall6)
	stmg	%r6,%r15,72(%r15)	/* the packed layout: r14 at 136 */
	lgr	%r14,%r15
	lay	%r15,-STACK_FRAME_OVERHEAD(%r15)
	stg	%r14,STACK_FRAME_BACKCHAIN(%r15)
	lgr	%r1,%r2
	lgr	%r2,%r3
	lgr	%r3,%r4
	lgr	%r4,%r5
	lgr	%r5,%r6
	lg	%r6,160(%r14)
	lg	%r7,168(%r14)
	svc	0
	lmg	%r6,%r15,STACK_FRAME_OVERHEAD+72(%r15)
	br	%r14
SYM_FUNC_END(kit_raw_syscall6)

	.section .note.GNU-stack, "", @progbits
