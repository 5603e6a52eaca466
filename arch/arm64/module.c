// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 module relocations (ELF for the Arm 64-bit Architecture, AAELF64;
 * P is the location, S + A the value).  Instruction fields are cleared
 * before they are written, so applying a relocation twice is harmless, and
 * every field is range-checked.  A b/bl whose target lies beyond +-128 MiB
 * goes through a veneer in the module's PLT, sized at layout time:
 *
 *	ldr	x16, 1f
 *	br	x16
 * 1:	.quad	target
 *
 * (x16, IP0, is the register the procedure call standard gives veneers.)
 */
#include <elf.h>
#include <stdint.h>

#include <kit/string.h>
#include <kit/kernel.h>
#include <kit/module.h>

#include <asm/orc_types.h>

#define PLT_LDR_X16	0x58000050u	/* ldr x16, .+8 */
#define PLT_BR_X16	0xd61f0200u	/* br x16 */

struct plt_entry {
	uint32_t ldr, br;
	uint64_t target;
};

const uint16_t arch_module_machine = EM_AARCH64;
/* the format its modules' ORC tables must be in (checked at load) */
const uint8_t arch_orc_header[ORC_HEADER_SIZE] = ORC_ARM64_HASH;
const size_t arch_module_plt_entry_size = sizeof(struct plt_entry);

unsigned int arch_module_plt_entries(unsigned int type)
{
	return type == R_AARCH64_CALL26 || type == R_AARCH64_JUMP26;
}

const char *arch_reloc_name(unsigned int type)
{
	static const struct kit_reloc_name names[] = {
		KIT_RELOC_NAME(R_AARCH64_NONE), { 256, "R_AARCH64_NONE" },
		KIT_RELOC_NAME(R_AARCH64_ABS64), KIT_RELOC_NAME(R_AARCH64_ABS32),
		KIT_RELOC_NAME(R_AARCH64_PREL64), KIT_RELOC_NAME(R_AARCH64_PREL32),
		KIT_RELOC_NAME(R_AARCH64_MOVW_UABS_G0),
		KIT_RELOC_NAME(R_AARCH64_MOVW_UABS_G0_NC),
		KIT_RELOC_NAME(R_AARCH64_MOVW_UABS_G1),
		KIT_RELOC_NAME(R_AARCH64_MOVW_UABS_G1_NC),
		KIT_RELOC_NAME(R_AARCH64_MOVW_UABS_G2),
		KIT_RELOC_NAME(R_AARCH64_MOVW_UABS_G2_NC),
		KIT_RELOC_NAME(R_AARCH64_MOVW_UABS_G3),
		KIT_RELOC_NAME(R_AARCH64_ADR_PREL_PG_HI21),
		KIT_RELOC_NAME(R_AARCH64_ADR_PREL_PG_HI21_NC),
		KIT_RELOC_NAME(R_AARCH64_ADD_ABS_LO12_NC),
		KIT_RELOC_NAME(R_AARCH64_LDST8_ABS_LO12_NC),
		KIT_RELOC_NAME(R_AARCH64_LDST16_ABS_LO12_NC),
		KIT_RELOC_NAME(R_AARCH64_LDST32_ABS_LO12_NC),
		KIT_RELOC_NAME(R_AARCH64_LDST64_ABS_LO12_NC),
		KIT_RELOC_NAME(R_AARCH64_LDST128_ABS_LO12_NC),
		KIT_RELOC_NAME(R_AARCH64_TSTBR14),
		KIT_RELOC_NAME(R_AARCH64_CONDBR19),
		KIT_RELOC_NAME(R_AARCH64_JUMP26),
		KIT_RELOC_NAME(R_AARCH64_CALL26),
	};

	return kit_reloc_name(names, ARRAY_SIZE(names), type);
}

/* Replace the bits of @mask (shifted by @shift) in the instruction at @r. */
static int patch_insn(const struct kit_reloc *r, uint64_t field, unsigned int shift,
		      uint32_t mask)
{
	uint32_t insn;

	if (r->room < 4 || (uintptr_t)r->loc & 3)
		return -EINVAL;
	kit_memcpy(&insn, r->loc, 4);
	insn = (insn & ~(mask << shift)) | (((uint32_t)field & mask) << shift);
	kit_memcpy(r->loc, &insn, 4);
	return 0;
}

static uint32_t insn_at(const struct kit_reloc *r)
{
	uint32_t insn = 0;

	if (r->room >= 4)
		kit_memcpy(&insn, r->loc, 4);
	return insn;
}

/* A veneer to @target in @mod's PLT, shared by every branch to it. */
static struct plt_entry *plt_get(struct kit_module *mod, uint64_t target)
{
	struct plt_entry *plt = mod->plt;

	for (unsigned int i = 0; i < mod->plt_used; i++)
		if (plt[i].target == target)
			return &plt[i];
	if (!plt || mod->plt_used >= mod->plt_max)
		return NULL;
	plt[mod->plt_used] = (struct plt_entry){ PLT_LDR_X16, PLT_BR_X16, target };
	return &plt[mod->plt_used++];
}

