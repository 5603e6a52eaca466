// SPDX-License-Identifier: GPL-2.0
/*
 * s390x ftrace sites.  The compiler's site is "brcl 0,0" (c0 04 00000000),
 * a NOP whatever its displacement says.  At init (boot or module load,
 * while no thread runs the code) the displacement is set to reach
 * ftrace_regs_caller: still a NOP.  Live, only byte 1 changes: 04 (brcl
 * with mask 0, never taken) and 05 (brasl %r0, a call linking through
 * r0, so r14 still holds the function's return address).  Each form is a
 * whole, valid instruction, and a one-byte store cannot be seen half
 * done; the displacement it depends on was in place before any thread
 * could run the site.  The call must reach the trampoline within
 * brasl's +-4 GiB, which ARCH_MODULE_NEAR guarantees for modules; a site
 * placed further away (the far-placement test) stays "brcl 0,0" and
 * cannot be enabled (-ERANGE).
 */
#include <stdint.h>

#include <asm/ftrace.h>
#include <asm/text-patching.h>
#include <kit/ftrace.h>
#include <kit/kernel.h>

extern const unsigned long __start___mcount_loc[] __attribute__((__weak__));
extern const unsigned long __stop___mcount_loc[] __attribute__((__weak__));

void arch_ftrace_image_sites(const unsigned long **start, size_t *n)
{
	*start = __start___mcount_loc;
	*n = __start___mcount_loc ?
		(size_t)(__stop___mcount_loc - __start___mcount_loc) : 0;
}

static uint8_t byte_at(unsigned long addr)
{
	return __atomic_load_n((const uint8_t *)addr, __ATOMIC_RELAXED);
}

/* the halfword-scaled displacement, big-endian, at func + 2 */
static int32_t disp_at(unsigned long func)
{
	const uint8_t *p = (const uint8_t *)func + 2;

	return (int32_t)((uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]);
}

/* The displacement from the site at func to the trampoline. */
static int tramp_disp(unsigned long func, int32_t *disp)
{
	long off = (long)(uintptr_t)ftrace_regs_caller - (long)func;

	if (off & 1 || off / 2 < INT32_MIN || off / 2 > INT32_MAX)
		return -ERANGE;
	*disp = (int32_t)(off / 2);
	return 0;
}

/*
 * c0 <op1> <disp to the trampoline>, op1 one of the two site forms; out
 * of the trampoline's reach only "brcl 0,0" itself.
 */
static bool site_is(unsigned long func, uint8_t op1)
{
	int32_t want = 0;

	if (tramp_disp(func, &want) && op1 != S390X_SITE_NOP)
		return false;
	return byte_at(func) == S390X_SITE_OP0 && byte_at(func + 1) == op1 &&
	       disp_at(func) == want;
}

int arch_ftrace_init_site(unsigned long func)
{
	uint8_t code[4];
	int32_t disp;
	int err;

	/* 8-aligned, so the site lies in one aligned doubleword */
	if (func & 7 || byte_at(func) != S390X_SITE_OP0 ||
	    byte_at(func + 1) != S390X_SITE_NOP)
		return -EINVAL;
	err = tramp_disp(func, &disp);
	if (err)
		return disp_at(func) ? -EINVAL : 0;	/* far: stays "brcl 0,0" */
	if (disp_at(func) == disp)
		return 0;
	if (disp_at(func) != 0)
		return -EINVAL;
	for (int i = 0; i < 4; i++)
		code[i] = (uint32_t)disp >> (24 - 8 * i);
	s390x_text_poke_early((void *)(func + 2), code, sizeof(code));
	return 0;
}

static int switch_site(unsigned long func, uint8_t from, uint8_t to)
{
	if (site_is(func, to))
		return 0;
	if (!site_is(func, from))
		return -EINVAL;
	return s390x_text_poke_byte((void *)(func + 1), to);
}

int arch_ftrace_make_call(unsigned long func)
{
	int32_t disp;

	if (tramp_disp(func, &disp))
		return -ERANGE;
	return switch_site(func, S390X_SITE_NOP, S390X_SITE_CALL);
}

int arch_ftrace_make_nop(unsigned long func)
{
	return switch_site(func, S390X_SITE_CALL, S390X_SITE_NOP);
}

/* Disabled: "brcl 0,ftrace_regs_caller", the form init leaves. */
bool arch_ftrace_site_is_nop(unsigned long func)
{
	return site_is(func, S390X_SITE_NOP);
}
