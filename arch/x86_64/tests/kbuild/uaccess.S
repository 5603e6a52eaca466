/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --uaccess sites for kbuild-options.sh (compared with upstream objtool
 * as options.S is): user access windows opened and closed the way the
 * kernel's ASM_STAC/ASM_CLAC do it, as SMAP alternatives over NOPs, and
 * one function per rule upstream checks.  The functions whose names are
 * on upstream's UACCESS-safe list run with the window open from entry.
 */
#define X86_FEATURE_POPCNT	(4 * 32 + 23)
#define X86_FEATURE_SMAP	(9 * 32 + 20)

	/* struct alt_instr for the group [\o0, \o1) replaced by [\r0, \r1) */
	.macro alt_entry o0, o1, r0, r1, feature
	.pushsection .altinstructions, "a"
	.long \o0 - .
	.long \r0 - .
	.long \feature
	.byte \o1 - \o0
	.byte \r1 - \r0
	.popsection
	.endm

	.macro stac_alt
.Lo\@:	.skip 3, 0x90
.Le\@:
	.pushsection .altinstr_replacement, "ax"
.Lr\@:	stac
.Ls\@:
	.popsection
	alt_entry .Lo\@, .Le\@, .Lr\@, .Ls\@, X86_FEATURE_SMAP
	.endm

	.macro clac_alt
.Lo\@:	.skip 3, 0x90
.Le\@:
	.pushsection .altinstr_replacement, "ax"
.Lr\@:	clac
.Ls\@:
	.popsection
	alt_entry .Lo\@, .Le\@, .Lr\@, .Ls\@, X86_FEATURE_SMAP
	.endm

	/* smap_save(): the flags (AC among them) into %rax, then clac */
	.macro smap_save
.Lo\@:	.skip 5, 0x90
.Le\@:
	.pushsection .altinstr_replacement, "ax"
.Lr\@:	pushf
	pop %rax
	clac
.Ls\@:
	.popsection
	alt_entry .Lo\@, .Le\@, .Lr\@, .Ls\@, X86_FEATURE_SMAP
	.endm

	/* smap_restore(): the flags back from %rax */
	.macro smap_restore
.Lo\@:	.skip 2, 0x90
.Le\@:
	.pushsection .altinstr_replacement, "ax"
.Lr\@:	push %rax
	popf
.Ls\@:
	.popsection
	alt_entry .Lo\@, .Le\@, .Lr\@, .Ls\@, X86_FEATURE_SMAP
	.endm

	/* hweight: a call to the software version, or popcnt */
	.macro popcnt_alt
.Lo\@:	call __sw_hweight32
.Le\@:
	.pushsection .altinstr_replacement, "ax"
.Lr\@:	popcnt %edi, %eax
.Ls\@:
	.popsection
	alt_entry .Lo\@, .Le\@, .Lr\@, .Ls\@, X86_FEATURE_POPCNT
	.endm

#include "funcs.h"

	.text
/* a user access window as the kernel opens one: no warning */
	func f_ua_ok
	stac_alt
	mov (%rdi), %eax
	clac_alt
	ret_thunk
	endfunc f_ua_ok

/* calls inside the window: to a safe function, to any other */
	func f_ua_call_safe
	stac_alt
	call __sanitizer_cov_trace_pc
	clac_alt
	ret_thunk
	endfunc f_ua_call_safe

	func f_ua_call
	stac_alt
	call ext_func
	clac_alt
	ret_thunk
	endfunc f_ua_call

	func f_ua_call_dynamic
	stac_alt
	call __x86_indirect_thunk_rax
	clac_alt
	ret_thunk
	endfunc f_ua_call_dynamic

	func f_ua_tail_call
	stac_alt
	jmp ext_func
	endfunc f_ua_tail_call

/* returning with it open; opening it twice; closing it when closed */
	func f_ua_ret
	stac_alt
	ret_thunk
	endfunc f_ua_ret

	func f_ua_recursive
	stac_alt
	stac_alt
	clac_alt
	ret_thunk
	endfunc f_ua_recursive

	func f_ua_redundant
	clac_alt
	ret_thunk
	endfunc f_ua_redundant

/* the flags saved and restored around a call (smap_save/restore) */
	func f_ua_save
	stac_alt
	smap_save
	call ext_func
	smap_restore
	clac_alt
	ret_thunk
	endfunc f_ua_save

/* hweight inside the window: the !POPCNT call is not walked */
	func f_ua_popcnt
	stac_alt
	popcnt_alt
	clac_alt
	ret_thunk
	endfunc f_ua_popcnt

/* UACCESS-safe functions: returning inside the window, closing it */
	func rep_movs_alternative
	mov (%rsi), %eax
	ret_thunk
	endfunc rep_movs_alternative

	func copy_mc_fragile
	clac_alt
	ret_thunk
	endfunc copy_mc_fragile

	func rep_stos_alternative
	smap_save
	ret_thunk
	endfunc rep_stos_alternative
