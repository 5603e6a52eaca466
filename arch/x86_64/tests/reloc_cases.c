// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 relocation cases for selftests/kit-tests/module_reloc_test.c: each
 * starts from an instruction (or zeroes), applies one relocation and
 * expects what the assembler encodes, or an error; ranges are tested on
 * both sides of each limit.
 */
#include <elf.h>

#include <kit/arch_test.h>
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/selftest.h>

#define MiB (1LL << 20)
#define GiB (1LL << 30)

const struct arch_reloc_case arch_reloc_cases[] = {
	{ "64", R_X86_64_64, 0, 0x1234, 0, ARCH_RELOC_OUT_S_A, 8, 0 },
	{ "PC32 +4", R_X86_64_PC32, 0, 4, 0, 4, 4, 0 },
	{ "PC32 -4", R_X86_64_PC32, 0, -4, 0, 0xfffffffc, 4, 0 },
	{ "PC32 max", R_X86_64_PC32, 0, INT32_MAX, 0, 0x7fffffff, 4, 0 },
	{ "PC32 min", R_X86_64_PC32, 0, INT32_MIN, 0, 0x80000000, 4, 0 },
	{ "PC32 max+1", R_X86_64_PC32, 0, (int64_t)INT32_MAX + 1, -ERANGE, 0, 4, 0 },
	{ "PC32 min-1", R_X86_64_PC32, 0, (int64_t)INT32_MIN - 1, -ERANGE, 0, 4, 0 },
	{ "PLT32 +0x100", R_X86_64_PLT32, 0, 0x100, 0, 0x100, 4, 0 },
	{ "PLT32 3 GiB", R_X86_64_PLT32, 0, 3 * GiB, -ERANGE, 0, 4, 0 },
	{ "PC64 -3 GiB", R_X86_64_PC64, 0, -3 * GiB, 0, (uint64_t)(-3 * GiB), 8, 0 },
	{ "PC32 no room", R_X86_64_PC32, 0, 4, -EINVAL, 0, 4, 3 },
	{ "64 no room", R_X86_64_64, 0, 4, -EINVAL, 0, 8, 7 },
	{ "NONE", R_X86_64_NONE, 0x11223344, 0, 0, 0x11223344, 4, 0 },
	{ "unsupported GOTPCREL", R_X86_64_GOTPCREL, 0, 0, -ENOSYS, 0, 4, 0 },
	{ "unsupported 999", 999, 0, 0, -ENOSYS, 0, 4, 0 },
};
const size_t arch_nr_reloc_cases = ARRAY_SIZE(arch_reloc_cases);

/* absolute types take S + A itself: tested apart from the P-relative table */
const struct arch_reloc_abs_case arch_reloc_abs_cases[] = {
	{ "32 max", R_X86_64_32, 0, 0xffffffffULL, 0, 0xffffffff, 4 },
	{ "32 2^32", R_X86_64_32, 0, 0x100000000ULL, -ERANGE, 0, 4 },
	{ "32 negative", R_X86_64_32, 0, (uint64_t)-1, -ERANGE, 0, 4 },
	{ "32S max", R_X86_64_32S, 0, 0x7fffffffULL, 0, 0x7fffffff, 4 },
	{ "32S -2^31", R_X86_64_32S, 0, 0xffffffff80000000ULL, 0, 0x80000000, 4 },
	{ "32S 2^31", R_X86_64_32S, 0, 0x80000000ULL, -ERANGE, 0, 4 },
	{ "64 all ones", R_X86_64_64, 0, ~0ULL, 0, ~0ULL, 8 },
};
const size_t arch_nr_reloc_abs_cases = ARRAY_SIZE(arch_reloc_abs_cases);

/* No PLT: a call out of rel32 reach fails (module_test.c's far placement). */
void arch_test_relocs_extra_report(void)
{
}
