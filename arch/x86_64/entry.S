/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The start of every kit task: the thread switches to its kit stack here
 * and calls the task's C entry.  The call's frame is the bottom of the
 * task's stack: ORC sees END_OF_STACK at the return address, frame
 * pointers see a saved %rbp of 0; the C entry's CFA is task->entry_sp.
 */
#include <asm/linkage.h>
#include <asm/unwind_hints.h>

	.text
/* void kit_task_trampoline(unsigned long stack_top, void (*fn)(struct task *),
 *			    struct task *arg) */
SYM_FUNC_START(kit_task_trampoline)
	push	%rbp
	mov	%rsp, %rbp
	push	%rbx
	mov	%rbp, %rbx		/* callee-saved: the caller's frame */
	UNWIND_HINT_SAVE
	mov	%rdi, %rsp		/* onto the task's stack */
	UNWIND_HINT_END_OF_STACK
	xor	%ebp, %ebp		/* the frame-pointer chain ends here */
	mov	%rdx, %rdi
	call	*%rsi
	/*
	 * Back from the task.  Until %rbp is back (two instructions) the
	 * restored state below does not hold: an unwind there fails on the
	 * bounds of the task's stack, which is the safe way to be wrong.
	 */
	UNWIND_HINT_RESTORE
	lea	-8(%rbx), %rsp
	mov	%rbx, %rbp
	pop	%rbx
	pop	%rbp
	ret
SYM_FUNC_END(kit_task_trampoline)

	.section .note.GNU-stack, "", %progbits
