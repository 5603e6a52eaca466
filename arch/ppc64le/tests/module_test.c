// SPDX-License-Identifier: GPL-2.0
/*
 * The ppc64le half of selftests/kit-tests/module_test.c: modrelocs.ko's
 * relocation families executed, the module's own TOC, and where the
 * far-placement test maps a module.
 */
#include <kit/arch_test.h>
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/selftest.h>
#include <kit/string.h>

#define CALLR(mod, name) ((uintptr_t (*)(uintptr_t))kit_module_symbol(mod, name))

/* beyond bl's 32 MiB: calls out go through stubs, which reach anywhere */
const unsigned long arch_test_far_distance = 1UL << 30;
const unsigned long arch_test_branch_reach = 32UL << 20;

void arch_test_modrelocs_report(struct kit_module *mod)
{
	uintptr_t memcpy_addr = (uintptr_t)kit_memcpy;
	int64_t *r64 = kit_module_symbol(mod, "modrel_rel64");
	int32_t *r32 = kit_module_symbol(mod, "modrel_rel32");
	uint64_t *a64 = kit_module_symbol(mod, "modrel_addr64");
	uint64_t *tocval = kit_module_symbol(mod, "modrel_tocval");
	uintptr_t r2 = CALLR(mod, "modrel_r2")(0);

	kit_report(CALLR(mod, "modrel_addr16")(0) == memcpy_addr,
		   "ADDR16_HIGHEST/HIGHER/HI/LO build kit_memcpy");
	kit_report(CALLR(mod, "modrel_addr16_ha")(0) == (uintptr_t)(int32_t)memcpy_addr,
		   "ADDR16_HA/LO build kit_memcpy's low 32 bits");
	kit_report(CALLR(mod, "modrel_bc")(0) == 42 && CALLR(mod, "modrel_bc")(1) == 1,
		   "REL14 to another section");
	kit_report(CALLR(mod, "modrel_jump")(0) == 42, "REL24 b to another section");
	kit_report(CALLR(mod, "modrel_toc_data")(3) == 10 && CALLR(mod, "modrel_toc_data")(1) == 11,
		   "TOC16_HA/LO: compiled code reaches its data through the module's TOC");
	kit_report(CALLR(mod, "modrel_toc_entry")(0) == memcpy_addr,
		   "TOC16_LO_DS through a .toc entry (ADDR64) gives kit_memcpy");
	kit_report(mod->toc && r2 == mod->toc && *tocval == mod->toc,
		   "REL16_HA/LO: the global entry computes the module's own TOC (%lx), R_PPC64_TOC holds it",
		   (unsigned long)r2);
	kit_report((uintptr_t)r64 + *r64 == memcpy_addr, "REL64 in data");
	kit_report((uintptr_t)r32 + *r32 == memcpy_addr, "REL32 in data");
	kit_report(*a64 == memcpy_addr, "ADDR64 in data");
}
