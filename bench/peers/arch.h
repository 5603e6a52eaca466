/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What peers.c needs of each architecture, one block per architecture:
 *
 *   ARCH_NAME          the port's name in the output
 *   UC_PC/SP/FP/LR     the interrupted registers in a signal context
 *                      (LR 0 where calls push the return address)
 *   CAPTURE(r)         this function's pc, sp and frame pointer
 *   uc_dwarf_regs()    a signal context as a register file by DWARF number,
 *                      the start of libdwfl's walk and of the truth walk
 *   DW_FP, DW_SP       DWARF numbers of the frame and stack pointers
 *   DW_RANGES          the runs of DWARF numbers libdwfl's initial frame
 *                      takes (the pc is given apart)
 *   CHAIN_*            the chain fp-raw follows: frame records (fp[0] the
 *                      caller's record, fp[1] the return address) or a back
 *                      chain (sp[0] the caller's sp, the return address in a
 *                      slot of the caller's frame, CHAIN_BACK_RA_SLOT words up)
 *   RED_ZONE           bytes below sp that a leaf may use and a signal keeps
 *   HAVE_SFRAME        gas --gsframe knows the ABI (binutils 2.40, SFrame v1:
 *                      amd64 and aarch64 only)
 *   UNW_BT_RA_MINUS_1  libunwind's unw_backtrace gives return address - 1
 */
#ifndef BENCH_PEERS_ARCH_H
#define BENCH_PEERS_ARCH_H

#include <string.h>
#include <ucontext.h>

#include "../common/cfiwalk.h"

struct cur_regs { uintptr_t pc, sp, fp; };
struct dw_range { int first, n; };

#if defined(__x86_64__)
#define ARCH_NAME	"x86_64"
#define UC_PC(uc)	((uintptr_t)(uc)->uc_mcontext.gregs[REG_RIP])
#define UC_SP(uc)	((uintptr_t)(uc)->uc_mcontext.gregs[REG_RSP])
#define UC_FP(uc)	((uintptr_t)(uc)->uc_mcontext.gregs[REG_RBP])
#define UC_LR(uc)	((uintptr_t)0)
#define CAPTURE(r) __asm__ volatile("lea 0(%%rip), %0\n\tmov %%rsp, %1\n\tmov %%rbp, %2" \
				    : "=r"((r).pc), "=r"((r).sp), "=r"((r).fp))
#define DW_FP		6
#define DW_SP		7
#define DW_RANGES	{ { 0, 17 } }	/* rax..r15, and 16 (rip, the RA column) */
#define CHAIN_FRAME_RECORDS
#define RED_ZONE	128
#define HAVE_SFRAME	1
#define UNW_BT_RA_MINUS_1 0

static inline void uc_dwarf_regs(const ucontext_t *uc, struct cfiw_regs *r)
{
	static const int map[17] = { REG_RAX, REG_RDX, REG_RCX, REG_RBX, REG_RSI, REG_RDI,
		REG_RBP, REG_RSP, REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13,
		REG_R14, REG_R15, REG_RIP };

	memset(r, 0, sizeof(*r));
	for (int i = 0; i < 17; i++) {
		r->v[i] = uc->uc_mcontext.gregs[map[i]];
		r->known[i] = true;
	}
	r->pc = UC_PC(uc);
}

#elif defined(__aarch64__)
#define ARCH_NAME	"arm64"
#define UC_PC(uc)	((uintptr_t)(uc)->uc_mcontext.pc)
#define UC_SP(uc)	((uintptr_t)(uc)->uc_mcontext.sp)
#define UC_FP(uc)	((uintptr_t)(uc)->uc_mcontext.regs[29])
#define UC_LR(uc)	((uintptr_t)(uc)->uc_mcontext.regs[30])
#define CAPTURE(r) __asm__ volatile("adr %0, .\n\tmov %1, sp\n\tmov %2, x29" \
				    : "=r"((r).pc), "=r"((r).sp), "=r"((r).fp))
#define DW_FP		29
#define DW_SP		31
#define DW_RANGES	{ { 0, 32 } }	/* x0..x30, sp */
#define CHAIN_FRAME_RECORDS
#define RED_ZONE	0
#define HAVE_SFRAME	1
/*
 * libunwind 1.6's aarch64 unw_backtrace (its fast trace, src/aarch64/Gtrace.c)
 * returns each caller's return address minus 1, where every other method
 * returns the return address.
 */
#define UNW_BT_RA_MINUS_1 1

