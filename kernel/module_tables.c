// SPDX-License-Identifier: GPL-2.0
/*
 * The tables of a module that other subsystems read after the load: the
 * ORC unwind tables (the unwinders, through orc_lookup.c, which sorts them
 * in place) and the ftrace call-site list (dynamic ftrace, which writes at
 * every site).  Those readers trust what they are given, so the loader
 * checks the tables first: on the file, before anything is allocated,
 * their shape (one section of each, loaded, sized in whole entries of the
 * port's size, one ORC entry per ip, aligned, and an .orc_header in the
 * port's format); after relocation, their contents (every ip and every
 * site inside the module's text).
 */
#include <elf.h>

#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/string.h>

#include "../orc/orc_types.h"
#include "module_internal.h"

/* Alignment the readers need: they load s32, 16-bit fields and u64. */
#define ORC_IP_ALIGN	4
#define ORC_ALIGN	2
#define MCOUNT_ALIGN	8

/* the port's ftrace call-site section (port_ftrace_section), and only it */
static const char mcount_name[] = KIT_FTRACE_SECTION;

/* The slot of load_info that section name @n belongs in, or NULL. */
static unsigned int *table_slot(struct load_info *info, const char *n)
{
	if (!kit_strcmp(n, ".orc_unwind_ip"))
		return &info->orc_ip_idx;
	if (!kit_strcmp(n, ".orc_unwind"))
		return &info->orc_idx;
	if (!kit_strcmp(n, ".orc_header"))
		return &info->orc_hdr_idx;
	if (!kit_strcmp(n, mcount_name))
		return &info->mcount_idx;
	return NULL;
}

/* A table section: loaded, with contents, aligned for its reader. */
static int check_table_section(const struct load_info *info, unsigned int idx, size_t align)
{
	const Elf64_Shdr *s = &info->sh[idx];
	const char *n = kit_modsec_name(info, idx);

	if (s->sh_type != SHT_PROGBITS || !(s->sh_flags & SHF_ALLOC))
		return kit_modfail(info, -EINVAL,
				   "malformed object: %s (section %u) is not loaded data (type %u, flags 0x%llx)",
				   n, idx, s->sh_type, (unsigned long long)s->sh_flags);
	if (s->sh_addralign < align)
		return kit_modfail(info, -EINVAL,
				   "malformed object: %s is aligned to %llu bytes, its entries need %zu",
				   n, (unsigned long long)s->sh_addralign, align);
	return 0;
}

static int check_orc_header(const struct load_info *info)
{
	const Elf64_Shdr *h = &info->sh[info->orc_hdr_idx];
	const uint8_t *rec = info->img + h->sh_offset;
	int err = check_table_section(info, info->orc_hdr_idx, 1);

	if (err)
		return err;
	/* `ld -r` concatenates one record per object: each must match */
	if (!h->sh_size || h->sh_size % ORC_HEADER_SIZE)
		return kit_modfail(info, -EINVAL,
				   "malformed object: .orc_header is %llu bytes, not records of %u",
				   (unsigned long long)h->sh_size, ORC_HEADER_SIZE);
	for (uint64_t off = 0; off < h->sh_size; off += ORC_HEADER_SIZE)
		if (kit_memcmp(rec + off, arch_orc_header, ORC_HEADER_SIZE))
			return kit_modfail(info, -EINVAL,
					   "ORC format mismatch: .orc_header record %llu is not this kit's format hash (built for another port or format version?)",
					   (unsigned long long)(off / ORC_HEADER_SIZE));
	return 0;
}

