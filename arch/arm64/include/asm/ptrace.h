/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The register frame of an interrupted or traced context: what the ftrace
 * trampoline saves, what a stopped task's signal context is converted to,
 * and where reliable unwinding starts.  Offsets are used by asm; keep them.
 */
#ifndef _ASM_ARM64_PTRACE_H
#define _ASM_ARM64_PTRACE_H

#ifndef __ASSEMBLY__
#include <stdint.h>

struct pt_regs {
	uint64_t regs[31];	/* x0..x30; x29 fp, x30 lr */
	uint64_t sp;
	uint64_t pc;
	uint64_t pstate;
};

static inline unsigned long instruction_pointer(const struct pt_regs *regs)
{
	return regs->pc;
}

static inline void instruction_pointer_set(struct pt_regs *regs, unsigned long ip)
{
	regs->pc = ip;
}

static inline unsigned long kernel_stack_pointer(const struct pt_regs *regs)
{
	return regs->sp;
}

static inline unsigned long frame_pointer(const struct pt_regs *regs)
{
	return regs->regs[29];
}
#endif

#define PTREGS_X(n)	((n) * 8)
#define PTREGS_SP	248
#define PTREGS_PC	256
#define PTREGS_PSTATE	264
#define PTREGS_SIZE	272

#endif
