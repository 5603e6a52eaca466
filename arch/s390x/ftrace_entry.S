/* SPDX-License-Identifier: GPL-2.0 */
/*
 * s390x ftrace entry (FTRACE_WITH_REGS on -mnop-mcount's "brcl 0,0").
 *
 * An enabled site is "brasl %r0,ftrace_regs_caller", the first thing in
 * the traced function: on entry here r0 holds func+6 (the rest of the
 * function), r14 the function's return address (untouched: the site links
 * through r0), r15 the function's entry sp, r2-r6 its arguments.  Only r0
 * and r1 may be clobbered, as compiled code expects of the site.
 *
 * The trampoline allocates the ABI's 160-byte frame for its own call plus
 * a struct pt_regs above it, saves r0-r14 there, r15 as the entry sp and
 * psw.addr = func+6, stores the back chain, calls kit_ftrace_dispatch(func,
 * parent, regs), restores r0-r15 and branches to regs->psw.addr:
 * unchanged, that is the rest of the function; changed by an IPMODIFY ops,
 * the new function runs with r14 = the original return address, as if
 * called by the original caller.
 *
 * Unwinding: until pt_regs is complete the trampoline is an ordinary
 * frame called by the traced function's caller (objtool-lite's entry
 * state: ra in r14, then saved with the others).  The traced function is
 * in no trace there, rightly: none of it has run but its NOP-sized site,
 * and the dispatch that decides which version runs is still ahead, made
 * with whatever patch state the task then has.  Then the trampoline is a
 * REGS frame (pt_regs at sp + 160), which ORC follows into the
 * traced function at func+6, whose state says "ra in r14": known, from
 * pt_regs.  The back-chain unwinder refuses any frame that returns into
 * it, as a pt_regs frame in kernel code.  At the final "br %r1" the
 * function about to run is in no frame either: a reliable unwinder treats
 * pc == ftrace_regs_caller_ret as unreliable.
 */
#include <asm/linkage.h>
#include <asm/ptrace.h>
#include <asm/unwind_hints.h>

#define REGS		STACK_FRAME_OVERHEAD
#define FTRACE_FRAME	(STACK_FRAME_OVERHEAD + PTREGS_SIZE)

	.text
SYM_FUNC_START(ftrace_regs_caller)
	lay	%r15,-FTRACE_FRAME(%r15)
	stmg	%r0,%r14,REGS+PTREGS_GPR(0)(%r15)
	la	%r1,FTRACE_FRAME(%r15)
	stg	%r1,REGS+PTREGS_GPR(15)(%r15)	/* the function's entry sp */
	stg	%r1,STACK_FRAME_BACKCHAIN(%r15)
	stg	%r0,REGS+PTREGS_PSW_ADDR(%r15)	/* func+6 */
	xc	REGS+PTREGS_PSW_MASK(8,%r15),REGS+PTREGS_PSW_MASK(%r15)
	UNWIND_HINT_REGS base=sp offset=REGS
	lgr	%r2,%r0
	aghi	%r2,-6				/* func */
	lgr	%r3,%r14			/* parent */
	la	%r4,REGS(%r15)			/* regs */
	brasl	%r14,kit_ftrace_dispatch

	/* continue at regs->psw.addr, with r14 = regs->gprs[14] */
	lmg	%r0,%r14,REGS+PTREGS_GPR(0)(%r15)
	lg	%r1,REGS+PTREGS_PSW_ADDR(%r15)
	lg	%r15,REGS+PTREGS_GPR(15)(%r15)
	UNWIND_HINT_FUNC
	.globl	ftrace_regs_caller_ret
ftrace_regs_caller_ret:
	br	%r1
SYM_FUNC_END(ftrace_regs_caller)

	.section .note.GNU-stack, "", @progbits
