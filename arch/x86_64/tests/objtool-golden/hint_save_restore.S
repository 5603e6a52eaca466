/*
 * UNWIND_HINT_SAVE/RESTORE: the state at the SAVE is reinstated at the
 * RESTORE, whatever the path falling into it left (here: an early return
 * that popped the frame before the label).
 * @orc sp:bp\+16 bp:prevsp-16
 * @nowarn
 */
#include <asm/linkage.h>
#include <asm/unwind_hints.h>

	.text
SYM_FUNC_START(save_restore)
	push	%rbp
	mov	%rsp, %rbp
	test	%rdi, %rdi
	UNWIND_HINT_SAVE
	jz	1f
	pop	%rbp
	ret
1:
	UNWIND_HINT_RESTORE
	call	ext_fn
	pop	%rbp
	ret
SYM_FUNC_END(save_restore)
