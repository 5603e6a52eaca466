/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For selftests/objtool-badinput: one unwind hint (hint_record.h)
 * before a trap ("j .+2", gcc's __builtin_trap()), so that badinput.c
 * can break the record.
 */
#include "hint_record.h"	/* selftests/objtool-badinput/ */

	.text
	.globl entry
	.type entry, @function
entry:
1:	nopr
	BADINPUT_HINT_RECORD(1b)
	.long 0xa7f40001
	.size entry, . - entry
