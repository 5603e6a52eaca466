/* SPDX-License-Identifier: GPL-2.0 */
/* For selftests/objtool-badinput: a function that runs into the next. */
	.text
	.globl first, second
	.type first, @function
first:
	li 3, 0
	.size first, . - first
	.type second, @function
second:
	blr
	.size second, . - second
