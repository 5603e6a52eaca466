// SPDX-License-Identifier: GPL-2.0
/*
 * --ibt: indirect branch tracking.  With IBT an indirect call or jump may
 * land only on a landing pad (ENDBR); the compiler puts one at the start
 * of every function whose address may be taken.  Upstream objtool, and
 * this file the same way:
 *
 *  - warns where code or data takes the address of an instruction that
 *    is not a landing pad (the indirect branch to it would fault):
 *    "relocation to !ENDBR" (from code), "data relocation to !ENDBR";
 *  - lists in .ibt_endbr_seal every landing pad at a function start that
 *    nothing in the object points at, so the kernel can turn it into a
 *    NOP ("seal" it) and no indirect branch can land there;
 *  - warns on an UNWIND_HINT_IRET_REGS at a global symbol with no ENDBR.
 *
 * Exceptions, as upstream: ANNOTATE_NOENDBR (.discard.noendbr) marks an
 * address that is taken but never branched to; a reference from inside
 * the same function is _THIS_IP_ or an IRET to self; the end of a symbol
 * that starts with a landing pad is a code range's end; references to
 * static call trampolines are for static_call_update(); and sections
 * that point at code for other reasons (tables, debug info) are skipped.
 */
#include <stdlib.h>
#include <string.h>

#include <objtool/elf.h>
#include <objtool/warn.h>

#include "passes.h"

static bool static_call_tramp(const struct symbol *sym)
{
	return sym->bind == STB_GLOBAL && !strncmp(sym->name, "__SCT__", 7);
}

/* Any symbol but a section's that contains @offset of @sec. */
static struct symbol *symbol_containing(const struct objtool_file *file,
					const struct section *sec, unsigned long offset)
{
	for (unsigned int i = 1; i < file->nr_syms; i++) {
		struct symbol *sym = &file->syms[i];

		if (sym->sec == sec && sym->type != STT_SECTION &&
		    sym->offset <= offset && offset < sym->offset + sym->len)
			return sym;
	}
	return NULL;
}

/* upstream's "func+0x1c" for a place: its function, else any symbol */
static const char *place(const struct objtool_file *file, const struct section *sec,
			 unsigned long offset, char *buf, size_t size)
{
	const struct symbol *sym = sec->text ? find_func_containing(sec, offset) : NULL;

	if (!sym)
		sym = symbol_containing(file, sec, offset);
	if (sym)
		snprintf(buf, size, "%s+0x%lx", sym->name, offset - sym->offset);
	else
		snprintf(buf, size, "%s+0x%lx", sec->name, offset);
	return buf;
}

int ibt_read_noendbr(struct objtool_file *file)
{
	struct section *sec = find_section_by_name(file, ".discard.noendbr");

	if (!file->arch->ibt_branch_reloc) {
		ERROR("--ibt: not available for %s objects", file->arch->name);
		return -1;
	}
	for (unsigned int r = 0; sec && r < sec->nr_relocs; r++) {
		struct reloc *reloc = &sec->relocs[r];
		struct instruction *insn = NULL;
		struct section *tsec;
		long off;

		if (reloc_target(reloc, &tsec, &off))
			insn = find_insn(tsec, off);
		if (!insn) {
			ERROR("%s: bad .discard.noendbr entry %u", file->path, r);
			return -1;
		}
		insn->flags |= INSN_NOENDBR;
	}
	return 0;
}

/* The instruction a reference points at, if it is code. */
static struct instruction *ref_dest(const struct objtool_file *file,
				    const struct reloc *reloc, bool from_code)
{
	const struct symbol *sym = reloc->sym;
	long off;

	if (!sym->sec)
		return NULL;
	if (!from_code || !file->arch->ibt_branch_reloc(reloc->type))
		off = (long)(sym->offset + reloc->addend);	/* unsigned: no overflow */
	else if (!branch_reloc_dest(file, sym->offset, reloc->addend, &off))
		return NULL;
	return off < 0 ? NULL : find_insn(sym->sec, off);
}

/* Just past a symbol that starts with a landing pad: a code range's end. */
static bool noendbr_range(const struct objtool_file *file, const struct instruction *dest)
{
	const struct symbol *sym;
	const struct instruction *first;

	if (!dest->offset)
		return false;
	sym = symbol_containing(file, dest->sec, dest->offset - 1);
	if (!sym)
		return false;
	first = find_insn(sym->sec, sym->offset);
	if (!first || (first->type != INSN_ENDBR && !(first->flags & INSN_NOENDBR)))
		return false;
	return dest->offset == sym->offset + sym->len;
}

static void check_code_refs(struct objtool_file *file, struct instruction *insn)
{
	char buf[512];

	switch (insn->type) {
	case INSN_CALL:
	case INSN_CALL_DYNAMIC:
	case INSN_JUMP_COND:
	case INSN_JUMP_UNCOND:
	case INSN_JUMP_DYNAMIC:
	case INSN_RETURN:
	case INSN_RETURN_COND:
	case INSN_NOP:
		return;		/* branches, not address loads */
	}
	for (struct reloc *reloc = find_reloc(insn->sec, insn->offset, insn->len);
	     reloc && reloc < insn->sec->relocs + insn->sec->nr_relocs &&
	     reloc->offset < insn->offset + insn->len; reloc++) {
		struct instruction *dest;

		if (static_call_tramp(reloc->sym))
			continue;
		dest = ref_dest(file, reloc, true);
		if (!dest)
			continue;
		if (dest->type == INSN_ENDBR) {
			dest->flags |= INSN_ENDBR_USED;
			continue;
		}
		if ((dest->func && dest->func == insn->func) ||
		    (dest->flags & INSN_NOENDBR) || noendbr_range(file, dest))
			continue;
		warn_insn(file, insn, "relocation to !ENDBR: %s",
			  place(file, dest->sec, dest->offset, buf, sizeof(buf)));
	}
}

