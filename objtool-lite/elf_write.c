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

/* Append @str to .shstrtab and return its offset. */
static long add_section_name(struct objtool_file *file, const char *str)
{
	Elf_Scn *scn = scn_of(file, file->shstrtab);
	Elf_Data *data = elf_newdata(scn);
	GElf_Shdr sh;
	long off;

	if (!data || !gelf_getshdr(scn, &sh))
		return -1;
	data->d_buf = strdup(str);
	data->d_size = strlen(str) + 1;
	data->d_align = 1;
	data->d_type = ELF_T_BYTE;
	off = sh.sh_size;
	sh.sh_size += data->d_size;
	gelf_update_shdr(scn, &sh);
	return off;
}

/*
 * Rewrite the symbol table with a new local STT_SECTION symbol for @sec.
 * Locals must precede globals, so the first global moves to the end and
 * every relocation that named it is renumbered.
 */
/* Point every in-memory reference to @from at @to. */
static void redirect_symbol(struct objtool_file *file, struct symbol *from,
			    struct symbol *to)
{
	for (unsigned int i = 1; i < file->nr_secs; i++) {
		struct section *sec = &file->secs[i];

		for (unsigned int r = 0; r < sec->nr_relocs; r++)
			if (sec->relocs[r].sym == from)
				sec->relocs[r].sym = to;
		for (unsigned int f = 0; f < sec->nr_funcs; f++)
			if (sec->funcs[f] == from)
				sec->funcs[f] = to;
		for (unsigned int k = 0; k < sec->nr_insns; k++) {
			if (sec->insns[k].func == from)
				sec->insns[k].func = to;
			if (sec->insns[k].sym == from)
				sec->insns[k].sym = to;
			if (sec->insns[k].call_dest == from)
				sec->insns[k].call_dest = to;
		}
	}
	for (unsigned int i = 0; i < file->nr_syms; i++)
		if (file->syms[i].pfunc == from)
			file->syms[i].pfunc = to;
}

static struct symbol *add_section_symbol(struct objtool_file *file,
					 struct section *sec)
{
	struct section *symtab = file->symtab;
	Elf_Scn *scn = scn_of(file, symtab);
	Elf_Data *data = elf_getdata(scn, NULL);
	unsigned int first_global = symtab->sh.sh_info, n = file->nr_syms;
	Elf64_Sym *syms, moved;
	struct symbol *nsyms;

	syms = calloc(n + 1, sizeof(*syms));
	if (!syms || first_global > n)
		return NULL;
	memcpy(syms, data->d_buf, n * sizeof(*syms));
	if (first_global < n) {
		moved = syms[first_global];
		syms[n] = moved;
	}
	memset(&syms[first_global], 0, sizeof(*syms));
	syms[first_global].st_info = GELF_ST_INFO(STB_LOCAL, STT_SECTION);
	syms[first_global].st_shndx = sec->idx;

	/* renumber relocations that pointed at the moved global */
	for (unsigned int i = 1; i < file->nr_secs && first_global < n; i++) {
		struct section *rsec = &file->secs[i];
		Elf_Data *rdata;
		GElf_Rela rela;

		if (rsec->sh.sh_type != SHT_RELA)
			continue;
		rdata = elf_getdata(scn_of(file, rsec), NULL);
		for (unsigned int r = 0; rdata && r < rsec->size / sizeof(Elf64_Rela); r++) {
			if (!gelf_getrela(rdata, r, &rela) ||
			    GELF_R_SYM(rela.r_info) != first_global)
				continue;
			rela.r_info = GELF_R_INFO(n, GELF_R_TYPE(rela.r_info));
			gelf_update_rela(rdata, r, &rela);
		}
		if (rdata)
			elf_flagdata(rdata, ELF_C_SET, ELF_F_DIRTY);
	}

	data->d_buf = syms;
	data->d_size = (n + 1) * sizeof(*syms);
	elf_flagdata(data, ELF_C_SET, ELF_F_DIRTY);
	symtab->sh.sh_info = first_global + 1;
	symtab->sh.sh_size = data->d_size;
	gelf_update_shdr(scn, &symtab->sh);
	symtab->data = (uint8_t *)syms;
	symtab->size = data->d_size;

