// SPDX-License-Identifier: GPL-2.0
/*
 * kbuild's mitigation options: the tables of code sites the kernel
 * rewrites at boot and at module load, and the checks behind them.
 *
 *   --retpoline      .retpoline_sites: calls and jumps to an indirect-branch
 *                    thunk (the kernel may turn them back into plain
 *                    indirect branches); warns on an indirect branch that
 *                    does not go through a thunk.
 *   --rethunk        .return_sites: jumps to the return thunk; warns on a
 *                    bare return.
 *   --hacks=skylake  with --rethunk, .call_sites: every direct call, for
 *                    the call-depth-tracking accounting thunks.
 *   --sls            warns on a return or an indirect jump that is not
 *                    followed by a trap (straight-line speculation).
 *
 * Each table is an array of 32-bit place-relative offsets, one per site,
 * in the order upstream objtool lists them, so the two tools' tables can
 * be compared entry by entry.  An input that already has a table keeps
 * it, with upstream's warning.
 */
#include <stdlib.h>
#include <string.h>

#include <objtool/elf.h>
#include <objtool/warn.h>

#include "passes.h"

/* Which instructions a table lists. */
enum site_kind { SITE_RETPOLINE_JUMP, SITE_RETPOLINE_CALL, SITE_RETURN, SITE_CALL };

static bool thunk_return(const struct instruction *insn)
{
	const struct reloc *reloc;

	if (insn->type != INSN_RETURN)
		return false;
	reloc = find_reloc(insn->sec, insn->offset, insn->len);
	return reloc && reloc->sym && reloc->sym->return_thunk;
}

static bool retpoline_branch(const struct instruction *insn)
{
	return insn->call_dest && insn->call_dest->indirect_thunk;
}

/*
 * .init.text runs before user space, so upstream leaves it out of the call
 * list and the retpoline check, but not in modules: they are loaded late.
 */
static bool early_init(const struct objtool_file *file, const struct section *sec)
{
	return !file->opts->module && !strcmp(sec->name, ".init.text");
}

static bool is_site(const struct objtool_file *file,
		    const struct instruction *insn, enum site_kind kind)
{
	const struct symbol *dest = insn->call_dest;

	switch (kind) {
	case SITE_RETPOLINE_JUMP:
	case SITE_RETPOLINE_CALL:
		/* replacement code is a template: it is not annotated */
		if (!retpoline_branch(insn) || insn->sec->alt_replacement)
			return false;
		return (insn->type == INSN_CALL_DYNAMIC) == (kind == SITE_RETPOLINE_CALL);
	case SITE_RETURN:
		return thunk_return(insn);
	case SITE_CALL:
		if (insn->type != INSN_CALL || !dest || insn->sec->alt_replacement ||
		    early_init(file, insn->sec))
			return false;
		/* static call trampolines have their own table */
		if (!strncmp(dest->name, "__SCT__", 7))
			return false;
		return !(file->opts->mcount && dest->fentry);
	}
	return false;
}

int site_list_add(struct site_list *list, struct new_reloc reloc)
{
	if (list->n == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 64;
		struct new_reloc *r = realloc(list->relocs, cap * sizeof(*r));

		if (!r) {
			ERROR("out of memory");
			return -1;
		}
		list->relocs = r;
		list->cap = cap;
	}
	list->relocs[list->n++] = reloc;
	return 0;
}

/* A site's place-relative pointer at @offset of a table: to @insn. */
int site_list_add_insn(struct objtool_file *file, struct site_list *list,
		       unsigned long offset, const struct instruction *insn)
{
	return site_list_add(list, (struct new_reloc){
		.offset = offset, .target = insn->sec, .addend = insn->offset,
		.type = file->arch->orc_ip_reloc });
}

int site_table_write(struct objtool_file *file, const char *name, uint64_t flags,
		     unsigned int entsize, size_t nr_entries,
		     const struct site_list *list)
{
	void *zero;
	int ret = -1;

	if (!nr_entries)
		return 0;
	zero = calloc(nr_entries, entsize);
	if (!zero) {
		ERROR("out of memory");
		return -1;
	}
	if (elf_add_section(file, name, SHT_PROGBITS, flags, entsize, 1, zero,
			    nr_entries * entsize, list->relocs, list->n))
		ret = 0;
	free(zero);
	return ret;
}

static int collect(struct objtool_file *file, enum site_kind kind,
		   struct site_list *list)
{
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		struct section *sec = &file->secs[s];

