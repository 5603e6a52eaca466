/*
 * UNWIND_HINT_FUNC after a stack switch: `mov %rdi,%rsp` leaves the CFA
 * unknown, the hint on the next instruction resets the state to a
 * function's entry state.  Upstream only complains about an unknown CFA
 * when a stack operation meets it unhinted; here none does.
 * @orc sp:sp\+16 bp:prevsp-16
 * @nowarn
 */
#include <asm/linkage.h>
#include <asm/unwind_hints.h>

	.text
SYM_FUNC_START(func_hinted)
	mov	%rdi, %rsp
	UNWIND_HINT_FUNC
	push	%rbp
	mov	%rsp, %rbp
	call	ext_fn
	pop	%rbp
	ret
SYM_FUNC_END(func_hinted)
