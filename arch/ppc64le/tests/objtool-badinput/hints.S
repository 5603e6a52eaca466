/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For selftests/objtool-badinput: one unwind hint (hint_record.h)
 * before a trap ("trap", tw 31,0,0), so that badinput.c can break the
 * record.
 */
#include "hint_record.h"	/* selftests/objtool-badinput/ */

	.text
	.globl entry
	.type entry, @function
entry:
1:	nop
	BADINPUT_HINT_RECORD(1b)
	trap
	.size entry, . - entry