static inline void uc_dwarf_regs(const ucontext_t *uc, struct cfiw_regs *r)
{
	memset(r, 0, sizeof(*r));
	for (int i = 0; i < 31; i++) {
		r->v[i] = uc->uc_mcontext.regs[i];
		r->known[i] = true;
	}
	r->v[DW_SP] = UC_SP(uc);
	r->known[DW_SP] = true;
	r->pc = UC_PC(uc);
}

#elif defined(__s390x__)
/*
 * r15 is the stack pointer, r14 the link register, r11 the frame pointer
 * gcc sets up for -fno-omit-frame-pointer (the CFA moves to it).  DWARF:
 * r0..r15 are 0..15, then f0 f2 f4 f6 f1 f3 f5 f7 f8 f10 f12 f14 f9 f11
 * f13 f15 are 16..31 (gcc's leaf functions keep r11 and r15 in f0/f2).
 */
#define ARCH_NAME	"s390x"
#define UC_PC(uc)	((uintptr_t)(uc)->uc_mcontext.psw.addr)
#define UC_SP(uc)	((uintptr_t)(uc)->uc_mcontext.gregs[15])
#define UC_FP(uc)	((uintptr_t)(uc)->uc_mcontext.gregs[11])
#define UC_LR(uc)	((uintptr_t)(uc)->uc_mcontext.gregs[14])
#define CAPTURE(r) __asm__ volatile("larl %0, .\n\tlgr %1, %%r15\n\tlgr %2, %%r11" \
				    : "=r"((r).pc), "=r"((r).sp), "=r"((r).fp))
#define DW_FP		11
#define DW_SP		15
#define DW_RANGES	{ { 0, 32 } }	/* r0..r15, the FPRs */
/*
 * -mbackchain: the word at sp is the caller's sp; a callee saves r6..r15 in
 * the register save area of its caller's frame (default layout, not
 * -mpacked-stack), r14 at 112 = 14 words up
 */
#define CHAIN_BACK_RA_SLOT 14
#define RED_ZONE	0
#define HAVE_SFRAME	0
#define UNW_BT_RA_MINUS_1 0

static inline void uc_dwarf_regs(const ucontext_t *uc, struct cfiw_regs *r)
{
	static const int fpr[16] = { 0, 2, 4, 6, 1, 3, 5, 7, 8, 10, 12, 14, 9, 11, 13, 15 };

	memset(r, 0, sizeof(*r));
	for (int i = 0; i < 16; i++) {
		r->v[i] = uc->uc_mcontext.gregs[i];
		memcpy(&r->v[16 + i], &uc->uc_mcontext.fpregs.fprs[fpr[i]], 8);
		r->known[i] = r->known[16 + i] = true;
	}
	r->pc = UC_PC(uc);
}

#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/*
 * ELFv2: r1 is the stack pointer, r31 the frame pointer gcc sets up for
 * -fno-omit-frame-pointer; the LR is DWARF 65, and a prologue keeps it in
 * r0 between mflr and its store.  gp_regs[32] is the nip, [36] the link.
 */
#define ARCH_NAME	"ppc64le"
#define UC_PC(uc)	((uintptr_t)(uc)->uc_mcontext.gp_regs[32])
#define UC_SP(uc)	((uintptr_t)(uc)->uc_mcontext.gp_regs[1])
#define UC_FP(uc)	((uintptr_t)(uc)->uc_mcontext.gp_regs[31])
#define UC_LR(uc)	((uintptr_t)(uc)->uc_mcontext.gp_regs[36])
/* bcl 20,31 is the form that leaves the return-address predictor alone */
#define CAPTURE(r) __asm__ volatile("bcl 20, 31, 1f\n1:\tmflr %0\n\tmr %1, 1\n\tmr %2, 31" \
				    : "=r"((r).pc), "=r"((r).sp), "=r"((r).fp) :: "lr")
#define DW_FP		31
#define DW_SP		1
#define DW_LR		65
#define DW_RANGES	{ { 0, 32 }, { DW_LR, 1 } }	/* r0..r31, lr */
/* the word at r1 is the caller's r1; a callee saves the LR at 16 in its caller's frame */
#define CHAIN_BACK_RA_SLOT 2
#define RED_ZONE	288
#define HAVE_SFRAME	0
#define UNW_BT_RA_MINUS_1 0

static inline void uc_dwarf_regs(const ucontext_t *uc, struct cfiw_regs *r)
{
	memset(r, 0, sizeof(*r));
	for (int i = 0; i < 32; i++) {
		r->v[i] = uc->uc_mcontext.gp_regs[i];
		r->known[i] = true;
	}
	r->v[DW_LR] = UC_LR(uc);
	r->known[DW_LR] = true;
	r->pc = UC_PC(uc);
}

#else
#error "peers: x86_64, arm64, s390x or ppc64le"
#endif

#endif
