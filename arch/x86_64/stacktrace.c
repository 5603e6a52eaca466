// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 pieces of stack walking shared by both unwinders: the ORC entry
 * shape the arch-neutral lookup needs, the start state from pt_regs, and
 * capturing the caller's state for a walk of the current stack.
 */
#include <kit/arch_test.h>
#include <kit/orc.h>
#include <kit/stacktrace.h>

#include <asm/orc_types.h>

const size_t arch_orc_entry_size = ORC_X86_ENTRY_SIZE;

unsigned int arch_orc_type(const void *entry)
{
	return ORC_X86_TYPE((const struct orc_entry_x86 *)entry);
}

bool arch_orc_signal(const void *entry)
{
	return ORC_X86_SIGNAL((const struct orc_entry_x86 *)entry);
}

/*
 * ra follows a call instruction: e8 rel32, or ff /2 (call r/m64, an
 * optional REX prefix) whose ModRM/SIB/displacement end exactly at ra.
 * Reads at most 7 bytes of kit text before ra; whether ra - 1 is code
 * objtool-lite described is the caller's check (its ORC lookup).
 */
static unsigned int ff2_len(const unsigned char *m)
{
	unsigned int mod = m[0] >> 6, rm = m[0] & 7, len = 1;

	if (((m[0] >> 3) & 7) != 2)
		return 0;
	if (mod == 3)
		return len;
	if (rm == 4) {
		len++;			/* SIB */
		if (mod == 0 && (m[1] & 7) == 5)
			return len + 4;
	} else if (mod == 0 && rm == 5) {
		return len + 4;		/* rip-relative */
	}
	return len + (mod == 1 ? 1 : mod == 2 ? 4 : 0);
}

bool arch_ra_after_call(unsigned long ra)
{
	const unsigned char *p = (const unsigned char *)ra;

	/* mapped kit text (ra - 7 may be padding); the caller checks ra - 1 is code */
	if (!(orc_in_kit_text(ra - 7) && orc_in_kit_text(ra - 1)) &&
	    (!orc_in_text(ra - 1) || !orc_in_text(ra - 7)))
		return false;
	if (p[-5] == 0xe8)
		return true;
	for (unsigned int len = 2; len <= 7; len++) {
		const unsigned char *op = p - len;

		if (*op >= 0x40 && *op <= 0x4f)
			op++;
		if (*op == 0xff && op + 1 + ff2_len(op + 1) == p && ff2_len(op + 1))
			return true;
	}
	return false;
}

/* For the selftests: make an all-zero entry of the given type. */
void arch_unwind_test_set_type(void *entry, unsigned int type)
{
	struct orc_entry_x86 *e = entry;

	e->regs_type = (e->regs_type & ~0x700) | (type & 7) << 8;
}

void arch_unwind_init_regs(struct kit_unwind_state *st, const struct pt_regs *regs)
{
	st->pc = regs->ip;
	st->sp = regs->sp;
	st->fp = regs->bp;
	st->regs = regs;
	st->flags = KIT_UNWIND_INTERRUPTED;
}

/*
 * void arch_unwind_capture(struct pt_regs *regs): a leaf without a frame,
 * so the caller's state is exact: pc = our return address, sp = the
 * caller's sp once we return, bp untouched.
 */
__asm__(
	"	.text\n"
	"	.globl arch_unwind_capture\n"
	"	.type arch_unwind_capture, @function\n"
	"	.p2align 4, 0x90\n"
	"arch_unwind_capture:\n"
	"	movq (%rsp), %rax\n"
	"	movq %rax, 128(%rdi)\n"		/* PTREGS_IP */
	"	leaq 8(%rsp), %rax\n"
	"	movq %rax, 152(%rdi)\n"		/* PTREGS_SP */
	"	movq %rbp, 32(%rdi)\n"		/* PTREGS_BP */
	"	ret\n"
	"	.size arch_unwind_capture, . - arch_unwind_capture\n");
