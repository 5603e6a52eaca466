// SPDX-License-Identifier: GPL-2.0
/*
 * Everything objtool-lite knows about libelf.  Input is distrusted: every
 * index, offset and size read from the file is range-checked here, so the
 * passes can rely on the arrays in struct objtool_file.
 *
 * libelf works on a private copy of the input (elf_io.c), which a write
 * puts in place by renaming a complete temporary over the input: an
 * interrupted or failed run never leaves a half-written object.
 */
#include <errno.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <objtool/elf.h>
#include <objtool/warn.h>

#include "elf_priv.h"

static int cmp_reloc(const void *a, const void *b)
{
	const struct reloc *ra = a, *rb = b;

	return ra->offset < rb->offset ? -1 : ra->offset > rb->offset;
}

static bool sorted_by_offset(const struct reloc *relocs, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++)
		if (relocs[i].offset < relocs[i - 1].offset)
			return false;
	return true;
}

static int cmp_func(const void *a, const void *b)
{
	const struct symbol *sa = *(struct symbol *const *)a;
	const struct symbol *sb = *(struct symbol *const *)b;

	if (sa->offset != sb->offset)
		return sa->offset < sb->offset ? -1 : 1;
	return sa->idx < sb->idx ? -1 : sa->idx > sb->idx;
}

/* Does [off, off + size) lie inside the input file? */
static bool in_file(const struct objtool_file *file, uint64_t off, uint64_t size)
{
	uint64_t end = ((struct elf_priv *)file->elf)->file_size;

	return off <= end && size <= end - off;
}

/* A section's bytes must lie in the file (libelf would only say "invalid"). */
static int check_section_range(struct objtool_file *file, const GElf_Shdr *sh,
			       const char *name)
{
	size_t entsize = sh->sh_type == SHT_SYMTAB ? sizeof(Elf64_Sym) :
			 sh->sh_type == SHT_RELA ? sizeof(Elf64_Rela) : 0;

	if (sh->sh_type != SHT_NOBITS && !in_file(file, sh->sh_offset, sh->sh_size)) {
		ERROR("%s: truncated or corrupt: section %s (offset 0x%lx, size 0x%lx) lies outside the file (0x%lx bytes)",
		      file->path, name, (unsigned long)sh->sh_offset,
		      (unsigned long)sh->sh_size,
		      (unsigned long)((struct elf_priv *)file->elf)->file_size);
		return -1;
	}
	if (sh->sh_addralign & (sh->sh_addralign - 1) ||
	    sh->sh_addralign > MAX_SECTION_ALIGN) {
		ERROR("%s: section %s: bad alignment 0x%lx (a power of two up to 0x%lx expected)",
		      file->path, name, (unsigned long)sh->sh_addralign,
		      MAX_SECTION_ALIGN);
		return -1;
	}
	if (entsize && sh->sh_size % entsize) {
		ERROR("%s: section %s: size 0x%lx is not a multiple of its entry size %zu",
		      file->path, name, (unsigned long)sh->sh_size, entsize);
		return -1;
	}
	return 0;
}

/* The section header table and the section name table, before libelf. */
static int check_section_headers(struct objtool_file *file, size_t *nr,
				 size_t *shstrndx)
{
	const GElf_Ehdr *eh = &file->ehdr;
	Elf *elf = E(file);
	Elf_Scn *scn;
	GElf_Shdr sh;

	if (!eh->e_shoff) {
		ERROR("%s: no section header table", file->path);
		return -1;
	}
	if (eh->e_shentsize != sizeof(Elf64_Shdr)) {
		ERROR("%s: unexpected section header size %u (expected %zu)",
		      file->path, eh->e_shentsize, sizeof(Elf64_Shdr));
		return -1;
	}
	/* e_shnum 0 means the count is in section 0's header (sh_size) */
	if (!in_file(file, eh->e_shoff, (eh->e_shnum ?: 1) * sizeof(Elf64_Shdr))) {
		ERROR("%s: truncated or corrupt: section header table (offset 0x%lx, %u entries) lies outside the file (0x%lx bytes)",
		      file->path, (unsigned long)eh->e_shoff, eh->e_shnum,
		      (unsigned long)((struct elf_priv *)file->elf)->file_size);
		return -1;
	}
	if (elf_getshdrnum(elf, nr) || elf_getshdrstrndx(elf, shstrndx)) {
		ERROR("%s: corrupt section header table: %s", file->path, elf_errmsg(-1));
		return -1;
	}
	if (*nr == 0 || *nr > UINT32_MAX / 2 ||
	    !in_file(file, eh->e_shoff, *nr * sizeof(Elf64_Shdr))) {
		ERROR("%s: truncated or corrupt: section header table (offset 0x%lx, %zu entries) lies outside the file (0x%lx bytes)",
		      file->path, (unsigned long)eh->e_shoff, *nr,
		      (unsigned long)((struct elf_priv *)file->elf)->file_size);
		return -1;
	}
	if (*shstrndx == 0 || *shstrndx >= *nr) {
		ERROR("%s: section name table index %zu is out of range (%zu sections)",
		      file->path, *shstrndx, *nr);
		return -1;
	}
	scn = elf_getscn(elf, *shstrndx);
	if (!scn || !gelf_getshdr(scn, &sh)) {
		ERROR("%s: section name table: %s", file->path, elf_errmsg(-1));
		return -1;
	}
	if (sh.sh_type != SHT_STRTAB) {
		ERROR("%s: section name table (section %zu) is not a string table",
		      file->path, *shstrndx);
		return -1;
	}
	return check_section_range(file, &sh, "name table");
}

