// SPDX-License-Identifier: GPL-2.0
/*
 * ppc64le module relocations (64-bit ELFv2 ABI).  Each module has its own
 * TOC: .TOC. is its .toc section + 0x8000 (the module's base + 0x8000
 * without one; .got is not used with the kit's -fno-pic), so TOC16 offsets reach 64 KiB of it and the HA/LO pairs
 * of the medium model +-2 GiB.  A call out of the module (REL24 to a
 * symbol it does not define) always goes through a stub, in range or not,
 * because the callee uses another TOC: the stub saves r2 at 24(r1) and
 * enters the target's global entry with r12 = its address; the nop after
 * the bl becomes "ld r2,24(r1)".  A call inside the module goes to the
 * local entry (st_other).  The stub builds the 64-bit address itself, so
 * it works at any distance and for livepatch relocations alike:
 *
 *	std r2,24(r1); lis r12,A@highest; ori r12,r12,A@higher;
 *	sldi r12,r12,32; oris r12,r12,A@h; ori r12,r12,A@l; mtctr r12; bctr
 *	.quad A		(for sharing; never executed)
 */
#include <elf.h>
#include <stdint.h>

#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/string.h>
#include <asm/ftrace.h>
#include <asm/orc_types.h>

#define PPC_INSN_LD_R2_24_R1	0xe8410018u
#define TOC_BIAS		0x8000

struct plt_entry {
	uint32_t insn[8];
	uint64_t target;
};

const uint16_t arch_module_machine = EM_PPC64;
const uint8_t arch_orc_header[ORC_HEADER_SIZE] = ORC_PPC64LE_HASH;
const size_t arch_module_plt_entry_size = sizeof(struct plt_entry);

unsigned int arch_module_plt_entries(unsigned int type)
{
	return type == R_PPC64_REL24;
}

void arch_module_section(struct kit_module *mod, const char *name, uintptr_t addr, size_t size)
{
	(void)size;
	if (!kit_strcmp(name, ".toc"))
		mod->toc = addr + TOC_BIAS;
	else if (!mod->toc)
		mod->toc = (uintptr_t)mod->base + TOC_BIAS;	/* no .toc (yet) */
}

bool arch_module_symbol(const struct kit_module *mod, const char *name, uint64_t *val)
{
	if (kit_strcmp(name, ".TOC."))
		return false;
	*val = mod->toc;
	return true;
}

const char *arch_reloc_name(unsigned int type)
{
	static const struct kit_reloc_name names[] = {
		KIT_RELOC_NAME(R_PPC64_NONE), KIT_RELOC_NAME(R_PPC64_ADDR64),
		KIT_RELOC_NAME(R_PPC64_ADDR32), KIT_RELOC_NAME(R_PPC64_REL64),
		KIT_RELOC_NAME(R_PPC64_REL32), KIT_RELOC_NAME(R_PPC64_REL24),
		KIT_RELOC_NAME(R_PPC64_REL14), KIT_RELOC_NAME(R_PPC64_REL16_HA),
		KIT_RELOC_NAME(R_PPC64_REL16_LO), KIT_RELOC_NAME(R_PPC64_TOC),
		KIT_RELOC_NAME(R_PPC64_TOC16), KIT_RELOC_NAME(R_PPC64_TOC16_HA),
		KIT_RELOC_NAME(R_PPC64_TOC16_LO), KIT_RELOC_NAME(R_PPC64_TOC16_DS),
		KIT_RELOC_NAME(R_PPC64_TOC16_LO_DS),
		KIT_RELOC_NAME(R_PPC64_ADDR16_LO), KIT_RELOC_NAME(R_PPC64_ADDR16_HA),
		KIT_RELOC_NAME(R_PPC64_ADDR16_HI),
		KIT_RELOC_NAME(R_PPC64_ADDR16_HIGHER),
		KIT_RELOC_NAME(R_PPC64_ADDR16_HIGHEST),
	};

	return kit_reloc_name(names, ARRAY_SIZE(names), type);
}

static uint32_t insn_at(const struct kit_reloc *r, size_t off)
{
	uint32_t insn = 0;

	if (r->room >= off + 4)
		kit_memcpy(&insn, (char *)r->loc + off, 4);
	return insn;
}

static int put(const struct kit_reloc *r, uint64_t v, size_t len)
{
	if (r->room < len)
		return -EINVAL;
	kit_memcpy(r->loc, &v, len);	/* little-endian */
	return 0;
}

/* Replace the bits of @mask in the instruction word at @r. */
static int patch_insn(const struct kit_reloc *r, uint32_t field, uint32_t mask)
{
	uint32_t insn;

	if (r->room < 4 || (uintptr_t)r->loc & 3)
		return -EINVAL;
	insn = (insn_at(r, 0) & ~mask) | (field & mask);
	kit_memcpy(r->loc, &insn, 4);
	return 0;
}

/* the 16-bit immediate field of a D-form instruction (low half, LE: first) */
static int half16(const struct kit_reloc *r, uint64_t v)
{
	uint16_t h = (uint16_t)v;

	if (r->room < 2)
		return -EINVAL;
	kit_memcpy(r->loc, &h, 2);
	return 0;
}

static uint16_t ha(uint64_t v)
{
	return (uint16_t)((v + 0x8000) >> 16);
}

/* ELFv2 st_other bits 5-7: 0 and 1 no local entry, 2-6 1 << v bytes, 7 reserved */
static int local_entry_offset(uint8_t st_other)
{
	unsigned int v = (st_other >> 5) & 7;

	return v == 7 ? -1 : v < 2 ? 0 : 1 << v;
}

static struct plt_entry *stub_get(struct kit_module *mod, uint64_t t)
{
	struct plt_entry *plt = mod ? mod->plt : NULL;

