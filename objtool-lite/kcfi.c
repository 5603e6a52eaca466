// SPDX-License-Identifier: GPL-2.0
/*
 * --cfi: with clang's kernel control-flow integrity (CONFIG_CFI_CLANG)
 * every function whose address may be taken gets a preamble before it,
 * a symbol "__cfi_<func>" holding its type hash.  The kernel finds the
 * preambles through .cfi_sites (one place-relative pointer each, in
 * symbol table order) to rewrite them at boot (FineIBT).  Like upstream,
 * the table is written even when it is empty: gcc makes no preambles.
 */
#include <stdlib.h>
#include <string.h>

#include <objtool/elf.h>
#include <objtool/warn.h>

#include "passes.h"

int kcfi_create(struct objtool_file *file)
{
	struct site_list list = { 0 };
	struct new_reloc none;
	void *zero;
	int ret = -1;

	if (find_section_by_name(file, ".cfi_sites")) {
		warn_file(file, "file already has .cfi_sites section, skipping");
		return 0;
	}
	for (unsigned int i = 1; i < file->nr_syms; i++) {
		struct symbol *sym = &file->syms[i];

		if (sym->type != STT_FUNC || strncmp(sym->name, "__cfi_", 6))
			continue;
		if (!sym->sec || !sym->sec->text) {
			ERROR("%s: %s is not in code", file->path, sym->name);
			goto out;
		}
		if (site_list_add(&list, (struct new_reloc){
			.offset = list.n * 4, .target = sym->sec, .addend = sym->offset,
			.type = file->arch->orc_ip_reloc }))
			goto out;
	}
	zero = calloc(list.n ?: 1, 4);
	if (!zero)
		goto out;
	/* a relocation array even when empty: upstream writes .rela.cfi_sites */
	if (elf_add_section(file, ".cfi_sites", SHT_PROGBITS, SHF_ALLOC, 4, 1, zero,
			    list.n * 4, list.n ? list.relocs : &none, list.n))
		ret = 0;
	free(zero);
out:
	free(list.relocs);
	return ret;
}
