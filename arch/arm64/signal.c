// SPDX-License-Identifier: GPL-2.0
/* A signal's interrupted context (hosted: the kernel's ucontext) as pt_regs. */
#define _GNU_SOURCE
#include <sys/ucontext.h>

#include <kit/platform.h>

void arch_ucontext_to_regs(const void *ucontext, struct pt_regs *regs)
{
	const ucontext_t *uc = ucontext;

	for (int i = 0; i < 31; i++)
		regs->regs[i] = uc->uc_mcontext.regs[i];
	regs->sp = uc->uc_mcontext.sp;
	regs->pc = uc->uc_mcontext.pc;
	regs->pstate = uc->uc_mcontext.pstate;
}
