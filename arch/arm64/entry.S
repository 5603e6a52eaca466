/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The start of every kit task: the thread switches to its kit stack here
 * and calls the task's C entry.  The call's frame is the bottom of the
 * task's stack: ORC sees END_OF_STACK at the return address, frame
 * pointers see x29 = 0 (and x30 = 0 before the call) in the C entry's
 * frame record; the C entry's CFA is task->entry_sp.
 */
#include <asm/linkage.h>
#include <asm/unwind_hints.h>

	.text
/* void kit_task_trampoline(unsigned long stack_top, void (*fn)(struct task *),
 *			    struct task *arg) */
SYM_FUNC_START(kit_task_trampoline)
	stp	x29, x30, [sp, #-32]!
	mov	x29, sp
	str	x19, [sp, #16]
	mov	x19, sp			/* callee-saved: the caller's frame */
	UNWIND_HINT_SAVE
	mov	sp, x0			/* onto the task's stack */
	UNWIND_HINT_END_OF_STACK
	mov	x29, xzr		/* the frame-record chain ends here */
	mov	x30, xzr
	mov	x0, x2
	blr	x1
	/*
	 * Back from the task.  Until x29 is back (two instructions) the
	 * restored state below does not hold: an unwind there fails on the
	 * bounds of the task's stack, which is the safe way to be wrong.
	 */
	UNWIND_HINT_RESTORE
	mov	sp, x19
	mov	x29, x19
	ldr	x19, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
SYM_FUNC_END(kit_task_trampoline)

	.section .note.GNU-stack, "", %progbits