static int read_sections(struct objtool_file *file)
{
	Elf *elf = E(file);
	size_t nr, shstrndx;

	if (check_section_headers(file, &nr, &shstrndx))
		return -1;
	/* room for the sections we add, so pointers into the array stay valid */
	file->nr_secs = nr;
	file->secs = calloc(nr + MAX_NEW_SECTIONS, sizeof(*file->secs));
	if (!file->secs)
		return -1;

	for (size_t i = 1; i < nr; i++) {
		struct section *sec = &file->secs[i];
		Elf_Scn *scn = elf_getscn(elf, i);
		Elf_Data *data;

		sec->idx = i;
		if (!scn || !gelf_getshdr(scn, &sec->sh)) {
			ERROR("%s: section %zu: %s", file->path, i, elf_errmsg(-1));
			return -1;
		}
		sec->name = elf_strptr(elf, shstrndx, sec->sh.sh_name);
		if (!sec->name) {
			ERROR("%s: section %zu has a bad name offset", file->path, i);
			return -1;
		}
		if (sec->sh.sh_link >= nr) {
			ERROR("%s: section %s links to missing section %u",
			      file->path, sec->name, sec->sh.sh_link);
			return -1;
		}
		sec->text = sec->sh.sh_flags & SHF_EXECINSTR;
		if (check_section_range(file, &sec->sh, sec->name))
			return -1;
		if (sec->text && sec->sh.sh_type != SHT_NOBITS && sec->sh.sh_size)
			priv_of(file)->has_code = true;
		if (sec->sh.sh_type == SHT_NOBITS)
			continue;
		data = elf_getdata(scn, NULL);
		if (!data && sec->sh.sh_size) {
			ERROR("%s: section %s: can't read its data: %s",
			      file->path, sec->name, elf_errmsg(-1));
			return -1;
		}
		if (data) {
			if (elf_getdata(scn, data)) {
				ERROR("%s: section %s has several data buffers",
				      file->path, sec->name);
				return -1;
			}
			sec->data = data->d_buf;
			sec->size = data->d_size;
		}
		if (sec->sh.sh_type == SHT_SYMTAB)
			file->symtab = sec;
	}
	file->shstrtab = &file->secs[shstrndx];
	file->nr_secs_orig = nr;
	return 0;
}

