/*
 * BUG() in a switch default, as gcc emits it in nf_tables'
 * __nft_cmp_offload: ud2 (the BUG) followed by a second ud2 (from
 * __builtin_unreachable), which nothing reaches.  Upstream does not count
 * a ud2 right after a dead end as unreachable; the first real unreachable
 * instruction (a WARN's continuation after its ud2) is the one reported.
 * @warn ud2_pair\+0x[0-9a-f]+: unreachable instruction
 */
#include <asm/linkage.h>
	.text
SYM_FUNC_START(ud2_pair)
	cmp	$4, %edi
	je	1f
	ud2
	ud2
1:	mov	%rdi, %rax
	ret
	call	ext_fn
	ud2
	mov	$1, %eax
	ret
SYM_FUNC_END(ud2_pair)
