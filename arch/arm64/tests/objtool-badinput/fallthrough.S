/* SPDX-License-Identifier: GPL-2.0 */
/* For selftests/objtool-badinput: a function that runs into the next. */
	.text
	.globl first, second
	.type first, %function
first:
	mov x0, #0
	.size first, . - first
	.type second, %function
second:
	ret
	.size second, . - second
