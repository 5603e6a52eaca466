// SPDX-License-Identifier: GPL-2.0
/*
 * ppc64le ftrace sites (-pg -mprofile-kernel): "mflr r0; bl _mcount" at
 * the local entry point, which is the global entry plus the TOC setup
 * ("addis r2,r12,.TOC.-.@ha; addi r2,r2,.TOC.-.@l", or after a static
 * link "lis r2,...; addi r2,r2,...") when the function uses the TOC.
 * __mcount_loc (written by objtool-lite) lists the bl.  At init (boot or
 * module load, no thread runs the code) the bl becomes a nop; live, only
 * that word changes, between "nop" and "bl ftrace_regs_caller".  The
 * mflr r0 stays: it only copies LR, which the function reads again after
 * the site.
 */
#include <stdint.h>

#include <asm/ftrace.h>
#include <asm/text-patching.h>
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/orc.h>

extern const unsigned long __start___mcount_loc[] __attribute__((__weak__));
extern const unsigned long __stop___mcount_loc[] __attribute__((__weak__));

void ppc64le_ftrace_dispatch(unsigned long site, unsigned long parent, struct pt_regs *regs);

void arch_ftrace_image_sites(const unsigned long **start, size_t *n)
{
	*start = __start___mcount_loc;
	*n = __start___mcount_loc ? (size_t)(__stop___mcount_loc - __start___mcount_loc) : 0;
}

static notrace uint32_t insn_at(unsigned long addr)
{
	return __atomic_load_n((const uint32_t *)addr, __ATOMIC_RELAXED);
}

/*
 * The two instructions at addr are a global entry's TOC setup.  Looking
 * back from a site may leave the text (a function at the start of module
 * memory): only kit or module text, as ORC knows it, is read.
 */
static notrace bool toc_setup_at(unsigned long addr)
{
	uint32_t first;

	if (!orc_in_kit_text(addr) && !orc_in_text(addr))
		return false;
	first = insn_at(addr) & PPC_INSN_IMM_MASK;

	return (first == PPC_INSN_ADDIS_R2_R12 || first == PPC_INSN_LIS_R2) &&
	       (insn_at(addr + 4) & PPC_INSN_IMM_MASK) == PPC_INSN_ADDI_R2_R2;
}

/*
 * site = the bl (or its nop); the function starts at the mflr, or 8 bytes
 * before it.  An entry that is no site but a function's entry (a table
 * made by hand, as the selftests make one) stands for itself.
 */
notrace unsigned long arch_ftrace_site_to_func(unsigned long site)
{
	uint32_t insn = insn_at(site);

	if (((insn & PPC_INSN_B_MASK) != PPC_INSN_BL && insn != PPC_INSN_NOP) ||
	    insn_at(site - 4) != PPC_INSN_MFLR_R0)
		return site;
	return toc_setup_at(site - 12) ? site - 12 : site - 4;
}

static notrace unsigned long func_to_site(unsigned long func)
{
	return (toc_setup_at(func) ? func + 8 : func) + 4;
}

/* the trampoline calls this, so that callbacks get the function's entry */
notrace void ppc64le_ftrace_dispatch(unsigned long site, unsigned long parent,
				     struct pt_regs *regs)
{
	kit_ftrace_dispatch(arch_ftrace_site_to_func(site), parent, regs);
}

static bool is_bl(uint32_t insn)
{
	return (insn & PPC_INSN_B_MASK) == PPC_INSN_BL;
}

static int make_bl(uint32_t *insn, unsigned long pc, void (*target)(void))
{
	long off = (long)(uintptr_t)target - (long)pc;

	if (off < -(1L << 25) || off >= (1L << 25))
		return -ERANGE;
	*insn = PPC_INSN_BL | ((unsigned long)off & 0x03fffffcU);
	return 0;
}

int arch_ftrace_init_site(unsigned long func)
{
	unsigned long site = func_to_site(func);
	uint32_t insn;

	if (func & 3 || insn_at(site - 4) != PPC_INSN_MFLR_R0)
		return -EINVAL;
	insn = insn_at(site);
	if (insn == PPC_INSN_NOP)
		return 0;
	if (!is_bl(insn))
		return -EINVAL;
	ppc64le_patch_insn_early((void *)site, PPC_INSN_NOP);
	return 0;
}

int arch_ftrace_make_call(unsigned long func)
{
	unsigned long site = func_to_site(func);
	uint32_t bl;
	int err = make_bl(&bl, site, ftrace_regs_caller);

	if (err)
		return err;
	if (insn_at(site - 4) != PPC_INSN_MFLR_R0)
		return -EINVAL;
	if (insn_at(site) == bl)
		return 0;
	if (insn_at(site) != PPC_INSN_NOP)
		return -EINVAL;
	return ppc64le_patch_insn((void *)site, bl);
}

int arch_ftrace_make_nop(unsigned long func)
{
	unsigned long site = func_to_site(func);
	uint32_t bl;
	int err = make_bl(&bl, site, ftrace_regs_caller);

	if (err)
		return err;
	if (insn_at(site) == PPC_INSN_NOP)
		return 0;
	if (insn_at(site) != bl)
		return -EINVAL;
	return ppc64le_patch_insn((void *)site, PPC_INSN_NOP);
}

/* Disabled: "mflr r0; nop" at the local entry, the form init leaves. */
bool arch_ftrace_site_is_nop(unsigned long func)
{
	unsigned long site = func_to_site(func);

	return insn_at(site - 4) == PPC_INSN_MFLR_R0 && insn_at(site) == PPC_INSN_NOP;
}
