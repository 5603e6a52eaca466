/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ppc64le ftrace sites: gcc's -pg -mprofile-kernel puts "mflr r0; bl
 * _mcount" at each function's local entry point (FENTRY_SITE gives asm
 * the same), and objtool-lite lists the bl's address in __mcount_loc.
 * Initialised: "mflr r0; nop"; enabled: "mflr r0; bl ftrace_regs_caller".
 * Only the second word ever changes.
 */
#ifndef _ASM_PPC64LE_FTRACE_H
#define _ASM_PPC64LE_FTRACE_H

/* no_instrument_function keeps -pg (and so -mprofile-kernel) away */
#define notrace __attribute__((__no_instrument_function__))

#define PPC_INSN_SIZE		4
/*
 * How far past a function's entry the site ends (where a traced call
 * resumes): the global entry's TOC setup, mflr r0 and the bl.  Only the
 * bl's word is ever patched.
 */
#define MCOUNT_INSN_SIZE	(4 * PPC_INSN_SIZE)

#define PPC_INSN_NOP		0x60000000U	/* ori r0,r0,0 */
#define PPC_INSN_MFLR_R0	0x7c0802a6U
#define PPC_INSN_BL		0x48000001U	/* b with LK=1, AA=0 */
#define PPC_INSN_B_MASK		0xfc000003U
/* the global entry's TOC setup: addis r2,r12,X / lis r2,X; addi r2,r2,X */
#define PPC_INSN_ADDIS_R2_R12	0x3c4c0000U
#define PPC_INSN_LIS_R2		0x3c400000U
#define PPC_INSN_ADDI_R2_R2	0x38420000U
#define PPC_INSN_IMM_MASK	0xffff0000U

#ifndef __ASSEMBLY__
void ftrace_regs_caller(void);
/* its final "bctr": reliable unwinders must not trust a trace from here */
extern const char ftrace_regs_caller_ret[];
#endif

#endif
