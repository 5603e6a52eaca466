/*
 * FENTRY_SITE in an asm function: --mcount records it in __mcount_loc
 * (one R_X86_64_64 entry per site) and, as upstream's --mcount without
 * --mnop, leaves the call and its relocation for the kernel to patch: the
 * .text bytes and the __mcount_loc relocations of both outputs must be
 * identical.
 * @opts --orc --mcount
 * @compare text mcount
 * @insn call .*R_X86_64_PLT32[[:space:]]+__fentry__
 * @nowarn
 */
#include <asm/linkage.h>

	.text
SYM_FUNC_START(asm_traced)
	FENTRY_SITE
	push	%rbp
	mov	%rsp, %rbp
	call	ext_fn
	pop	%rbp
	ret
SYM_FUNC_END(asm_traced)

SYM_FUNC_START(asm_traced2)
	FENTRY_SITE
	jmp	ext_fn
SYM_FUNC_END(asm_traced2)