static int read_symbols(struct objtool_file *file)
{
	struct section *symtab = file->symtab;
	Elf_Data *data;

	if (!symtab) {
		/* as upstream: an object without code may have no symbols at all */
		if (priv_of(file)->has_code) {
			ERROR("%s: missing symbol table", file->path);
			return -1;
		}
		file->syms = calloc(1, sizeof(*file->syms));
		return file->syms ? 0 : -1;
	}
	if (symtab->sh.sh_entsize != sizeof(Elf64_Sym) || !symtab->data) {
		ERROR("%s: malformed symbol table", file->path);
		return -1;
	}
	file->strtab = &file->secs[symtab->sh.sh_link];
	if (file->strtab->sh.sh_type != SHT_STRTAB) {
		ERROR("%s: symbol table has no string table", file->path);
		return -1;
	}
	file->nr_syms = symtab->size / sizeof(Elf64_Sym);
	file->nr_syms_orig = file->nr_syms;
	if (symtab->sh.sh_info > file->nr_syms) {
		ERROR("%s: malformed symbol table: first global symbol %u is out of range (%u symbols)",
		      file->path, symtab->sh.sh_info, file->nr_syms);
		return -1;
	}
	/*
	 * Room for a section symbol per section and, with --prefix, a
	 * __pfx_ symbol per symbol (at most): pointers into it stay valid.
	 */
	file->cap_syms = file->nr_syms + file->nr_secs + MAX_NEW_SECTIONS +
			 (file->opts && file->opts->prefix ? file->nr_syms : 0);
	file->syms = calloc(file->cap_syms, sizeof(*file->syms));
	if (!file->syms)
		return -1;
	data = elf_getdata(elf_getscn(E(file), symtab->idx), NULL);
	if (!data) {
		ERROR("%s: symbol table: %s", file->path, elf_errmsg(-1));
		return -1;
	}

	for (unsigned int i = 0; i < file->nr_syms; i++) {
		struct symbol *sym = &file->syms[i];
		GElf_Sym gs;

		if (!gelf_getsym(data, i, &gs)) {
			ERROR("%s: symbol %u: %s", file->path, i, elf_errmsg(-1));
			return -1;
		}
		sym->idx = i;
		sym->pfunc = sym;
		sym->name = elf_strptr(E(file), symtab->sh.sh_link, gs.st_name);
		if (!sym->name) {
			ERROR("%s: symbol %u has a bad name offset", file->path, i);
			return -1;
		}
		sym->type = GELF_ST_TYPE(gs.st_info);
		sym->bind = GELF_ST_BIND(gs.st_info);
		sym->other = gs.st_other;
		sym->offset = gs.st_value;
		sym->len = gs.st_size;
		if (gs.st_shndx == SHN_XINDEX) {
			ERROR("%s: extended section indexes are not supported", file->path);
			return -1;
		}
		if (gs.st_shndx != SHN_UNDEF && gs.st_shndx < SHN_LORESERVE) {
			if (gs.st_shndx >= file->nr_secs) {
				ERROR("%s: symbol %s in missing section %u",
				      file->path, sym->name, gs.st_shndx);
				return -1;
			}
			sym->sec = &file->secs[gs.st_shndx];
			/* in a linked file, st_value is an address */
			if (file->ehdr.e_type != ET_REL)
				sym->offset -= sym->sec->sh.sh_addr;
		}
		if (sym->type == STT_SECTION && sym->sec) {
			sym->name = sym->sec->name;
			if (!sym->sec->sym)
				sym->sec->sym = sym;
		}
		if (sym->type == STT_FUNC && sym->sec && sym->sec->text &&
		    (sym->offset > sym->sec->size || sym->len > sym->sec->size - sym->offset)) {
			ERROR("%s: function %s lies outside section %s",
			      file->path, sym->name, sym->sec->name);
			return -1;
		}
	}
	return 0;
}

/* Group functions per section and link foo.cold children to their parent. */
static int index_functions(struct objtool_file *file)
{
	for (unsigned int i = 0; i < file->nr_syms; i++) {
		struct symbol *sym = &file->syms[i];

		if (sym->type == STT_FUNC && sym->sec && sym->sec->text)
			sym->sec->nr_funcs++;
	}
	for (unsigned int i = 1; i < file->nr_secs; i++) {
		struct section *sec = &file->secs[i];

		if (!sec->nr_funcs)
			continue;
		sec->funcs = calloc(sec->nr_funcs, sizeof(*sec->funcs));
		if (!sec->funcs)
			return -1;
		sec->nr_funcs = 0;
	}
	for (unsigned int i = 0; i < file->nr_syms; i++) {
		struct symbol *sym = &file->syms[i];

		if (sym->type == STT_FUNC && sym->sec && sym->sec->text)
			sym->sec->funcs[sym->sec->nr_funcs++] = sym;
	}
	for (unsigned int i = 1; i < file->nr_secs; i++) {
		struct section *sec = &file->secs[i];

		if (sec->nr_funcs)
			qsort(sec->funcs, sec->nr_funcs, sizeof(*sec->funcs), cmp_func);
	}

	/* gcc's hot/cold splitting names the cold part "<parent>.cold[.N]" */
	for (unsigned int i = 0; i < file->nr_syms; i++) {
		struct symbol *sym = &file->syms[i];
		const char *dot;
		struct symbol *parent;
		char *pname;

		if (sym->type != STT_FUNC || !(dot = strstr(sym->name, ".cold")))
			continue;
		pname = strndup(sym->name, dot - sym->name);
		if (!pname)
			return -1;
		parent = find_symbol_by_name(file, pname);
		free(pname);
		if (parent && parent->type == STT_FUNC) {
			sym->pfunc = parent;
			parent->cfunc = sym;
		}
	}
	return 0;
}

