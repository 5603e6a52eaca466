// SPDX-License-Identifier: GPL-2.0
/*
 * Writing an object back: new sections (ORC, __mcount_loc), section
 * symbols for their relocations, bytes patched in place, and the atomic
 * replacement of the input by the edited copy elf.c opened.
 */
#include <errno.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <objtool/elf.h>
#include <objtool/warn.h>

#include "elf_priv.h"

static Elf_Scn *scn_of(struct objtool_file *file, struct section *sec)
{
	return elf_getscn(E(file), sec->idx);
}

/* Append @str to the string table @strtab and return its offset. */
static long add_string(struct objtool_file *file, struct section *strtab,
		       const char *str)
{
	Elf_Scn *scn = scn_of(file, strtab);
	Elf_Data *data = elf_newdata(scn);
	GElf_Shdr sh;
	long off;

	if (!data || !gelf_getshdr(scn, &sh))
		return -1;
	data->d_buf = strdup(str);
	if (!data->d_buf)
		return -1;
	data->d_size = strlen(str) + 1;
	data->d_align = 1;
	data->d_type = ELF_T_BYTE;
	off = sh.sh_size;
	sh.sh_size += data->d_size;
	gelf_update_shdr(scn, &sh);
	strtab->sh = sh;
	return off;
}

/* Where a pointer to a symbol points once [from, from + nr) moved @shift on. */
static struct symbol *moved(struct symbol *sym, struct symbol *from,
			    unsigned int nr, unsigned int shift)
{
	return sym >= from && sym < from + nr ? sym + shift : sym;
}

/* Point every in-memory reference into [from, from + nr) @shift further. */
static void redirect_symbols(struct objtool_file *file, struct symbol *from,
			     unsigned int nr, unsigned int shift)
{
	for (unsigned int i = 1; i < file->nr_secs; i++) {
		struct section *sec = &file->secs[i];

		for (unsigned int r = 0; r < sec->nr_relocs; r++)
			sec->relocs[r].sym = moved(sec->relocs[r].sym, from, nr, shift);
		for (unsigned int f = 0; f < sec->nr_funcs; f++)
			sec->funcs[f] = moved(sec->funcs[f], from, nr, shift);
		for (unsigned int k = 0; k < sec->nr_insns; k++) {
			struct instruction *insn = &sec->insns[k];

			insn->func = moved(insn->func, from, nr, shift);
			insn->sym = moved(insn->sym, from, nr, shift);
			insn->call_dest = moved(insn->call_dest, from, nr, shift);
		}
	}
	for (unsigned int i = 0; i < file->nr_syms; i++) {
		file->syms[i].pfunc = moved(file->syms[i].pfunc, from, nr, shift);
		file->syms[i].cfunc = moved(file->syms[i].cfunc, from, nr, shift);
	}
}

/* Renumber the relocations on disk that name a moved global. */
static void renumber_relocs(struct objtool_file *file, unsigned int from,
			    unsigned int nr, unsigned int shift)
{
	for (unsigned int i = 1; i < file->nr_secs && nr; i++) {
		struct section *rsec = &file->secs[i];
		Elf_Data *rdata;
		GElf_Rela rela;
		bool dirty = false;

		/* a linked file's dynamic relocations name .dynsym entries */
		if (rsec->sh.sh_type != SHT_RELA || rsec->sh.sh_link != file->symtab->idx)
			continue;
		rdata = elf_getdata(scn_of(file, rsec), NULL);
		for (unsigned int r = 0; rdata && r < rsec->size / sizeof(Elf64_Rela); r++) {
			unsigned long sym;

			if (!gelf_getrela(rdata, r, &rela))
				continue;
			sym = GELF_R_SYM(rela.r_info);
			if (sym < from || sym >= from + nr)
				continue;
			rela.r_info = GELF_R_INFO(sym + shift, GELF_R_TYPE(rela.r_info));
			gelf_update_rela(rdata, r, &rela);
			dirty = true;
		}
		if (dirty)
			elf_flagdata(rdata, ELF_C_SET, ELF_F_DIRTY);
	}
}

/* Where add_symbols() moved existing globals: [from, from + nr) by shift. */
struct sym_move {
	unsigned int from, nr, shift;
};

static struct symbol *follow(const struct objtool_file *file, struct symbol *sym,
			     const struct sym_move *m)
{
	return sym ? moved(sym, &file->syms[m->from], m->nr, m->shift) : NULL;
}

/*
 * Add the @k symbols @news in one rewrite of the symbol table.  Locals
 * must precede globals, so the new locals take the places of the first
 * globals, which move to the end (as many as there are new locals, or
 * all of them when fewer); every relocation and pointer that named a
 * moved global follows it (*@move says where, for the caller's own
 * pointers).  New globals go last.
 */
