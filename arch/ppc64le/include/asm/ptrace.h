/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The register frame of an interrupted or traced context: what the ftrace
 * trampoline saves, what a stopped task's signal context is converted to,
 * and where reliable unwinding starts.  Offsets are used by asm; keep them.
 */
#ifndef _ASM_PPC64LE_PTRACE_H
#define _ASM_PPC64LE_PTRACE_H

#ifndef __ASSEMBLY__
#include <stdbool.h>
#include <stdint.h>

struct pt_regs {
	uint64_t gpr[32];	/* r1 sp, r2 TOC, r12 global entry, r31 fp */
	uint64_t nip;
	uint64_t msr;
	uint64_t ctr;
	uint64_t link;
	uint64_t xer;
	uint64_t ccr;
};

static inline unsigned long instruction_pointer(const struct pt_regs *regs)
{
	return regs->nip;
}

/*
 * A new ip is a function's global entry, which computes its TOC from r12
 * (ELFv2): set both, so a redirect enters the replacement as a call would.
 */
static inline void instruction_pointer_set(struct pt_regs *regs, unsigned long ip)
{
	regs->nip = ip;
	regs->gpr[12] = ip;
}

static inline unsigned long kernel_stack_pointer(const struct pt_regs *regs)
{
	return regs->gpr[1];
}

/* r31, gcc's frame pointer (-fno-omit-frame-pointer); the back chain starts at r1 */
static inline unsigned long frame_pointer(const struct pt_regs *regs)
{
	return regs->gpr[31];
}
#endif

#define PTREGS_GPR(n)	((n) * 8)
#define PTREGS_NIP	256
#define PTREGS_MSR	264
#define PTREGS_CTR	272
#define PTREGS_LINK	280
#define PTREGS_XER	288
#define PTREGS_CCR	296
#define PTREGS_SIZE	304

/* ELFv2 stack frame header: back chain, CR save, LR save, TOC save */
#define PPC_FRAME_MIN		32
#define PPC_FRAME_LR_SAVE	16
#define PPC_FRAME_TOC_SAVE	24

#ifndef __ASSEMBLY__
#include <kit/frame_readable.h>
/*
 * One back-chain record (kit/frame_record.h): fp is a frame's own r1; its
 * back chain is the caller's r1, whose LR save slot holds the return
 * address into the caller, and which is the CFA.  The outermost frame's
 * chain is 0: no record.
 */
static inline __attribute__((always_inline)) bool
arch_frame_record_step(unsigned long fp, frame_readable_fn readable, const void *data,
		       unsigned long *next, unsigned long *ra, unsigned long *cfa)
{
	const unsigned long *caller;

	if (readable && !readable(fp, 8, data))
		return false;
	caller = *(const unsigned long *const *)fp;
	if (!caller || (readable && !readable((unsigned long)caller, 24, data)))
		return false;
	*ra = caller[PPC_FRAME_LR_SAVE / 8];
	*cfa = (unsigned long)caller;
	*next = caller[0] ? (unsigned long)caller : 0;
	return true;
}
#define arch_frame_record_step arch_frame_record_step
#endif

#endif
