/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The start of every kit task: the thread switches to its kit stack here
 * and calls the task's C entry.  The entry frame is the 32-byte ELFv2
 * frame header just below the stack top, with a zero back chain, so the
 * back chain ends there; ORC sees END_OF_STACK at the return address.
 * The C entry's CFA is that header, entry_sp - 32; its LR save slot is
 * the header's, so nothing above entry_sp is written.
 */
#include <asm/linkage.h>
#include <asm/ptrace.h>
#include <asm/unwind_hints.h>

	.text
/* void kit_task_trampoline(unsigned long stack_top, void (*fn)(struct task *),
 *			    struct task *arg) */
SYM_FUNC_START(kit_task_trampoline)
	mflr	0
	std	0, 16(1)
	std	31, -8(1)
	stdu	1, -48(1)
	mr	31, 1			/* callee-saved: the caller's frame */
	UNWIND_HINT_SAVE
	li	0, 0
	std	0, -PPC_FRAME_MIN(3)	/* the zero back chain ends the walk */
	std	0, PPC_FRAME_LR_SAVE - PPC_FRAME_MIN(3)
	addi	1, 3, -PPC_FRAME_MIN	/* onto the task's stack */
	mtctr	4
	mr	12, 4			/* the entry's global entry point */
	mr	3, 5
	UNWIND_HINT_END_OF_STACK
	bctrl
	/*
	 * Back from the task.  The state saved above holds: the CFA is on
	 * r31, which the task's code preserved.
	 */
	UNWIND_HINT_RESTORE
	mr	1, 31
	addi	1, 1, 48
	ld	0, 16(1)
	ld	31, -8(1)
	mtlr	0
	blr
SYM_FUNC_END(kit_task_trampoline)

	.section .note.GNU-stack, "", @progbits
