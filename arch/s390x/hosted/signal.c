// SPDX-License-Identifier: GPL-2.0
/*
 * A signal's interrupted context (hosted: the kernel's ucontext, which
 * qemu-s390x builds: psw.addr, psw.mask, gregs[0..15]) as pt_regs, and
 * back.  Hosted only: bare-metal builds pt_regs in its entry code.
 * notrace, like every function a trap handler may run.
 */
#define _GNU_SOURCE
#include <sys/ucontext.h>

#include <kit/ftrace.h>
#include <kit/platform.h>

notrace void arch_ucontext_to_regs(const void *ucontext, struct pt_regs *regs)
{
	const ucontext_t *uc = ucontext;

	for (int i = 0; i < 16; i++)
		regs->gprs[i] = uc->uc_mcontext.gregs[i];
	regs->psw_mask = uc->uc_mcontext.psw.mask;
	regs->psw_addr = uc->uc_mcontext.psw.addr;
}

/* psw.mask is left as it was: no kit handler changes it. */
notrace void arch_regs_to_ucontext(const struct pt_regs *regs, void *ucontext)
{
	ucontext_t *uc = ucontext;

	for (int i = 0; i < 16; i++)
		uc->uc_mcontext.gregs[i] = regs->gprs[i];
	uc->uc_mcontext.psw.addr = regs->psw_addr;
}
