/*
 * A function whose last instruction falls into the next function.
 * @warn falls_off\(\) falls through to next function next_fn\(\)
 */
#include <asm/linkage.h>
	.text
SYM_FUNC_START(falls_off)
	mov	%rdi, %rax
	add	$1, %rax
SYM_FUNC_END(falls_off)
SYM_FUNC_START(next_fn)
	ret
SYM_FUNC_END(next_fn)
