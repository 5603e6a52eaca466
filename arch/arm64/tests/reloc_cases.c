// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 relocation cases for selftests/kit-tests/module_reloc_test.c: each
 * starts from an instruction (or zeroes), applies one relocation and
 * expects what the assembler encodes, or an error; ranges are tested on
 * both sides of each limit.
 */
#include <elf.h>
#include <string.h>

#include <kit/arch_test.h>
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/printk.h>
#include <kit/selftest.h>

#define MiB (1LL << 20)
#define GiB (1LL << 30)

const struct arch_reloc_case arch_reloc_cases[] = {
	{ "CALL26 +8", R_AARCH64_CALL26, 0x94000000, 8, 0, 0x94000002, 4, 0 },
	{ "JUMP26 -4", R_AARCH64_JUMP26, 0x14000000, -4, 0, 0x17ffffff, 4, 0 },
	{ "CALL26 128 MiB - 4", R_AARCH64_CALL26, 0x94000000, 128 * MiB - 4, 0, 0x95ffffff, 4, 0 },
	{ "CALL26 -128 MiB", R_AARCH64_CALL26, 0x94000000, -128 * MiB, 0, 0x96000000, 4, 0 },
	{ "CALL26 128 MiB (no PLT)", R_AARCH64_CALL26, 0x94000000, 128 * MiB, -ERANGE, 0, 4, 0 },
	{ "CALL26 -128 MiB - 4 (no PLT)", R_AARCH64_CALL26, 0x94000000, -128 * MiB - 4, -ERANGE, 0, 4, 0 },
	{ "CALL26 on a non-branch", R_AARCH64_CALL26, 0xd503201f, 8, -EINVAL, 0, 4, 0 },
	{ "CALL26 misaligned", R_AARCH64_CALL26, 0x94000000, 6, -ERANGE, 0, 4, 0 },
	{ "CONDBR19 +8", R_AARCH64_CONDBR19, 0xb4000000, 8, 0, 0xb4000040, 4, 0 },
	{ "CONDBR19 b.eq +8", R_AARCH64_CONDBR19, 0x54000000, 8, 0, 0x54000040, 4, 0 },
	{ "CONDBR19 1 MiB - 4", R_AARCH64_CONDBR19, 0xb4000000, MiB - 4, 0, 0xb47fffe0, 4, 0 },
	{ "CONDBR19 1 MiB", R_AARCH64_CONDBR19, 0xb4000000, MiB, -ERANGE, 0, 4, 0 },
	{ "CONDBR19 -1 MiB - 4", R_AARCH64_CONDBR19, 0xb4000000, -MiB - 4, -ERANGE, 0, 4, 0 },
	{ "TSTBR14 +8", R_AARCH64_TSTBR14, 0x36000000, 8, 0, 0x36000040, 4, 0 },
	{ "TSTBR14 32 KiB - 4", R_AARCH64_TSTBR14, 0x36000000, 32768 - 4, 0, 0x3603ffe0, 4, 0 },
	{ "TSTBR14 32 KiB", R_AARCH64_TSTBR14, 0x36000000, 32768, -ERANGE, 0, 4, 0 },
	{ "TSTBR14 -32 KiB", R_AARCH64_TSTBR14, 0x36000000, -32768, 0, 0x36040000, 4, 0 },
	{ "ADR_PREL_PG_HI21 +1 page", R_AARCH64_ADR_PREL_PG_HI21, 0x90000000, 4096, 0, 0xb0000000, 4, 0 },
	{ "ADR_PREL_PG_HI21 4 GiB", R_AARCH64_ADR_PREL_PG_HI21, 0x90000000, 4 * GiB, -ERANGE, 0, 4, 0 },
	{ "ADR_PREL_PG_HI21 -4 GiB", R_AARCH64_ADR_PREL_PG_HI21, 0x90000000, -4 * GiB, 0, 0x90800000, 4, 0 },
	{ "ADR_PREL_PG_HI21_NC 4 GiB", R_AARCH64_ADR_PREL_PG_HI21_NC, 0x90000000, 4 * GiB, 0, 0x90800000, 4, 0 },
	{ "ADR_PREL_PG_HI21 on add", R_AARCH64_ADR_PREL_PG_HI21, 0x91000000, 4096, -EINVAL, 0, 4, 0 },
	{ "PREL32 -4", R_AARCH64_PREL32, 0, -4, 0, 0xfffffffc, 4, 0 },
	{ "PREL32 2 GiB", R_AARCH64_PREL32, 0, 2 * GiB, -ERANGE, 0, 4, 0 },
	{ "PREL64 -3 GiB", R_AARCH64_PREL64, 0, -3 * GiB, 0, (uint64_t)(-3 * GiB), 8, 0 },
	{ "PREL64 no room", R_AARCH64_PREL64, 0, 0, -EINVAL, 0, 8, 4 },
	{ "NONE", R_AARCH64_NONE, 0x11223344, 0, 0, 0x11223344, 4, 0 },
	{ "unsupported ADR_GOT_PAGE", R_AARCH64_ADR_GOT_PAGE, 0x90000000, 0, -ENOSYS, 0, 4, 0 },
	{ "unsupported 999", 999, 0, 0, -ENOSYS, 0, 4, 0 },
};
const size_t arch_nr_reloc_cases = ARRAY_SIZE(arch_reloc_cases);

