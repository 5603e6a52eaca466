// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 reliable unwinding with ORC (the kit's 8-byte format,
 * arch/arm64/objtool/orc.md): the link-register ORC step of
 * kit/unwind_orc_lr.h with arm64's parts.  CFA = sp at entry, 16-byte
 * aligned; the return address is x30 until the prologue saves it; x29 is
 * the frame pointer.
 */
#include <kit/stacktrace.h>

#include <asm/orc_types.h>

typedef struct orc_entry_arm64 orc_lr_entry;
#define ORC_LR_ENTRY_SIZE	ORC_ARM64_ENTRY_SIZE
#define ORC_LR_OFFSET_SCALE	1
#define ORC_LR_CFA_BIAS		0
#define ORC_LR_ALIGN		16
#define ORC_LR_REGS_ALIGN	16
#define ORC_LR_PARTIAL_REGS	true

_Static_assert(ORC_ARM64_REG_LR == 4 && ORC_ARM64_REG_FP == 3 && ORC_ARM64_REG_SP == 2 &&
	       ORC_ARM64_REG_PREV_SP == 1, "the link-register register numbers");

/* No pointer authentication in the kit (-mbranch-protection unset); the
 * mask keeps a PAC'd address from ever looking like kit text. */
#define ARM64_VA_MASK	((1UL << 48) - 1)

static inline unsigned long orc_lr_fix_ra(unsigned long ra)
{
	return ra & ARM64_VA_MASK;
}
#define orc_lr_fix_ra orc_lr_fix_ra

static inline void orc_lr_regs(struct kit_unwind_state *st, const struct pt_regs *regs)
{
	st->pc = regs->pc & ARM64_VA_MASK;
	st->sp = regs->sp;
	st->fp = regs->regs[29];
	st->lr = regs->regs[30];
}

/* bl or blr right before ra, in the image's text */
static inline bool orc_lr_fast_ra_after_call(unsigned long ra, unsigned long tlo,
					     unsigned long tsize)
{
	uint32_t insn;

	if ((ra & 3) || ra - 4 - tlo >= tsize)
		return false;
	insn = *(const uint32_t *)(ra - 4);
	return (insn & 0xfc000000) == 0x94000000 || (insn & 0xfffffc1f) == 0xd63f0000;
}

#include <kit/unwind_orc_lr.h>
