// SPDX-License-Identifier: GPL-2.0
/*
 * --mcount: the table of ftrace call sites (__mcount_loc), one absolute
 * address per function that calls the arch's fentry symbol first thing.
 * An existing table (gcc -mrecord-mcount) is checked entry by entry and
 * merged, so compiled code and asm FENTRY_SITE()s end up in one table,
 * sorted and relocated against section symbols.
 *
 * This is the default arch->mcount; a port whose compiler makes
 * patchable entry areas instead supplies its own.
 *
 * --mnop (upstream's, for kernels whose ftrace starts with NOPs at the
 * sites rather than calls): every listed call becomes a NOP of its
 * length, its relocation R_NONE.
 */
#include <stdlib.h>
#include <string.h>

#include <objtool/elf.h>
#include <objtool/warn.h>

#include "passes.h"

struct site {
	struct section *sec;
	unsigned long offset;
};

static int cmp_site(const void *a, const void *b)
{
	const struct site *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec->idx < y->sec->idx ? -1 : 1;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static bool fentry_call(const struct instruction *insn)
{
	return insn->type == INSN_CALL && insn->call_dest && insn->call_dest->fentry;
}

/*
 * The default arch->fentry_site_ok: the first instruction of its symbol,
 * or the one right after a landing pad (endbr64 / bti) there.
 */
bool objtool_fentry_at_entry(const struct instruction *insn)
{
	const struct instruction *prev = insn - 1;

	if (insn->sym && insn->offset == insn->sym->offset)
		return true;
	return insn != insn->sec->insns && prev->type == INSN_ENDBR &&
	       prev->sym && prev->offset == prev->sym->offset;
}

/* A recorded site is a fentry call, or its NOP form, where the port puts it. */
static bool valid_site(const struct objtool_file *file, const struct instruction *insn)
{
	if (!file->arch->fentry_site_ok(insn))
		return false;
	return fentry_call(insn) || insn->type == INSN_NOP;
}

static int add_site(struct site **sites, size_t *n, size_t *cap,
		    struct section *sec, unsigned long offset)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*sites = realloc(*sites, *cap * sizeof(**sites));
		if (!*sites)
			return -1;
	}
	(*sites)[(*n)++] = (struct site){ sec, offset };
	return 0;
}

static int read_existing(struct objtool_file *file, struct section *loc,
			 struct site **sites, size_t *n, size_t *cap)
{
	for (unsigned long off = 0; off < loc->size; off += 8) {
		struct reloc *reloc = find_reloc(loc, off, 8);
		struct section *sec;
		long target;
		struct instruction *insn;

		if (!reloc || !reloc_target(reloc, &sec, &target)) {
			warn_file(file, "__mcount_loc[%lu] has no usable relocation", off / 8);
			return -1;
		}
		insn = find_insn(sec, target);
		if (!insn || !valid_site(file, insn)) {
			warn_file(file, "__mcount_loc entry %s+0x%lx is not an ftrace site",
				  sec->name, target);
			return -1;
		}
		if (add_site(sites, n, cap, sec, target))
			return -1;
	}
	return 0;
}

/* --mcount: the port's way of listing its ftrace call sites. */
int mcount_create(struct objtool_file *file)
{
	if (file->opts->mnop && file->arch->mcount != objtool_mcount_fentry) {
		ERROR("--mnop: not available for %s objects", file->arch->name);
		return -1;
	}
	return file->arch->mcount(file);
}

int objtool_mcount_fentry(struct objtool_file *file)
{
	const struct objtool_arch *arch = file->arch;
	struct section *loc = find_section_by_name(file, "__mcount_loc");
	struct site *sites = NULL;
	size_t n = 0, cap = 0, u = 0;
	struct new_reloc *relocs;
	uint8_t *zero;
	int ret = -1;

	if (loc && read_existing(file, loc, &sites, &n, &cap))
		goto out;
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		struct section *sec = &file->secs[s];

		for (unsigned int i = 0; i < sec->nr_insns; i++) {
			struct instruction *insn = &sec->insns[i];

			if (!fentry_call(insn))
				continue;
			if (!valid_site(file, insn)) {
				warn_insn(file, insn, "call to %s() not at the function start",
					  arch->fentry_name);
				continue;
			}
			if (add_site(&sites, &n, &cap, sec, insn->offset))
				goto out;
		}
	}
	if (n)
		qsort(sites, n, sizeof(*sites), cmp_site);
	for (size_t i = 0; i < n; i++)
		if (!u || cmp_site(&sites[u - 1], &sites[i]))
			sites[u++] = sites[i];
	for (size_t i = 0; i < u; i++) {
		struct instruction *insn = find_insn(sites[i].sec, sites[i].offset);

		insn->flags |= INSN_FENTRY;
		if (file->opts->mnop && fentry_call(insn) && call_rewrite(file, insn, false))
			goto out;
	}
	file->nr_mcount = u;
	if (!u) {
		ret = 0;
		goto out;
	}
	relocs = calloc(u, sizeof(*relocs));
	zero = calloc(u, 8);
	if (!relocs || !zero)
		goto out;
	for (size_t i = 0; i < u; i++)
		relocs[i] = (struct new_reloc){ .offset = i * 8, .target = sites[i].sec,
						.addend = sites[i].offset,
						.type = arch->abs64_reloc };
	if (elf_add_section(file, "__mcount_loc", SHT_PROGBITS, SHF_ALLOC, 8, 8,
			    zero, u * 8, relocs, u))
		ret = 0;
	free(relocs);
	free(zero);
out:
	free(sites);
	return ret;
}
