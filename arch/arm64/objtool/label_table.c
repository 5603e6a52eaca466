// SPDX-License-Identifier: GPL-2.0
/*
 * The targets of a computed goto: gcc's labels as values.
 *
 * "goto *p" can only reach a label of its own function whose address was
 * taken (the interpreters' "static const void *disptab[] = { &&op_move,
 * ... }").  Such a table lives in a data section as absolute addresses,
 * R_AARCH64_ABS64 relocations against the function's text.  The table
 * base is often a spill or a register set far from the dispatch, and the
 * index has no bound, but neither is needed: every instruction of the
 * function (its .cold part included) that a data relocation points at is
 * a possible target, and no other is.  The function's own entry is left
 * out: a pointer to the function is no label.
 */
#include <stdlib.h>

#include <objtool/elf.h>

#include "arm64.h"

struct targets {
	struct instruction **d;
	unsigned int n, cap;
};

static int add_target(struct targets *t, struct instruction *d)
{
	for (unsigned int k = 0; k < t->n; k++)
		if (t->d[k] == d)
			return 0;
	if (t->n + 1 >= t->cap) {
		unsigned int cap = t->cap ? t->cap * 2 : 64;
		struct instruction **p = realloc(t->d, cap * sizeof(*p));

		if (!p)
			return -1;
		t->d = p;
		t->cap = cap;
	}
	t->d[t->n++] = d;
	return 0;
}

/* The instruction of @func a data relocation @r points at, or NULL. */
static struct instruction *label_of(const struct reloc *r, const struct symbol *func)
{
	struct section *ts;
	struct instruction *d;
	long to;

	if (r->type != R_AARCH64_ABS64 || !reloc_target(r, &ts, &to) ||
	    !ts->text || to < 0 || !(d = find_insn(ts, to)) || d->func != func)
		return NULL;
	if (ts == func->sec && (unsigned long)to == func->offset)
		return NULL;
	return d;
}

int arm64_label_targets(const struct objtool_file *file, const struct symbol *func,
			struct instruction ***targets)
{
	struct targets t = { 0 };

	for (unsigned int s = 1; s < file->nr_secs; s++) {
		const struct section *sec = &file->secs[s];

		if (sec->text || !(sec->sh.sh_flags & SHF_ALLOC))
			continue;		/* code, or .rela/.debug/.eh_frame */
		for (unsigned int i = 0; i < sec->nr_relocs; i++) {
			struct instruction *d = label_of(&sec->relocs[i], func);

			if (d && add_target(&t, d)) {
				free(t.d);
				return -1;
			}
		}
	}
	if (!t.n)
		return 0;
	t.d[t.n] = NULL;
	*targets = t.d;
	return t.n;
}
