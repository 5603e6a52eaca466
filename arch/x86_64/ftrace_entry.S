/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86_64 ftrace entry.
 *
 * __fentry__: every kit function's first instruction calls it (-mfentry)
 * until ftrace's boot-time init turns the call sites into NOPs; until
 * then it returns at once.
 *
 * ftrace_regs_caller: an enabled site is "call ftrace_regs_caller".  On
 * entry [rsp] is the address after the site (func+5) and [rsp+8] the
 * traced function's return address.  The trampoline saves a full
 * struct pt_regs (ip = func+5, sp = the function's entry sp), builds two
 * frame records for frame-pointer unwinders (func, then its caller), and
 * calls kit_ftrace_dispatch(func, parent, regs).  It then continues at
 * regs->ip by rewriting its own return slot: unchanged, that is the rest
 * of the function; changed by an IPMODIFY ops, the new function runs with
 * the original caller's return address on top of the stack.
 *
 * Stack, from the new rsp up:
 *   0    struct pt_regs (PTREGS_SIZE = 168)
 *   168  padding (keeps rsp 16-byte aligned at the call)
 *   176  frame record A: B, func+5
 *   192  frame record B: caller's rbp, parent
 *   208  func+5 (our return slot)            <- the site's call pushed it
 *   216  parent                               <- the function's entry sp
 * Until pt_regs is complete the frame is an ordinary call frame objtool
 * tracks; from then on it is a REGS frame: an unwinder reads ip, sp and bp
 * from pt_regs and goes straight to the traced function.  At the final
 * ret (ftrace_regs_caller_ret) the return slot holds func+5, or a new
 * function's entry after IPMODIFY: not a return address (its pc-1 lies in
 * the previous function), so a reliable unwinder must treat
 * pc == ftrace_regs_caller_ret as unreliable.
 */
#include <asm/linkage.h>
#include <asm/ptrace.h>
#include <asm/unwind_hints.h>

#define FRAME_A		(PTREGS_SIZE + 8)
#define FRAME_B		(FRAME_A + 16)
#define FTRACE_FRAME	(FRAME_B + 16)

	.text
SYM_FUNC_START(__fentry__)
	ret
SYM_FUNC_END(__fentry__)

SYM_FUNC_START(ftrace_regs_caller)
	sub	$FTRACE_FRAME, %rsp
	movq	%r15, PTREGS_R15(%rsp)
	movq	%r14, PTREGS_R14(%rsp)
	movq	%r13, PTREGS_R13(%rsp)
	movq	%r12, PTREGS_R12(%rsp)
	movq	%rbp, PTREGS_BP(%rsp)
	movq	%rbx, PTREGS_BX(%rsp)
	movq	%r11, PTREGS_R11(%rsp)
	movq	%r10, PTREGS_R10(%rsp)
	movq	%r9, PTREGS_R9(%rsp)
	movq	%r8, PTREGS_R8(%rsp)
	movq	%rax, PTREGS_AX(%rsp)
	movq	%rcx, PTREGS_CX(%rsp)
	movq	%rdx, PTREGS_DX(%rsp)
	movq	%rsi, PTREGS_SI(%rsp)
	movq	%rdi, PTREGS_DI(%rsp)
	movq	$-1, PTREGS_ORIG_AX(%rsp)
	pushfq
	popq	%rax
	movq	%rax, PTREGS_FLAGS(%rsp)
	movq	$0, PTREGS_CS(%rsp)
	movq	$0, PTREGS_SS(%rsp)
	movq	FTRACE_FRAME(%rsp), %rsi	/* func+5 */
	movq	%rsi, PTREGS_IP(%rsp)
	leaq	FTRACE_FRAME+8(%rsp), %rax
	movq	%rax, PTREGS_SP(%rsp)
	/* frame records: A (trampoline -> func) above pt_regs, B (func -> parent) */
	movq	%rbp, FRAME_B(%rsp)
	movq	FTRACE_FRAME+8(%rsp), %rax	/* parent */
	movq	%rax, FRAME_B+8(%rsp)
	leaq	FRAME_B(%rsp), %rax
	movq	%rax, FRAME_A(%rsp)
	movq	%rsi, FRAME_A+8(%rsp)
	UNWIND_HINT_REGS
	leaq	FRAME_A(%rsp), %rbp
	leaq	-5(%rsi), %rdi			/* func */
	movq	FRAME_B+8(%rsp), %rsi		/* parent */
	movq	%rsp, %rdx			/* regs */
	call	kit_ftrace_dispatch

	/* continue at regs->ip */
	movq	PTREGS_IP(%rsp), %rax
	movq	%rax, FTRACE_FRAME(%rsp)
	movq	PTREGS_R15(%rsp), %r15
	movq	PTREGS_R14(%rsp), %r14
	movq	PTREGS_R13(%rsp), %r13
	movq	PTREGS_R12(%rsp), %r12
	movq	PTREGS_BP(%rsp), %rbp
	movq	PTREGS_BX(%rsp), %rbx
	movq	PTREGS_R11(%rsp), %r11
	movq	PTREGS_R10(%rsp), %r10
	movq	PTREGS_R9(%rsp), %r9
	movq	PTREGS_R8(%rsp), %r8
	movq	PTREGS_AX(%rsp), %rax
	movq	PTREGS_CX(%rsp), %rcx
	movq	PTREGS_DX(%rsp), %rdx
	movq	PTREGS_SI(%rsp), %rsi
	movq	PTREGS_DI(%rsp), %rdi
	add	$FTRACE_FRAME, %rsp
	UNWIND_HINT_FUNC
	.globl	ftrace_regs_caller_ret
ftrace_regs_caller_ret:
	ret
SYM_FUNC_END(ftrace_regs_caller)

	.section .note.GNU-stack, "", %progbits