const struct arch_reloc_abs_case arch_reloc_abs_cases[] = {
	{ "ABS64", R_AARCH64_ABS64, 0, 0x0123456789abcdefULL, 0, 0x0123456789abcdefULL, 8 },
	{ "ABS32 max", R_AARCH64_ABS32, 0, 0xffffffffULL, 0, 0xffffffff, 4 },
	{ "ABS32 -2^31", R_AARCH64_ABS32, 0, (uint64_t)INT32_MIN, 0, 0x80000000, 4 },
	{ "ABS32 2^32", R_AARCH64_ABS32, 0, 0x100000000ULL, -ERANGE, 0, 4 },
	{ "ABS32 -2^31-1", R_AARCH64_ABS32, 0, (uint64_t)INT32_MIN - 1, -ERANGE, 0, 4 },
	{ "ADD_ABS_LO12_NC", R_AARCH64_ADD_ABS_LO12_NC, 0x91000000, 0x12345123, 0, 0x91048c00, 4 },
	{ "LDST8_ABS_LO12_NC", R_AARCH64_LDST8_ABS_LO12_NC, 0x39400020, 0x7005, 0, 0x39401420, 4 },
	{ "LDST16_ABS_LO12_NC", R_AARCH64_LDST16_ABS_LO12_NC, 0x79400020, 0x7006, 0, 0x79400c20, 4 },
	{ "LDST16 misaligned", R_AARCH64_LDST16_ABS_LO12_NC, 0x79400020, 0x7007, -ERANGE, 0, 4 },
	{ "LDST32_ABS_LO12_NC", R_AARCH64_LDST32_ABS_LO12_NC, 0xb9400020, 0x7008, 0, 0xb9400820, 4 },
	{ "LDST64_ABS_LO12_NC", R_AARCH64_LDST64_ABS_LO12_NC, 0xf9400020, 0x7010, 0, 0xf9400820, 4 },
	{ "LDST64 misaligned", R_AARCH64_LDST64_ABS_LO12_NC, 0xf9400020, 0x7014, -ERANGE, 0, 4 },
	{ "LDST128_ABS_LO12_NC", R_AARCH64_LDST128_ABS_LO12_NC, 0x3dc00020, 0x7020, 0, 0x3dc00820, 4 },
	{ "MOVW_UABS_G0", R_AARCH64_MOVW_UABS_G0, 0xd2800000, 0x1234, 0, 0xd2824680, 4 },
	{ "MOVW_UABS_G0 2^16", R_AARCH64_MOVW_UABS_G0, 0xd2800000, 0x10000, -ERANGE, 0, 4 },
	{ "MOVW_UABS_G0_NC", R_AARCH64_MOVW_UABS_G0_NC, 0xf2800000, 0x51234, 0, 0xf2824680, 4 },
	{ "MOVW_UABS_G1", R_AARCH64_MOVW_UABS_G1, 0xf2a00000, 0x12345678, 0, 0xf2a24680, 4 },
	{ "MOVW_UABS_G1 2^32", R_AARCH64_MOVW_UABS_G1, 0xf2a00000, 0x100000000ULL, -ERANGE, 0, 4 },
	{ "MOVW_UABS_G1_NC", R_AARCH64_MOVW_UABS_G1_NC, 0xf2a00000, 0x712345678ULL, 0, 0xf2a24680, 4 },
	{ "MOVW_UABS_G2", R_AARCH64_MOVW_UABS_G2, 0xd2c00000, 0x123400000000ULL, 0, 0xd2c24680, 4 },
	{ "MOVW_UABS_G2 2^48", R_AARCH64_MOVW_UABS_G2, 0xd2c00000, 1ULL << 48, -ERANGE, 0, 4 },
	{ "MOVW_UABS_G2_NC", R_AARCH64_MOVW_UABS_G2_NC, 0xf2c00000, 0x7123400000000ULL, 0, 0xf2c24680, 4 },
	{ "MOVW_UABS_G3", R_AARCH64_MOVW_UABS_G3, 0xd2e00000, 0x1234000000000000ULL, 0, 0xd2e24680, 4 },
	{ "MOVW on a non-mov", R_AARCH64_MOVW_UABS_G0, 0x91000000, 0x1234, -EINVAL, 0, 4 },
};
const size_t arch_nr_reloc_abs_cases = ARRAY_SIZE(arch_reloc_abs_cases);

