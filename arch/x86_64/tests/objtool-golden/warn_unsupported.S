/*
 * An instruction a callable function must not contain: sysret leaves the
 * kernel, and nothing after it belongs to the function.
 * @insn sysretq
 * @warn sysret_fn\+0x[0-9a-f]+: unsupported instruction in callable function
 */
#include <asm/linkage.h>
	.text
SYM_FUNC_START(sysret_fn)
	mov	%rdi, %rax
	sysretq
SYM_FUNC_END(sysret_fn)
