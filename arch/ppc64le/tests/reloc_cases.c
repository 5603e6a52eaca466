// SPDX-License-Identifier: GPL-2.0
/*
 * ppc64le relocation cases for selftests/kit-tests/module_reloc_test.c:
 * each starts from an instruction (or zeroes), applies one relocation and
 * expects what the assembler encodes, or an error; ranges are tested on
 * both sides of each limit.  Without a module the TOC base is 0, so the
 * TOC16 cases give the TOC offset as S + A.
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
	{ "REL24 local +8", R_PPC64_REL24, 0x48000001, 8, 0, 0x48000009, 4, 0 },
	{ "REL24 local -4", R_PPC64_REL24, 0x48000001, -4, 0, 0x4bfffffd, 4, 0 },
	{ "REL24 local 32 MiB - 4", R_PPC64_REL24, 0x48000001, 32 * MiB - 4, 0, 0x49fffffd, 4, 0 },
	{ "REL24 local -32 MiB", R_PPC64_REL24, 0x48000001, -32 * MiB, 0, 0x4a000001, 4, 0 },
	{ "REL24 local 32 MiB", R_PPC64_REL24, 0x48000001, 32 * MiB, -ERANGE, 0, 4, 0 },
	{ "REL24 local -32 MiB - 4", R_PPC64_REL24, 0x48000001, -32 * MiB - 4, -ERANGE, 0, 4, 0 },
	{ "REL24 b +16", R_PPC64_REL24, 0x48000000, 16, 0, 0x48000010, 4, 0 },
	{ "REL24 on a non-branch", R_PPC64_REL24, 0x60000000, 8, -EINVAL, 0, 4, 0 },
	{ "REL24 misaligned", R_PPC64_REL24, 0x48000001, 6, -ERANGE, 0, 4, 0 },
	{ "REL14 +8", R_PPC64_REL14, 0x41820000, 8, 0, 0x41820008, 4, 0 },
	{ "REL14 32 KiB - 4", R_PPC64_REL14, 0x41820000, 32768 - 4, 0, 0x41827ffc, 4, 0 },
	{ "REL14 32 KiB", R_PPC64_REL14, 0x41820000, 32768, -ERANGE, 0, 4, 0 },
	{ "REL14 -32 KiB", R_PPC64_REL14, 0x41820000, -32768, 0, 0x41828000, 4, 0 },
	{ "REL14 -32 KiB - 4", R_PPC64_REL14, 0x41820000, -32768 - 4, -ERANGE, 0, 4, 0 },
	{ "REL16_HA 0x18000", R_PPC64_REL16_HA, 0x3c4c0000, 0x18000, 0, 0x3c4c0002, 4, 0 },
	{ "REL16_HA -4", R_PPC64_REL16_HA, 0x3c4c0000, -4, 0, 0x3c4c0000, 4, 0 },
	{ "REL16_HA 2 GiB", R_PPC64_REL16_HA, 0x3c4c0000, 2 * GiB, -ERANGE, 0, 4, 0 },
	{ "REL16_LO -4", R_PPC64_REL16_LO, 0x38420000, -4, 0, 0x3842fffc, 4, 0 },
	{ "REL32 -4", R_PPC64_REL32, 0, -4, 0, 0xfffffffc, 4, 0 },
	{ "REL32 2 GiB - 1", R_PPC64_REL32, 0, 2 * GiB - 1, 0, 0x7fffffff, 4, 0 },
	{ "REL32 2 GiB", R_PPC64_REL32, 0, 2 * GiB, -ERANGE, 0, 4, 0 },
	{ "REL32 -2 GiB - 1", R_PPC64_REL32, 0, -2 * GiB - 1, -ERANGE, 0, 4, 0 },
	{ "REL64 -3 GiB", R_PPC64_REL64, 0, -3 * GiB, 0, (uint64_t)(-3 * GiB), 8, 0 },
	{ "REL64 no room", R_PPC64_REL64, 0, 0, -EINVAL, 0, 8, 4 },
	{ "NONE", R_PPC64_NONE, 0x11223344, 0, 0, 0x11223344, 4, 0 },
	{ "unsupported GOT16", R_PPC64_GOT16, 0, 0, -ENOSYS, 0, 4, 0 },
	{ "unsupported 999", 999, 0, 0, -ENOSYS, 0, 4, 0 },
};
const size_t arch_nr_reloc_cases = ARRAY_SIZE(arch_reloc_cases);

const struct arch_reloc_abs_case arch_reloc_abs_cases[] = {
	{ "ADDR64", R_PPC64_ADDR64, 0, 0x0123456789abcdefULL, 0, 0x0123456789abcdefULL, 8 },
	{ "ADDR32 max", R_PPC64_ADDR32, 0, 0xffffffffULL, 0, 0xffffffff, 4 },
	{ "ADDR32 2^32", R_PPC64_ADDR32, 0, 0x100000000ULL, -ERANGE, 0, 4 },
	{ "TOC16_HA 0x12348000", R_PPC64_TOC16_HA, 0x3d220000, 0x12348000, 0, 0x3d221235, 4 },
	{ "TOC16_HA 2 GiB (TOC out of reach)", R_PPC64_TOC16_HA, 0x3d220000, 0x80000000ULL, -ERANGE, 0, 4 },
	{ "TOC16_HA -2 GiB", R_PPC64_TOC16_HA, 0x3d220000, (uint64_t)INT32_MIN, 0, 0x3d228000, 4 },
	{ "TOC16_LO 0x12345678", R_PPC64_TOC16_LO, 0x39290000, 0x12345678, 0, 0x39295678, 4 },
	{ "TOC16_LO_DS 0x1238", R_PPC64_TOC16_LO_DS, 0xe9290000, 0x1238, 0, 0xe9291238, 4 },
	{ "TOC16_LO_DS misaligned", R_PPC64_TOC16_LO_DS, 0xe9290000, 0x1236, -ERANGE, 0, 4 },
	{ "TOC16 0x7ffc", R_PPC64_TOC16, 0x39220000, 0x7ffc, 0, 0x39227ffc, 4 },
	{ "TOC16 0x8000 (beyond 16 bits)", R_PPC64_TOC16, 0x39220000, 0x8000, -ERANGE, 0, 4 },
	{ "TOC16_DS -8", R_PPC64_TOC16_DS, 0xe9220000, (uint64_t)-8, 0, 0xe922fff8, 4 },
	{ "ADDR16_HIGHEST", R_PPC64_ADDR16_HIGHEST, 0x3c600000, 0x123456789abcdef0ULL, 0, 0x3c601234, 4 },
	{ "ADDR16_HIGHER", R_PPC64_ADDR16_HIGHER, 0x60630000, 0x123456789abcdef0ULL, 0, 0x60635678, 4 },
	{ "ADDR16_HI", R_PPC64_ADDR16_HI, 0x64630000, 0x123456789abcdef0ULL, 0, 0x64639abc, 4 },
	{ "ADDR16_LO", R_PPC64_ADDR16_LO, 0x60630000, 0x123456789abcdef0ULL, 0, 0x6063def0, 4 },
	{ "ADDR16_HA 0x8000", R_PPC64_ADDR16_HA, 0x3c600000, 0x18000, 0, 0x3c600002, 4 },
};
const size_t arch_nr_reloc_abs_cases = ARRAY_SIZE(arch_reloc_abs_cases);

/*
 * The stub path: a call to a symbol outside the module (external) goes
 * through a stub that saves r2 and enters the target with r12 set, and
 * its nop becomes "ld r2,24(r1)"; a second call to the same target shares
 * the stub, a third target finds the stubs full; without the nop slot
 * (not an ftrace site) it is refused.
 */
