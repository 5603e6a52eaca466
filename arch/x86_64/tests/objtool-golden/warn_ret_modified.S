/*
 * A return with a register still pushed.
 * @warn bad_ret\+0x[0-9a-f]+: return with modified stack frame
 */
#include <asm/linkage.h>
	.text
SYM_FUNC_START(bad_ret)
	push	%rbx
	mov	%rdi, %rbx
	ret
SYM_FUNC_END(bad_ret)
