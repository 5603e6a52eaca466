/* SPDX-License-Identifier: GPL-2.0 */
/*
 * s390x ftrace sites: "brcl 0,0" (c0 04 00000000) first in every function
 * (-pg -mfentry -mrecord-mcount -mnop-mcount, or FENTRY_SITE in asm),
 * listed in __mcount_loc.  Initialised: "brcl 0,ftrace_regs_caller", still
 * a NOP; enabled: "brasl %r0,ftrace_regs_caller".  The two differ in byte
 * 1 alone (04 and 05: the mask/r1 nibble stays 0, the low opcode nibble
 * picks BRCL or BRASL), so enabling and disabling are one-byte stores.
 */
#ifndef _ASM_S390X_FTRACE_H
#define _ASM_S390X_FTRACE_H

/* -pg's site: no_instrument_function keeps gcc from emitting it */
#define notrace __attribute__((__no_instrument_function__))

#define MCOUNT_INSN_SIZE	6

#define S390X_SITE_OP0		0xc0	/* RIL-format opcode, first byte */
#define S390X_SITE_NOP		0x04	/* brcl 0,... : never branches */
#define S390X_SITE_CALL		0x05	/* brasl %r0,... : call, link in r0 */

#ifndef __ASSEMBLY__
void ftrace_regs_caller(void);
/* its final "br %r1": reliable unwinders must not trust a trace from here */
extern const char ftrace_regs_caller_ret[];
#endif

#endif
