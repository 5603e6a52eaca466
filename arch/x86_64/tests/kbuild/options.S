/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sites for the kbuild options beyond the mitigation tables (sites.S),
 * for kbuild-options.sh, which runs upstream objtool and objtool-lite on
 * the object with kbuild's whole option set and compares what they write
 * and say:
 *
 *   --hacks=noinstr  coverage/sanitizer calls and a tail call in noinstr
 *                    text (removed), and one in ordinary text (kept)
 *   --prefix=16      functions after 16 bytes of NOPs (named __pfx_, their
 *                    ORC starts there), one after only 8 (not named)
 *   --ibt            landing pads referenced from data and from code,
 *                    unreferenced ones (sealed, init_module warned),
 *                    references to code without one (both warnings),
 *                    ANNOTATE_NOENDBR, a self-reference, a code range end,
 *                    IRET-frame entry points with and without ENDBR
 *   --static-call    calls and a tail call to trampolines, with the key
 *                    in the object and without it (a module's)
 *
 * Every function ends the way kbuild's do (return thunk, int3), so the
 * only warnings are the ones meant.
 */
	.macro pad n
	.rept \n
	nop
	.endr
	.endm

#include "funcs.h"

/* --hacks=noinstr */
	.section .noinstr.text, "ax"
	.globl f_noinstr
	.type f_noinstr, @function
f_noinstr:
	call __sanitizer_cov_trace_pc
	call ext_func
	call __tsan_func_entry
	jmp __sanitizer_cov_trace_pc
	.size f_noinstr, .-f_noinstr

	.section .entry.text, "ax"
	.globl f_entry
	.type f_entry, @function
f_entry:
	call __tsan_atomic_signal_fence
	ret_thunk
	.size f_entry, .-f_entry

	.text
	.globl f_instr
	.type f_instr, @function
f_instr:
	call __sanitizer_cov_trace_pc
	ret_thunk
	.size f_instr, .-f_instr

/* --prefix=16 (and --ibt: these are called directly only, so sealed) */
	.section .text.pfx, "ax"
	pad 16
	.globl f_pfx
	.type f_pfx, @function
f_pfx:
	endbr64
	push %rbx
	call ext_func
	pop %rbx
	ret_thunk
	.size f_pfx, .-f_pfx

	pad 16
	.type f_pfx_local, @function
f_pfx_local:
	endbr64
	call f_pfx
	ret_thunk
	.size f_pfx_local, .-f_pfx_local

	pad 8
	.globl f_short_pad
	.type f_short_pad, @function
f_short_pad:
	endbr64
	ret_thunk
	.size f_short_pad, .-f_short_pad

/* --ibt */
	.text
	.globl f_ibt_data
	.type f_ibt_data, @function
f_ibt_data:
	endbr64
	ret_thunk
	.size f_ibt_data, .-f_ibt_data

	.globl f_ibt_code
	.type f_ibt_code, @function
f_ibt_code:
	endbr64
	ret_thunk
	.size f_ibt_code, .-f_ibt_code

	.globl init_module
	.type init_module, @function
init_module:
	endbr64
	ret_thunk
	.size init_module, .-init_module

	/* (the data check has no code-range rule: right after init_module) */
	.type f_no_endbr_data, @function
f_no_endbr_data:
	ret_thunk
	.size f_no_endbr_data, .-f_no_endbr_data

	/* not right after a function with a landing pad (a code range end) */
	.type f_no_endbr, @function
f_no_endbr:
	ret_thunk
	.size f_no_endbr, .-f_no_endbr

	.type f_annotated, @function
f_annotated:
	.pushsection .discard.noendbr
	.long f_annotated
	.popsection
	ret_thunk
	.size f_annotated, .-f_annotated

	.type f_range, @function
f_range:
	endbr64
	nop
	ret_thunk
	.size f_range, .-f_range
	.type f_range_after, @function
f_range_after:
	ret_thunk
	.size f_range_after, .-f_range_after

	/* another section: references into .text get relocations */
	.section .text.refs, "ax"
	.globl f_ibt_refs
	.type f_ibt_refs, @function
f_ibt_refs:
	endbr64
	lea f_ibt_code(%rip), %rax
	lea f_no_endbr(%rip), %rax
	lea f_annotated(%rip), %rax
	lea f_range_after(%rip), %rax
	.globl f_ibt_refs_self
f_ibt_refs_self:
	lea f_ibt_refs_self(%rip), %rax
	ret_thunk
	.size f_ibt_refs, .-f_ibt_refs

	.data
	.balign 8
	.type ibt_ptrs, @object
ibt_ptrs:
	.quad f_ibt_data
	.quad f_no_endbr_data
	.quad f_ibt_refs
	.quad __SCK__with_key
	.size ibt_ptrs, .-ibt_ptrs

	/*
	 * Interrupt-style entry points in asm (global, untyped, sized): an
	 * IRET-frame unwind hint where an indirect branch lands needs a
	 * landing pad before it.  The second one's ENDBR is reached by
	 * nothing the tools can see (upstream says so, and so must we).
	 */
	.macro iret_regs_hint
.Lh\@:
	.pushsection .discard.unwind_hints
	.long .Lh\@ - .
	.short 0
	.byte 2		/* ORC_REG_SP */
	.byte 4		/* UNWIND_HINT_TYPE_REGS_PARTIAL */
	.byte 1		/* signal */
	.balign 4
	.popsection
	.endm

	.section .entry.text, "ax"
	.globl asm_entry_no_endbr
asm_entry_no_endbr:
	iret_regs_hint
	push $0
	iretq
	int3
	.size asm_entry_no_endbr, .-asm_entry_no_endbr
	.globl asm_entry_endbr
asm_entry_endbr:
	endbr64
	iret_regs_hint
	push $0
	iretq
	int3
	.size asm_entry_endbr, .-asm_entry_endbr

/* --static-call */
	.text
	.globl f_static_call
	.type f_static_call, @function
f_static_call:
	endbr64
	call __SCT__with_key
	call __SCT__module_only
	test %eax, %eax
	jz 1f
	jmp __SCT__with_key
1:	ret_thunk
	.size f_static_call, .-f_static_call
