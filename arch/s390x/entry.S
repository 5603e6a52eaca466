/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The start of every kit task: the thread switches to its kit stack here
 * and calls the task's C entry.  The call's frame is the bottom of the
 * task's stack: ORC sees END_OF_STACK at the return address, the back
 * chain sees the 0 stored in this frame's back-chain slot.  The frame is
 * the ABI's 160 bytes right below stack_top, so the C entry's CFA (its
 * caller's r15 + 160) is task->entry_sp, the stack top.
 */
#include <asm/linkage.h>
#include <asm/ptrace.h>
#include <asm/unwind_hints.h>

	.text
/* void kit_task_trampoline(unsigned long stack_top, void (*fn)(struct task *),
 *			    struct task *arg) */
SYM_FUNC_START(kit_task_trampoline)
	stmg	%r12,%r15,120(%r15)	/* the packed layout: r14 at 136, r15 at 144 */
	lgr	%r12,%r15		/* callee-saved: the caller's stack */
	lgr	%r13,%r2
	lgr	%r1,%r3
	lgr	%r2,%r4
	UNWIND_HINT_SAVE
	lay	%r15,-STACK_FRAME_OVERHEAD(%r13)	/* onto the task's stack */
	UNWIND_HINT_END_OF_STACK
	xc	STACK_FRAME_BACKCHAIN(8,%r15),STACK_FRAME_BACKCHAIN(%r15)	/* the chain ends here */
	basr	%r14,%r1
	/*
	 * Back from the task.  Until r15 is back (one instruction) the
	 * restored state below does not hold: an unwind there finds only the
	 * trampoline, at the task's stack top, which is what runs.
	 */
	UNWIND_HINT_RESTORE
	lgr	%r15,%r12
	lmg	%r12,%r15,120(%r15)
	br	%r14
SYM_FUNC_END(kit_task_trampoline)

	.section .note.GNU-stack, "", @progbits
