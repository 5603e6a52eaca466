// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 pieces of stack walking shared by both unwinders: the ORC entry
 * shape the arch-neutral lookup needs, the start state from pt_regs, and
 * capturing the caller's state for a walk of the current stack.
 */
#include <kit/arch_test.h>
#include <kit/orc.h>
#include <kit/stacktrace.h>

#include <asm/orc_types.h>

const size_t arch_orc_entry_size = ORC_ARM64_ENTRY_SIZE;

unsigned int arch_orc_type(const void *entry)
{
	return ORC_ARM64_TYPE((const struct orc_entry_arm64 *)entry);
}

bool arch_orc_signal(const void *entry)
{
	return ORC_ARM64_SIGNAL((const struct orc_entry_arm64 *)entry);
}

/* ra follows bl or blr */
bool arch_ra_after_call(unsigned long ra)
{
	uint32_t insn;

	if ((ra & 3) || (!orc_in_kit_text(ra - 4) && !orc_in_text(ra - 4)))
		return false;
	insn = *(const uint32_t *)(ra - 4);
	return (insn & 0xfc000000) == 0x94000000 || (insn & 0xfffffc1f) == 0xd63f0000;
}

/* For the selftests: make an all-zero entry of the given type. */
void arch_unwind_test_set_type(void *entry, unsigned int type)
{
	struct orc_entry_arm64 *e = entry;

	e->regs_type = (e->regs_type & ~0x7000) | (type & 7) << 12;
}

void arch_unwind_init_regs(struct kit_unwind_state *st, const struct pt_regs *regs)
{
	st->pc = regs->pc;
	st->sp = regs->sp;
	st->fp = regs->regs[29];
	st->lr = regs->regs[30];
	st->regs = regs;
	st->flags = KIT_UNWIND_INTERRUPTED | KIT_UNWIND_LR_VALID;
}

/*
 * void arch_unwind_capture(struct pt_regs *regs): a leaf, so sp, x29 and
 * x30 are the caller's: pc = x30, the return address into the caller.
 */
__asm__(
	"	.text\n"
	"	.globl arch_unwind_capture\n"
	"	.type arch_unwind_capture, %function\n"
	"	.balign 4\n"
	"arch_unwind_capture:\n"
	"	str x30, [x0, #256]\n"		/* PTREGS_PC */
	"	mov x1, sp\n"
	"	str x1, [x0, #248]\n"		/* PTREGS_SP */
	"	str x29, [x0, #232]\n"		/* PTREGS_X(29) */
	"	str x30, [x0, #240]\n"		/* PTREGS_X(30) */
	"	ret\n"
	"	.size arch_unwind_capture, . - arch_unwind_capture\n");
