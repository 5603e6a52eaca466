/* SPDX-License-Identifier: GPL-2.0 */
/* x86_64 ftrace sites: "call __fentry__" (5 bytes) at each function entry. */
#ifndef _ASM_X86_FTRACE_H
#define _ASM_X86_FTRACE_H

/* Keep the compiler from giving a function an ftrace site (from -pg -mfentry). */
#define notrace __attribute__((__no_instrument_function__))

#define MCOUNT_INSN_SIZE	5

#ifndef __ASSEMBLY__
/* the trampoline and the compiler's target, arch/x86_64/ftrace_entry.S */
void __fentry__(void);
void ftrace_regs_caller(void);
/* its final ret: reliable unwinders must not trust a trace from here */
extern const char ftrace_regs_caller_ret[];
#endif

#endif
