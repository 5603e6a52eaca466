// SPDX-License-Identifier: GPL-2.0
/*
 * --uaccess: the kernel may touch user memory only between an
 * instruction that allows it and one that forbids it again (stac and
 * clac, which set and clear the AC flag).  While it is allowed, any code that runs could
 * be tricked into accessing user memory, so upstream objtool checks on
 * every path of the walk (check.c carries the state) that such a window
 * stays small:
 *
 *   - no call, and no tail call, leaves it, except to the port's list of
 *     functions known to be safe there (->uaccess_safe);
 *   - no function returns inside it, except those safe functions, which
 *     must return inside it (they run with it allowed from their entry);
 *   - it is not opened twice, not closed when closed (in a function),
 *     and a safe function does not close it (unless it restores a saved
 *     state).
 *
 * Saving and restoring the flags (pushf/popf) inside an alternative saves
 * and restores the state too, on a small stack of bits, as upstream's.
 * An instruction is walked once per state (INSN_VISITED_UA/NOUA).
 */
#include <objtool/elf.h>
#include <objtool/warn.h>

#include "passes.h"

int uaccess_mark_safe(struct objtool_file *file)
{
	const char *const *name = file->arch->uaccess_safe;

	if (!name) {
		ERROR("--uaccess: not available for %s objects", file->arch->name);
		return -1;
	}
	for (; *name; name++) {
		struct symbol *sym = find_symbol_by_name(file, *name);

		if (sym)
			sym->uaccess_safe = true;
	}
	return 0;
}

static bool safe(const struct symbol *func)
{
	return func && func->uaccess_safe;
}

/* What a call goes to: retpolined and register calls are "{dynamic}". */
const struct symbol *call_dest_sym(const struct instruction *insn)
{
	const struct symbol *dest = insn->call_dest;

	return dest && !dest->indirect_thunk ? dest : NULL;
}

/*
 * upstream's name for the callee.  Upstream 6.12 has code to name a
 * paravirt call by its pv_ops slot, but it never finds the relocation
 * (it looks without the file), so every indirect call is "{dynamic}".
 */
const char *call_dest_name(const struct instruction *insn)
{
	const struct symbol *dest = call_dest_sym(insn);

	return dest ? dest->name : "{dynamic}";
}

int uaccess_call(struct objtool_file *file, const struct instruction *insn,
		 const struct uaccess_state *st)
{
	if (!st->on || safe(call_dest_sym(insn)))
		return 0;
	warn_insn(file, insn, "call to %s() with UACCESS enabled", call_dest_name(insn));
	return -1;
}

int uaccess_return(struct objtool_file *file, const struct symbol *func,
		   const struct instruction *insn, const struct uaccess_state *st)
{
	if (st->on && !safe(func)) {
		warn_insn(file, insn, "return with UACCESS enabled");
		return -1;
	}
	if (!st->on && safe(func)) {
		warn_insn(file, insn, "return with UACCESS disabled from a UACCESS-safe function");
		return -1;
	}
	return 0;
}

int uaccess_toggle(struct objtool_file *file, const struct symbol *func,
		   const struct instruction *insn, struct uaccess_state *st)
{
	if (insn->type == INSN_UACCESS_ON) {
		if (st->on) {
			warn_insn(file, insn, "recursive UACCESS enable");
			return -1;
		}
		st->on = true;
		return 0;
	}
	if (!st->on && func) {
		warn_insn(file, insn, "redundant UACCESS disable");
		return -1;
	}
	if (safe(func) && !st->stack) {
		warn_insn(file, insn, "UACCESS-safe disables UACCESS");
		return -1;
	}
	st->on = false;
	return 0;
}

/*
 * pushf/popf in an alternative: the state goes on a stack of bits whose
 * lowest set bit above the saved ones marks its bottom (0: empty).
 */
int uaccess_flags_ops(struct objtool_file *file, const struct instruction *insn,
		      struct uaccess_state *st)
{
	const struct stack_op *ops = insn_ops(file, insn);

	if (!(insn->flags & INSN_IN_ALT))
		return 0;
	for (unsigned int i = 0; i < insn->nr_ops; i++) {
		if (ops[i].kind == OP_PUSHF) {
			if (!st->stack) {
				st->stack = 1;
			} else if (st->stack >> 31) {
				warn_insn(file, insn, "PUSHF stack exhausted");
				return -1;
			}
			st->stack = st->stack << 1 | st->on;
		} else if (ops[i].kind == OP_POPF && st->stack) {
			st->on = st->stack & 1;
			st->stack >>= 1;
			if (st->stack == 1)
				st->stack = 0;
		}
	}
	return 0;
}
