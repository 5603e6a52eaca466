/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ppc64le ftrace entry, for -pg -mprofile-kernel sites.
 *
 * An enabled site is "mflr r0; bl ftrace_regs_caller" at the traced
 * function F's local entry, before its prologue.  So on entry here r1 is
 * F's entry sp (its caller A's frame), LR = site + 4, r0 = the return
 * address into A, and r2 is F's TOC (the kit's, or its module's).
 *
 * The trampoline stores r0 in A's LR save slot (as F's prologue would),
 * allocates a frame holding a full struct pt_regs after the 32-byte
 * header (nip = site + 4, link = the return into A, gpr[1] = F's entry
 * sp), loads the kit's TOC, calls kit_ftrace_dispatch() through
 * ppc64le_ftrace_dispatch() (which finds F's entry), restores every
 * register and branches to regs->nip with LR = regs->link.  Unchanged,
 * that is the rest of F, which reads LR again (gcc assumes the site keeps
 * it).  Changed by an IPMODIFY ops (nip and r12 = the replacement C's
 * global entry, which computes C's TOC from r12), C runs as if called by
 * A -- except that A called F as a local call and will not reload r2, and
 * C may have another TOC: so C returns to ppc64le_livepatch_return, which
 * restores A's r2 and returns to A (asm/livepatch_stack.h).
 *
 * Unwinding: once pt_regs is complete the trampoline is a REGS frame (an
 * unwinder reads nip, r1, r31 and LR from pt_regs and goes on in F, whose
 * entry state says "ra in LR": known, from pt_regs).  Before that,
 * objtool-lite describes an ordinary call frame returning to site + 4,
 * where F again says "ra in LR", which is valid only in the innermost
 * frame or after pt_regs: those few instructions unwind as unreliable,
 * never wrong.  At the final bctr the target is in CTR, which ORC cannot
 * name: a reliable unwinder treats pc == ftrace_regs_caller_ret as
 * unreliable.  The back-chain walk meets the REGS frame through ORC and
 * refuses, as upstream refuses exception frames.
 */
#include <asm/linkage.h>
#include <asm/livepatch_stack.h>
#include <asm/ptrace.h>
#include <asm/unwind_hints.h>

#define REGS		PPC_FRAME_MIN
#define ORIG_NIP	(REGS + PTREGS_SIZE)
#define FTRACE_FRAME	(ORIG_NIP + 16)

#define SAVE_GPR(n)	std n, REGS + PTREGS_GPR(n)(1)
#define REST_GPR(n)	ld n, REGS + PTREGS_GPR(n)(1)

	.text
SYM_FUNC_START(ftrace_regs_caller)
	std	0, PPC_FRAME_LR_SAVE(1)
	stdu	1, -FTRACE_FRAME(1)
	SAVE_GPR(0)
	SAVE_GPR(2);  SAVE_GPR(3);  SAVE_GPR(4);  SAVE_GPR(5)
	SAVE_GPR(6);  SAVE_GPR(7);  SAVE_GPR(8);  SAVE_GPR(9)
	SAVE_GPR(10); SAVE_GPR(11); SAVE_GPR(12); SAVE_GPR(13)
	SAVE_GPR(14); SAVE_GPR(15); SAVE_GPR(16); SAVE_GPR(17)
	SAVE_GPR(18); SAVE_GPR(19); SAVE_GPR(20); SAVE_GPR(21)
	SAVE_GPR(22); SAVE_GPR(23); SAVE_GPR(24); SAVE_GPR(25)
	SAVE_GPR(26); SAVE_GPR(27); SAVE_GPR(28); SAVE_GPR(29)
	SAVE_GPR(30); SAVE_GPR(31)
	addi	11, 1, FTRACE_FRAME
	std	11, REGS + PTREGS_GPR(1)(1)	/* F's entry sp */
	mflr	11
	std	11, REGS + PTREGS_NIP(1)	/* site + 4 */
	std	11, ORIG_NIP(1)
	std	0, REGS + PTREGS_LINK(1)	/* the return into A */
	mfctr	11
	std	11, REGS + PTREGS_CTR(1)
	mfxer	11
	std	11, REGS + PTREGS_XER(1)
	mfcr	11
	std	11, REGS + PTREGS_CCR(1)
	li	11, 0
	std	11, REGS + PTREGS_MSR(1)
	UNWIND_HINT_REGS base=sp offset=REGS
	lis	2, .TOC.@ha			/* the kit's TOC, for C */
	addi	2, 2, .TOC.@l
	ld	3, REGS + PTREGS_NIP(1)
	addi	3, 3, -4			/* the site */
	ld	4, REGS + PTREGS_LINK(1)	/* parent */
	addi	5, 1, REGS			/* regs */
	bl	ppc64le_ftrace_dispatch
	ld	3, REGS + PTREGS_NIP(1)
	ld	4, ORIG_NIP(1)
	cmpd	3, 4
	beq	1f
	/* redirected: the replacement returns through the livepatch stack */
	addi	3, 1, REGS
	bl	ppc64le_lp_push
1:	ld	0, REGS + PTREGS_LINK(1)
	mtlr	0
	ld	0, REGS + PTREGS_NIP(1)
	mtctr	0
	ld	0, REGS + PTREGS_XER(1)
	mtxer	0
	ld	0, REGS + PTREGS_CCR(1)
	mtcr	0
	REST_GPR(0)
	REST_GPR(2);  REST_GPR(3);  REST_GPR(4);  REST_GPR(5)
	REST_GPR(6);  REST_GPR(7);  REST_GPR(8);  REST_GPR(9)
	REST_GPR(10); REST_GPR(11); REST_GPR(12); REST_GPR(13)
	REST_GPR(14); REST_GPR(15); REST_GPR(16); REST_GPR(17)
	REST_GPR(18); REST_GPR(19); REST_GPR(20); REST_GPR(21)
	REST_GPR(22); REST_GPR(23); REST_GPR(24); REST_GPR(25)
	REST_GPR(26); REST_GPR(27); REST_GPR(28); REST_GPR(29)
	REST_GPR(30); REST_GPR(31)
	addi	1, 1, FTRACE_FRAME
	UNWIND_HINT_FUNC
	.globl	ftrace_regs_caller_ret
ftrace_regs_caller_ret:
	bctr
SYM_FUNC_END(ftrace_regs_caller)

/*
 * Where a redirected replacement returns: r1 is A's sp again, r2 the
 * replacement's TOC, r3/r4 its result.  Pop the top entry (it must be
 * for this sp, or the livepatch stack is corrupt: trap), restore A's r2
 * and return to A.  Only volatile registers other than r3/r4 are used.
 * Its ORC state is the function-return one, "CFA = r1, ra in LR": LR
 * is ppc64le_livepatch_return until the mtlr, which the unwinders
 * resolve through the entry for this sp, and the real return address
 * after it; in between (the entry cleared, LR not yet set) nothing
 * matches and the walk refuses.
 */
SYM_FUNC_START(ppc64le_livepatch_return)
	addis	11, 13, ppc64le_lp_area@tprel@ha
	ld	11, ppc64le_lp_area@tprel@l(11)
	ld	12, LP_NR(11)
	addi	12, 12, -1
	mulli	10, 12, LP_ENTRY_SIZE
	add	10, 10, 11
	ld	9, LP_E0 + LP_SP(10)
	cmpd	9, 1
	bne-	2f
	ld	9, LP_E0 + LP_LR(10)
	ld	2, LP_E0 + LP_TOC(10)
	li	0, 0
	std	0, LP_E0 + LP_SP(10)
	std	12, LP_NR(11)
	mtlr	9
	blr
2:	trap
SYM_FUNC_END(ppc64le_livepatch_return)

	.section .note.GNU-stack, "", @progbits