static int add_symbols(struct objtool_file *file, const struct new_symbol *news,
		       unsigned int k, struct sym_move *move)
{
	struct section *symtab = file->symtab;
	Elf_Scn *scn = scn_of(file, symtab);
	Elf_Data *data = elf_getdata(scn, NULL);
	unsigned int fg = symtab->sh.sh_info, n = file->nr_syms, kl = 0;
	unsigned int g, nr_moved, shift, next_local, next_global;
	struct symbol *syms = file->syms;
	Elf64_Sym *esyms;

	for (unsigned int i = 0; i < k; i++)
		kl += news[i].bind == STB_LOCAL;
	g = n - fg;
	nr_moved = kl < g ? kl : g;
	shift = kl > g ? kl : g;
	*move = (struct sym_move){ fg, nr_moved, shift };
	/* read_symbols() made room (a section symbol per section, prefixes) */
	if (!data || fg > n || n + k > file->cap_syms) {
		ERROR("%s: internal error: no room for %u new symbols", file->path, k);
		return -1;
	}
	esyms = calloc(n + k, sizeof(*esyms));
	if (!esyms)
		return -1;
	memcpy(esyms, data->d_buf, n * sizeof(*esyms));
	if (kl) {
		memcpy(&esyms[fg + shift], &esyms[fg], nr_moved * sizeof(*esyms));
		for (unsigned int i = 0; i < nr_moved; i++) {
			syms[fg + shift + i] = syms[fg + i];
			syms[fg + shift + i].idx = fg + shift + i;
		}
	}
	/* first: the moved globals' own pointers (pfunc) are redirected too */
	file->nr_syms = n + k;
	if (kl) {
		redirect_symbols(file, &syms[fg], nr_moved, shift);
		renumber_relocs(file, fg, nr_moved, shift);
	}

	next_local = fg;
	next_global = n + kl;
	for (unsigned int i = 0; i < k; i++) {
		const struct new_symbol *ns = &news[i];
		unsigned int idx = ns->bind == STB_LOCAL ? next_local++ : next_global++;
		struct symbol *sym = &syms[idx];
		long name = 0;

		if (ns->name) {
			name = add_string(file, file->strtab, ns->name);
			if (name < 0) {
				free(esyms);
				return -1;
			}
		}
		memset(&esyms[idx], 0, sizeof(*esyms));
		esyms[idx].st_name = name;
		esyms[idx].st_info = GELF_ST_INFO(ns->bind, ns->type);
		esyms[idx].st_shndx = ns->sec->idx;
		esyms[idx].st_value = ns->offset;
		esyms[idx].st_size = ns->len;
		memset(sym, 0, sizeof(*sym));
		sym->idx = idx;
		sym->name = ns->name ? strdup(ns->name) : ns->sec->name;
		sym->sec = ns->sec;
		sym->offset = ns->offset;
		sym->len = ns->len;
		sym->type = ns->type;
		sym->bind = ns->bind;
		sym->pfunc = sym;
		if (!sym->name) {
			free(esyms);
			return -1;
		}
		if (ns->type == STT_SECTION)
			ns->sec->sym = sym;
	}

	data->d_buf = esyms;
	data->d_size = (n + k) * sizeof(*esyms);
	elf_flagdata(data, ELF_C_SET, ELF_F_DIRTY);
	symtab->sh.sh_info = fg + kl;
	symtab->sh.sh_size = data->d_size;
	gelf_update_shdr(scn, &symtab->sh);
	symtab->data = (uint8_t *)esyms;
	symtab->size = data->d_size;
	file->changed = true;
	return 0;
}

int elf_add_symbols(struct objtool_file *file, const struct new_symbol *news,
		    unsigned int k)
{
	struct sym_move move;

	if (!file->symtab) {
		ERROR("%s: no symbol table to add symbols to", file->path);
		return -1;
	}
	return k ? add_symbols(file, news, k, &move) : 0;
}

/* The relocation targets that have no section symbol yet get one. */
static int add_missing_section_symbols(struct objtool_file *file,
				       const struct new_reloc *relocs, size_t nr,
				       struct sym_move *move)
{
	struct new_symbol *need;
	bool *seen;
	unsigned int k = 0;
	int ret;

	*move = (struct sym_move){ 0 };
	if (!file->symtab) {
		ERROR("%s: no symbol table to relocate against", file->path);
		return -1;
	}
	need = calloc(file->nr_secs, sizeof(*need));
	seen = calloc(file->nr_secs, sizeof(*seen));
	if (!need || !seen) {
		free(need);
		free(seen);
		return -1;
	}
	for (size_t i = 0; i < nr; i++) {
		struct section *t = relocs[i].target;

		if (relocs[i].sym || t->sym || seen[t->idx])
			continue;
		seen[t->idx] = true;
		need[k++] = (struct new_symbol){ .sec = t, .type = STT_SECTION,
						 .bind = STB_LOCAL };
	}
	ret = k ? add_symbols(file, need, k, move) : 0;
	free(need);
	free(seen);
	return ret;
}