/* Livepatch relocations (Documentation/livepatch/module-elf-format.rst) */
#define SHF_RELA_LIVEPATCH	0x00100000

/* Sections a relocation section cannot apply to. */
static bool relocatable(const struct section *sec)
{
	switch (sec->sh.sh_type) {
	case SHT_NULL: case SHT_RELA: case SHT_REL: case SHT_SYMTAB:
	case SHT_DYNSYM: case SHT_STRTAB: case SHT_GROUP: case SHT_SYMTAB_SHNDX:
		return false;
	}
	return true;
}

static int read_relocs(struct objtool_file *file)
{
	for (unsigned int i = 1; i < file->nr_secs; i++) {
		struct section *rsec = &file->secs[i], *base;
		Elf_Data *data;
		unsigned int n;

		if (rsec->sh.sh_type == SHT_REL) {
			ERROR("%s: section %s: SHT_REL relocations are not supported",
			      file->path, rsec->name);
			return -1;
		}
		if (rsec->sh.sh_type != SHT_RELA)
			continue;
		/* a linked file's dynamic relocations: not ours to read */
		if (file->ehdr.e_type != ET_REL &&
		    &file->secs[rsec->sh.sh_link] != file->symtab)
			continue;
		/*
		 * A livepatch module's .klp.rela.<object>.<section>: resolved
		 * by the livepatch core against another object's symbols,
		 * beside the section's own .rela; not ours to read either.
		 */
		if (rsec->sh.sh_flags & SHF_RELA_LIVEPATCH)
			continue;
		if (rsec->sh.sh_info == 0 || rsec->sh.sh_info >= file->nr_secs) {
			ERROR("%s: relocation section %s applies to missing section %u",
			      file->path, rsec->name, rsec->sh.sh_info);
			return -1;
		}
		if (&file->secs[rsec->sh.sh_link] != file->symtab ||
		    rsec->sh.sh_entsize != sizeof(Elf64_Rela)) {
			ERROR("%s: malformed relocation section %s", file->path, rsec->name);
			return -1;
		}
		base = &file->secs[rsec->sh.sh_info];
		if (!relocatable(base)) {
			ERROR("%s: relocation section %s applies to %s, a section of type %u",
			      file->path, rsec->name, base->name, base->sh.sh_type);
			return -1;
		}
		if (base->rsec) {
			/* one would be read and the other silently ignored */
			ERROR("%s: section %s has two relocation sections, %s and %s",
			      file->path, base->name, base->rsec->name, rsec->name);
			return -1;
		}
		rsec->base = base;
		base->rsec = rsec;
		n = rsec->size / sizeof(Elf64_Rela);
		base->relocs = calloc(n ?: 1, sizeof(struct reloc));
		if (!base->relocs)
			return -1;
		data = elf_getdata(elf_getscn(E(file), i), NULL);
		if (!data && n) {
			ERROR("%s: %s: %s", file->path, rsec->name, elf_errmsg(-1));
			return -1;
		}
		for (unsigned int r = 0; r < n; r++) {
			struct reloc *reloc = &base->relocs[r];
			GElf_Rela rela;
			unsigned long symidx;

			if (!gelf_getrela(data, r, &rela)) {
				ERROR("%s: %s: relocation %u: %s", file->path,
				      rsec->name, r, elf_errmsg(-1));
				return -1;
			}
			if (file->ehdr.e_type != ET_REL)
				rela.r_offset -= base->sh.sh_addr;
			symidx = GELF_R_SYM(rela.r_info);
			if (symidx >= file->nr_syms) {
				ERROR("%s: %s: relocation %u uses missing symbol %lu",
				      file->path, rsec->name, r, symidx);
				return -1;
			}
			if (base->sh.sh_type != SHT_NOBITS && rela.r_offset >= base->size) {
				ERROR("%s: %s: relocation %u at 0x%lx is outside %s",
				      file->path, rsec->name, r,
				      (unsigned long)rela.r_offset, base->name);
				return -1;
			}
			reloc->offset = rela.r_offset;
			reloc->sym = &file->syms[symidx];
			reloc->addend = rela.r_addend;
			reloc->type = GELF_R_TYPE(rela.r_info);
		}
		base->nr_relocs = n;
		if (!sorted_by_offset(base->relocs, n))	/* assemblers emit them sorted */
			qsort(base->relocs, n, sizeof(struct reloc), cmp_reloc);
	}
	return 0;
}

