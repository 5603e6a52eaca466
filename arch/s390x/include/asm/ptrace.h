/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The register frame of an interrupted or traced context: what the ftrace
 * trampoline saves, what a stopped task's signal context is converted to,
 * and where reliable unwinding starts.  r15 is the stack pointer, r14 the
 * return address of a call, r11 gcc's frame pointer; psw.addr the pc.
 * Offsets are used by asm; keep them.
 */
#ifndef _ASM_S390X_PTRACE_H
#define _ASM_S390X_PTRACE_H

#ifndef __ASSEMBLY__
#include <stdbool.h>
#include <stdint.h>

struct pt_regs {
	uint64_t gprs[16];
	uint64_t psw_mask;
	uint64_t psw_addr;
};

static inline unsigned long instruction_pointer(const struct pt_regs *regs)
{
	return regs->psw_addr;
}

static inline void instruction_pointer_set(struct pt_regs *regs, unsigned long ip)
{
	regs->psw_addr = ip;
}

static inline unsigned long kernel_stack_pointer(const struct pt_regs *regs)
{
	return regs->gprs[15];
}

static inline unsigned long frame_pointer(const struct pt_regs *regs)
{
	return regs->gprs[11];
}
#endif

#define PTREGS_GPR(n)	((n) * 8)
#define PTREGS_PSW_MASK	128
#define PTREGS_PSW_ADDR	136
#define PTREGS_SIZE	144

/*
 * The ABI's frame (-mpacked-stack -mbackchain, as Linux): the caller owns
 * the 160 bytes above its sp; a callee saves r14 at 136 and r15 at 144 of
 * them, and the back chain (the frame's entry sp) is at 152.
 */
#define STACK_FRAME_OVERHEAD	160
#define STACK_FRAME_R14		136
#define STACK_FRAME_R15		144
#define STACK_FRAME_BACKCHAIN	152

#ifndef __ASSEMBLY__
#include <kit/frame_readable.h>
/*
 * One back-chain record (kit/frame_record.h): gcc's
 * __builtin_frame_address(0) with -mbackchain -mpacked-stack is the
 * back-chain slot of the frame the function was called on, 152 above its
 * caller's sp S.  The return address was saved at S + 136, the chain
 * there is the caller's own entry sp (0 in the trampoline's frame), and
 * the CFA is S + 160.
 */
static inline __attribute__((always_inline)) bool
arch_frame_record_step(unsigned long fp, frame_readable_fn readable, const void *data,
		       unsigned long *next, unsigned long *ra, unsigned long *cfa)
{
	unsigned long sp = fp - STACK_FRAME_BACKCHAIN, chain;

	if (fp < STACK_FRAME_BACKCHAIN ||
	    (readable && !readable(sp, STACK_FRAME_OVERHEAD, data)))
		return false;
	chain = *(const unsigned long *)fp;
	*ra = *(const unsigned long *)(sp + STACK_FRAME_R14);
	*cfa = sp + STACK_FRAME_OVERHEAD;
	*next = chain ? chain + STACK_FRAME_BACKCHAIN : 0;
	return true;
}
#define arch_frame_record_step arch_frame_record_step
#endif

#endif
