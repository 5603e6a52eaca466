/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The stack state the validator tracks at each instruction: where the
 * canonical frame address (CFA: the stack pointer value before the call)
 * is, and where the caller's value of each register can be found.
 * States are immutable once attached to an instruction and shared by
 * hash (most instructions of a function share a handful of states).
 */
#ifndef OBJTOOL_CFI_H
#define OBJTOOL_CFI_H

#include <stdbool.h>
#include <stdint.h>

#define CFI_NUM_REGS	80	/* DWARF numbers 0..79: every port's nr_regs fits */

/* cfi_reg.base values besides a register number */
#define CFI_UNDEFINED	(-1)	/* regs[]: not saved, still in the register
				 * cfa: unknown */
#define CFI_CFA		(-2)	/* regs[]: saved at CFA + offset */
#define CFI_CONST	(-3)	/* vals[]: the register holds the constant offset */
#define CFI_IN_REG	0x200	/* regs[]: base = CFI_IN_REG | reg: the caller's
				 * value is kept in that register (DWARF's
				 * register rule) */
#define CFI_CALLER_REG	(-4)	/* vals[]: the register holds a copy of the
				 * caller's value of register <offset> (the
				 * return address copied out of a link register
				 * before it is stored: "mflr r0; std r0,16(r1)") */
#define CFI_DEREF	0x100	/* cfa.base = CFI_DEREF | reg: CFA is the value
				 * stored at reg + offset (a saved DRAP) */

/* no padding anywhere: states are hashed and compared as bytes */
struct cfi_reg {
	int32_t base;
	int32_t offset;
};

struct cfi_state {
	struct cfi_reg cfa;			/* CFA = base register + offset */
	struct cfi_reg regs[CFI_NUM_REGS];	/* caller's value of each reg */
	/*
	 * Register values known as CFA-relative addresses (mov %rsp,%rbp
	 * outside a frame setup, lea off(%rsp),%reg), so that a later
	 * "mov %reg,%rsp" can be followed.
	 */
	struct cfi_reg vals[CFI_NUM_REGS];
	int32_t stack_size;	/* bytes between CFA and sp, when known; after
				 * a DRAP realignment, bytes pushed since it */
	/*
	 * DRAP ("dynamic realign argument pointer"): gcc copies the CFA into
	 * a register, realigns sp, and later saves that register in the
	 * frame-pointer frame.  fp_anchor is stack_size when fp was set up.
	 */
	int32_t fp_anchor;
	int8_t drap_reg;	/* CFI_UNDEFINED when not realigned */
	uint8_t type;		/* enum unwind_type */
	bool signal;		/* the frame was interrupted, not called */
	bool end;		/* reached via a hint that ends the walk */
	/*
	 * CFA-relative slot holding the value sp had at function entry,
	 * stored after sp moved (the newest such store); 0 for none.  That is a back chain
	 * (gcc's -mbackchain): ports whose frame-pointer unwinder follows
	 * one check it at calls (arch->call_frame_check).
	 */
	int32_t entry_sp_slot;
};

void cfi_init(struct cfi_state *cfi);
bool cfi_equal(const struct cfi_state *a, const struct cfi_state *b);
/* Intern @cfi: the returned pointer lives as long as the process. */
const struct cfi_state *cfi_intern(const struct cfi_state *cfi);
unsigned long cfi_interned_count(void);
/* objtool_reset(): free every interned state, the count back to 0 */
void cfi_reset(void);

#endif /* OBJTOOL_CFI_H */
