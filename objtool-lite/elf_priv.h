/* SPDX-License-Identifier: GPL-2.0 */
/* Private to elf.c (reading) and elf_write.c (writing). */
#ifndef OBJTOOL_ELF_PRIV_H
#define OBJTOOL_ELF_PRIV_H

#include <libelf.h>

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
	char *tmp_path;		/* the copy being edited, when writable */
	int in_fd;
	uint64_t file_size;	/* of the input, for range checks */
};

static inline Elf *E(const struct objtool_file *file)
{
	return ((struct elf_priv *)file->elf)->elf;
}

void elf_tmp_committed(void);

#endif
