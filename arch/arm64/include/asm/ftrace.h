/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 ftrace sites: two NOPs at each function entry
 * (-fpatchable-function-entry=2, or FENTRY_SITE in asm), listed in
 * __patchable_function_entries.  Initialised: "mov x9, x30; nop";
 * enabled: "mov x9, x30; bl ftrace_regs_caller".
 */
#ifndef _ASM_ARM64_FTRACE_H
#define _ASM_ARM64_FTRACE_H

/*
 * Keep the compiler from giving a function an ftrace site: the site comes
 * from -fpatchable-function-entry; no_instrument_function covers -pg too.
 */
#define notrace __attribute__((__no_instrument_function__, __patchable_function_entry__(0, 0)))

#define AARCH64_INSN_SIZE	4
#define MCOUNT_INSN_SIZE	(2 * AARCH64_INSN_SIZE)

#define AARCH64_INSN_NOP	0xd503201fU
#define AARCH64_INSN_MOV_X9_X30	0xaa1e03e9U	/* orr x9, xzr, x30 */
#define AARCH64_INSN_BL		0x94000000U

#ifndef __ASSEMBLY__
void ftrace_regs_caller(void);
/* its final "ret x9": reliable unwinders must not trust a trace from here */
extern const char ftrace_regs_caller_ret[];
#endif

#endif
