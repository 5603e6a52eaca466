// SPDX-License-Identifier: GPL-2.0
/*
 * Control-flow edges that the decoder alone cannot see: branch targets
 * given by relocations, sibling (tail) calls, calls and jumps to the
 * kernel's return/indirect thunks, and switch jump tables: found by the
 * arch (->find_jump_table, tables without relocations) or through the
 * relocations of their table in .rodata.
 */
#include <stdlib.h>
#include <string.h>

#include <objtool/elf.h>
#include <objtool/warn.h>

#include "passes.h"

/*
 * No port's branch reaches further than +-4 GiB (a 32-bit displacement in
 * halfwords), and no section of an object is near 8 GiB: a symbol offset
 * or an addend beyond these bounds is corrupt, and the ports' reloc_dest()
 * sums of the two could overflow a long (the objtool:orc fuzz target: a
 * symbol at 2^63, an addend of -4).
 */
#define MAX_BRANCH_ADDEND	(1L << 33)
#define MAX_SYMBOL_OFFSET	(1UL << 33)

bool branch_reloc_dest(const struct objtool_file *file, unsigned long sym_offset,
		       long addend, long *dest)
{
	if (sym_offset > MAX_SYMBOL_OFFSET || addend > MAX_BRANCH_ADDEND ||
	    addend < -MAX_BRANCH_ADDEND)
		return false;
	*dest = file->arch->reloc_dest((long)sym_offset, addend);
	return true;
}

static void classify_symbols(struct objtool_file *file)
{
	const struct objtool_arch *arch = file->arch;

	for (unsigned int i = 0; i < file->nr_syms; i++) {
		struct symbol *sym = &file->syms[i];

		if (!*sym->name || sym->type == STT_SECTION)
			continue;
		sym->return_thunk = arch->is_return_thunk(sym->name);
		sym->indirect_thunk = arch->is_indirect_thunk(sym->name);
		sym->fentry = arch->fentry_name &&
			      !strcmp(sym->name, arch->fentry_name);
	}
}

static bool is_jump(const struct instruction *insn)
{
	return insn->type == INSN_JUMP_COND || insn->type == INSN_JUMP_UNCOND;
}

/* A branch through a thunk is really a return or an indirect branch. */
static bool apply_thunk(struct instruction *insn, struct symbol *sym)
{
	if (sym->return_thunk && is_jump(insn)) {
		insn->type = INSN_RETURN;
		return true;
	}
	if (sym->indirect_thunk) {
		/* retpolined jumps are never jump tables: tail calls */
		if (insn->type == INSN_CALL)
			insn->type = INSN_CALL_DYNAMIC;
		else if (insn->type == INSN_JUMP_UNCOND)
			insn->type = INSN_JUMP_DYNAMIC;
		if (insn->type != INSN_CALL_DYNAMIC)
			insn->flags |= INSN_SIBLING;
		insn->call_dest = sym;
		return true;
	}
	return false;
}

static struct symbol *func_starting_at(const struct section *sec, unsigned long off)
{
	struct symbol *sym = find_func_containing(sec, off);

	return sym && sym->offset == off ? sym : NULL;
}

static int resolve_branch(struct objtool_file *file, struct instruction *insn)
{
	struct reloc *reloc = find_reloc(insn->sec, insn->offset, insn->len);
	struct section *dsec = insn->sec;
	long doff = insn->dest;
	struct instruction *dest;

	if (reloc) {
		struct symbol *sym = reloc->sym;

		if (apply_thunk(insn, sym))
			return 0;
		if (!sym->sec || (sym->type != STT_SECTION && !sym->sec->text)) {
			if (insn->type == INSN_OTHER)
				return 0;	/* runs code elsewhere: nothing to mark */
			/* external: a call, or a tail call when it is a jump */
			insn->call_dest = sym;
			if (is_jump(insn))
				insn->flags |= INSN_SIBLING;
			return 0;
		}
		if (!branch_reloc_dest(file, sym->offset, reloc->addend, &doff)) {
			error_insn(file, insn, "branch relocation to %s+0x%lx%+ld out of range",
				   sym->name, sym->offset, reloc->addend);
			return -1;
		}
		dsec = sym->sec;
	}

	if (insn->type == INSN_OTHER) {
		/*
		 * It executes the instruction at dest in its own place and goes
		 * on (an "execute" instruction running a template modified by
		 * a register): no path reaches that instruction, and it is not
		 * dead code.
		 */
		dest = dsec->text ? find_insn(dsec, doff) : NULL;
		if (dest)
			dest->flags |= INSN_IGNORE;
		return 0;
	}

	if (insn->type == INSN_CALL) {
		insn->call_dest = dsec->text ? func_starting_at(dsec, doff) : NULL;
		if (insn->call_dest)
			return 0;
		/*
		 * A call to a label, not a function: RSB stuffing and
		 * similar asm.  The walk follows it as a push and a jump.
		 */
		insn->jump_dest = dsec->text ? find_insn(dsec, doff) : NULL;
		if (!insn->jump_dest && !reloc) {
			error_insn(file, insn, "can't find call dest symbol at %s+0x%lx",
				  dsec->name, doff);
			return -1;
		}
		return 0;
	}

	dest = dsec->text ? find_insn(dsec, doff) : NULL;
	if (!dest) {
		error_insn(file, insn, "can't find jump dest instruction at %s+0x%lx",
			  dsec->name, doff);
		return -1;
	}
	insn->jump_dest = dest;
	/* a jump to the start of another function is a tail call */
	if (dest->func && insn->func && dest->func != insn->func &&
	    dest->sym && dest->sym->offset == dest->offset &&
	    dest->sym->pfunc == dest->sym) {
		insn->call_dest = dest->sym;
		insn->flags |= INSN_SIBLING;
	}
	return 0;
}