	/* mirror the change in the in-memory symbol array */
	if (n + 1 > file->nr_syms_orig + MAX_NEW_SYMBOLS) {
		ERROR("too many new symbols");
		return NULL;
	}
	nsyms = file->syms;
	if (first_global < n) {
		nsyms[n] = nsyms[first_global];
		nsyms[n].idx = n;
		if (nsyms[n].pfunc == &nsyms[first_global])
			nsyms[n].pfunc = &nsyms[n];
		redirect_symbol(file, &nsyms[first_global], &nsyms[n]);
	}
	memset(&nsyms[first_global], 0, sizeof(*nsyms));
	nsyms[first_global].idx = first_global;
	nsyms[first_global].name = sec->name;
	nsyms[first_global].sec = sec;
	nsyms[first_global].type = STT_SECTION;
	nsyms[first_global].pfunc = &nsyms[first_global];
	file->nr_syms = n + 1;
	sec->sym = &nsyms[first_global];
	return sec->sym;
}

static struct section *new_section(struct objtool_file *file, const char *name,
				   uint32_t type, uint64_t flags, uint64_t entsize,
				   uint64_t align, void *buf, size_t size)
{
	struct section *sec = find_section_by_name(file, name);
	Elf_Scn *scn;
	Elf_Data *data;
	GElf_Shdr sh = { 0 };

	if (sec) {
		/* replace the contents of an existing section */
		scn = scn_of(file, sec);
		data = elf_getdata(scn, NULL);
		if (!data || !gelf_getshdr(scn, &sh))
			return NULL;
	} else {
		long name_off = add_section_name(file, name);

		if (name_off < 0)
			return NULL;
		scn = elf_newscn(E(file));
		if (!scn)
			return NULL;
		data = elf_newdata(scn);
		if (!data)
			return NULL;
		if (file->nr_secs >= file->nr_secs_orig + MAX_NEW_SECTIONS) {
			ERROR("too many new sections");
			return NULL;
		}
		sec = &file->secs[file->nr_secs];
		memset(sec, 0, sizeof(*sec));
		sec->idx = elf_ndxscn(scn);
		if (sec->idx != file->nr_secs)
			return NULL;
		file->nr_secs++;
		sec->name = strdup(name);
		if (!gelf_getshdr(scn, &sh))
			return NULL;
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
	struct section *sec, *rsec;
	void *buf = malloc(size ?: 1);
	Elf64_Rela *rbuf;
	char *rname;
	unsigned int idx;

	if (!buf)
		return NULL;
	memcpy(buf, data, size);
	sec = new_section(file, name, type, flags, entsize, align, buf, size);
	if (!sec || !relocs)
		return sec;

	idx = sec->idx;
	rbuf = calloc(nr_relocs ?: 1, sizeof(*rbuf));
	if (!rbuf)
		return NULL;
	for (size_t i = 0; i < nr_relocs; i++) {
		struct section *target = relocs[i].target;
		struct symbol *sym = target->sym;

		if (!sym)
			sym = add_section_symbol(file, target);
		if (!sym)
			return NULL;
		rbuf[i].r_offset = relocs[i].offset;
		rbuf[i].r_info = GELF_R_INFO(sym->idx, relocs[i].type);
		rbuf[i].r_addend = relocs[i].addend;
	}
	/* target byte order: let libelf translate ELF_T_RELA on write */
	if (asprintf(&rname, ".rela%s", name) < 0)
		return NULL;
	rsec = new_section(file, rname, SHT_RELA, SHF_INFO_LINK,
			   sizeof(Elf64_Rela), 8, rbuf, nr_relocs * sizeof(*rbuf));
	free(rname);
	if (!rsec)
		return NULL;
	elf_getdata(scn_of(file, rsec), NULL)->d_type = ELF_T_RELA;
	rsec->sh.sh_link = file->symtab->idx;
	rsec->sh.sh_info = idx;
	gelf_update_shdr(scn_of(file, rsec), &rsec->sh);
	return &file->secs[idx];
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
	if (elf_update(priv->elf, ELF_C_WRITE) < 0) {
		ERROR("%s: writing the object failed: %s", file->path, elf_errmsg(-1));
		return -1;
	}
	/*
	 * The rename is what makes the write atomic for a build: a killed or
	 * failed run leaves the old file.  No fsync: like every other build
	 * tool, we do not defend against power loss, and it costs more than
	 * the whole analysis.
	 */
	if (rename(priv->tmp_path, file->path)) {
		ERROR("%s: replacing the object failed: %s", file->path, strerror(errno));
		return -1;
	}
	elf_tmp_committed();
	free(priv->tmp_path);
	priv->tmp_path = NULL;
	return 0;
}
