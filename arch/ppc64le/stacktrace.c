// SPDX-License-Identifier: GPL-2.0
/*
 * ppc64le pieces of stack walking shared by both unwinders: the ORC entry
 * shape the arch-neutral lookup needs, "is this a return address", the
 * start state from pt_regs, and capturing the caller's state for a walk
 * of the current stack.
 */
#include <kit/arch_test.h>
#include <kit/orc.h>
#include <kit/stacktrace.h>
#include <asm/insn.h>
#include <asm/orc_types.h>

const size_t arch_orc_entry_size = ORC_PPC64LE_ENTRY_SIZE;

unsigned int arch_orc_type(const void *entry)
{
	return ORC_PPC64LE_TYPE((const struct orc_entry_ppc64le *)entry);
}

bool arch_orc_signal(const void *entry)
{
	return ORC_PPC64LE_SIGNAL((const struct orc_entry_ppc64le *)entry);
}

/* ra follows a call */
bool arch_ra_after_call(unsigned long ra)
{
	if ((ra & 3) || (!orc_in_kit_text(ra - 4) && !orc_in_text(ra - 4)))
		return false;
	return ppc_insn_is_call(*(const uint32_t *)(ra - 4));
}

/* For the selftests: make an all-zero entry of the given type. */
void arch_unwind_test_set_type(void *entry, unsigned int type)
{
	struct orc_entry_ppc64le *e = entry;

	e->regs_type = (e->regs_type & ~0x7000) | (type & 7) << 12;
}

void arch_unwind_init_regs(struct kit_unwind_state *st, const struct pt_regs *regs)
{
	st->pc = regs->nip;
	st->sp = regs->gpr[1];
	st->fp = regs->gpr[31];
	st->lr = regs->link;
	st->regs = regs;
	st->flags = KIT_UNWIND_INTERRUPTED | KIT_UNWIND_LR_VALID;
}

/*
 * void arch_unwind_capture(struct pt_regs *regs): a leaf without a TOC,
 * so r1, r31 and LR are the caller's: nip = LR, the return address into
 * the caller.
 */
__asm__(
	"	.text\n"
	"	.globl arch_unwind_capture\n"
	"	.type arch_unwind_capture, @function\n"
	"	.balign 16\n"
	"arch_unwind_capture:\n"
	"	mflr 4\n"
	"	std 4, 256(3)\n"		/* PTREGS_NIP */
	"	std 4, 280(3)\n"		/* PTREGS_LINK */
	"	std 1, 8(3)\n"			/* PTREGS_GPR(1) */
	"	std 31, 248(3)\n"		/* PTREGS_GPR(31) */
	"	blr\n"
	"	.size arch_unwind_capture, . - arch_unwind_capture\n");
