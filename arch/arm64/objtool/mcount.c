// SPDX-License-Identifier: GPL-2.0
/*
 * ftrace call sites on arm64: gcc's -fpatchable-function-entry=2 leaves two
 * NOPs at each function entry (after "bti c" when BTI is on) and records
 * their address in __patchable_function_entries.  Check every record and
 * bring the section into one form (sorted, unique, against section
 * symbols) so that the build-time sort and the runtime can trust it.
 */
#include <stdlib.h>
#include <string.h>

#include <objtool/elf.h>
#include <objtool/warn.h>

#include "arm64.h"

#define PFE_NAME	"__patchable_function_entries"
#define PFE_ENTRY	8

struct pfe_site {
	struct section *sec;
	unsigned long offset;
};

static bool is_nop_at(const struct section *sec, unsigned long offset)
{
	return sec->data && offset + ARM64_INSN_SIZE <= sec->size &&
	       arm64_insn_at(sec->data + offset) == ARM64_INSN_NOP;
}

static bool is_bti_c_at(const struct section *sec, unsigned long offset)
{
	uint32_t insn;

	if (!sec->data || offset + ARM64_INSN_SIZE > sec->size)
		return false;
	insn = arm64_insn_at(sec->data + offset);
	return insn == 0xd503245f || insn == 0xd50324df;	/* bti c, bti jc */
}

/* The NOPs sit at the function symbol, or right after its landing pad. */
static bool at_func_entry(const struct section *sec, unsigned long offset)
{
	struct symbol *func = find_func_containing(sec, offset);

	if (!func)
		return false;
	return offset == func->offset ||
	       (offset == func->offset + ARM64_INSN_SIZE &&
		is_bti_c_at(sec, func->offset));
}

static bool check_site(struct objtool_file *file, struct section *sec,
		       unsigned long offset)
{
	struct instruction *insn = find_insn(sec, offset);

	if (!insn || !at_func_entry(sec, offset)) {
		warn_file(file, "%s: %s+0x%lx is not a function entry",
			  PFE_NAME, sec->name, offset);
		return false;
	}
	if (!is_nop_at(sec, offset) ||
	    !is_nop_at(sec, offset + ARM64_INSN_SIZE)) {
		warn_insn(file, insn, "patchable function entry is not two NOPs");
		return false;
	}
	insn->flags |= INSN_FENTRY;
	return true;
}

/* Read one section's records; returns the number of valid sites. */
static long read_sites(struct objtool_file *file, struct section *pfe,
		       struct pfe_site *sites, bool *normal)
{
	long n = 0;

	for (unsigned long off = 0; off < pfe->size; off += PFE_ENTRY) {
		struct reloc *reloc = find_reloc(pfe, off, PFE_ENTRY);
		struct section *sec;
		long target;

		if (!reloc || reloc->type != R_AARCH64_ABS64 ||
		    !reloc_target(reloc, &sec, &target) || !sec) {
			warn_file(file, "%s+0x%lx: bad or missing relocation",
				  PFE_NAME, off);
			*normal = false;
			continue;
		}
		if (reloc->offset != off || !reloc->sym ||
		    reloc->sym->type != STT_SECTION)
			*normal = false;
		if (!check_site(file, sec, target)) {
			*normal = false;
			continue;
		}
		sites[n].sec = sec;
		sites[n].offset = target;
		n++;
	}
	return n;
}

static int site_cmp(const void *a, const void *b)
{
	const struct pfe_site *x = a, *y = b;

	if (x->sec->idx != y->sec->idx)
		return x->sec->idx < y->sec->idx ? -1 : 1;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return 0;
}

/* Sort and drop duplicates; clears *normal when that changed anything. */
static long normalise(struct pfe_site *sites, long n, bool *normal)
{
	long out = 0;

	for (long i = 1; i < n && *normal; i++)
		if (site_cmp(&sites[i - 1], &sites[i]) >= 0)
			*normal = false;
	qsort(sites, n, sizeof(*sites), site_cmp);
	for (long i = 0; i < n; i++)
		if (!out || site_cmp(&sites[out - 1], &sites[i]))
			sites[out++] = sites[i];
	return out;
}

static int rewrite(struct objtool_file *file, struct section *pfe,
		   const struct pfe_site *sites, long n)
{
	struct new_reloc *relocs = calloc(n ? n : 1, sizeof(*relocs));
	void *data = calloc(n ? n : 1, PFE_ENTRY);
	/*
	 * elf_add_section() cannot set sh_link, and SHF_LINK_ORDER without
	 * it is malformed: the rewritten section loses the flag.
	 */
	uint64_t flags = pfe->sh.sh_flags & ~(uint64_t)SHF_LINK_ORDER;
	int ret = -1;

	if (!relocs || !data)
		goto out;
	for (long i = 0; i < n; i++) {
		relocs[i].offset = i * PFE_ENTRY;
		relocs[i].target = sites[i].sec;
		relocs[i].addend = sites[i].offset;
		relocs[i].type = R_AARCH64_ABS64;
	}
	if (elf_add_section(file, PFE_NAME, SHT_PROGBITS, flags,
			    pfe->sh.sh_entsize, PFE_ENTRY, data, n * PFE_ENTRY,
			    relocs, n)) {
		file->changed = true;
		ret = 0;
	}
out:
	free(relocs);
	free(data);
	return ret;
}

static int check_one(struct objtool_file *file, struct section *pfe,
		     bool may_rewrite)
{
	struct pfe_site *sites;
	bool normal = pfe->size % PFE_ENTRY == 0;
	long n;
	int ret = 0;

	if (!normal)
		warn_file(file, "%s: size 0x%zx is not a multiple of %d",
			  PFE_NAME, pfe->size, PFE_ENTRY);
	sites = calloc(pfe->size / PFE_ENTRY + 1, sizeof(*sites));
	if (!sites) {
		ERROR("out of memory");
		return -1;
	}
	n = read_sites(file, pfe, sites, &normal);
	n = normalise(sites, n, &normal);
	file->nr_mcount += n;
	if (!normal && may_rewrite)
		ret = rewrite(file, pfe, sites, n);
	free(sites);
	return ret;
}

int arm64_mcount(struct objtool_file *file)
{
	unsigned int count = 0, last = 0;

	for (unsigned int i = 1; i < file->nr_secs; i++) {
		if (!strcmp(file->secs[i].name, PFE_NAME)) {
			count++;
			last = i;
		}
	}
	/* the one section may be replaced: stop looking once it was done */
	if (count == 1)
		return check_one(file, &file->secs[last], true);
	/*
	 * Several sections of that name are link-order groups (one per text
	 * section, e.g. COMDAT): each is checked, but merging them would
	 * undo what SHF_LINK_ORDER is for, so they are left as they are.
	 */
	for (unsigned int i = 1; i < file->nr_secs; i++) {
		if (strcmp(file->secs[i].name, PFE_NAME))
			continue;
		if (check_one(file, &file->secs[i], false))
			return -1;
	}
	return 0;
}
