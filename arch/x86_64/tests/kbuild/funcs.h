/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the kbuild/*.S inputs: functions laid out as kbuild's are
 * (a landing pad first; the return thunk, then int3, to return), so the
 * only warnings are the ones each input is built to show.
 */
	.macro ret_thunk
	jmp __x86_return_thunk
	int3
	.endm

	.macro func name
	.globl \name
	.type \name, @function
\name:
	endbr64
	.endm

	.macro endfunc name
	.size \name, .-\name
	.endm
