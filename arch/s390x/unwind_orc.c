// SPDX-License-Identifier: GPL-2.0
/*
 * s390x reliable unwinding with ORC (the port's 8-byte big-endian format,
 * arch/s390x/objtool/orc.md): the link-register ORC step of
 * kit/unwind_orc_lr.h with s390x's parts.  The CFA is DWARF's, the
 * caller's r15 + 160, offsets count doublewords, the return address is
 * r14 until the prologue's stmg saves it, and r11 plays the frame
 * pointer only in alloca frames.  fp_reg LOST (hard-float code parked
 * r11 in an FPR): from there on r11 is unknown, and a caller whose CFA
 * is on r11 is refused.
 */
#include <kit/stacktrace.h>

#include <asm/orc_types.h>

typedef struct orc_entry_s390x orc_lr_entry;
#define ORC_LR_ENTRY_SIZE	ORC_S390X_ENTRY_SIZE
#define ORC_LR_OFFSET_SCALE	ORC_S390X_OFFSET_SCALE
#define ORC_LR_CFA_BIAS		ORC_S390X_CFA_BIAS
#define ORC_LR_ALIGN		8
#define ORC_LR_REGS_ALIGN	8
#define ORC_LR_PARTIAL_REGS	true

_Static_assert(ORC_S390X_REG_R14 == 4 && ORC_S390X_REG_FP == 3 && ORC_S390X_REG_SP == 2 &&
	       ORC_S390X_REG_PREV_SP == 1, "the link-register register numbers");

static inline void orc_lr_regs(struct kit_unwind_state *st, const struct pt_regs *regs)
{
	st->pc = regs->psw_addr;
	st->sp = regs->gprs[15];
	st->fp = regs->gprs[11];
	st->lr = regs->gprs[14];
}

static inline int orc_lr_fp_other(unsigned int reg, unsigned int *flags)
{
	if (reg != ORC_S390X_REG_LOST)
		return -KIT_UNWIND_BAD_ENTRY;
	*flags = KIT_UNWIND_FP_UNKNOWN;
	return 0;
}
#define orc_lr_fp_other orc_lr_fp_other

/* basr/bas (2 and 4 bytes), bras, brasl right before ra, in the image's text */
static inline bool orc_lr_fast_ra_after_call(unsigned long ra, unsigned long tlo,
					     unsigned long tsize)
{
	const uint8_t *p = (const uint8_t *)ra;

	if ((ra & 1) || ra - 6 - tlo >= tsize)
		return false;
	return p[-2] == 0x0d || p[-4] == 0x4d || (p[-4] == 0xa7 && (p[-3] & 0xf) == 5) ||
	       (p[-6] == 0xc0 && (p[-5] & 0xf) == 5);
}

#include <kit/unwind_orc_lr.h>
