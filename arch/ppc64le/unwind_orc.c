// SPDX-License-Identifier: GPL-2.0
/*
 * ppc64le reliable unwinding with ORC (arch/ppc64le/objtool/orc.md): the
 * link-register ORC step of kit/unwind_orc_lr.h with ppc64le's parts.
 * CFA = r1 at entry (the caller's r1), 16-byte aligned; the return
 * address is LR, or r0 after "mflr r0" in hand-written code (only with
 * full pt_regs), until it is saved in the caller's frame at CFA + 16; r31
 * is the frame pointer.  REGS frames are the ftrace trampoline's; there
 * are no partial ones.  A return address that is ppc64le_livepatch_return
 * is the replacement's: the real one comes from the livepatch stack
 * (asm/livepatch_stack.h).
 */
#include <kit/stacktrace.h>

#include <asm/insn.h>
#include <asm/livepatch_stack.h>
#include <asm/orc_types.h>

typedef struct orc_entry_ppc64le orc_lr_entry;
#define ORC_LR_ENTRY_SIZE	ORC_PPC64LE_ENTRY_SIZE
#define ORC_LR_OFFSET_SCALE	1
#define ORC_LR_CFA_BIAS		0
#define ORC_LR_ALIGN		16
#define ORC_LR_REGS_ALIGN	16
#define ORC_LR_PARTIAL_REGS	false

_Static_assert(ORC_PPC64LE_REG_LR == 4 && ORC_PPC64LE_REG_FP == 3 && ORC_PPC64LE_REG_SP == 2 &&
	       ORC_PPC64LE_REG_PREV_SP == 1, "the link-register register numbers");

static inline void orc_lr_regs(struct kit_unwind_state *st, const struct pt_regs *regs)
{
	st->pc = regs->nip;
	st->sp = regs->gpr[1];
	st->fp = regs->gpr[31];
	st->lr = regs->link;
}

static inline int orc_lr_ra_other(const struct kit_unwind_state *st, unsigned int reg,
				  unsigned long *ra)
{
	if (reg != ORC_PPC64LE_REG_R0)
		return -KIT_UNWIND_BAD_ENTRY;
	if (!st->regs)
		return -KIT_UNWIND_LR_INVALID;
	*ra = st->regs->gpr[0];
	return 0;
}
#define orc_lr_ra_other orc_lr_ra_other

static inline int orc_lr_real_ra(const struct kit_unwind_state *st, unsigned long cfa,
				 unsigned long *ra)
{
	return ppc64le_lp_real_ra(st, cfa, ra);
}
#define orc_lr_real_ra orc_lr_real_ra

/* a bl or bctrl before ra, in the image's text (ppc64le_livepatch_return follows none) */
static inline bool orc_lr_fast_ra_after_call(unsigned long ra, unsigned long tlo,
					     unsigned long tsize)
{
	return !(ra & 3) && ra - 4 - tlo < tsize && ppc_insn_is_call(*(const uint32_t *)(ra - 4));
}

#include <kit/unwind_orc_lr.h>
