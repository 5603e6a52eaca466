/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --unret sites for kbuild-options.sh (compared with upstream objtool as
 * options.S is), laid out like entry code in vmlinux.o: entry points
 * marked VALIDATE_UNRET_BEGIN that untrain the return predictor before
 * returning (directly, in a callee, on both sides of a branch), and one
 * per way to get it wrong: a return first, an indirect call first, a
 * callee that returns without untraining, a branch that skips it.
 * Paravirt-style indirect calls are marked retpoline-safe, as the
 * kernel's are.
 */
#include "funcs.h"

	.macro unret_begin
.Lu\@:
	.pushsection .discard.validate_unret
	.long .Lu\@ - .
	.popsection
	.endm

	/* VALIDATE_UNRET_END: a NOP marked ANNOTATE_RETPOLINE_SAFE */
	.macro unret_end
.Lr\@:	nop
	.pushsection .discard.retpoline_safe
	.long .Lr\@
	.popsection
	.endm

	.section .entry.text, "ax"
	func entry_ok
	unret_begin
	mov %rdi, %rax
	unret_end
	call ext_func
	ret_thunk
	endfunc entry_ok

	func entry_callee
	unret_begin
	call untrain
	ret_thunk
	endfunc entry_callee

	func entry_both
	unret_begin
	test %eax, %eax
	jz 1f
	call untrain
	ret_thunk
1:	unret_end
	ret_thunk
	endfunc entry_both

	func entry_ret_first
	unret_begin
	ret_thunk
	endfunc entry_ret_first

	func entry_indirect
	unret_begin
	call __x86_indirect_thunk_rax
	unret_end
	ret_thunk
	endfunc entry_indirect

	func entry_bad_callee
	unret_begin
	call plain
	ret_thunk
	endfunc entry_bad_callee

	func entry_skip
	unret_begin
	test %eax, %eax
	jnz 1f
	unret_end
1:	ret_thunk
	endfunc entry_skip

	.text
	func untrain
	unret_end
	ret_thunk
	endfunc untrain

	func plain
	ret_thunk
	endfunc plain
