/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --cfi and --mnop sites for kbuild-options.sh (compared with upstream
 * objtool as options.S is): two functions with clang's kCFI preamble
 * before them (a __cfi_ symbol: the type hash, then padding, falling
 * through into the function), one local and one global, each starting
 * with the ftrace call that --mcount lists and --mnop makes a NOP.
 */
	.macro kcfi_func name, bind, hash
	.\bind __cfi_\name
	.type __cfi_\name, @function
__cfi_\name:
	mov $\hash, %eax
	.skip 11, 0x90
	.size __cfi_\name, .-__cfi_\name
	.\bind \name
	.type \name, @function
\name:
	endbr64
	call __fentry__
	.endm

	.text
	kcfi_func f_kcfi_local, local, 0x12345678
	call ext_func
	jmp __x86_return_thunk
	int3
	.size f_kcfi_local, .-f_kcfi_local

	kcfi_func f_kcfi_global, globl, 0x9abcdef0
	jmp __x86_return_thunk
	int3
	.size f_kcfi_global, .-f_kcfi_global

	/* their addresses are taken: kCFI checks the calls through them */
	.data
	.quad f_kcfi_local
	.quad f_kcfi_global
