/*
 * A tail call made with a register still pushed.
 * @warn sib_bad\+0x[0-9a-f]+: sibling call from callable instruction with modified stack frame
 */
#include <asm/linkage.h>
	.text
SYM_FUNC_START(sib_bad)
	push	%rbx
	jmp	ext_fn
SYM_FUNC_END(sib_bad)