/* The two containers clang -flto writes: raw bitcode and its wrapper. */
static bool llvm_bitcode(const unsigned char *b, ssize_t n)
{
	static const unsigned char raw[] = { 'B', 'C', 0xc0, 0xde };
	static const unsigned char wrapper[] = { 0xde, 0xc0, 0x17, 0x0b };

	return n >= 4 && (!memcmp(b, raw, 4) || !memcmp(b, wrapper, 4));
}

/*
 * Not an error, not silence either: the build asked for a check that
 * cannot happen here, so say which object and why (docs/objtool-files.md).
 */
static void note_lto(const struct objtool_file *file, const char *what)
{
	fprintf(stderr, "%s: note: objtool: %s: %s, no machine code: nothing checked or annotated (objtool-lite checks the object the LTO link produces)\n",
		objname, file->path, what);
}

/*
 * What libelf would only call "not an ELF file" or "invalid": say which of
 * the identification bytes or the header is wrong, from the bytes themselves.
 * Returns 1 for an LTO bitcode file: nothing to do.
 */
static int check_ident(struct objtool_file *file, int fd)
{
	struct elf_priv *priv = file->elf;
	unsigned char ident[sizeof(Elf64_Ehdr)];
	ssize_t n;

	if (!priv->file_size) {
		ERROR("%s: empty file, not an ELF object", file->path);
		return -1;
	}
	n = pread(fd, ident, sizeof(ident), 0);
	if (n < 0) {
		ERROR("can't read %s: %s", file->path, strerror(errno));
		return -1;
	}
	if (llvm_bitcode(ident, n)) {
		note_lto(file, "LLVM bitcode (clang -flto)");
		return 1;
	}
	if (n < EI_NIDENT || memcmp(ident, ELFMAG, SELFMAG)) {
		ERROR("%s: not an ELF file", file->path);
		return -1;
	}
	if (ident[EI_CLASS] != ELFCLASS64) {
		ERROR("%s: only 64-bit ELF objects are supported (ELF class %u%s)",
		      file->path, ident[EI_CLASS],
		      ident[EI_CLASS] == ELFCLASS32 ? ": 32-bit" : ", unknown");
		return -1;
	}
	if (ident[EI_DATA] != ELFDATA2LSB && ident[EI_DATA] != ELFDATA2MSB) {
		ERROR("%s: unknown byte order (EI_DATA %u)", file->path, ident[EI_DATA]);
		return -1;
	}
	if ((size_t)n < sizeof(Elf64_Ehdr)) {
		ERROR("%s: truncated ELF header (%zd of %zu bytes)", file->path,
		      n, sizeof(Elf64_Ehdr));
		return -1;
	}
	return 0;
}

/* gcc -flto without -ffat-lto-objects: GIMPLE sections, no code. */
static bool lto_only(const struct objtool_file *file)
{
	if (priv_of(file)->has_code)
		return false;
	for (unsigned int i = 1; i < file->nr_secs; i++)
		if (!strncmp(file->secs[i].name, ".gnu.lto_", 9) ||
		    !strncmp(file->secs[i].name, ".llvm.lto", 9) ||
		    !strcmp(file->secs[i].name, ".llvmbc"))
			return true;
	return false;
}

static int open_elf(struct objtool_file *file, bool writable)
{
	struct elf_priv *priv = file->elf;
	const char *path = file->path;
	/* --dry-run still edits in memory: a read-only mapping would fault */
	bool edits = writable || (file->opts && !file->opts->dump &&
				  (file->opts->orc || file->opts->mcount));

	/* never a mapping of the input itself: see elf_io.c */
	priv->elf = elf_begin(priv->mem_fd, edits ? ELF_C_RDWR : ELF_C_READ_MMAP, NULL);
	if (!priv->elf) {
		ERROR("%s: libelf can't read it: %s", path, elf_errmsg(-1));
		return -1;
	}
	if (elf_kind(priv->elf) != ELF_K_ELF) {
		ERROR("%s: not an ELF file", path);
		return -1;
	}
	if (gelf_getclass(priv->elf) != ELFCLASS64) {
		ERROR("%s: only 64-bit ELF objects are supported", path);
		return -1;
	}
	if (!gelf_getehdr(priv->elf, &file->ehdr)) {
		ERROR("%s: corrupt ELF header: %s", path, elf_errmsg(-1));
		return -1;
	}
	file->arch = arch_by_machine(file->ehdr.e_machine);
	if (!file->arch) {
		ERROR("%s: unsupported machine %u (supported: %s)", path,
		      file->ehdr.e_machine, "see objtool-lite --help");
		return -1;
	}
	return 0;
}

