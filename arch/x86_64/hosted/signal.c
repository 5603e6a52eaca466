// SPDX-License-Identifier: GPL-2.0
/*
 * A signal's interrupted context (hosted: the kernel's ucontext) as
 * pt_regs, and back.  Hosted only: bare-metal builds pt_regs in its entry
 * code.  notrace: the breakpoint trap path runs through here, and may trap
 * on a site that is being patched.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/ucontext.h>

#include <kit/ftrace.h>
#include <kit/platform.h>

notrace void arch_ucontext_to_regs(const void *ucontext, struct pt_regs *regs)
{
	const ucontext_t *uc = ucontext;
	const greg_t *g = uc->uc_mcontext.gregs;

	regs->r15 = g[REG_R15];
	regs->r14 = g[REG_R14];
	regs->r13 = g[REG_R13];
	regs->r12 = g[REG_R12];
	regs->bp = g[REG_RBP];
	regs->bx = g[REG_RBX];
	regs->r11 = g[REG_R11];
	regs->r10 = g[REG_R10];
	regs->r9 = g[REG_R9];
	regs->r8 = g[REG_R8];
	regs->ax = g[REG_RAX];
	regs->cx = g[REG_RCX];
	regs->dx = g[REG_RDX];
	regs->si = g[REG_RSI];
	regs->di = g[REG_RDI];
	regs->orig_ax = (uint64_t)-1;	/* an interrupt, not a system call */
	regs->ip = g[REG_RIP];
	/* cs, gs, fs and (since Linux 4.8) ss share one 64-bit slot */
	regs->cs = (uint64_t)g[REG_CSGSFS] & 0xffff;
	regs->ss = ((uint64_t)g[REG_CSGSFS] >> 48) & 0xffff;
	regs->flags = g[REG_EFL];
	regs->sp = g[REG_RSP];
}

/*
 * Segments and flags are left as they were: pt_regs has no room for fs
 * and gs, which share the segment slot, and no kit handler changes them.
 */
notrace void arch_regs_to_ucontext(const struct pt_regs *regs, void *ucontext)
{
	ucontext_t *uc = ucontext;
	greg_t *g = uc->uc_mcontext.gregs;

	g[REG_R15] = regs->r15;
	g[REG_R14] = regs->r14;
	g[REG_R13] = regs->r13;
	g[REG_R12] = regs->r12;
	g[REG_RBP] = regs->bp;
	g[REG_RBX] = regs->bx;
	g[REG_R11] = regs->r11;
	g[REG_R10] = regs->r10;
	g[REG_R9] = regs->r9;
	g[REG_R8] = regs->r8;
	g[REG_RAX] = regs->ax;
	g[REG_RCX] = regs->cx;
	g[REG_RDX] = regs->dx;
	g[REG_RSI] = regs->si;
	g[REG_RDI] = regs->di;
	g[REG_RIP] = regs->ip;
	g[REG_RSP] = regs->sp;
}

/* An int3 trap is SI_KERNEL (not TRAP_BRKPT); kill(), tgkill(), raise() are not. */
notrace bool arch_breakpoint_siginfo(const void *siginfo)
{
	return ((const siginfo_t *)siginfo)->si_code == SI_KERNEL;
}
