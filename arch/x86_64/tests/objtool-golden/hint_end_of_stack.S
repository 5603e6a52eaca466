/*
 * UNWIND_HINT_END_OF_STACK: the first frame of a task; the ORC entry says
 * "end" and an unwinder stops there, complete.
 *
 * Intentional difference, checked against a hand-made expectation: with
 * --stackval, upstream warns "call without frame pointer save/setup" at
 * the call, because task_entry is STT_FUNC; in Linux such entry code is
 * SYM_CODE (not a function) and never gets that check.  The kit has no
 * SYM_CODE (asm/linkage.h: objtool-lite only validates STT_FUNC code), so
 * objtool-lite exempts hinted END_OF_STACK/REGS frames from the frame
 * pointer rule instead ("hinted frames need no frame record"); the
 * resulting ORC is the same.
 * @orc ^\.text\+0:type:end sp:\(und\) bp:\(und\)
 * @nowarn
 * @lite-check --stackval --orc -- nowarn
 */
#include <asm/linkage.h>
#include <asm/unwind_hints.h>

	.text
SYM_FUNC_START(task_entry)
	UNWIND_HINT_END_OF_STACK
	xor	%ebp, %ebp
	call	task_main
1:	jmp	1b
SYM_FUNC_END(task_entry)