int elf_open_file(struct objtool_file *file, const char *path, bool writable)
{
	struct elf_priv *priv;
	int ret;

	priv = calloc(1, sizeof(*priv));
	if (!priv)
		return -1;
	file->elf = priv;
	file->path = priv->path = path;

	elf_version(EV_CURRENT);
	if (elf_io_open(priv, writable))
		return -1;
	file->fd = priv->mem_fd;
	ret = check_ident(file, priv->mem_fd);
	if (ret)
		return ret;
	if (open_elf(file, writable) || read_sections(file) || read_symbols(file) ||
	    read_relocs(file) || index_functions(file))
		return -1;
	if (lto_only(file)) {
		note_lto(file, "GCC LTO object (GIMPLE only)");
		return 1;
	}
	return 0;
}

void elf_close_file(struct objtool_file *file)
{
	struct elf_priv *priv = file->elf;

	if (!priv)
		return;
	if (priv->elf)
		elf_end(priv->elf);
	elf_io_close(priv);
	free(priv);
	file->elf = NULL;
	file->fd = -1;
}

struct section *find_section_by_name(const struct objtool_file *file,
				     const char *name)
{
	for (unsigned int i = 1; i < file->nr_secs; i++)
		if (!strcmp(file->secs[i].name, name))
			return &file->secs[i];
	return NULL;
}

static unsigned int str_hash(const char *s)
{
	unsigned int h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/*
 * Symbols by name, hashed on first use per file and symbol count.  The
 * key is the file pointer, which the next run in the same process may
 * get again for another object: elf_reset() drops the table.
 */
static struct {
	const struct objtool_file *hashed;
	unsigned int hashed_nr;
	struct symbol **table;
	unsigned int mask;
} by_name;

void elf_reset(void)
{
	free(by_name.table);
	memset(&by_name, 0, sizeof(by_name));
	elf_io_reset();
}

/*
 * A symbol other than a section's that starts at @offset of @sec.  As
 * upstream looks symbols up by the bytes they cover, one of size 0 (an
 * asm label) is never found.
 */
struct symbol *find_symbol_starting(const struct objtool_file *file, const struct section *sec,
				    unsigned long offset)
{
	for (unsigned int i = 1; i < file->nr_syms; i++) {
		struct symbol *sym = &file->syms[i];

		if (sym->sec == sec && sym->type != STT_SECTION && sym->offset == offset &&
		    sym->len)
			return sym;
	}
	return NULL;
}

struct symbol *find_symbol_by_name(const struct objtool_file *file, const char *name)
{
	unsigned int h;

	/* rebuilt when symbols were added (they move: see elf_write.c) */
	if (by_name.hashed != file || by_name.hashed_nr != file->nr_syms) {
		unsigned int size = 1;

		while (size < file->nr_syms * 2)
			size <<= 1;
		free(by_name.table);
		by_name.hashed = NULL;
		by_name.table = calloc(size, sizeof(*by_name.table));
		if (!by_name.table)
			return NULL;
		by_name.mask = size - 1;
		for (unsigned int i = 0; i < file->nr_syms; i++) {
			struct symbol *sym = &file->syms[i];

			if (!*sym->name || sym->type == STT_SECTION)
				continue;
			for (h = str_hash(sym->name) & by_name.mask; by_name.table[h];
			     h = (h + 1) & by_name.mask)
				;
			by_name.table[h] = sym;
		}
		by_name.hashed = file;
		by_name.hashed_nr = file->nr_syms;
	}
	for (h = str_hash(name) & by_name.mask; by_name.table[h]; h = (h + 1) & by_name.mask)
		if (!strcmp(by_name.table[h]->name, name))
			return by_name.table[h];
	return NULL;
}

struct reloc *find_reloc(const struct section *sec, unsigned long offset,
			 unsigned long len)
{
	unsigned int lo = 0, hi = sec->nr_relocs;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;

		if (sec->relocs[mid].offset < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < sec->nr_relocs && sec->relocs[lo].offset < offset + len)
		return &sec->relocs[lo];
	return NULL;
}

bool reloc_target(const struct reloc *reloc, struct section **sec, long *offset)
{
	if (!reloc->sym->sec)
		return false;
	*sec = reloc->sym->sec;
	*offset = reloc->sym->offset + reloc->addend;
	return true;
}
