// SPDX-License-Identifier: GPL-2.0
/*
 * The generic half of the arch contract (<kit/arch.h>): hooks with a real
 * default, weak so that a port defines its own only where it differs.
 * Only hooks whose default is right for a port that lacks the feature
 * are here; every other hook has no definition outside arch/, so a port
 * that forgets one fails the link.
 */
#include <kit/arch.h>
#include <kit/ftrace.h>	/* notrace */

/* No breakpoint-based patching: nothing to set up, no trap to claim. */
__attribute__((weak)) int arch_text_patch_init(void)
{
	return 0;
}

__attribute__((weak)) unsigned long arch_text_patch_traps(void)
{
	return 0;
}

__attribute__((weak)) notrace bool arch_text_poke_trap(struct pt_regs *regs)
{
	(void)regs;
	return false;
}

/* The site is the function's first instruction. */
__attribute__((weak)) unsigned long arch_ftrace_site_to_func(unsigned long site)
{
	return site;
}

/* Every call the port's modules make reaches kit text directly: no veneers. */
__attribute__((weak)) const size_t arch_module_plt_entry_size;

__attribute__((weak)) unsigned int arch_module_plt_entries(unsigned int type)
{
	(void)type;
	return 0;
}

/* No per-module TOC or GOT: sections need no arch bookkeeping. */
__attribute__((weak)) void arch_module_section(struct kit_module *mod, const char *name,
					       uintptr_t addr, size_t size)
{
	(void)mod;
	(void)name;
	(void)addr;
	(void)size;
}

__attribute__((weak)) bool arch_module_symbol(const struct kit_module *mod, const char *name,
					      uint64_t *val)
{
	(void)mod;
	(void)name;
	(void)val;
	return false;
}

/* The compiler knows each target's cache maintenance (none where fetch is coherent). */
__attribute__((weak)) void arch_module_flush(void *addr, size_t size)
{
	__builtin___clear_cache((char *)addr, (char *)addr + size);
}
