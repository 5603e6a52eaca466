/*
 * WARN()'s shape in a module object before the final link: ud2, and the
 * address after it in .discard.reachable (ANNOTATE_REACHABLE), so the
 * code after the trap is reached from it: no "unreachable instruction",
 * and its ORC is the function's state, not undefined.
 * @insn ud2
 * @reloc \.rela\.discard\.reachable
 * @orc sp:sp\+16
 * @nowarn
 */
#include <asm/linkage.h>
	.text
SYM_FUNC_START(warn_reachable)
	push	%rbx
	test	%edi, %edi
	jne	1f
	ud2
2:
	.pushsection .discard.reachable, "", @progbits
	.long	2b
	.popsection
	mov	$1, %eax
	inc	%ebx
1:	pop	%rbx
	ret
SYM_FUNC_END(warn_reachable)
