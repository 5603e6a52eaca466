/*
 * Two paths meet with different stack states.
 * @warn mismatch\+0x[0-9a-f]+: stack state mismatch
 */
#include <asm/linkage.h>
	.text
SYM_FUNC_START(mismatch)
	test	%rdi, %rdi
	jz	1f
	push	%rbx
1:	mov	%rdi, %rax
	ret
SYM_FUNC_END(mismatch)
