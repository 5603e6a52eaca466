// SPDX-License-Identifier: GPL-2.0
/*
 * The x86_64 half of selftests/kit-tests/module_test.c: modrelocs.ko's
 * relocation families executed, and where the far-placement test maps a
 * module.
 */
#include <kit/arch_test.h>
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/selftest.h>
#include <kit/string.h>

#define CALLR(mod, name) ((uintptr_t (*)(uintptr_t))kit_module_symbol(mod, name))

/* beyond rel32's 2 GiB: without veneers, the load must fail */
const unsigned long arch_test_far_distance = 8UL << 30;
const unsigned long arch_test_branch_reach = 2UL << 30;

void arch_test_modrelocs_report(struct kit_module *mod)
{
	uintptr_t memcpy_addr = (uintptr_t)kit_memcpy;

	static const char *const fns[] = { "modrel_pc32", "modrel_abs32", "modrel_abs32s",
					   "modrel_abs64" };
	for (size_t i = 0; i < ARRAY_SIZE(fns); i++)
		kit_report(CALLR(mod, fns[i])(0) == memcpy_addr, "%s returns kit_memcpy", fns[i]);
	kit_report(CALLR(mod, "modrel_plt32")((uintptr_t)"four") == 4,
		   "R_X86_64_PLT32 tail call into kit_strlen");
	int64_t *pc64 = kit_module_symbol(mod, "modrel_pc64");
	int32_t *pc32 = kit_module_symbol(mod, "modrel_pc32_data");
	kit_report((uintptr_t)pc64 + *pc64 == memcpy_addr, "R_X86_64_PC64 in data");
	kit_report((uintptr_t)pc32 + *pc32 == memcpy_addr, "R_X86_64_PC32 in data");
}
