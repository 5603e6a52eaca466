/*
 * A DRAP epilogue as gcc writes it in real modules (cifs, ib_core): the
 * DRAP register is reloaded from its frame slot with a mov, not a pop,
 * before "leave".  From the reload on, the CFA is %r10 itself (upstream:
 * sp:r10+0), still after %rbp has the caller's value back, then %rsp from
 * "lea -8(%r10), %rsp".  Reading it through the slot (sp:(bp-8)) would be
 * wrong as soon as "leave" restores %rbp.
 * @insn mov +-0x8\(%rbp\),%r10
 * @insn leave
 * @orc sp:\(bp-8\)
 * @orc sp:r10\+0 bp:bp\+0
 * @orc sp:r10\+0 bp:\(und\)
 * @nowarn
 */
#include <asm/linkage.h>
	.text
SYM_FUNC_START(drap_reload)
	lea	0x8(%rsp), %r10
	and	$-32, %rsp
	push	-0x8(%r10)
	push	%rbp
	mov	%rsp, %rbp
	push	%r10
	sub	$0x28, %rsp
	call	use
	mov	-0x8(%rbp), %r10
	leave
	lea	-0x8(%r10), %rsp
	ret
SYM_FUNC_END(drap_reload)
