/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For selftests/objtool-badinput: one unwind hint (hint_record.h)
 * before a trap (brk), so that badinput.c can break the record.
 */
#include "hint_record.h"	/* selftests/objtool-badinput/ */

	.text
	.globl entry
	.type entry, %function
entry:
1:	nop
	BADINPUT_HINT_RECORD(1b)
	brk #0x800
	.size entry, . - entry