static int branch26(struct kit_module *mod, const struct kit_reloc *r)
{
	uint64_t p = (uintptr_t)r->loc;
	int64_t off = (int64_t)(r->val - p);
	uint32_t op = insn_at(r) & 0xfc000000u;

	if (op != 0x14000000u && op != 0x94000000u)	/* b, bl */
		return -EINVAL;
	if (r->val & 3)
		return -ERANGE;
	if (!kit_fits_signed(off, 28)) {
		struct plt_entry *e = mod ? plt_get(mod, r->val) : NULL;

		if (!e)
			return mod && mod->plt_max ? -ENOSPC : -ERANGE;
		off = (int64_t)((uintptr_t)e - p);
		if (!kit_fits_signed(off, 28))
			return -ERANGE;
	}
	return patch_insn(r, (uint64_t)off >> 2, 0, 0x03ffffff);
}

static int branch_imm(const struct kit_reloc *r, unsigned int bits, unsigned int shift)
{
	int64_t off = (int64_t)(r->val - (uintptr_t)r->loc);

	if ((off & 3) || !kit_fits_signed(off, bits + 2))
		return -ERANGE;
	return patch_insn(r, (uint64_t)off >> 2, shift, (1u << bits) - 1);
}

static int movw(const struct kit_reloc *r, unsigned int group, bool check)
{
	unsigned int sh = 16 * group;

	/* movz/movk (64-bit): sf=1, opc=10/11, 100101 */
	if ((insn_at(r) & 0xdf800000u) != 0xd2800000u && (insn_at(r) & 0xff800000u) != 0xf2800000u)
		return -EINVAL;
	if (check && group < 3 && (r->val >> (sh + 16)))
		return -ERANGE;
	return patch_insn(r, r->val >> sh, 5, 0xffff);
}

static int adrp(const struct kit_reloc *r, bool check)
{
	int64_t pages = (int64_t)((r->val & ~0xfffULL) - ((uintptr_t)r->loc & ~0xfffULL)) >> 12;
	int err;

	if ((insn_at(r) & 0x9f000000u) != 0x90000000u)
		return -EINVAL;
	if (check && !kit_fits_signed(pages, 21))
		return -ERANGE;
	err = patch_insn(r, (uint64_t)pages & 3, 29, 3);
	return err ? err : patch_insn(r, ((uint64_t)pages >> 2) & 0x7ffff, 5, 0x7ffff);
}

static int lo12(const struct kit_reloc *r, unsigned int scale)
{
	uint64_t lo = r->val & 0xfff;

	if (lo & ((1u << scale) - 1))
		return -ERANGE;	/* a misaligned address cannot be encoded */
	return patch_insn(r, lo >> scale, 10, 0xfff);
}

static int put(const struct kit_reloc *r, uint64_t v, size_t len)
{
	if (r->room < len)
		return -EINVAL;
	kit_memcpy(r->loc, &v, len);	/* little-endian */
	return 0;
}

int arch_apply_relocation(struct kit_module *mod, const struct kit_reloc *r)
{
	int64_t pcrel = (int64_t)(r->val - (uintptr_t)r->loc);

	switch (r->type) {
	case R_AARCH64_NONE:
	case 256:
		return 0;
	case R_AARCH64_ABS64:
		return put(r, r->val, 8);
	case R_AARCH64_ABS32:
		if ((int64_t)r->val < INT32_MIN || (int64_t)r->val > (int64_t)UINT32_MAX)
			return -ERANGE;
		return put(r, r->val, 4);
	case R_AARCH64_PREL64:
		return put(r, (uint64_t)pcrel, 8);
	case R_AARCH64_PREL32:
		if (!kit_fits_signed(pcrel, 32))
			return -ERANGE;
		return put(r, (uint64_t)pcrel, 4);
	case R_AARCH64_MOVW_UABS_G0:	return movw(r, 0, true);
	case R_AARCH64_MOVW_UABS_G0_NC:	return movw(r, 0, false);
	case R_AARCH64_MOVW_UABS_G1:	return movw(r, 1, true);
	case R_AARCH64_MOVW_UABS_G1_NC:	return movw(r, 1, false);
	case R_AARCH64_MOVW_UABS_G2:	return movw(r, 2, true);
	case R_AARCH64_MOVW_UABS_G2_NC:	return movw(r, 2, false);
	case R_AARCH64_MOVW_UABS_G3:	return movw(r, 3, false);
	case R_AARCH64_ADR_PREL_PG_HI21:	return adrp(r, true);
	case R_AARCH64_ADR_PREL_PG_HI21_NC:	return adrp(r, false);
	case R_AARCH64_ADD_ABS_LO12_NC:		return lo12(r, 0);
	case R_AARCH64_LDST8_ABS_LO12_NC:	return lo12(r, 0);
	case R_AARCH64_LDST16_ABS_LO12_NC:	return lo12(r, 1);
	case R_AARCH64_LDST32_ABS_LO12_NC:	return lo12(r, 2);
	case R_AARCH64_LDST64_ABS_LO12_NC:	return lo12(r, 3);
	case R_AARCH64_LDST128_ABS_LO12_NC:	return lo12(r, 4);
	case R_AARCH64_TSTBR14:		return branch_imm(r, 14, 5);
	case R_AARCH64_CONDBR19:	return branch_imm(r, 19, 5);
	case R_AARCH64_JUMP26:
	case R_AARCH64_CALL26:
		return branch26(mod, r);
	}
	return -ENOSYS;
}
