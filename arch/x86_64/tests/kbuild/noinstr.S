/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --noinstr sites for kbuild-options.sh (compared with upstream objtool
 * as options.S is), laid out like a piece of vmlinux.o: noinstr text
 * calling noinstr text, instrumented text inside and outside
 * instrumentation_begin()/end(), a UBSAN handler, a static call, an
 * indirect call, and paravirt calls through a pv_ops table whose slots
 * hold noinstr functions, an instrumented one, and one that paravirt
 * patching replaces.  One function per rule: the first problem ends a
 * function's walk.
 */
	/* instrumentation_begin() / instrumentation_end(): a marked NOP */
	.macro instr_begin
.Lb\@:	nop
	.pushsection .discard.instr_begin
	.long .Lb\@ - .
	.popsection
	.endm

	.macro instr_end
.Le\@:	nop
	.pushsection .discard.instr_end
	.long .Le\@ - .
	.popsection
	.endm

#include "funcs.h"

	.section .noinstr.text, "ax"
	func f_ni_ok
	call f_ni_helper
	call __ubsan_handle_out_of_bounds
	call __SCT__some_call
	call *pv_ops+0(%rip)
	instr_begin
	call ext_func
	instr_end
	ret_thunk
	endfunc f_ni_ok

	func f_ni_helper
	ret_thunk
	endfunc f_ni_helper

	func f_ni_call
	call ext_func
	ret_thunk
	endfunc f_ni_call

	func f_ni_tail
	jmp ext_func
	endfunc f_ni_tail

	func f_ni_dynamic
	call __x86_indirect_thunk_rax
	ret_thunk
	endfunc f_ni_dynamic

	func f_ni_pv_dirty
	call *pv_ops+8(%rip)
	ret_thunk
	endfunc f_ni_pv_dirty

	func f_ni_pv_patched
	call *pv_ops+16(%rip)
	ret_thunk
	endfunc f_ni_pv_patched

	func f_ni_ret
	instr_begin
	ret_thunk
	endfunc f_ni_ret

	/* calls from instrumented text are not checked */
	.text
	func f_instr
	call ext_func
	call *pv_ops+8(%rip)
	ret_thunk
	endfunc f_instr

	func f_pv_instr
	ret_thunk
	endfunc f_pv_instr

	func _paravirt_nop
	ret_thunk
	endfunc _paravirt_nop

	.data
	.balign 8
	.globl pv_ops
	.type pv_ops, @object
pv_ops:
	.quad f_ni_helper
	.quad f_pv_instr
	.quad _paravirt_nop
	.size pv_ops, .-pv_ops
	/* the static call's key, as vmlinux.o has it */
	.quad __SCK__some_call
