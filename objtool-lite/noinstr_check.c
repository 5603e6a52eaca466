// SPDX-License-Identifier: GPL-2.0
/*
 * --noinstr (vmlinux.o, with --link): code in noinstr text must not call
 * out of it while instrumentation is off, because the callee may be
 * traced, probed or sanitized before the kernel is ready for that.  The
 * walk (check.c) counts instrumentation_begin()/instrumentation_end()
 * (the .discard.instr_begin/end annotations) per path in a function of
 * noinstr text, and, as upstream, warns
 *
 *   - at a call or tail call with instrumentation off to anything but
 *     noinstr text, a static call trampoline (the target is unknown) or
 *     a UBSAN handler (it only reports a bug): "call to %s() leaves
 *     .noinstr.text section";
 *   - at a return with instrumentation still on.
 *
 * A paravirt call ("call *pv_ops[N]") is fine when every function that
 * any of the kernel's pv_ops tables puts in slot N is noinstr text (each
 * one that is not is named: "pv_ops[N]: func"); the ones paravirt
 * patching replaces with native code do not count.
 */
#include <stdlib.h>
#include <string.h>

#include <objtool/elf.h>
#include <objtool/warn.h>

#include "passes.h"

struct pv_slot {
	struct symbol **targets;	/* in upstream's order: the last added first */
	unsigned int nr, cap;
	bool clean;
};

static int instr_end(struct objtool_file *file, struct instruction *insn)
{
	(void)file;
	insn->instr--;
	return 0;
}

static int instr_begin(struct objtool_file *file, struct instruction *insn)
{
	(void)file;
	insn->instr++;
	return 0;
}

static int pv_add(struct objtool_file *file, unsigned int idx, struct symbol *func)
{
	struct pv_slot *slot = &file->pv_ops[idx];

	/* patched into native code at boot (paravirt_patch()) */
	if (!strcmp(func->name, "_paravirt_nop") || !strcmp(func->name, "_paravirt_ident_64"))
		return 0;
	if (func->pv_target)
		return 0;	/* one slot per function, the first that names it */
	if (slot->nr == slot->cap) {
		unsigned int cap = slot->cap ? slot->cap * 2 : 4;
		struct symbol **t = realloc(slot->targets, cap * sizeof(*t));

		if (!t)
			return -1;
		slot->targets = t;
		slot->cap = cap;
	}
	slot->targets[slot->nr++] = func;
	func->pv_target = true;
	slot->clean = false;
	return 0;
}

/* Each pointer in the table @name fills the pv_ops slot of its offset. */
static int pv_table(struct objtool_file *file, const char *name)
{
	struct symbol *table = find_symbol_by_name(file, name);

	if (!table || !table->sec)
		return 0;
	for (unsigned int r = 0; r < table->sec->nr_relocs; r++) {
		struct reloc *reloc = &table->sec->relocs[r];
		struct symbol *func = reloc->sym;
		unsigned long idx;

		if (reloc->offset < table->offset || reloc->offset >= table->offset + table->len)
			continue;
		if (func->type == STT_SECTION)
			func = find_symbol_starting(file, func->sec, reloc->addend);
		idx = (reloc->offset - table->offset) / 8;
		if (!func || idx >= file->nr_pv_ops)
			continue;
		if (pv_add(file, idx, func))
			return -1;
	}
	return 0;
}

int noinstr_read(struct objtool_file *file)
{
	/* the kernel's tables of paravirt operations, all indexed like pv_ops */
	static const char *const tables[] = {
		"pv_ops", "xen_cpu_ops", "xen_irq_ops", "xen_mmu_ops", NULL,
	};
	struct symbol *pv_ops;

	/* as upstream: the begin marks are read only when end marks exist */
	if (find_section_by_name(file, ".discard.instr_end") &&
	    (read_annotations(file, ".discard.instr_end", instr_end) ||
	     read_annotations(file, ".discard.instr_begin", instr_begin)))
		return -1;
	pv_ops = find_symbol_by_name(file, "pv_ops");
	if (!pv_ops)
		return 0;
	file->nr_pv_ops = pv_ops->len / 8;
	file->pv_ops = calloc(file->nr_pv_ops ?: 1, sizeof(*file->pv_ops));
	if (!file->pv_ops)
		return -1;
	for (const char *const *t = tables; *t; t++)
		if (pv_table(file, *t))
			return -1;
	return 0;
}

void noinstr_release(struct objtool_file *file)
{
	for (unsigned int i = 0; file->pv_ops && i < file->nr_pv_ops; i++)
		free(file->pv_ops[i].targets);
	free(file->pv_ops);
	file->pv_ops = NULL;
}

/*
 * "call *pv_ops[N]": noinstr when every target of slot N is.  Upstream
 * re-checks a slot found unclean at every call, naming its targets again.
 */
static bool pv_call_ok(struct objtool_file *file, const struct instruction *insn)
{
	struct reloc *reloc = find_reloc(insn->sec, insn->offset, insn->len);
	struct pv_slot *slot;
	long idx;

	if (!file->pv_ops || !reloc || strcmp(reloc->sym->name, "pv_ops"))
		return false;
	if (!branch_reloc_dest(file, 0, reloc->addend, &idx))
		return false;
	idx /= 8;
	if (idx < 0 || (unsigned long)idx >= file->nr_pv_ops)
		return false;
	slot = &file->pv_ops[idx];
	if (slot->clean)
		return true;
	slot->clean = true;
	for (unsigned int i = slot->nr; i-- > 0;) {
		const struct symbol *t = slot->targets[i];

		if (!t->sec || !noinstr_section(file, t->sec)) {
			warn_file(NULL, "pv_ops[%ld]: %s", idx, t->name);
			slot->clean = false;
		}
	}
	return slot->clean;
}

static bool noinstr_dest(struct objtool_file *file, const struct instruction *insn)
{
	const struct symbol *func = call_dest_sym(insn);

	if (!func)
		return pv_call_ok(file, insn);
	if (func->sec && noinstr_section(file, func->sec))
		return true;
	if (func->bind == STB_GLOBAL && !strncmp(func->name, "__SCT__", 7))
		return true;	/* a static call: where it goes is not known here */
	return !strncmp(func->name, "__ubsan_handle_", 15);
}

int noinstr_call(struct objtool_file *file, const struct instruction *insn)
{
	if (noinstr_dest(file, insn))
		return 0;
	warn_insn(file, insn, "call to %s() leaves .noinstr.text section", call_dest_name(insn));
	return -1;
}

int noinstr_return(struct objtool_file *file, const struct instruction *insn)
{
	warn_insn(file, insn, "return with instrumentation enabled");
	return -1;
}
