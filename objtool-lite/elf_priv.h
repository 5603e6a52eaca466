/* SPDX-License-Identifier: GPL-2.0 */
/* Private to elf.c (reading), elf_write.c (writing) and elf_io.c (files). */
#ifndef OBJTOOL_ELF_PRIV_H
#define OBJTOOL_ELF_PRIV_H

#include <libelf.h>
#include <sys/stat.h>

#include <objtool/objtool.h>

/*
 * Sections objtool-lite adds (ORC, __mcount_loc and their .rela).  Symbols
 * it adds are section symbols, at most one per section, so the symbol
 * array is sized from the section count: no fixed cap.
 */
#define MAX_NEW_SECTIONS	32
/*
 * libelf lays out the written file by sh_addralign: a corrupt alignment
 * (2^40, say) would make it write a terabyte of padding.  Kernel objects
 * use at most a 64 KiB page.
 */
#define MAX_SECTION_ALIGN	(1UL << 20)

struct elf_priv {
	Elf *elf;
	const char *path;	/* as given, for messages */
	char *real_path;	/* symlinks resolved: what a write replaces */
	int in_fd;		/* the input; held and locked when writable */
	struct stat in_st;	/* the input as it was read */
	int mem_fd;		/* private copy of the input: libelf's file */
	char *tmp_path;		/* the temporary beside real_path, if writable */
	int tmp_fd;
	uint64_t file_size;	/* of the input, for range checks */
	bool has_code;		/* an executable section with bytes */
};

static inline struct elf_priv *priv_of(const struct objtool_file *file)
{
	return file->elf;
}

static inline Elf *E(const struct objtool_file *file)
{
	return priv_of(file)->elf;
}

/* elf_io.c: open and snapshot the input (priv->path set); 0 or -1. */
int elf_io_open(struct elf_priv *priv, bool writable);
/* Copy the updated private copy over the input; 0 or -1 (input unchanged). */
int elf_io_commit(struct elf_priv *priv);
void elf_io_close(struct elf_priv *priv);
/* objtool_reset(): no temporary pending, the caller's signal actions back */
void elf_io_reset(void);

#endif
