// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 ftrace sites: gcc -mfentry emits "call __fentry__" (e8 rel32) as
 * each function's first instruction and objtool-lite lists them in
 * __mcount_loc.  Disabled, a site is the 5-byte NOP "nopl 0x0(%rax,%rax,1)";
 * enabled, "call ftrace_regs_caller".
 */
#include <stdint.h>

#include <asm/ftrace.h>
#include <asm/text-patching.h>
#include <kit/ftrace.h>
#include <kit/kernel.h>

extern const unsigned long __start___mcount_loc[] __attribute__((__weak__));
extern const unsigned long __stop___mcount_loc[] __attribute__((__weak__));

static const uint8_t nop5[MCOUNT_INSN_SIZE] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };

void arch_ftrace_image_sites(const unsigned long **start, size_t *n)
{
	*start = __start___mcount_loc;
	*n = __start___mcount_loc ? (size_t)(__stop___mcount_loc - __start___mcount_loc) : 0;
}

/*
 * A site's bytes compared without calling traceable code: the kit's own
 * memcmp has a site of its own, and libc's is not the kit's.
 */
static notrace bool site_is(unsigned long func, const uint8_t *bytes)
{
	const uint8_t *p = (const uint8_t *)func;

	for (int i = 0; i < MCOUNT_INSN_SIZE; i++)
		if (p[i] != bytes[i])
			return false;
	return true;
}

static int make_call_insn(uint8_t *insn, unsigned long ip, void (*target)(void))
{
	long rel = (long)(uintptr_t)target - (long)(ip + MCOUNT_INSN_SIZE);
	int32_t rel32 = (int32_t)rel;

	if (rel != rel32)
		return -ERANGE;
	insn[0] = CALL_INSN_OPCODE;
	__builtin_memcpy(insn + 1, &rel32, sizeof(rel32));
	return 0;
}

int arch_ftrace_init_site(unsigned long func)
{
	uint8_t call[MCOUNT_INSN_SIZE];
	int err;

	if (site_is(func, nop5))
		return 0;
	err = make_call_insn(call, func, __fentry__);
	if (err)
		return err;
	if (!site_is(func, call))
		return -EINVAL;
	text_poke_early((void *)func, nop5, sizeof(nop5));
	return 0;
}

int arch_ftrace_make_call(unsigned long func)
{
	uint8_t call[MCOUNT_INSN_SIZE];
	int err = make_call_insn(call, func, ftrace_regs_caller);

	if (err)
		return err;
	if (site_is(func, call))
		return 0;
	if (!site_is(func, nop5))
		return -EINVAL;
	return text_poke_bp((void *)func, call, sizeof(call));
}

int arch_ftrace_make_nop(unsigned long func)
{
	uint8_t call[MCOUNT_INSN_SIZE];
	int err = make_call_insn(call, func, ftrace_regs_caller);

	if (err)
		return err;
	if (site_is(func, nop5))
		return 0;
	if (!site_is(func, call))
		return -EINVAL;
	return text_poke_bp((void *)func, nop5, sizeof(nop5));
}

bool arch_ftrace_site_is_nop(unsigned long func)
{
	return site_is(func, nop5);
}
