// SPDX-License-Identifier: GPL-2.0
/*
 * s390x module relocations (the s390x ELF ABI supplement; P is the
 * location, S + A the value the loader hands over as r->val).  Fields are
 * big-endian and written whole, so applying a relocation twice is
 * harmless; every field is range-checked.  The *DBL types count
 * halfwords from the relocated field, which sits 2 bytes into its
 * instruction: gcc writes "sym+2", and the branch lands on val - 2.
 *
 * A brasl/brcl whose target lies beyond +-4 GiB goes through an entry in
 * the module's PLT, sized at layout time and shared by every use of one
 * target:
 *
 *	lgrl	%r1,.+8		(c4 18 00000004)
 *	br	%r1		(07 f1)
 *	.quad	target
 *
 * (r1 is the register the ABI lets a call's glue clobber, as upstream's
 * PLT does.)  The same entry's doubleword is the GOT slot of a GOTENT
 * relocation to that target: "lgrl %rX,sym@GOTENT" then loads sym's
 * address from it.  The loader passes S + A only; gcc and gas write
 * GOTENT as sym+2 (the field's bias), which is what the slot assumes.
 */
#include <elf.h>
#include <stdint.h>

#include <kit/string.h>
#include <kit/kernel.h>
#include <kit/module.h>

#include <asm/orc_types.h>

struct plt_entry {
	uint8_t code[8];
	uint64_t target;
};

static const uint8_t plt_code[8] = { 0xc4, 0x18, 0x00, 0x00, 0x00, 0x04, 0x07, 0xf1 };

const uint16_t arch_module_machine = EM_S390;
/* the format its modules' ORC tables must be in (checked at load) */
const uint8_t arch_orc_header[ORC_HEADER_SIZE] = ORC_S390X_HASH;
const size_t arch_module_plt_entry_size = sizeof(struct plt_entry);

unsigned int arch_module_plt_entries(unsigned int type)
{
	return type == R_390_PLT32DBL || type == R_390_GOTENT;
}

const char *arch_reloc_name(unsigned int type)
{
	static const struct kit_reloc_name names[] = {
		KIT_RELOC_NAME(R_390_NONE), KIT_RELOC_NAME(R_390_8),
		KIT_RELOC_NAME(R_390_16), KIT_RELOC_NAME(R_390_32), KIT_RELOC_NAME(R_390_64),
		KIT_RELOC_NAME(R_390_PC16), KIT_RELOC_NAME(R_390_PC32),
		KIT_RELOC_NAME(R_390_PC64), KIT_RELOC_NAME(R_390_PC16DBL),
		KIT_RELOC_NAME(R_390_PC32DBL), KIT_RELOC_NAME(R_390_PLT16DBL),
		KIT_RELOC_NAME(R_390_PLT32DBL), KIT_RELOC_NAME(R_390_PLT32),
		KIT_RELOC_NAME(R_390_PLT64), KIT_RELOC_NAME(R_390_GOTENT),
	};

	return kit_reloc_name(names, ARRAY_SIZE(names), type);
}

/* A big-endian field of len bytes. */
static int put(const struct kit_reloc *r, uint64_t v, size_t len)
{
	uint8_t *p = r->loc;

	if (r->room < len)
		return -EINVAL;
	for (size_t i = 0; i < len; i++)
		p[i] = v >> (8 * (len - 1 - i));
	return 0;
}

static int put_signed(const struct kit_reloc *r, int64_t v, unsigned int len)
{
	if (r->room < len)
		return -EINVAL;
	if (!kit_fits_signed(v, 8 * len))
		return -ERANGE;
	return put(r, (uint64_t)v, len);
}

/* A halfword-scaled pc-relative field of len bytes. */
static int put_dbl(const struct kit_reloc *r, int64_t pcrel, unsigned int len)
{
	if (r->room < len)
		return -EINVAL;	/* before the range: a cut field is no field */
	if (pcrel & 1)
		return -ERANGE;
	return put_signed(r, pcrel / 2, len);
}

/* The entry for target in mod's PLT, shared by every use of it. */
static struct plt_entry *plt_get(struct kit_module *mod, uint64_t target)
{
	struct plt_entry *plt = mod ? mod->plt : NULL;

	if (!plt)
		return NULL;
	for (unsigned int i = 0; i < mod->plt_used; i++)
		if (plt[i].target == target)
			return &plt[i];
	if (mod->plt_used >= mod->plt_max)
		return NULL;
	kit_memcpy(plt[mod->plt_used].code, plt_code, sizeof(plt_code));
	plt[mod->plt_used].target = target;
	return &plt[mod->plt_used++];
}

static int plt_missing(const struct kit_module *mod)
{
	return mod && mod->plt_max ? -ENOSPC : -ERANGE;
}

/* brasl/brcl: direct in reach, else through the PLT entry of val - 2. */
static int call32(struct kit_module *mod, const struct kit_reloc *r)
{
	int64_t pcrel = (int64_t)(r->val - (uintptr_t)r->loc);
	struct plt_entry *e;

	if (r->room < 4)
		return -EINVAL;
	if (!(pcrel & 1) && kit_fits_signed(pcrel / 2, 32))
		return put_dbl(r, pcrel, 4);
	if (pcrel & 1)
		return -ERANGE;
	e = plt_get(mod, r->val - 2);
	if (!e)
		return plt_missing(mod);
	return put_dbl(r, (int64_t)((uintptr_t)e + 2 - (uintptr_t)r->loc), 4);
}

/* lgrl/larl of sym@GOTENT: the slot holding sym is a PLT entry's target. */
static int gotent(struct kit_module *mod, const struct kit_reloc *r)
{
	struct plt_entry *e;

	if (r->room < 4)
		return -EINVAL;
	e = plt_get(mod, r->val - 2);
	if (!e)
		return plt_missing(mod);
	return put_dbl(r, (int64_t)((uintptr_t)&e->target + 2 - (uintptr_t)r->loc), 4);
}

int arch_apply_relocation(struct kit_module *mod, const struct kit_reloc *r)
{
	int64_t pcrel = (int64_t)(r->val - (uintptr_t)r->loc);

	switch (r->type) {
	case R_390_NONE:
		return 0;
	case R_390_8:
		if (r->room >= 1 && r->val > UINT8_MAX)
			return -ERANGE;
		return put(r, r->val, 1);
	case R_390_16:
		if (r->room >= 2 && r->val > UINT16_MAX)
			return -ERANGE;
		return put(r, r->val, 2);
	case R_390_32:
		if (r->room >= 4 && r->val > UINT32_MAX)
			return -ERANGE;
		return put(r, r->val, 4);
	case R_390_64:
		return put(r, r->val, 8);
	case R_390_PC16:
		return put_signed(r, pcrel, 2);
	case R_390_PC32:
	case R_390_PLT32:
		return put_signed(r, pcrel, 4);
	case R_390_PC64:
	case R_390_PLT64:
		return put(r, (uint64_t)pcrel, 8);
	case R_390_PC16DBL:
	case R_390_PLT16DBL:
		return put_dbl(r, pcrel, 2);
	case R_390_PC32DBL:
		return put_dbl(r, pcrel, 4);
	case R_390_PLT32DBL:
		return call32(mod, r);
	case R_390_GOTENT:
		return gotent(mod, r);
	}
	return -ENOSYS;
}