/* ---- jump tables ------------------------------------------------------ */

struct table_start {
	const struct section *sec;
	unsigned long offset;
};

static int cmp_table_start(const void *a, const void *b)
{
	const struct table_start *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* Relocation of @insn pointing at a read-only data table, if any. */
static struct reloc *table_reloc(const struct instruction *insn)
{
	struct reloc *reloc = find_reloc(insn->sec, insn->offset, insn->len);
	struct section *sec;
	long off;

	if (!reloc || !reloc_target(reloc, &sec, &off))
		return NULL;
	if (sec->text || (sec->sh.sh_flags & SHF_WRITE) || !sec->rsec ||
	    !(sec->sh.sh_flags & SHF_ALLOC))
		return NULL;
	return reloc;
}

/*
 * The table is usually named by the jump itself (a memory operand with a
 * relocation, as in "jump to table[index * 8]");
 * otherwise by a load a few instructions before it in the same function.
 */
static struct reloc *find_table_reloc(struct instruction *insn)
{
	struct reloc *reloc = table_reloc(insn);

	for (struct instruction *p = insn - 1;
	     !reloc && p >= insn->sec->insns && insn - p < 64 &&
	     p->func == insn->func; p--) {
		if (p->type != INSN_OTHER)
			continue;
		reloc = table_reloc(p);
	}
	return reloc;
}

static bool is_table_start(const struct table_start *starts, unsigned int n,
			   const struct section *sec, unsigned long off)
{
	struct table_start key = { sec, off };

	return bsearch(&key, starts, n, sizeof(key), cmp_table_start);
}

static int collect_table(struct objtool_file *file, struct instruction *insn,
			 struct section *tsec, unsigned long toff,
			 const struct table_start *starts, unsigned int nr_starts)
{
	struct reloc *r = find_reloc(tsec, toff, ~0UL >> 1);
	struct instruction **dests = NULL;
	unsigned int n = 0, cap = 0;
	unsigned long expect = toff;

	for (; r && r < tsec->relocs + tsec->nr_relocs; r++) {
		struct section *dsec;
		long doff;
		struct instruction *dest;

		if (r->offset != expect ||
		    (n && is_table_start(starts, nr_starts, tsec, r->offset)))
			break;
		if (!reloc_target(r, &dsec, &doff) || dsec != insn->sec)
			break;
		dest = find_insn(dsec, doff);
		if (!dest || dest->func != insn->func)
			break;
		if (n + 2 > cap) {
			cap = cap ? cap * 2 : 16;
			dests = realloc(dests, cap * sizeof(*dests));
			if (!dests)
				return -1;
		}
		dests[n++] = dest;
		expect += 8;
	}
	if (!n) {
		free(dests);
		return 0;
	}
	dests[n] = NULL;
	insn->jump_table = dests;
	insn->flags |= INSN_JUMP_TABLE;
	(void)file;
	return 0;
}

/* The table a dynamic jump reads its target from, if any. */
static bool jump_table_of(struct instruction *insn, struct section **tsec, long *toff)
{
	struct reloc *reloc;

	if (insn->type != INSN_JUMP_DYNAMIC ||
	    (insn->flags & (INSN_SIBLING | INSN_JUMP_TABLE)))
		return false;
	reloc = find_table_reloc(insn);
	return reloc && reloc_target(reloc, tsec, toff);
}

/* Tables the arch recognises from the code alone, before the others. */
static int add_arch_jump_tables(struct objtool_file *file)
{
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		struct section *sec = &file->secs[s];

		for (unsigned int i = 0; i < sec->nr_insns; i++) {
			struct instruction *insn = &sec->insns[i];
			struct instruction **dests = NULL;
			int n;

			if (insn->type != INSN_JUMP_DYNAMIC ||
			    (insn->flags & (INSN_SIBLING | INSN_JUMP_TABLE)))
				continue;
			n = file->arch->find_jump_table(file, insn, &dests);
			if (n < 0)
				return -1;
			if (!n) {
				free(dests);
				continue;
			}
			insn->jump_table = dests;
			insn->flags |= INSN_JUMP_TABLE;
		}
	}
	return 0;
}

static int add_jump_tables(struct objtool_file *file)
{
	struct table_start *starts = NULL;
	unsigned int n = 0, cap = 0;
	struct section *tsec;
	long toff;
	int ret = 0;

	if (add_arch_jump_tables(file))
		return -1;

	/* pass 1: where every table starts, so tables never run into each other */
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		struct section *sec = &file->secs[s];

		for (unsigned int i = 0; i < sec->nr_insns; i++) {
			if (!jump_table_of(&sec->insns[i], &tsec, &toff))
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				starts = realloc(starts, cap * sizeof(*starts));
				if (!starts)
					return -1;
			}
			starts[n++] = (struct table_start){ tsec, toff };
		}
	}
	if (!n)
		return 0;
	qsort(starts, n, sizeof(*starts), cmp_table_start);

	for (unsigned int s = 1; s < file->nr_secs && !ret; s++) {
		struct section *sec = &file->secs[s];

		for (unsigned int i = 0; i < sec->nr_insns && !ret; i++)
			if (jump_table_of(&sec->insns[i], &tsec, &toff))
				ret = collect_table(file, &sec->insns[i], tsec, toff,
						    starts, n);
	}
	free(starts);
	return ret;
}

int add_branches(struct objtool_file *file)
{
	classify_symbols(file);
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		struct section *sec = &file->secs[s];

		for (unsigned int i = 0; i < sec->nr_insns; i++) {
			struct instruction *insn = &sec->insns[i];

			if (!(insn->flags & INSN_HAS_DEST))
				continue;
			if (resolve_branch(file, insn))
				return -1;
		}
	}
	return add_jump_tables(file);
}
