// SPDX-License-Identifier: GPL-2.0
/*
 * ANNOTATE_REACHABLE: a BUG trap (the arch's INSN_BUG) ends a path, except where
 * the kernel's WARN() recorded the address right after it in
 * .discard.reachable: the trap handler reports and resumes there.  Module
 * objects as kbuild hands them to objtool still carry the section (the
 * final link discards it), and upstream walks on past such a trap; so
 * does objtool-lite, by making the annotated trap an ordinary instruction.
 */
#include <objtool/elf.h>
#include <objtool/warn.h>

#include "passes.h"

int add_reachable(struct objtool_file *file)
{
	struct section *ann = find_section_by_name(file, ".discard.reachable");
	struct section *rsec = ann ? ann->rsec : NULL;

	if (!rsec)
		return 0;
	for (unsigned int r = 0; r < ann->nr_relocs; r++) {
		struct reloc *reloc = &ann->relocs[r];
		struct instruction *insn;
		struct section *sec;
		long off;

		if (!reloc_target(reloc, &sec, &off) || !sec->text) {
			ERROR("%s: %s entry %u: no usable relocation", file->path,
			      ann->name, r);
			return -1;
		}
		if (off == (long)sec->size && sec->nr_insns) {
			insn = &sec->insns[sec->nr_insns - 1];
		} else {
			insn = find_insn(sec, off);
			if (!insn || insn == sec->insns) {
				ERROR("%s: can't find reachable insn at %s+0x%lx",
				      file->path, sec->name, off);
				return -1;
			}
			insn--;
		}
		/* upstream only clears the dead end: other kinds keep theirs */
		if (insn->type == INSN_BUG)
			insn->type = INSN_OTHER;
	}
	return 0;
}
