/* SPDX-License-Identifier: GPL-2.0 */
/*
 * __fentry__: every kit function's first instruction calls it (-mfentry)
 * until ftrace's boot-time init turns the call sites into NOPs.  Until
 * then, and for sites never enabled, it returns at once.
 */
#include <asm/linkage.h>

	.text
SYM_FUNC_START(__fentry__)
	ret
SYM_FUNC_END(__fentry__)

	.section .note.GNU-stack, "", %progbits
