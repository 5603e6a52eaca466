/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One site of each kind kbuild's mitigation options list or warn about,
 * for kbuild-options.sh, which runs upstream objtool and objtool-lite on
 * the object and compares their tables, bytes and warnings:
 * return thunk jumps, retpoline calls and jumps, a bare return, indirect
 * branches, a direct call (.call_sites), jump label sites of both sizes
 * marked for NOPing (key addend bit 1) and one not marked, and a
 * function whose only fault is a return with no int3 after it (--sls).
 */
	.text
	.globl f_ret_thunk
	.type f_ret_thunk, @function
f_ret_thunk:
	call ext_func
	jmp __x86_return_thunk
	int3
	.size f_ret_thunk, .-f_ret_thunk

	.globl f_retpoline
	.type f_retpoline, @function
f_retpoline:
	call __x86_indirect_thunk_rax
	jmp __x86_indirect_thunk_r11
	int3
	.size f_retpoline, .-f_retpoline

	.globl f_naked
	.type f_naked, @function
f_naked:
	ret
	.size f_naked, .-f_naked

	.globl f_indirect
	.type f_indirect, @function
f_indirect:
	call *%rax
	jmp *%rax
	.size f_indirect, .-f_indirect

	.globl f_jl
	.type f_jl, @function
f_jl:
1:	jmp 3f
	{disp32} jmp 3f
2:	jmp __x86_return_thunk
	int3
3:	jmp __x86_return_thunk
	int3
	.size f_jl, .-f_jl

	.pushsection __jump_table, "aw"
	.balign 8
	.long 1b - .
	.long 3b - .
	.quad key + 2 - .
	.long 1b + 2 - .
	.long 3b - .
	.quad key + 1 - .
	.popsection

	.globl f_sls
	.type f_sls, @function
f_sls:
	call ext_func
	ret
	nop
	.size f_sls, .-f_sls

	.globl f_sls_jmp
	.type f_sls_jmp, @function
f_sls_jmp:
	jmp *%rax
	nop
	.size f_sls_jmp, .-f_sls_jmp
