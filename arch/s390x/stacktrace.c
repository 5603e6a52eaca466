// SPDX-License-Identifier: GPL-2.0
/*
 * s390x pieces of stack walking shared by both unwinders: the ORC entry
 * shape the arch-neutral lookup needs, "is this a return address", the
 * start state from pt_regs, and capturing the caller's state for a walk
 * of the current stack.
 */
#include <kit/arch_test.h>
#include <kit/orc.h>
#include <kit/stacktrace.h>

#include <asm/orc_types.h>

const size_t arch_orc_entry_size = ORC_S390X_ENTRY_SIZE;

unsigned int arch_orc_type(const void *entry)
{
	return ORC_S390X_TYPE(((const struct orc_entry_s390x *)entry)->regs_type);
}

bool arch_orc_signal(const void *entry)
{
	return ORC_S390X_SIGNAL(((const struct orc_entry_s390x *)entry)->regs_type);
}

static bool in_text(unsigned long ip)
{
	return orc_in_kit_text(ip) || orc_in_text(ip);
}

/*
 * ra follows a call that links: brasl (c0 r5, 6 bytes), bras (a7 r5) or
 * bas (4d, 4 bytes), basr (0d, 2 bytes).  The bytes before ra are read
 * only where they are text.
 */
bool arch_ra_after_call(unsigned long ra)
{
	const uint8_t *p = (const uint8_t *)ra;

	if ((ra & 1) || !in_text(ra - 2))
		return false;
	if (p[-2] == 0x0d)
		return true;
	if (in_text(ra - 4) && (p[-4] == 0x4d || (p[-4] == 0xa7 && (p[-3] & 0xf) == 5)))
		return true;
	return in_text(ra - 6) && p[-6] == 0xc0 && (p[-5] & 0xf) == 5;
}

/* For the selftests: make an all-zero entry of the given type. */
void arch_unwind_test_set_type(void *entry, unsigned int type)
{
	struct orc_entry_s390x *e = entry;

	e->regs_type = (e->regs_type & ~0x7000) | (type & 7) << 12;
}

void arch_unwind_init_regs(struct kit_unwind_state *st, const struct pt_regs *regs)
{
	st->pc = regs->psw_addr;
	st->sp = regs->gprs[15];
	st->fp = regs->gprs[11];
	st->lr = regs->gprs[14];
	st->regs = regs;
	st->flags = KIT_UNWIND_INTERRUPTED | KIT_UNWIND_LR_VALID;
}

/*
 * void arch_unwind_capture(struct pt_regs *regs): a leaf, so r15, r11 and
 * r14 are the caller's: pc = r14, the return address into the caller.
 */
__asm__(
	"	.text\n"
	"	.globl arch_unwind_capture\n"
	"	.type arch_unwind_capture, @function\n"
	"	.balign 8\n"
	"arch_unwind_capture:\n"
	"	stg %r14,136(%r2)\n"		/* PTREGS_PSW_ADDR */
	"	stg %r15,120(%r2)\n"		/* PTREGS_GPR(15) */
	"	stg %r11,88(%r2)\n"		/* PTREGS_GPR(11) */
	"	stg %r14,112(%r2)\n"		/* PTREGS_GPR(14) */
	"	br %r14\n"
	"	.size arch_unwind_capture, . - arch_unwind_capture\n");
