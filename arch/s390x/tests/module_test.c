// SPDX-License-Identifier: GPL-2.0
/*
 * The s390x half of selftests/kit-tests/module_test.c: modrelocs.ko's
 * relocation families executed, and where the far-placement test maps a
 * module.
 */
#include <kit/arch_test.h>
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/selftest.h>
#include <kit/string.h>

#define CALLR(mod, name) ((uintptr_t (*)(uintptr_t))kit_module_symbol(mod, name))

/* beyond brasl's +-4 GiB: the load goes through PLT entries */
const unsigned long arch_test_far_distance = 8UL << 30;
const unsigned long arch_test_branch_reach = 4UL << 30;

void arch_test_modrelocs_report(struct kit_module *mod)
{
	uintptr_t memcpy_addr = (uintptr_t)kit_memcpy;
	int64_t *p64 = kit_module_symbol(mod, "modrel_pc64");
	int32_t *p32 = kit_module_symbol(mod, "modrel_pc32");
	uint64_t *a64 = kit_module_symbol(mod, "modrel_abs64");

	kit_report(CALLR(mod, "modrel_larl")(0) == memcpy_addr, "PC32DBL: larl of kit_memcpy");
	kit_report(CALLR(mod, "modrel_gotent")(0) == memcpy_addr,
		   "GOTENT: kit_memcpy loaded from its GOT slot");
	kit_report(CALLR(mod, "modrel_lgrl")(0) == 0x0123456789abcdefULL, "PC32DBL: lgrl of data");
	kit_report(CALLR(mod, "modrel_lrl")(0) == 0x89abcdef, "PC32DBL: lrl of data");
	kit_report(CALLR(mod, "modrel_j")(0) == 42 && CALLR(mod, "modrel_j")(1) == 1,
		   "PC16DBL: je to another section");
	kit_report(CALLR(mod, "modrel_jg")(0) == 42, "PC32DBL: jg to another section");
	kit_report((uintptr_t)p64 + *p64 == memcpy_addr, "PC64 in data");
	kit_report((uintptr_t)p32 + *p32 == memcpy_addr, "PC32 in data");
	kit_report(*a64 == memcpy_addr, "64 in data");
}
