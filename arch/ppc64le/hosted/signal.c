// SPDX-License-Identifier: GPL-2.0
/*
 * A signal's interrupted context (hosted: the kernel's ucontext, built by
 * qemu-user under emulation) as pt_regs, and back.  glibc's mcontext on
 * ppc64 keeps the registers in gp_regs[], indexed as the kernel's
 * <asm/ptrace.h> PT_* numbers: r0-r31, then NIP 32, MSR 33, CTR 35,
 * LNK 36, XER 37, CCR 38.  notrace, like every function a trap handler
 * may run.
 */
#define _GNU_SOURCE
#include <sys/ucontext.h>

#include <kit/ftrace.h>
#include <kit/platform.h>

#define UC_NIP	32
#define UC_MSR	33
#define UC_CTR	35
#define UC_LNK	36
#define UC_XER	37
#define UC_CCR	38

notrace void arch_ucontext_to_regs(const void *ucontext, struct pt_regs *regs)
{
	const ucontext_t *uc = ucontext;
	const unsigned long *gp = (const unsigned long *)uc->uc_mcontext.gp_regs;

	for (int i = 0; i < 32; i++)
		regs->gpr[i] = gp[i];
	regs->nip = gp[UC_NIP];
	regs->msr = gp[UC_MSR];
	regs->ctr = gp[UC_CTR];
	regs->link = gp[UC_LNK];
	regs->xer = gp[UC_XER];
	regs->ccr = gp[UC_CCR];
}

/* msr is left as it was: no kit handler changes it. */
notrace void arch_regs_to_ucontext(const struct pt_regs *regs, void *ucontext)
{
	ucontext_t *uc = ucontext;
	unsigned long *gp = (unsigned long *)uc->uc_mcontext.gp_regs;

	for (int i = 0; i < 32; i++)
		gp[i] = regs->gpr[i];
	gp[UC_NIP] = regs->nip;
	gp[UC_CTR] = regs->ctr;
	gp[UC_LNK] = regs->link;
	gp[UC_XER] = regs->xer;
	gp[UC_CCR] = regs->ccr;
}