	if (!plt)
		return NULL;
	for (unsigned int i = 0; i < mod->plt_used; i++)
		if (plt[i].target == t)
			return &plt[i];
	if (mod->plt_used >= mod->plt_max)
		return NULL;
	plt[mod->plt_used] = (struct plt_entry){ {
		0xf8410018u,					/* std r2,24(r1) */
		0x3d800000u | (uint16_t)(t >> 48),		/* lis r12,A@highest */
		0x618c0000u | (uint16_t)(t >> 32),		/* ori r12,r12,A@higher */
		0x798c07c6u,					/* sldi r12,r12,32 */
		0x658c0000u | (uint16_t)(t >> 16),		/* oris r12,r12,A@h */
		0x618c0000u | (uint16_t)t,			/* ori r12,r12,A@l */
		0x7d8903a6u,					/* mtctr r12 */
		0x4e800420u,					/* bctr */
	}, t };
	return &plt[mod->plt_used++];
}

static int branch24(struct kit_module *mod, const struct kit_reloc *r)
{
	uint64_t p = (uintptr_t)r->loc, dest = r->val;
	uint32_t next = insn_at(r, 4);
	struct plt_entry *e;
	int64_t off;

	if ((insn_at(r, 0) & 0xfc000000u) != 0x48000000u)	/* b, bl */
		return -EINVAL;
	if (r->external) {
		/* an ftrace site (mflr r0 before, no TOC slot): its disabled form */
		if (next != PPC_INSN_NOP && next != PPC_INSN_LD_R2_24_R1) {
			if (!mod || p < (uintptr_t)mod->base + 4 || p & 3 ||
			    ((const uint32_t *)r->loc)[-1] != PPC_INSN_MFLR_R0)
				return -EINVAL;
			return patch_insn(r, PPC_INSN_NOP, ~0u);
		}
		e = stub_get(mod, dest);
		if (!e)
			return mod && mod->plt_max ? -ENOSPC : -ERANGE;
		dest = (uintptr_t)e;
	} else {
		int lep = local_entry_offset(r->st_other);

		if (lep < 0)
			return -EINVAL;
		dest += lep;
	}
	off = (int64_t)(dest - p);
	if ((off & 3) || !kit_fits_signed(off, 26))
		return -ERANGE;
	if (r->external && put(&(struct kit_reloc){ .loc = (char *)r->loc + 4, .room = r->room - 4 },
			       PPC_INSN_LD_R2_24_R1, 4))
		return -EINVAL;
	return patch_insn(r, (uint32_t)off, 0x03fffffcu);
}

static int toc_rel(const struct kit_module *mod, const struct kit_reloc *r, int64_t *v)
{
	*v = (int64_t)(r->val - (mod ? mod->toc : 0));
	return kit_fits_signed(*v, 32) ? 0 : -ERANGE;
}

static int toc16(const struct kit_module *mod, const struct kit_reloc *r, bool lo, bool ds)
{
	int64_t v;
	int err = toc_rel(mod, r, &v);

	if (err || (!lo && !kit_fits_signed(v, 16)))
		return err ? err : -ERANGE;
	if (ds) {
		if (v & 3)
			return -ERANGE;
		return patch_insn(r, (uint32_t)v & 0xfffc, 0xfffc);
	}
	return half16(r, (uint64_t)v);
}

int arch_apply_relocation(struct kit_module *mod, const struct kit_reloc *r)
{
	int64_t pcrel = (int64_t)(r->val - (uintptr_t)r->loc);
	int64_t v;
	int err;

	switch (r->type) {
	case R_PPC64_NONE:
		return 0;
	case R_PPC64_ADDR64:
		return put(r, r->val, 8);
	case R_PPC64_ADDR32:
		if ((int64_t)r->val < INT32_MIN || (int64_t)r->val > (int64_t)UINT32_MAX)
			return -ERANGE;
		return put(r, r->val, 4);
	case R_PPC64_REL64:
		return put(r, (uint64_t)pcrel, 8);
	case R_PPC64_REL32:
		if (!kit_fits_signed(pcrel, 32))
			return -ERANGE;
		return put(r, (uint64_t)pcrel, 4);
	case R_PPC64_REL24:
		return branch24(mod, r);
	case R_PPC64_REL14:
		if ((pcrel & 3) || !kit_fits_signed(pcrel, 16))
			return -ERANGE;
		return patch_insn(r, (uint32_t)pcrel, 0xfffc);
	case R_PPC64_REL16_HA:
		if (!kit_fits_signed(pcrel, 32))
			return -ERANGE;
		return half16(r, ha((uint64_t)pcrel));
	case R_PPC64_REL16_LO:
		return half16(r, (uint64_t)pcrel);
	case R_PPC64_TOC:
		return put(r, mod ? mod->toc : 0, 8);
	case R_PPC64_TOC16:
		return toc16(mod, r, false, false);
	case R_PPC64_TOC16_DS:
		return toc16(mod, r, false, true);
	case R_PPC64_TOC16_LO:
		return toc16(mod, r, true, false);
	case R_PPC64_TOC16_LO_DS:
		return toc16(mod, r, true, true);
	case R_PPC64_TOC16_HA:
		err = toc_rel(mod, r, &v);
		return err ? err : half16(r, ha((uint64_t)v));
	case R_PPC64_ADDR16_LO:
		return half16(r, r->val);
	case R_PPC64_ADDR16_HA:
		return half16(r, ha(r->val));
	case R_PPC64_ADDR16_HI:
		return half16(r, r->val >> 16);
	case R_PPC64_ADDR16_HIGHER:
		return half16(r, r->val >> 32);
	case R_PPC64_ADDR16_HIGHEST:
		return half16(r, r->val >> 48);
	}
	return -ENOSYS;
}
