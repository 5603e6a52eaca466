// SPDX-License-Identifier: GPL-2.0
/*
 * s390x relocation cases for selftests/kit-tests/module_reloc_test.c: the
 * location is the relocated field itself (for the *DBL types 2 bytes into
 * its instruction), its word read big-endian; each case applies one
 * relocation and expects what the assembler encodes, or an error; ranges
 * are tested on both sides of each limit.
 */
#include <elf.h>
#include <string.h>

#include <kit/arch_test.h>
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/printk.h>
#include <kit/selftest.h>

#define KiB (1LL << 10)
#define GiB (1LL << 30)

const struct arch_reloc_case arch_reloc_cases[] = {
	{ "PC32DBL +8", R_390_PC32DBL, 0, 8, 0, 4, 4, 0 },
	{ "PC32DBL -4", R_390_PC32DBL, 0, -4, 0, 0xfffffffe, 4, 0 },
	{ "PC32DBL 4 GiB - 2", R_390_PC32DBL, 0, 4 * GiB - 2, 0, 0x7fffffff, 4, 0 },
	{ "PC32DBL 4 GiB", R_390_PC32DBL, 0, 4 * GiB, -ERANGE, 0, 4, 0 },
	{ "PC32DBL -4 GiB", R_390_PC32DBL, 0, -4 * GiB, 0, 0x80000000, 4, 0 },
	{ "PC32DBL -4 GiB - 2", R_390_PC32DBL, 0, -4 * GiB - 2, -ERANGE, 0, 4, 0 },
	{ "PC32DBL odd", R_390_PC32DBL, 0, 7, -ERANGE, 0, 4, 0 },
	{ "PC32DBL no room", R_390_PC32DBL, 0, 8, -EINVAL, 0, 4, 2 },
	{ "PLT32DBL +8", R_390_PLT32DBL, 0, 8, 0, 4, 4, 0 },
	{ "PLT32DBL -4 GiB", R_390_PLT32DBL, 0, -4 * GiB, 0, 0x80000000, 4, 0 },
	{ "PLT32DBL 4 GiB (no PLT)", R_390_PLT32DBL, 0, 4 * GiB, -ERANGE, 0, 4, 0 },
	{ "PLT32DBL -4 GiB - 2 (no PLT)", R_390_PLT32DBL, 0, -4 * GiB - 2, -ERANGE, 0, 4, 0 },
	{ "PC16DBL +8", R_390_PC16DBL, 0, 8, 0, 0x00040000, 4, 0 },
	{ "PC16DBL 64 KiB - 2", R_390_PC16DBL, 0, 64 * KiB - 2, 0, 0x7fff0000, 4, 0 },
	{ "PC16DBL 64 KiB", R_390_PC16DBL, 0, 64 * KiB, -ERANGE, 0, 4, 0 },
	{ "PC16DBL -64 KiB", R_390_PC16DBL, 0, -64 * KiB, 0, 0x80000000, 4, 0 },
	{ "PC16DBL -64 KiB - 2", R_390_PC16DBL, 0, -64 * KiB - 2, -ERANGE, 0, 4, 0 },
	{ "PC32 -4", R_390_PC32, 0, -4, 0, 0xfffffffc, 4, 0 },
	{ "PC32 2 GiB - 1", R_390_PC32, 0, 2 * GiB - 1, 0, 0x7fffffff, 4, 0 },
	{ "PC32 2 GiB", R_390_PC32, 0, 2 * GiB, -ERANGE, 0, 4, 0 },
	{ "PC32 -2 GiB", R_390_PC32, 0, -2 * GiB, 0, 0x80000000, 4, 0 },
	{ "PC32 -2 GiB - 1", R_390_PC32, 0, -2 * GiB - 1, -ERANGE, 0, 4, 0 },
	{ "PC16 32 KiB - 1", R_390_PC16, 0, 32 * KiB - 1, 0, 0x7fff0000, 4, 0 },
	{ "PC16 32 KiB", R_390_PC16, 0, 32 * KiB, -ERANGE, 0, 4, 0 },
	{ "PC64 -3 GiB", R_390_PC64, 0, -3 * GiB, 0, (uint64_t)(-3 * GiB), 8, 0 },
	{ "PC64 no room", R_390_PC64, 0, 0, -EINVAL, 0, 8, 4 },
	{ "64 in the pc-relative table", R_390_64, 0, 0x1000, 0, ARCH_RELOC_OUT_S_A, 8, 0 },
	{ "GOTENT without a module GOT", R_390_GOTENT, 0, 8, -ERANGE, 0, 4, 0 },
	{ "NONE", R_390_NONE, 0x11223344, 0, 0, 0x11223344, 4, 0 },
	{ "unsupported TLS_LE64", R_390_TLS_LE64, 0, 0, -ENOSYS, 0, 4, 0 },
	{ "unsupported 999", 999, 0, 0, -ENOSYS, 0, 4, 0 },
};
const size_t arch_nr_reloc_cases = ARRAY_SIZE(arch_reloc_cases);