/* A failure of libelf or of memory while adding @what: said, then NULL. */
static void *add_failed(struct objtool_file *file, const char *what)
{
	int err = elf_errno();

	ERROR("%s: cannot add %s: %s", file->path, what, err ? elf_errmsg(err) : "out of memory");
	return NULL;
}

/* @buf becomes the contents of @sec, or of a new section @name if NULL. */
static struct section *put_section(struct objtool_file *file, struct section *sec,
				   const char *name, uint32_t type, uint64_t flags,
				   uint64_t entsize, uint64_t align, void *buf, size_t size)
{
	Elf_Scn *scn;
	Elf_Data *data;
	GElf_Shdr sh = { 0 };

	if (sec) {
		/* replace the contents of an existing section */
		scn = scn_of(file, sec);
		data = elf_getdata(scn, NULL);
		if (!data || !gelf_getshdr(scn, &sh))
			return add_failed(file, name);
	} else {
		size_t nr_scn;
		long name_off;

		/*
		 * Everything that can refuse is asked before libelf gets a
		 * new section: it has no call to take one back, and a
		 * section left without its entry in file->secs would be
		 * written out half made.
		 */
		if (file->nr_secs >= file->nr_secs_orig + MAX_NEW_SECTIONS) {
			ERROR("%s: cannot add %s: more than %d new sections", file->path, name,
			      MAX_NEW_SECTIONS);
			return NULL;
		}
		if (elf_getshdrnum(E(file), &nr_scn) || nr_scn != file->nr_secs) {
			ERROR("%s: internal error: libelf has %zu sections, objtool %u",
			      file->path, nr_scn, file->nr_secs);
			return NULL;
		}
		sec = &file->secs[file->nr_secs];
		memset(sec, 0, sizeof(*sec));
		sec->name = strdup(name);
		if (!sec->name)
			return add_failed(file, name);
		name_off = add_string(file, file->shstrtab, name);
		if (name_off < 0)
			return add_failed(file, name);
		scn = elf_newscn(E(file));
		data = scn ? elf_newdata(scn) : NULL;
		if (!data || !gelf_getshdr(scn, &sh))
			return add_failed(file, name);
		sec->idx = elf_ndxscn(scn);
		if (sec->idx != file->nr_secs) {
			ERROR("%s: internal error: libelf numbered %s %u, not %u",
			      file->path, name, sec->idx, file->nr_secs);
			return NULL;
		}
		file->nr_secs++;
		sh.sh_name = name_off;
	}
	sh.sh_type = type;
	sh.sh_flags = flags;
	sh.sh_entsize = entsize;
	sh.sh_addralign = align;
	sh.sh_size = size;
	data->d_buf = buf;
	data->d_size = size;
	data->d_align = align;
	data->d_type = ELF_T_BYTE;
	elf_flagdata(data, ELF_C_SET, ELF_F_DIRTY);
	gelf_update_shdr(scn, &sh);
	sec->sh = sh;
	sec->data = buf;
	sec->size = size;
	file->changed = true;
	return sec;
}