/*
 * The veneer path without placing anything far away: a bl whose target is
 * 1 GiB off goes through a PLT entry that holds ldr x16 / br x16 / target;
 * a second branch to the same target shares it, a third target finds the
 * PLT full.
 */
static uint8_t buf[64] __attribute__((aligned(16)));

void arch_test_relocs_extra_report(void)
{
	static uint64_t plt[2 * 2] __attribute__((aligned(16)));
	struct kit_module mod = { .plt = plt, .plt_max = 2 };
	uint64_t far = (uintptr_t)buf + GiB;
	struct kit_reloc r = { .type = R_AARCH64_CALL26, .loc = buf, .room = 4, .val = far };
	uint32_t bl = 0x94000000, insn, *e = (uint32_t *)plt;
	int64_t off;
	int err;

	memset(plt, 0, sizeof(plt));
	memcpy(buf, &bl, 4);
	err = arch_apply_relocation(&mod, &r);
	memcpy(&insn, buf, 4);
	off = (int64_t)((uint64_t)(int64_t)((int32_t)(insn << 6) >> 6) << 2);
	kit_report(!err && mod.plt_used == 1 && (uintptr_t)buf + off == (uintptr_t)plt,
		   "CALL26 1 GiB away: bl to PLT entry 0 (%s, %u used, branch to %+lld)",
		   kit_errname(err), mod.plt_used, (long long)off);
	kit_report(e[0] == 0x58000050 && e[1] == 0xd61f0200 && plt[1] == far,
		   "PLT entry: ldr x16, .+8 / br x16 / .quad target (0x%08x 0x%08x 0x%llx)",
		   e[0], e[1], (unsigned long long)plt[1]);
	memcpy(buf + 4, &bl, 4);
	r.loc = buf + 4;
	err = arch_apply_relocation(&mod, &r);
	kit_report(!err && mod.plt_used == 1, "a second branch to the same target shares the entry");
	r.val = far + 4096;
	err = arch_apply_relocation(&mod, &r);
	kit_report(!err && mod.plt_used == 2, "a second target takes entry 1");
	r.val = far + 8192;
	err = arch_apply_relocation(&mod, &r);
	kit_report(err == -ENOSPC, "a third target: %s (expected ENOSPC)", kit_errname(err));
	kit_report(arch_module_plt_entries(R_AARCH64_CALL26) == 1 &&
		   arch_module_plt_entries(R_AARCH64_JUMP26) == 1 &&
		   arch_module_plt_entries(R_AARCH64_ADR_PREL_PG_HI21) == 0,
		   "PLT space is counted for CALL26 and JUMP26 only");
}