/* Sections that point at code, but not to branch there. */
static bool skip_data_section(const char *name)
{
	static const char *const names[] = {
		".altinstructions", ".ibt_endbr_seal", ".orc_unwind_ip",
		".parainstructions", ".retpoline_sites", ".smp_locks",
		".static_call_sites", "_error_injection_whitelist",
		"_kprobe_blacklist", "__bug_table", "__ex_table", "__jump_table",
		"__mcount_loc", ".kcfi_traps", NULL,
	};

	if (!strncmp(name, ".discard", 8))
		return strcmp(name, ".discard.ibt_endbr_noseal");
	if (!strncmp(name, ".debug", 6) || strstr(name, "__patchable_function_entries"))
		return true;
	for (const char *const *n = names; *n; n++)
		if (!strcmp(name, *n))
			return true;
	return false;
}

static void check_data_refs(struct objtool_file *file, struct section *sec)
{
	char at[512], to[512];

	for (unsigned int r = 0; r < sec->nr_relocs; r++) {
		struct reloc *reloc = &sec->relocs[r];
		struct instruction *dest = ref_dest(file, reloc, false);

		if (!dest)
			continue;
		if (dest->type == INSN_ENDBR) {
			dest->flags |= INSN_ENDBR_USED;
			continue;
		}
		if (dest->flags & INSN_NOENDBR)
			continue;
		warn_file(file, "%s: data relocation to !ENDBR: %s",
			  place(file, sec, reloc->offset, at, sizeof(at)),
			  place(file, dest->sec, dest->offset, to, sizeof(to)));
	}
}

/* Upstream's order: every instruction, then each data section. */
int ibt_check(struct objtool_file *file)
{
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		struct section *sec = &file->secs[s];

		for (unsigned int i = 0; i < sec->nr_insns; i++)
			check_code_refs(file, &sec->insns[i]);
	}
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		struct section *sec = &file->secs[s];

		if (sec->text || sec->base || !sec->nr_relocs || skip_data_section(sec->name))
			continue;
		check_data_refs(file, sec);
	}
	return 0;
}

/* An interrupt-style entry (IRET frame) reached from outside needs one too. */
void ibt_check_hints(struct objtool_file *file)
{
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		struct section *sec = &file->secs[s];

		for (unsigned int i = 0; i < sec->nr_insns; i++) {
			struct instruction *insn = &sec->insns[i];
			const struct symbol *sym;

			if (!(insn->flags & INSN_HINT) || !insn->hint ||
			    insn->hint->type != UNWIND_REGS_PARTIAL ||
			    insn->type == INSN_ENDBR || (insn->flags & INSN_NOENDBR))
				continue;
			sym = find_symbol_starting(file, sec, insn->offset);
			if (sym && sym->bind == STB_GLOBAL)
				warn_insn(file, insn, "UNWIND_HINT_IRET_REGS without ENDBR");
		}
	}
}

/*
 * The symbol upstream attributes a function start to: of the function
 * symbols at one place with one size, the last one (aliases defer to it).
 */
static const struct symbol *owner(const struct section *sec, unsigned int f)
{
	while (f + 1 < sec->nr_funcs && sec->funcs[f + 1]->offset == sec->funcs[f]->offset &&
	       sec->funcs[f + 1]->len == sec->funcs[f]->len)
		f++;
	return sec->funcs[f];
}

int ibt_seal_create(struct objtool_file *file)
{
	struct site_list list = { 0 };
	const struct instruction *last = NULL;
	int ret = -1;

	if (find_section_by_name(file, ".ibt_endbr_seal")) {
		warn_file(file, "file already has .ibt_endbr_seal, skipping");
		return 0;
	}
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		struct section *sec = &file->secs[s];

		for (unsigned int f = 0; f < sec->nr_funcs; f++) {
			const struct symbol *sym = owner(sec, f);
			struct instruction *insn = find_insn(sec, sym->offset);

			/* aliases: one entry, after the last of them */
			if (sym != sec->funcs[f] || !insn || insn == last ||
			    insn->type != INSN_ENDBR || (insn->flags & INSN_ENDBR_USED))
				continue;
			last = insn;
			/*
			 * The module loader calls these through struct module's
			 * pointers, which live in the .mod.o: a seal would make
			 * the module fault on load.  Upstream warns and lists it.
			 */
			if (file->opts->module && (!strcmp(sym->name, "init_module") ||
						   !strcmp(sym->name, "cleanup_module")))
				warn_file(file, "%s(): not an indirect call target", sym->name);
			if (site_list_add_insn(file, &list, list.n * 4, insn))
				goto out;
		}
	}
	ret = site_table_write(file, ".ibt_endbr_seal", SHF_ALLOC, 4, list.n, &list);
out:
	free(list.relocs);
	return ret;
}
