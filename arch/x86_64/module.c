// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 module relocations (the psABI's names; P is the location, S + A
 * the value).  Every field is range-checked: a value that does not fit is
 * an error, never a silent truncation.  Module memory is within 2 GiB of
 * kit text, so x86_64 needs no PLT.
 */
#include <elf.h>
#include <stdint.h>

#include <kit/string.h>
#include <kit/kernel.h>
#include <kit/module.h>

#include <asm/orc_types.h>

const uint16_t arch_module_machine = EM_X86_64;
/* the format its modules' ORC tables must be in (checked at load) */
const uint8_t arch_orc_header[ORC_HEADER_SIZE] = ORC_X86_HASH;

const char *arch_reloc_name(unsigned int type)
{
	static const struct kit_reloc_name names[] = {
		KIT_RELOC_NAME(R_X86_64_NONE), KIT_RELOC_NAME(R_X86_64_64),
		KIT_RELOC_NAME(R_X86_64_PC32), KIT_RELOC_NAME(R_X86_64_PLT32),
		KIT_RELOC_NAME(R_X86_64_32), KIT_RELOC_NAME(R_X86_64_32S),
		KIT_RELOC_NAME(R_X86_64_PC64),
	};

	return kit_reloc_name(names, ARRAY_SIZE(names), type);
}

static int put32(const struct kit_reloc *r, uint32_t v)
{
	if (r->room < 4)
		return -EINVAL;
	kit_memcpy(r->loc, &v, 4);
	return 0;
}

static int put64(const struct kit_reloc *r, uint64_t v)
{
	if (r->room < 8)
		return -EINVAL;
	kit_memcpy(r->loc, &v, 8);
	return 0;
}

static bool fits_s32(int64_t v)
{
	return v >= INT32_MIN && v <= INT32_MAX;
}

int arch_apply_relocation(struct kit_module *mod, const struct kit_reloc *r)
{
	int64_t pcrel = (int64_t)(r->val - (uint64_t)(uintptr_t)r->loc);

	(void)mod;
	switch (r->type) {
	case R_X86_64_NONE:
		return 0;
	case R_X86_64_64:
		return put64(r, r->val);
	case R_X86_64_PC32:
	case R_X86_64_PLT32:
		if (!fits_s32(pcrel))
			return -ERANGE;
		return put32(r, (uint32_t)pcrel);
	case R_X86_64_32:
		if (r->val > UINT32_MAX)
			return -ERANGE;
		return put32(r, (uint32_t)r->val);
	case R_X86_64_32S:
		if (!fits_s32((int64_t)r->val))
			return -ERANGE;
		return put32(r, (uint32_t)r->val);
	case R_X86_64_PC64:
		return put64(r, (uint64_t)pcrel);
	}
	return -ENOSYS;
}
