// SPDX-License-Identifier: GPL-2.0
/*
 * Turn every executable section into an array of arch-neutral
 * instructions, and attach each one to the function that contains it.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <objtool/elf.h>
#include <objtool/warn.h>

static int add_ops(struct objtool_file *file, struct instruction *insn,
		   const struct decoded_insn *d)
{
	if (!d->nr_ops) {
		insn->ops = 0;
		return 0;
	}
	if (file->nr_ops + d->nr_ops > file->cap_ops) {
		unsigned int cap = file->cap_ops ? file->cap_ops * 2 : 4096;
		struct stack_op *ops = realloc(file->ops, cap * sizeof(*ops));

		if (!ops)
			return -1;
		file->ops = ops;
		file->cap_ops = cap;
	}
	insn->ops = file->nr_ops;
	memcpy(&file->ops[file->nr_ops], d->ops, d->nr_ops * sizeof(*d->ops));
	file->nr_ops += d->nr_ops;
	return 0;
}

/*
 * Zeroed memory for a section's instruction array and offset index, sized
 * for the worst case (one instruction per byte) so it never moves.  Only
 * touched pages cost anything, and huge pages keep the page faults and
 * TLB misses of a 30 MB array of a large module low.
 */
static void *big_zalloc(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	if (bytes >= (2UL << 20))
		madvise(p, bytes, MADV_HUGEPAGE);
	return p;
}

static void unmap_insns(struct instruction *insns, uint32_t *at, size_t size)
{
	if (insns)
		munmap(insns, size * sizeof(*insns));
	if (at)
		munmap(at, size * sizeof(*at));
}

/* A process may run the tool again: nothing mapped may stay behind. */
void decode_release(struct objtool_file *file)
{
	for (unsigned int i = 1; i < file->nr_secs; i++) {
		struct section *sec = &file->secs[i];

		if (!sec->map_size)
			continue;
		unmap_insns(sec->insns, sec->insn_at, sec->map_size);
		sec->insns = NULL;
		sec->insn_at = NULL;
		sec->nr_insns = 0;
		sec->map_size = 0;
	}
}

static int decode_section(struct objtool_file *file, struct section *sec)
{
	const struct objtool_arch *arch = file->arch;
	unsigned int n = 0;
	struct instruction *insns = big_zalloc(sec->size * sizeof(*insns));
	uint32_t *at = big_zalloc(sec->size * sizeof(*at));
	unsigned long offset = 0;

	if (!insns || !at) {
		ERROR("%s: out of memory decoding %s", file->path, sec->name);
		goto fail;
	}
	while (offset < sec->size) {
		struct decoded_insn d;
		struct instruction *insn;

		d.len = 0;
		d.type = INSN_OTHER;
		d.nr_ops = 0;
		d.has_dest = false;
		if (arch->decode(file, sec, offset, sec->data + offset,
				 sec->size - offset, &d) || !d.len ||
		    d.len > sec->size - offset || d.nr_ops > MAX_STACK_OPS) {
			struct instruction tmp = { .sec = sec, .offset = offset };

			/* fatal: nothing after it can be decoded (often data in a
			 * text section) */
			tmp.func = find_func_containing(sec, offset);
			error_insn(file, &tmp, "can't decode instruction");
			goto fail;
		}
		at[offset] = n + 1;
		insn = &insns[n++];
		insn->sec = sec;
		insn->offset = offset;
		insn->len = d.len;
		insn->type = d.type;
		insn->nr_ops = d.nr_ops;
		if (add_ops(file, insn, &d))
			goto fail;
		/* branch targets are resolved later, relocations first */
		if (d.has_dest) {
			insn->flags |= INSN_HAS_DEST;
			insn->dest = d.dest;
		}
		offset += d.len;
	}
	/* set only now: find_insn() during the decode sees none of them */
	sec->insns = insns;
	sec->insn_at = at;
	sec->map_size = sec->size;
	sec->nr_insns = n;
	file->nr_insns += n;
	return 0;

fail:
	unmap_insns(insns, at, sec->size);
	return -1;
}

/* Is @sym a function named exactly the first @len bytes of @name? */
static bool func_named(const struct symbol *sym, const char *name, size_t len)
{
	return sym->type == STT_FUNC && !strncmp(sym->name, name, len) &&
	       !sym->name[len];
}

/*
 * The parent of the cold part @cold, named the first @len bytes of its
 * name.  Local symbols follow the STT_FILE symbol of their source file,
 * and an ld -r merge may hold a static foo (and a foo.cold) from each of
 * several files: like upstream, look among the local symbols of @cold's
 * own file first, then among the global symbols.
 */
