/* SPDX-License-Identifier: GPL-2.0 */
/* The only interface to libelf: read an object, add sections, write it back. */
#ifndef OBJTOOL_ELF_H
#define OBJTOOL_ELF_H

#include <objtool/objtool.h>

/*
 * Read @path (and, if @writable, lock it for the write): 0 on success,
 * -1 on an error (reported), 1 for an object with nothing to check (an
 * LTO object; a note says so).  File rules: docs/objtool-files.md.
 */
int elf_open_file(struct objtool_file *file, const char *path, bool writable);
void elf_close_file(struct objtool_file *file);
/* objtool_reset(): drop the by-name table and any pending temporary */
void elf_reset(void);

struct section *find_section_by_name(const struct objtool_file *file,
				     const char *name);
/* A named symbol (not a section symbol) of @file, or NULL. */
struct symbol *find_symbol_by_name(const struct objtool_file *file, const char *name);
struct symbol *find_symbol_starting(const struct objtool_file *file, const struct section *sec,
				    unsigned long offset);
/* First relocation applying to [offset, offset + len) of @sec, or NULL. */
struct reloc *find_reloc(const struct section *sec, unsigned long offset,
			 unsigned long len);
/* Section-relative offset a relocation points at (sym + addend). */
bool reloc_target(const struct reloc *reloc, struct section **sec,
		  long *offset);

struct new_reloc {
	unsigned long offset;
	struct section *target;		/* relocated against its section symbol */
	long addend;
	uint32_t type;
	struct symbol *sym;		/* if set: against this symbol instead */
};

struct new_symbol {
	const char *name;		/* NULL for a section symbol */
	struct section *sec;
	unsigned long offset, len;
	uint8_t type, bind;
};

/*
 * Add symbols (in one rewrite of .symtab: locals before globals, so
 * existing globals may move; every pointer to one follows it).  Room is
 * made when the file is read: a section symbol per section, and with
 * --prefix a symbol per function.
 */
int elf_add_symbols(struct objtool_file *file, const struct new_symbol *syms,
		    unsigned int nr);
/* Change the type of @reloc (of @sec's relocations) in memory and on disk. */
int elf_set_reloc_type(struct objtool_file *file, struct section *sec,
		       struct reloc *reloc, uint32_t type);

/*
 * Add (or replace) a section with @data.  @relocs, when non-NULL, become its
 * .rela section, pointing at section symbols (created when missing).
 */
struct section *elf_add_section(struct objtool_file *file, const char *name,
				uint32_t type, uint64_t flags, uint64_t entsize,
				uint64_t align, const void *data, size_t size,
				const struct new_reloc *relocs, size_t nr_relocs);
/* Overwrite bytes of an existing section (e.g. fentry calls to NOPs). */
int elf_write_bytes(struct objtool_file *file, struct section *sec,
		    unsigned long offset, const void *bytes, size_t len);
/* Write all changes to a temporary file and rename it over the input. */
int elf_write_file(struct objtool_file *file);

#endif /* OBJTOOL_ELF_H */