static int check_orc(const struct load_info *info)
{
	const Elf64_Shdr *ip = &info->sh[info->orc_ip_idx], *orc = &info->sh[info->orc_idx];
	uint64_t n = ip->sh_size / sizeof(int32_t);
	int err;

	if (!info->orc_ip_idx != !info->orc_idx)
		return kit_modfail(info, -EINVAL,
				   "malformed object: .orc_unwind_ip and .orc_unwind come in pairs (%s missing)",
				   info->orc_idx ? ".orc_unwind_ip" : ".orc_unwind");
	if (!info->orc_idx)
		return 0;
	if ((err = check_table_section(info, info->orc_ip_idx, ORC_IP_ALIGN)) ||
	    (err = check_table_section(info, info->orc_idx, ORC_ALIGN)))
		return err;
	if (!n || ip->sh_size % sizeof(int32_t))
		return kit_modfail(info, -EINVAL,
				   "malformed object: .orc_unwind_ip is %llu bytes, not a list of 4-byte ips",
				   (unsigned long long)ip->sh_size);
	/* the reader steps through .orc_unwind at the port's entry size */
	if (orc->sh_size != n * arch_orc_entry_size)
		return kit_modfail(info, -EINVAL,
				   "ORC tables do not match: %llu ips need %llu bytes of %zu-byte entries, .orc_unwind has %llu",
				   (unsigned long long)n, (unsigned long long)(n * arch_orc_entry_size),
				   arch_orc_entry_size, (unsigned long long)orc->sh_size);
	if (!info->orc_hdr_idx)
		return kit_modfail(info, -EINVAL,
				   "ORC tables without an .orc_header: their format cannot be known");
	return 0;
}

int kit_modcheck_tables(struct load_info *info)
{
	int err;

	for (unsigned int i = 1; i < info->shnum; i++) {
		unsigned int *slot = table_slot(info, kit_modsec_name(info, i));

		if (!slot)
			continue;
		if (*slot)
			return kit_modfail(info, -EINVAL,
					   "malformed object: two sections %s (%u and %u)",
					   kit_modsec_name(info, i), *slot, i);
		*slot = i;
	}
	if (info->orc_hdr_idx && (err = check_orc_header(info)))
		return err;
	if ((err = check_orc(info)))
		return err;
	if (!info->mcount_idx)
		return 0;
	/* an assembler may give the site list alignment 1: layout raises it */
	err = check_table_section(info, info->mcount_idx, 1);
	if (err)
		return err;
	if (info->sh[info->mcount_idx].sh_size % sizeof(uint64_t))
		return kit_modfail(info, -EINVAL,
				   "malformed object: %s is not an array of addresses",
				   kit_modsec_name(info, info->mcount_idx));
	return 0;
}

size_t kit_modtable_align(const struct load_info *info, unsigned int idx)
{
	size_t a = info->sh[idx].sh_addralign;

	if (idx && idx == info->mcount_idx && a < MCOUNT_ALIGN)
		return MCOUNT_ALIGN;
	return a;
}

static bool in_text(const struct kit_module *mod, uint64_t addr, bool end_ok)
{
	return addr >= mod->text_start && (addr < mod->text_end || (end_ok && addr == mod->text_end));
}

int kit_modfind_tables(struct load_info *info, struct kit_module *mod)
{
	if (info->orc_idx) {
		int32_t *ip = (int32_t *)info->sec_addr[info->orc_ip_idx];

		mod->nr_orc = info->sh[info->orc_ip_idx].sh_size / sizeof(int32_t);
		/* the last entry of a section is its terminator, at its end */
		for (size_t k = 0; k < mod->nr_orc; k++)
			if (!in_text(mod, (uintptr_t)&ip[k] + ip[k], true))
				return kit_modfail(info, -EINVAL,
						   "malformed object: .orc_unwind_ip entry %zu (0x%lx) is not in the module's text",
						   k, (unsigned long)((uintptr_t)&ip[k] + ip[k]));
		mod->orc_ip = ip;
		mod->orc = (void *)info->sec_addr[info->orc_idx];
	}
	if (info->mcount_idx) {
		const uint64_t *site = (const uint64_t *)info->sec_addr[info->mcount_idx];

		mod->nr_mcount = info->sh[info->mcount_idx].sh_size / sizeof(uint64_t);
		/* ftrace will write at these addresses: they must be module text */
		for (size_t k = 0; k < mod->nr_mcount; k++)
			if (!in_text(mod, site[k], false))
				return kit_modfail(info, -EINVAL,
						   "malformed object: %s entry %zu (0x%llx) is not in the module's text",
						   kit_modsec_name(info, info->mcount_idx), k,
						   (unsigned long long)site[k]);
		mod->mcount = (void *)site;
	}
	return 0;
}