static struct symbol *cold_parent(struct objtool_file *file, struct symbol *cold,
				  size_t len)
{
	unsigned int first_global = file->symtab->sh.sh_info, i;
	struct symbol *sym;
	char *name;

	if (cold->bind == STB_LOCAL && cold->idx < first_global) {
		for (i = cold->idx; i > 0 && file->syms[i].type != STT_FILE; i--)
			if (func_named(&file->syms[i], cold->name, len))
				return &file->syms[i];
		for (i = cold->idx + 1; i < first_global && file->syms[i].type != STT_FILE; i++)
			if (func_named(&file->syms[i], cold->name, len))
				return &file->syms[i];
	}
	/* the hashed lookup finds a global one unless a local one shadows it */
	name = strndup(cold->name, len);
	if (!name)
		return NULL;
	sym = find_symbol_by_name(file, name);
	free(name);
	if (!sym)
		return NULL;
	if (sym->bind != STB_LOCAL && sym->type == STT_FUNC)
		return sym;
	for (i = first_global; i < file->nr_syms_orig; i++)
		if (func_named(&file->syms[i], cold->name, len))
			return &file->syms[i];
	return NULL;
}

/*
 * gcc's hot/cold splitting names the cold part "<parent>.cold[.N]"; the
 * cold part belongs to its parent's function, for the walk and for ORC.
 * (This settles the link elf.c makes by name alone.)
 */
static void link_cold_parts(struct objtool_file *file)
{
	for (unsigned int i = 0; i < file->nr_syms_orig; i++) {
		struct symbol *sym = &file->syms[i];

		if (sym->type == STT_FUNC && sym->pfunc != sym)
			sym->pfunc->cfunc = NULL;
	}
	for (unsigned int i = 0; i < file->nr_syms_orig; i++) {
		struct symbol *sym = &file->syms[i], *parent;
		const char *dot;

		if (sym->type != STT_FUNC || !(dot = strstr(sym->name, ".cold")))
			continue;
		parent = cold_parent(file, sym, dot - sym->name);
		sym->pfunc = parent ?: sym;
		if (parent)
			parent->cfunc = sym;
	}
}

/* Attach instructions to functions with one pass over both sorted arrays. */
static void attach_functions(struct section *sec)
{
	unsigned int f = 0;

	for (unsigned int i = 0; i < sec->nr_insns; i++) {
		struct instruction *insn = &sec->insns[i];

		while (f < sec->nr_funcs &&
		       sec->funcs[f]->offset + sec->funcs[f]->len <= insn->offset)
			f++;
		/* the innermost match wins for overlapping aliases */
		for (unsigned int g = f; g < sec->nr_funcs &&
		     sec->funcs[g]->offset <= insn->offset; g++) {
			struct symbol *sym = sec->funcs[g];

			if (insn->offset < sym->offset + sym->len) {
				insn->sym = sym;
				insn->func = sym->pfunc;
				break;
			}
		}
	}
}

int decode_sections(struct objtool_file *file)
{
	link_cold_parts(file);
	for (unsigned int i = 1; i < file->nr_secs; i++) {
		struct section *sec = &file->secs[i];

		if (!sec->text || !sec->data || !sec->size)
			continue;
		if (!strncmp(sec->name, ".discard", 8))
			continue;
		if (decode_section(file, sec))
			return -1;
		attach_functions(sec);
	}
	return 0;
}

struct instruction *find_insn(const struct section *sec, unsigned long offset)
{
	unsigned int lo = 0, hi = sec->nr_insns;

	if (sec->insn_at) {
		if (offset >= sec->size || !sec->insn_at[offset])
			return NULL;
		return &sec->insns[sec->insn_at[offset] - 1];
	}

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;

		if (sec->insns[mid].offset < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < sec->nr_insns && sec->insns[lo].offset == offset)
		return &sec->insns[lo];
	return NULL;
}

struct instruction *next_insn(const struct instruction *insn)
{
	const struct section *sec = insn->sec;

	if (insn + 1 < sec->insns + sec->nr_insns)
		return (struct instruction *)insn + 1;
	return NULL;
}

struct symbol *find_func_containing(const struct section *sec, unsigned long offset)
{
	struct symbol *best = NULL;

	for (unsigned int lo = 0, hi = sec->nr_funcs; lo < hi;) {
		unsigned int mid = (lo + hi) / 2;

		if (sec->funcs[mid]->offset <= offset) {
			best = sec->funcs[mid];
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	if (best && offset < best->offset + best->len)
		return best;
	return NULL;
}
