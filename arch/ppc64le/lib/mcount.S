/* SPDX-License-Identifier: GPL-2.0 */
/*
 * _mcount, the call target of every -mprofile-kernel site (and
 * FENTRY_SITE) as compiled.  In lib/ so that everything linking the
 * kit's asm library gets this one, not a C library's profiler.
 */
#include <asm/linkage.h>

	.text
/*
 * The compiler's site target before ftrace init makes the sites NOPs
 * (boot code runs traced functions first; a module's sites are NOPs
 * before its code runs): return to site + 4 with LR restored from r0, as
 * -mprofile-kernel expects of _mcount.  Its last instruction's ORC state
 * (ra in LR, which by then is F's) would skip F; no walk can meet it:
 * after ftrace init no site calls _mcount, and before it the boot thread
 * is the only one.
 */
SYM_FUNC_START(_mcount)
	mflr	12
	mtctr	12
	mtlr	0
	bctr
SYM_FUNC_END(_mcount)

	.section .note.GNU-stack, "", @progbits