		for (unsigned int i = 0; i < sec->nr_insns; i++) {
			struct instruction *insn = &sec->insns[i];

			if (is_site(file, insn, kind) &&
			    site_list_add_insn(file, list, list->n * 4, insn))
				return -1;
		}
	}
	return 0;
}

/* Write the table @name of the sites of @kinds (in that order). */
static int write_table(struct objtool_file *file, const char *name,
		       const enum site_kind *kinds, unsigned int nr_kinds)
{
	struct site_list list = { 0 };
	int ret = -1;

	if (find_section_by_name(file, name)) {
		warn_file(file, "file already has %s, skipping", name);
		return 0;
	}
	for (unsigned int k = 0; k < nr_kinds; k++)
		if (collect(file, kinds[k], &list))
			goto out;
	ret = site_table_write(file, name, SHF_ALLOC, 4, list.n, &list);
out:
	free(list.relocs);
	return ret;
}

int sites_create(struct objtool_file *file)
{
	const struct objtool_opts *opts = file->opts;
	/* upstream finds retpoline jumps before retpoline calls */
	static const enum site_kind retpoline[] = { SITE_RETPOLINE_JUMP, SITE_RETPOLINE_CALL };
	static const enum site_kind ret[] = { SITE_RETURN };
	static const enum site_kind call[] = { SITE_CALL };

	if (opts->retpoline && write_table(file, ".retpoline_sites", retpoline, 2))
		return -1;
	if (opts->rethunk && write_table(file, ".return_sites", ret, 1))
		return -1;
	if (opts->rethunk && opts->hack_skylake &&
	    write_table(file, ".call_sites", call, 1))
		return -1;
	return 0;
}

/*
 * ANNOTATE_RETPOLINE_SAFE: an indirect branch or return that needs no
 * thunk (paravirt calls patched at boot, the return thunks themselves),
 * or a NOP that ends --unret's walk (VALIDATE_UNRET_END).  Upstream reads
 * it whatever the options, and refuses it anywhere else.
 */
static int mark_retpoline_safe(struct objtool_file *file, struct instruction *insn)
{
	if (insn->type != INSN_JUMP_DYNAMIC && insn->type != INSN_CALL_DYNAMIC &&
	    insn->type != INSN_RETURN && insn->type != INSN_NOP) {
		error_insn(file, insn, "retpoline_safe hint not an indirect jump/call/ret/nop");
		return -1;
	}
	insn->flags |= INSN_RETPOLINE_SAFE;
	return 0;
}

int sites_read_hints(struct objtool_file *file)
{
	return read_annotations(file, ".discard.retpoline_safe", mark_retpoline_safe);
}

/* A branch the kernel's mitigations need not see: a thunk or annotated. */
static bool mitigation_safe(const struct instruction *insn)
{
	return (insn->flags & INSN_RETPOLINE_SAFE) || retpoline_branch(insn) ||
	       thunk_return(insn);
}

static void check_retpoline(struct objtool_file *file, struct instruction *insn)
{
	if (mitigation_safe(insn) || early_init(file, insn->sec))
		return;
	if (insn->type == INSN_RETURN) {
		if (file->opts->rethunk)
			warn_insn(file, insn, "'naked' return found in MITIGATION_RETHUNK build");
	} else if (insn->type == INSN_JUMP_DYNAMIC || insn->type == INSN_CALL_DYNAMIC) {
		warn_insn(file, insn, "indirect %s found in MITIGATION_RETPOLINE build",
			  insn->type == INSN_JUMP_DYNAMIC ? "jump" : "call");
	}
}

static void check_sls(struct objtool_file *file, struct instruction *insn,
		      const struct instruction *next)
{
	if (mitigation_safe(insn) || (next && next->type == INSN_TRAP))
		return;
	if (insn->type == INSN_RETURN)
		warn_insn(file, insn, "missing int3 after ret");
	else if (insn->type == INSN_JUMP_DYNAMIC)
		warn_insn(file, insn, "missing int3 after indirect jump");
}

/*
 * Upstream runs these over every instruction, reachable or not, the
 * retpoline check first and the --sls one last (after --ibt's): they
 * only warn.
 */
int sites_check(struct objtool_file *file, enum sites_check which)
{
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		struct section *sec = &file->secs[s];

		for (unsigned int i = 0; i < sec->nr_insns; i++) {
			struct instruction *insn = &sec->insns[i];

			if (which == CHECK_RETPOLINE)
				check_retpoline(file, insn);
			else
				check_sls(file, insn, i + 1 < sec->nr_insns ? insn + 1 : NULL);
		}
	}
	return 0;
}
