// SPDX-License-Identifier: GPL-2.0
/*
 * Unwind hints: hand-written asm states its stack layout where the walk
 * cannot derive it (entry code, interrupt frames, the end of a task's
 * stack).  The record layout is Linux 6.12's, so objects assembled with
 * upstream's macros work too:
 *   u32 ip (relocated), s16 sp_offset, u8 sp_reg, u8 type, u8 signal, pad
 */
#include <stdlib.h>

#include <objtool/elf.h>
#include <objtool/warn.h>

#include "passes.h"

#define HINT_SIZE		12

enum hint_type {
	HINT_UNDEFINED,
	HINT_END_OF_STACK,
	HINT_CALL,
	HINT_REGS,
	HINT_REGS_PARTIAL,
	HINT_FUNC,
	HINT_SAVE,
	HINT_RESTORE,
};

static int hint_state(struct objtool_file *file, struct instruction *insn,
		      const uint8_t *rec, struct cfi_state *cfi)
{
	int16_t sp_offset = (int16_t)file_read(file, rec + 4, 2);
	uint8_t sp_reg = rec[6], type = rec[7], signal = rec[8];
	int reg;

	cfi_init(cfi);
	switch (type) {
	case HINT_FUNC:
		file->arch->init_cfi(cfi);
		return 0;
	case HINT_UNDEFINED:
		cfi->type = UNWIND_UNDEFINED;
		return 0;
	case HINT_END_OF_STACK:
	case HINT_CALL:
	case HINT_REGS:
	case HINT_REGS_PARTIAL:
		break;
	default:
		error_insn(file, insn, "unknown unwind hint type %d", type);
		return -1;
	}
	reg = file->arch->hint_reg(sp_reg);
	if (reg < CFI_UNDEFINED) {
		error_insn(file, insn, "unsupported unwind_hint sp base reg %d", sp_reg);
		return -1;
	}
	cfi->cfa.base = reg;
	cfi->cfa.offset = sp_offset;
	cfi->stack_size = sp_offset;
	cfi->type = type;	/* hint types 1-4 equal enum unwind_type */
	cfi->signal = signal;
	return 0;
}

int add_hints(struct objtool_file *file)
{
	struct section *sec = find_section_by_name(file, ".discard.unwind_hints");

	if (!sec || !sec->data)
		return 0;
	if (sec->size % HINT_SIZE) {
		ERROR("%s: struct unwind_hint size mismatch", file->path);
		return -1;
	}
	for (unsigned long off = 0; off < sec->size; off += HINT_SIZE) {
		const uint8_t *rec = sec->data + off;
		struct reloc *reloc = find_reloc(sec, off, 4);
		struct section *isec;
		long ioff;
		struct instruction *insn;
		struct cfi_state cfi;

		if (!reloc || !reloc_target(reloc, &isec, &ioff)) {
			ERROR("%s: can't find reloc for unwind_hints[%lu]",
			      file->path, off / HINT_SIZE);
			return -1;
		}
		insn = find_insn(isec, ioff);
		if (!insn) {
			ERROR("%s: can't find insn for unwind_hints[%lu]",
			      file->path, off / HINT_SIZE);
			return -1;
		}
		if (rec[7] == HINT_SAVE) {
			insn->flags |= INSN_SAVE;
			continue;
		}
		if (rec[7] == HINT_RESTORE) {
			insn->flags |= INSN_RESTORE;
			continue;
		}
		if (hint_state(file, insn, rec, &cfi))
			return -1;
		insn->hint = cfi_intern(&cfi);
		insn->flags |= INSN_HINT;
	}
	return 0;
}

/*
 * The kernel's one-place annotations: a .discard.<what> section of 32-bit
 * references to instructions (ANNOTATE_RETPOLINE_SAFE, VALIDATE_UNRET_BEGIN,
 * instrumentation_begin(), ...).  Upstream requires them relative to a
 * section symbol, as the assembler makes them for local labels.
 */
int read_annotations(struct objtool_file *file, const char *name,
		     int (*mark)(struct objtool_file *file, struct instruction *insn))
{
	struct section *sec = find_section_by_name(file, name);

	for (unsigned int r = 0; sec && r < sec->nr_relocs; r++) {
		struct reloc *reloc = &sec->relocs[r];
		struct instruction *insn;

		if (reloc->sym->type != STT_SECTION) {
			ERROR("%s: unexpected relocation symbol type in .rela%s", file->path, name);
			return -1;
		}
		insn = reloc->sym->sec ? find_insn(reloc->sym->sec, reloc->addend) : NULL;
		if (!insn) {
			ERROR("%s: bad %s entry", file->path, name);
			return -1;
		}
		if (mark(file, insn))
			return -1;
	}
	return 0;
}