static uint8_t buf[64] __attribute__((aligned(16)));

void arch_test_relocs_extra_report(void)
{
	static uint64_t plt[2 * 5] __attribute__((aligned(16)));
	struct kit_module mod = { .base = buf, .plt = plt, .plt_max = 2 };
	uint64_t far = 0x0000123456789ab0ULL;
	struct kit_reloc r = { .type = R_PPC64_REL24, .loc = buf + 8, .room = 8, .val = far,
			       .external = true };
	uint32_t code[2] = { 0x48000001, 0x60000000 }, insn[2], *e = (uint32_t *)plt;
	int64_t off;
	int err;

	memset(plt, 0, sizeof(plt));
	memcpy(buf + 8, code, 8);
	err = arch_apply_relocation(&mod, &r);
	memcpy(insn, buf + 8, 8);
	off = (int64_t)((uint64_t)(int64_t)((int32_t)(insn[0] << 6) >> 6)) & ~3LL;
	kit_report(!err && mod.plt_used == 1 && (uintptr_t)buf + 8 + off == (uintptr_t)plt &&
		   insn[1] == 0xe8410018,
		   "external REL24: bl to stub 0, nop -> ld r2,24(r1) (%s, %u used, 0x%08x)",
		   kit_errname(err), mod.plt_used, insn[1]);
	kit_report(e[0] == 0xf8410018 && e[1] == 0x3d800000 && e[2] == 0x618c1234 &&
		   e[4] == 0x658c5678 && e[5] == 0x618c9ab0 && e[6] == 0x7d8903a6 &&
		   e[7] == 0x4e800420,
		   "stub: std r2,24(r1); r12 = target; mtctr r12; bctr");
	memcpy(buf + 16, code, 8);
	r.loc = buf + 16;
	err = arch_apply_relocation(&mod, &r);
	kit_report(!err && mod.plt_used == 1, "a second call to the same target shares the stub");
	r.val = far + 4096;
	err = arch_apply_relocation(&mod, &r);
	kit_report(!err && mod.plt_used == 2, "a second target takes stub 1");
	r.val = far + 8192;
	err = arch_apply_relocation(&mod, &r);
	kit_report(err == -ENOSPC, "a third target: %s (expected ENOSPC)", kit_errname(err));
	code[1] = 0x38630001;	/* addi r3,r3,1: no TOC restore slot */
	memcpy(buf + 24, code, 8);
	r.loc = buf + 24;
	r.val = far;
	err = arch_apply_relocation(&mod, &r);
	kit_report(err == -EINVAL, "external REL24 without the nop slot: %s (expected EINVAL)",
		   kit_errname(err));
	kit_report(arch_module_plt_entries(R_PPC64_REL24) == 1 &&
		   arch_module_plt_entries(R_PPC64_REL14) == 0,
		   "stub space is counted for REL24 only");
}
