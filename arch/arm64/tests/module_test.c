// SPDX-License-Identifier: GPL-2.0
/*
 * The arm64 half of selftests/kit-tests/module_test.c: modrelocs.ko's
 * relocation families executed, and where the far-placement test maps a
 * module.
 */
#include <kit/arch_test.h>
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/selftest.h>
#include <kit/string.h>

#define CALLR(mod, name) ((uintptr_t (*)(uintptr_t))kit_module_symbol(mod, name))

/* beyond b/bl's 128 MiB: the load goes through veneers */
const unsigned long arch_test_far_distance = 1UL << 30;
const unsigned long arch_test_branch_reach = 128UL << 20;

void arch_test_modrelocs_report(struct kit_module *mod)
{
	uintptr_t memcpy_addr = (uintptr_t)kit_memcpy;

	static const char *const fns[] = { "modrel_adrp", "modrel_adrp_nc", "modrel_movw",
					   "modrel_movw_g1", "modrel_movw_g2" };
	for (size_t i = 0; i < ARRAY_SIZE(fns); i++)
		kit_report(CALLR(mod, fns[i])(0) == memcpy_addr, "%s returns kit_memcpy", fns[i]);
	kit_report(CALLR(mod, "modrel_ld8")(0) == 0x5a, "LDST8_ABS_LO12_NC");
	kit_report(CALLR(mod, "modrel_ld16")(0) == 0xbeef, "LDST16_ABS_LO12_NC");
	kit_report(CALLR(mod, "modrel_ld32")(0) == 0x89abcdef, "LDST32_ABS_LO12_NC");
	kit_report(CALLR(mod, "modrel_ld64")(0) == 0x0123456789abcdefULL, "LDST64_ABS_LO12_NC");
	kit_report(CALLR(mod, "modrel_ld128")(0) == 0x5555666677778888ULL, "LDST128_ABS_LO12_NC");
	kit_report(CALLR(mod, "modrel_cbz")(0) == 42 && CALLR(mod, "modrel_cbz")(1) == 1,
		   "CONDBR19 to another section");
	kit_report(CALLR(mod, "modrel_tbz")(2) == 42 && CALLR(mod, "modrel_tbz")(3) == 1,
		   "TSTBR14 to another section");
	kit_report(CALLR(mod, "modrel_jump")(0) == 42, "JUMP26 to another section");
	int64_t *p64 = kit_module_symbol(mod, "modrel_prel64");
	int32_t *p32 = kit_module_symbol(mod, "modrel_prel32");
	uint32_t *a32 = kit_module_symbol(mod, "modrel_abs32");
	kit_report((uintptr_t)p64 + *p64 == memcpy_addr, "PREL64 in data");
	kit_report((uintptr_t)p32 + *p32 == memcpy_addr, "PREL32 in data");
	kit_report(*a32 == memcpy_addr, "ABS32 in data");
}
