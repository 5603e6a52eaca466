/* SPDX-License-Identifier: GPL-2.0 */
/* For selftests/objtool-badinput: a function that runs into the next. */
	.text
	.globl first, second
	.type first, @function
first:
	lghi %r2,0
	.size first, . - first
	.type second, @function
second:
	br %r14
	.size second, . - second