struct section *elf_add_section(struct objtool_file *file, const char *name,
				uint32_t type, uint64_t flags, uint64_t entsize,
				uint64_t align, const void *data, size_t size,
				const struct new_reloc *relocs, size_t nr_relocs)
{
	struct section *old = find_section_by_name(file, name);
	struct section *old_rsec = old ? old->rsec : NULL;
	struct section *sec, *rsec;
	uint64_t rflags = SHF_INFO_LINK;
	Elf64_Rela *rbuf;
	struct sym_move move;
	char *rname;
	unsigned int idx;
	void *buf;

	if (old && old->sh.sh_type != type) {
		ERROR("%s: cannot replace %s: it is a section of type %u, not %u",
		      file->path, name, old->sh.sh_type, type);
		return NULL;
	}
	buf = malloc(size ?: 1);
	if (!buf)
		return add_failed(file, name);
	memcpy(buf, data, size);
	sec = put_section(file, old, name, type, flags, entsize, align, buf, size);
	/*
	 * A section replaced keeps no relocation of its old contents: its
	 * relocation section, found by sh_info whatever its name, gets the
	 * new ones (none if the caller has none).  A caller that passes an
	 * empty @relocs gets an empty relocation section, as upstream
	 * objtool writes an empty .rela.cfi_sites.
	 */
	if (!sec || (!relocs && !old_rsec))
		return sec;
	if (old)
		old->nr_relocs = 0;	/* the in-memory list described the old contents */
	if (old_rsec)
		rflags |= old_rsec->sh.sh_flags & SHF_GROUP;

	idx = sec->idx;
	rbuf = calloc(nr_relocs ?: 1, sizeof(*rbuf));
	if (!rbuf)
		return add_failed(file, name);
	if (add_missing_section_symbols(file, relocs, nr_relocs, &move))
		return NULL;
	for (size_t i = 0; i < nr_relocs; i++) {
		/* a symbol the caller named may have moved for the new ones */
		struct symbol *sym = relocs[i].sym ? follow(file, relocs[i].sym, &move) :
				     relocs[i].target->sym;

		rbuf[i].r_offset = relocs[i].offset;
		rbuf[i].r_info = GELF_R_INFO(sym->idx, relocs[i].type);
		rbuf[i].r_addend = relocs[i].addend;
	}
	/* target byte order: let libelf translate ELF_T_RELA on write */
	if (asprintf(&rname, ".rela%s", name) < 0)
		return add_failed(file, name);
	rsec = put_section(file, old_rsec, rname, SHT_RELA, rflags,
			   sizeof(Elf64_Rela), 8, rbuf, nr_relocs * sizeof(*rbuf));
	free(rname);
	if (!rsec)
		return NULL;
	file->secs[idx].rsec = rsec;
	rsec->base = &file->secs[idx];
	elf_getdata(scn_of(file, rsec), NULL)->d_type = ELF_T_RELA;
	rsec->sh.sh_link = file->symtab->idx;
	rsec->sh.sh_info = idx;
	gelf_update_shdr(scn_of(file, rsec), &rsec->sh);
	return &file->secs[idx];
}

int elf_set_reloc_type(struct objtool_file *file, struct section *sec,
		       struct reloc *reloc, uint32_t type)
{
	struct section *rsec = sec->rsec;
	Elf_Data *rdata = rsec ? elf_getdata(scn_of(file, rsec), NULL) : NULL;
	GElf_Rela rela;

	if (!rdata || rsec->sh.sh_type != SHT_RELA) {
		ERROR("%s: %s+0x%lx: no RELA relocation to change", file->path,
		      sec->name, reloc->offset);
		return -1;
	}
	/* the in-memory array is sorted; the section keeps the file's order */
	for (unsigned int r = 0; r < rsec->size / sizeof(Elf64_Rela); r++) {
		if (!gelf_getrela(rdata, r, &rela) || rela.r_offset != reloc->offset ||
		    GELF_R_SYM(rela.r_info) != reloc->sym->idx)
			continue;
		rela.r_info = GELF_R_INFO(GELF_R_SYM(rela.r_info), type);
		gelf_update_rela(rdata, r, &rela);
		elf_flagdata(rdata, ELF_C_SET, ELF_F_DIRTY);
		reloc->type = type;
		file->changed = true;
		return 0;
	}
	ERROR("%s: %s+0x%lx: relocation not found in %s", file->path, sec->name,
	      reloc->offset, rsec->name);
	return -1;
}

int elf_write_bytes(struct objtool_file *file, struct section *sec,
		    unsigned long offset, const void *bytes, size_t len)
{
	Elf_Data *data = elf_getdata(scn_of(file, sec), NULL);

	if (!data || offset > data->d_size || len > data->d_size - offset)
		return -1;
	memcpy((uint8_t *)data->d_buf + offset, bytes, len);
	elf_flagdata(data, ELF_C_SET, ELF_F_DIRTY);
	file->changed = true;
	return 0;
}

int elf_write_file(struct objtool_file *file)
{
	struct elf_priv *priv = file->elf;

	if (!file->changed || !priv->tmp_path)
		return 0;
	/*
	 * The whole file is dirty, not only what changed: when the layout
	 * moves nothing (a section shrinks by what a new empty one needs),
	 * libelf 0.188 otherwise writes the section header table straight
	 * from the array it read, sized for the old count, and reads past
	 * its end (found by objtool:module: an emptied
	 * __patchable_function_entries and a new empty relocation section).
	 */
	elf_flagelf(priv->elf, ELF_C_SET, ELF_F_DIRTY);
	/* into the private copy; elf_io_commit() puts it in place */
	errno = 0;
	if (elf_update(priv->elf, ELF_C_WRITE) < 0) {
		ERROR("%s: writing the object failed: %s%s%s; %s is unchanged",
		      file->path, elf_errmsg(-1), errno ? ": " : "",
		      errno ? strerror(errno) : "", file->path);
		return -1;
	}
	return elf_io_commit(priv);
}
