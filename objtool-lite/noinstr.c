// SPDX-License-Identifier: GPL-2.0
/*
 * --hacks=noinstr: code in noinstr text runs where instrumentation must
 * not (entry code before the kernel's state is set up, idle), but not
 * every compiler can be told to leave out its coverage and sanitizer
 * calls per function.  Like upstream objtool, the tool removes them:
 * a call to such a function becomes a NOP of the same length, and a tail
 * call (a jump) becomes a return, its relocation made R_NONE (0 on every
 * port) so the linker leaves the new bytes alone (call_rewrite()).
 *
 * The walk (check.c) then sees what the kernel will run: the NOP falls
 * through, the return ends the path.  The return needs no trap after it
 * for --sls and no thunk for --rethunk: it is marked retpoline-safe, as
 * upstream marks it (its trap is inside the same instruction slot).
 */
#include <string.h>

#include <objtool/elf.h>
#include <objtool/warn.h>

#include "passes.h"

/* The kernel's generic noinstr sections; a port adds its own. */
static const char *const generic_noinstr[] = {
	".noinstr.text", ".entry.text", ".cpuidle.text", NULL,
};

static bool name_listed(const char *const *list, const char *name)
{
	for (; list && *list; list++) {
		size_t len = strlen(*list);

		if ((*list)[len - 1] == '*' ? !strncmp(name, *list, len - 1) :
		    !strcmp(name, *list))
			return true;
	}
	return false;
}

bool noinstr_section(const struct objtool_file *file, const struct section *sec)
{
	return name_listed(generic_noinstr, sec->name) ||
	       name_listed(file->arch->noinstr_sections, sec->name);
}

/*
 * Upstream's list: KCOV's hooks, and KCSAN's function entry/exit and
 * barrier hooks that some compilers keep despite __no_sanitize_thread.
 * Only global symbols are hooks (a local function may have any name).
 */
static bool profiling_func(const struct symbol *sym)
{
	return sym->bind == STB_GLOBAL &&
	       (!strncmp(sym->name, "__sanitizer_cov_", 16) ||
		!strncmp(sym->name, "__tsan_func_", 12) ||
		!strcmp(sym->name, "__tsan_atomic_signal_fence"));
}

/*
 * Make the call or tail call @insn a NOP or a return (@as_return) of the
 * same length, its relocation R_NONE (0 on every port): --hacks=noinstr
 * here, --mnop in mcount.c.  The walk then sees what the kernel will run.
 */
int call_rewrite(struct objtool_file *file, struct instruction *insn, bool as_return)
{
	const uint8_t *(*make)(unsigned int) = as_return ? file->arch->ret_insn :
							   file->arch->nop_insn;
	const uint8_t *bytes = make ? make(insn->len) : NULL;
	struct reloc *reloc;

	if (!bytes) {
		error_insn(file, insn, "no %u-byte %s to replace the call to %s() with",
			   insn->len, as_return ? "return" : "NOP",
			   insn->call_dest ? insn->call_dest->name : "?");
		return -1;
	}
	reloc = find_reloc(insn->sec, insn->offset, insn->len);
	if (reloc && elf_set_reloc_type(file, insn->sec, reloc, 0))
		return -1;
	if (elf_write_bytes(file, insn->sec, insn->offset, bytes, insn->len))
		return -1;
	insn->type = as_return ? INSN_RETURN : INSN_NOP;
	insn->flags &= ~(INSN_SIBLING | INSN_HAS_DEST);
	if (as_return)
		insn->flags |= INSN_RETPOLINE_SAFE;
	insn->call_dest = NULL;
	insn->jump_dest = NULL;
	return 0;
}

int noinstr_hack(struct objtool_file *file)
{
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		struct section *sec = &file->secs[s];

		if (!sec->nr_insns || !noinstr_section(file, sec))
			continue;
		for (unsigned int i = 0; i < sec->nr_insns; i++) {
			struct instruction *insn = &sec->insns[i];

			if (!insn->call_dest || !profiling_func(insn->call_dest))
				continue;
			/* a tail call only from inside a function, as upstream */
			if (insn->type != INSN_CALL &&
			    (!(insn->flags & INSN_SIBLING) || !insn->func))
				continue;
			if (call_rewrite(file, insn, insn->type != INSN_CALL))
				return -1;
		}
	}
	return 0;
}
