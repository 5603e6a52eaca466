/*
 * Code after a return that nothing jumps to.
 * @warn unreach\+0x[0-9a-f]+: unreachable instruction
 */
#include <asm/linkage.h>
	.text
SYM_FUNC_START(unreach)
	mov	%rdi, %rax
	ret
	add	$1, %rax
	ret
SYM_FUNC_END(unreach)
