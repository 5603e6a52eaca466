/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 ftrace entry (the FTRACE_WITH_REGS form of -fpatchable-function-entry=2).
 *
 * A function's two entry NOPs become, at ftrace init, "mov x9, x30; nop",
 * and while the site is enabled "mov x9, x30; bl ftrace_regs_caller".  So
 * on entry here x9 holds the traced function's return address, x30 the
 * address after the bl (func+8), and sp is the function's entry sp.
 *
 * The trampoline saves a full struct pt_regs (x30 = the function's return
 * address, as the function will see it; pc = func+8; sp = entry sp),
 * builds two frame records for frame-pointer unwinders (A: trampoline ->
 * func, B: func -> its caller), calls kit_ftrace_dispatch(func, parent,
 * regs), restores the registers and branches to regs->pc with x30 = the
 * saved x30: unchanged, that is the rest of the function; changed by an
 * IPMODIFY ops, the new function runs as if called by the original caller.
 * x9 is clobbered, as the site's "mov x9, x30" already clobbers it.
 *
 * Stack, from the new sp up: pt_regs (272), A (16), B (16).
 *
 * Unwinding: once pt_regs is complete the trampoline is a REGS frame (an
 * unwinder reads pc, sp, x29 and x30 from pt_regs and goes on in the
 * traced function, whose entry state says "ra in x30": known, from
 * pt_regs).  Before that, objtool-lite describes an ordinary call frame
 * returning to func+8, where the next frame again says "ra in x30"; but
 * x30 is only known in the innermost frame or one restored from pt_regs,
 * so an unwinder that follows that rule reports these few instructions
 * unreliable, never wrong (the real return address is in x9, which ORC
 * cannot express).  At the final "ret x9" the target is in x9 as well,
 * and its ORC entry (the function-entry state objtool-lite requires at a
 * return) leaves out the function about to run: a reliable unwinder must
 * treat pc == ftrace_regs_caller_ret as unreliable.
 */
#include <asm/linkage.h>
#include <asm/ptrace.h>
#include <asm/unwind_hints.h>

#define FRAME_A		PTREGS_SIZE
#define FRAME_B		(FRAME_A + 16)
#define FTRACE_FRAME	(FRAME_B + 16)

	.text
SYM_FUNC_START(ftrace_regs_caller)
	sub	sp, sp, #FTRACE_FRAME
	stp	x0, x1, [sp, #PTREGS_X(0)]
	stp	x2, x3, [sp, #PTREGS_X(2)]
	stp	x4, x5, [sp, #PTREGS_X(4)]
	stp	x6, x7, [sp, #PTREGS_X(6)]
	stp	x8, x9, [sp, #PTREGS_X(8)]
	stp	x10, x11, [sp, #PTREGS_X(10)]
	stp	x12, x13, [sp, #PTREGS_X(12)]
	stp	x14, x15, [sp, #PTREGS_X(14)]
	stp	x16, x17, [sp, #PTREGS_X(16)]
	stp	x18, x19, [sp, #PTREGS_X(18)]
	stp	x20, x21, [sp, #PTREGS_X(20)]
	stp	x22, x23, [sp, #PTREGS_X(22)]
	stp	x24, x25, [sp, #PTREGS_X(24)]
	stp	x26, x27, [sp, #PTREGS_X(26)]
	stp	x28, x29, [sp, #PTREGS_X(28)]
	str	x9, [sp, #PTREGS_X(30)]		/* the function's lr */
	add	x10, sp, #FTRACE_FRAME
	str	x10, [sp, #PTREGS_SP]
	str	x30, [sp, #PTREGS_PC]		/* func+8 */
	str	xzr, [sp, #PTREGS_PSTATE]
	/* frame records: A (trampoline -> func) below B (func -> parent) */
	stp	x29, x9, [sp, #FRAME_B]
	add	x10, sp, #FRAME_B
	stp	x10, x30, [sp, #FRAME_A]
	UNWIND_HINT_REGS
	add	x29, sp, #FRAME_A
	sub	x0, x30, #8			/* func */
	mov	x1, x9				/* parent */
	mov	x2, sp				/* regs */
	bl	kit_ftrace_dispatch

	/* continue at regs->pc, with lr = regs->x30 */
	ldp	x0, x1, [sp, #PTREGS_X(0)]
	ldp	x2, x3, [sp, #PTREGS_X(2)]
	ldp	x4, x5, [sp, #PTREGS_X(4)]
	ldp	x6, x7, [sp, #PTREGS_X(6)]
	ldr	x8, [sp, #PTREGS_X(8)]
	ldp	x10, x11, [sp, #PTREGS_X(10)]
	ldp	x12, x13, [sp, #PTREGS_X(12)]
	ldp	x14, x15, [sp, #PTREGS_X(14)]
	ldp	x16, x17, [sp, #PTREGS_X(16)]
	ldp	x18, x19, [sp, #PTREGS_X(18)]
	ldp	x20, x21, [sp, #PTREGS_X(20)]
	ldp	x22, x23, [sp, #PTREGS_X(22)]
	ldp	x24, x25, [sp, #PTREGS_X(24)]
	ldp	x26, x27, [sp, #PTREGS_X(26)]
	ldp	x28, x29, [sp, #PTREGS_X(28)]
	ldr	x30, [sp, #PTREGS_X(30)]
	ldr	x9, [sp, #PTREGS_PC]
	add	sp, sp, #FTRACE_FRAME
	UNWIND_HINT_FUNC
	.globl	ftrace_regs_caller_ret
ftrace_regs_caller_ret:
	ret	x9
SYM_FUNC_END(ftrace_regs_caller)

	.section .note.GNU-stack, "", %progbits