const struct arch_reloc_abs_case arch_reloc_abs_cases[] = {
	{ "64", R_390_64, 0, 0x0123456789abcdefULL, 0, 0x0123456789abcdefULL, 8 },
	{ "32 max", R_390_32, 0, 0xffffffffULL, 0, 0xffffffff, 4 },
	{ "32 2^32", R_390_32, 0, 0x100000000ULL, -ERANGE, 0, 4 },
	{ "16 max", R_390_16, 0, 0xffff, 0, 0xffff0000, 4 },
	{ "16 2^16", R_390_16, 0, 0x10000, -ERANGE, 0, 4 },
	{ "8 max", R_390_8, 0, 0xff, 0, 0xff000000, 4 },
	{ "8 2^8", R_390_8, 0, 0x100, -ERANGE, 0, 4 },
};
const size_t arch_nr_reloc_abs_cases = ARRAY_SIZE(arch_reloc_abs_cases);

/*
 * The PLT path without placing anything far away: a brasl whose target
 * is 8 GiB off goes through a PLT entry holding lgrl %r1,.+8 / br %r1 /
 * target; a second branch to the same target shares it, and so does a
 * GOTENT load of it (the entry's doubleword is its GOT slot); a second
 * target takes entry 1, a third finds the PLT full.
 */
static uint8_t buf[64] __attribute__((aligned(16)));

static int64_t field_at(const uint8_t *p)
{
	return (int32_t)((uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]);
}

void arch_test_relocs_extra_report(void)
{
	static uint64_t plt[2 * 2] __attribute__((aligned(16)));
	static const uint8_t code[8] = { 0xc4, 0x18, 0, 0, 0, 4, 0x07, 0xf1 };
	struct kit_module mod = { .plt = plt, .plt_max = 2 };
	uint64_t far = (uintptr_t)buf + 8 * GiB;
	/* the field of a brasl at buf, gcc's "target + 2" */
	struct kit_reloc r = { .type = R_390_PLT32DBL, .loc = buf + 2, .room = 4, .val = far + 2 };
	int64_t dest;
	int err;

	memset(plt, 0, sizeof(plt));
	err = arch_apply_relocation(&mod, &r);
	dest = (int64_t)(uintptr_t)buf + 2 * field_at(buf + 2);
	kit_report(!err && mod.plt_used == 1 && dest == (int64_t)(uintptr_t)plt,
		   "PLT32DBL 8 GiB away: brasl to PLT entry 0 (%s, %u used, branch to %#llx)",
		   kit_errname(err), mod.plt_used, (unsigned long long)dest);
	kit_report(!memcmp(plt, code, sizeof(code)) && plt[1] == far,
		   "PLT entry: lgrl %%r1,.+8 / br %%r1 / .quad target (target 0x%llx)",
		   (unsigned long long)plt[1]);
	r.loc = buf + 8;
	err = arch_apply_relocation(&mod, &r);
	kit_report(!err && mod.plt_used == 1, "a second branch to the same target shares the entry");
	r.type = R_390_GOTENT;
	r.loc = buf + 14;
	err = arch_apply_relocation(&mod, &r);
	dest = (int64_t)(uintptr_t)buf + 12 + 2 * field_at(buf + 14);
	kit_report(!err && mod.plt_used == 1 && dest == (int64_t)(uintptr_t)&plt[1],
		   "GOTENT of the same target: its slot is the entry's doubleword (%s)",
		   kit_errname(err));
	r.type = R_390_PLT32DBL;
	r.val = far + 4096 + 2;
	err = arch_apply_relocation(&mod, &r);
	kit_report(!err && mod.plt_used == 2, "a second target takes entry 1");
	r.val = far + 8192 + 2;
	err = arch_apply_relocation(&mod, &r);
	kit_report(err == -ENOSPC, "a third target: %s (expected ENOSPC)", kit_errname(err));
	kit_report(arch_module_plt_entries(R_390_PLT32DBL) == 1 &&
		   arch_module_plt_entries(R_390_GOTENT) == 1 &&
		   arch_module_plt_entries(R_390_PC32DBL) == 0,
		   "PLT space is counted for PLT32DBL and GOTENT only");
}
