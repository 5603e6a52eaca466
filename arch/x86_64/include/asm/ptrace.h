/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The register frame of an interrupted or traced context: what the ftrace
 * trampoline saves, what a stopped task's signal context is converted to,
 * and where reliable unwinding starts.  Field order is the save order of
 * the kit's asm (ftrace_entry.S), so offsets are fixed; keep them so.
 */
#ifndef _ASM_X86_PTRACE_H
#define _ASM_X86_PTRACE_H

#ifndef __ASSEMBLY__
#include <stdint.h>

struct pt_regs {
	uint64_t r15, r14, r13, r12, bp, bx;
	uint64_t r11, r10, r9, r8, ax, cx, dx, si, di;
	uint64_t orig_ax;
	uint64_t ip, cs, flags, sp, ss;
};

static inline unsigned long instruction_pointer(const struct pt_regs *regs)
{
	return regs->ip;
}

static inline void instruction_pointer_set(struct pt_regs *regs, unsigned long ip)
{
	regs->ip = ip;
}

static inline unsigned long kernel_stack_pointer(const struct pt_regs *regs)
{
	return regs->sp;
}

static inline unsigned long frame_pointer(const struct pt_regs *regs)
{
	return regs->bp;
}
#endif

/* offsets for asm */
#define PTREGS_R15	0
#define PTREGS_R14	8
#define PTREGS_R13	16
#define PTREGS_R12	24
#define PTREGS_BP	32
#define PTREGS_BX	40
#define PTREGS_R11	48
#define PTREGS_R10	56
#define PTREGS_R9	64
#define PTREGS_R8	72
#define PTREGS_AX	80
#define PTREGS_CX	88
#define PTREGS_DX	96
#define PTREGS_SI	104
#define PTREGS_DI	112
#define PTREGS_ORIG_AX	120
#define PTREGS_IP	128
#define PTREGS_CS	136
#define PTREGS_FLAGS	144
#define PTREGS_SP	152
#define PTREGS_SS	160
#define PTREGS_SIZE	168

#endif
