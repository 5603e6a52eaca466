// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 ftrace sites, as upstream's FTRACE_WITH_REGS: the first NOP becomes
 * "mov x9, x30" once, at init (boot or module load, while no thread runs
 * the code), and only the second is ever patched live, between "nop" and
 * "bl ftrace_regs_caller".  The first one must never change while threads
 * run: a thread preempted between the two instructions would otherwise
 * reach the bl without x9 set, and the trampoline would return to garbage.
 */
#include <stdint.h>

#include <asm/ftrace.h>
#include <asm/text-patching.h>
#include <kit/ftrace.h>
#include <kit/kernel.h>

extern const unsigned long __start___patchable_function_entries[] __attribute__((__weak__));
extern const unsigned long __stop___patchable_function_entries[] __attribute__((__weak__));

void arch_ftrace_image_sites(const unsigned long **start, size_t *n)
{
	*start = __start___patchable_function_entries;
	*n = __start___patchable_function_entries ?
		(size_t)(__stop___patchable_function_entries -
			 __start___patchable_function_entries) : 0;
}

static uint32_t insn_at(unsigned long addr)
{
	return __atomic_load_n((const uint32_t *)addr, __ATOMIC_RELAXED);
}

static int make_bl(uint32_t *insn, unsigned long pc, void (*target)(void))
{
	long off = (long)(uintptr_t)target - (long)pc;

	if (off < -(1L << 27) || off >= (1L << 27))
		return -ERANGE;
	*insn = AARCH64_INSN_BL | (((unsigned long)off >> 2) & 0x03ffffffU);
	return 0;
}

int arch_ftrace_init_site(unsigned long func)
{
	uint32_t first = insn_at(func), second = insn_at(func + 4);

	if (func & 3 || second != AARCH64_INSN_NOP ||
	    (first != AARCH64_INSN_NOP && first != AARCH64_INSN_MOV_X9_X30))
		return -EINVAL;
	if (first == AARCH64_INSN_NOP)
		aarch64_insn_patch_text_early((void *)func, AARCH64_INSN_MOV_X9_X30);
	return 0;
}

int arch_ftrace_make_call(unsigned long func)
{
	uint32_t bl;
	int err = make_bl(&bl, func + 4, ftrace_regs_caller);

	if (err)
		return err;
	if (insn_at(func) != AARCH64_INSN_MOV_X9_X30)
		return -EINVAL;
	if (insn_at(func + 4) == bl)
		return 0;
	if (insn_at(func + 4) != AARCH64_INSN_NOP)
		return -EINVAL;
	return aarch64_insn_patch_text((void *)(func + 4), bl);
}

int arch_ftrace_make_nop(unsigned long func)
{
	uint32_t bl;
	int err = make_bl(&bl, func + 4, ftrace_regs_caller);

	if (err)
		return err;
	if (insn_at(func + 4) == AARCH64_INSN_NOP)
		return 0;
	if (insn_at(func + 4) != bl)
		return -EINVAL;
	return aarch64_insn_patch_text((void *)(func + 4), AARCH64_INSN_NOP);
}

/* Disabled: "mov x9, x30; nop", the form init leaves. */
bool arch_ftrace_site_is_nop(unsigned long func)
{
	return insn_at(func) == AARCH64_INSN_MOV_X9_X30 &&
	       insn_at(func + 4) == AARCH64_INSN_NOP;
}
