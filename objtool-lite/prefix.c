// SPDX-License-Identifier: GPL-2.0
/*
 * --prefix=N: with CONFIG_FUNCTION_PADDING_BYTES the compiler puts N bytes
 * of NOPs before every function (-fpatchable-function-entry=N,N), which
 * the kernel rewrites at boot (call depth tracking thunks, FineIBT
 * preambles).  Like upstream objtool, the tool names that padding: a
 * symbol "__pfx_<func>" of N bytes, of the function's type and binding,
 * so the padding is attributed to the function in backtraces, kallsyms
 * and perf.  It is named only when exactly the N bytes before the
 * function are NOPs (and the first of them starts N bytes before it).
 *
 * The padding also gets the function's entry state for ORC: code written
 * into it at run time runs as part of the function's entry, so an
 * unwinder stopped there must see the entry rule, not an undefined one.
 */
#include <stdlib.h>
#include <string.h>

#include <objtool/elf.h>
#include <objtool/warn.h>

#include "passes.h"

/* The instruction N bytes before @func if all of [func - N, func) are NOPs. */
static struct instruction *padding_start(const struct section *sec,
					 const struct instruction *entry,
					 unsigned int n)
{
	for (const struct instruction *p = entry - 1; p >= sec->insns; p--) {
		unsigned long dist = entry->offset - p->offset;

		if (p->type != INSN_NOP || dist > n)
			return NULL;
		if (dist == n)
			return (struct instruction *)p;
	}
	return NULL;
}

struct pfx_list {
	struct new_symbol *syms;
	unsigned int n, cap;
};

static int add_pfx(struct pfx_list *l, const struct symbol *func, unsigned int n)
{
	char *name;

	if (l->n == l->cap) {
		unsigned int cap = l->cap ? l->cap * 2 : 64;
		struct new_symbol *s = realloc(l->syms, cap * sizeof(*s));

		if (!s)
			return -1;
		l->syms = s;
		l->cap = cap;
	}
	if (asprintf(&name, "__pfx_%s", func->name) < 0)
		return -1;
	l->syms[l->n++] = (struct new_symbol){
		.name = name, .sec = func->sec, .offset = func->offset - n,
		.len = n, .type = STT_FUNC, .bind = func->bind,
	};
	return 0;
}

int prefix_create(struct objtool_file *file)
{
	unsigned int n = file->opts->prefix;
	struct pfx_list l = { 0 };
	int ret = -1;

	for (unsigned int s = 1; s < file->nr_secs; s++) {
		struct section *sec = &file->secs[s];

		/* every function symbol, aliases too: each gets its own */
		for (unsigned int f = 0; f < sec->nr_funcs; f++) {
			const struct symbol *func = sec->funcs[f];
			struct instruction *entry = find_insn(sec, func->offset), *p;

			if (!entry || !(p = padding_start(sec, entry, n)))
				continue;
			if (add_pfx(&l, func, n))
				goto out;
			for (; p != entry && entry->cfi; p++)
				p->cfi = entry->cfi;
		}
	}
	ret = elf_add_symbols(file, l.syms, l.n);
out:
	for (unsigned int i = 0; i < l.n; i++)
		free((char *)l.syms[i].name);
	free(l.syms);
	return ret;
}
