// SPDX-License-Identifier: GPL-2.0
/*
 * --hacks=jump_label: the compiler cannot be told to emit a NOP of the
 * size of a jump, so the kernel's static branch asm emits the jump
 * itself and marks the entry (bit 1 of the key's addend in the jump
 * table): the tool writes the NOP.  The kernel checks each site against
 * the NOP it expects when it first patches it, so an entry left as a jump
 * stops the kernel at the first use of that static key.
 *
 * The walk is unchanged by the rewrite: a jump label site is already both
 * paths (special.c), the NOP and the jump.
 */
#include <objtool/elf.h>
#include <objtool/warn.h>

#include "passes.h"

static const struct special_section *jump_table_layout(const struct objtool_arch *arch)
{
	for (const struct special_section *ss = arch->special_sections;
	     ss && ss->name; ss++)
		if (ss->kind == SPECIAL_JUMP_LABEL && ss->key)
			return ss;
	return NULL;
}

static int nop_site(struct objtool_file *file, struct section *table,
		    const struct special_section *ss, unsigned long e)
{
	struct reloc *code = find_reloc(table, e + ss->orig, 4);
	struct reloc *key = find_reloc(table, e + ss->key, 8);
	struct instruction *insn;
	struct section *sec;
	const uint8_t *nop;
	long off;

	if (!key || !(key->addend & 2))
		return 0;
	if (!code || !reloc_target(code, &sec, &off)) {
		ERROR("%s: %s entry %lu: no usable code relocation", file->path,
		      table->name, e / ss->entry_size);
		return -1;
	}
	insn = find_insn(sec, off);
	if (!insn) {
		ERROR("%s: %s entry %lu: %s+0x%lx is not an instruction", file->path,
		      table->name, e / ss->entry_size, sec->name, off);
		return -1;
	}
	if (insn->type != INSN_JUMP_UNCOND || find_reloc(sec, insn->offset, insn->len)) {
		error_insn(file, insn, "jump label site to be NOPed is not a local jump");
		return -1;
	}
	nop = file->arch->nop_insn(insn->len);
	if (!nop) {
		error_insn(file, insn, "no %u-byte NOP for a jump label site", insn->len);
		return -1;
	}
	return elf_write_bytes(file, sec, insn->offset, nop, insn->len);
}

int jump_label_nops(struct objtool_file *file)
{
	const struct special_section *ss = jump_table_layout(file->arch);
	struct section *table;

	if (!ss || !file->arch->nop_insn) {
		ERROR("--hacks=jump_label: not available for %s objects", file->arch->name);
		return -1;
	}
	table = find_section_by_name(file, ss->name);
	if (!table || !table->data)
		return 0;
	for (unsigned long e = 0; e + ss->entry_size <= table->size; e += ss->entry_size)
		if (nop_site(file, table, ss, e))
			return -1;
	return 0;
}
