// SPDX-License-Identifier: GPL-2.0
/*
 * Which calls never return.  A path ends at such a call; continuing would
 * walk into whatever the compiler placed next (often another function).
 *
 * Two sources: a list of kernel (and kit) functions known not to return,
 * which matters for calls into other objects, and detection for functions
 * defined in this object: no return instruction, no tail call to a
 * returning function, no indirect jump that could be one.
 */
#include <string.h>

#include <objtool/elf.h>
#include <objtool/warn.h>

#include "passes.h"

/*
 * Linux functions declared __noreturn that modules and built-ins call, on
 * every port; a port adds its own (arch->noreturns).
 */
static const char *const generic_noreturns[] = {
	"__fortify_panic", "__invalid_creds", "__module_put_and_kthread_exit",
	"__reiserfs_panic", "__stack_chk_fail",
	"__ubsan_handle_builtin_unreachable", "__ubsan_handle_missing_return",
	"arch_cpu_idle_dead", "bch2_trans_in_restart_error",
	"bch2_trans_restart_error", "bch2_trans_unlocked_error",
	"cpu_startup_entry", "do_exit", "do_group_exit",
	"do_task_dead", "fortify_panic",
	"kthread_complete_and_exit", "kthread_exit",
	"kunit_try_catch_throw", "make_task_dead",
	"mpt_halt_firmware", "nmi_panic_self_stop", "panic",
	"panic_smp_self_stop", "rest_init",
	"rust_begin_unwind", "rust_helper_BUG",
	"start_kernel", "usercopy_abort", "vpanic",
	/* the kit's own */
	"kit_panic", "kit_task_exit",
	/* C library, for objects that are not kernel code */
	"abort", "exit", "_exit", "__assert_fail", "longjmp", "siglongjmp",
	"_longjmp", "__longjmp_chk",
	"pthread_exit", "__cxa_throw", "_Unwind_Resume",
	/* libraries in the test corpora (defined in other objects) */
	"OPENSSL_die", "gomp_fatal",
	NULL
};

static bool dead_end_function(struct objtool_file *file, struct symbol *func,
			      int depth);

/* Does any instruction of @func (and its .cold part) leave it normally? */
static bool returns(struct objtool_file *file, struct symbol *func, int depth)
{
	struct section *sec = func->sec;
	struct instruction *insn = find_insn(sec, func->offset);

	if (!insn)
		return true;
	for (; insn && insn->offset < func->offset + func->len; insn = next_insn(insn)) {
		switch (insn->type) {
		case INSN_RETURN:
		case INSN_RETURN_COND:
			return true;
		case INSN_JUMP_DYNAMIC:
			if (!(insn->flags & INSN_JUMP_TABLE))
				return true;
			break;
		case INSN_JUMP_COND:
		case INSN_JUMP_UNCOND:
			if (!(insn->flags & INSN_SIBLING))
				break;
			if (!insn->call_dest || !insn->call_dest->sec ||
			    !dead_end_function(file, insn->call_dest, depth + 1))
				return true;
			break;
		default:
			break;
		}
	}
	return false;
}

static bool dead_end_function(struct objtool_file *file, struct symbol *func,
			      int depth)
{
	if (func->noreturn_checked)
		return func->noreturn;
	if (depth > 16)
		return false;	/* deep tail-call chains: assume it returns */
	func->noreturn_checked = true;	/* breaks recursion: assume returns */
	func->noreturn = false;
	if (func->bind == STB_WEAK || !func->len)
		return false;
	func->noreturn = !returns(file, func, depth);
	/* the .cold part may hold the only return */
	if (func->noreturn && func->cfunc && func->cfunc->sec &&
	    returns(file, func->cfunc, depth))
		func->noreturn = false;
	return func->noreturn;
}

static void mark_listed(struct objtool_file *file, const char *const *list)
{
	for (; list && *list; list++) {
		struct symbol *sym = find_symbol_by_name(file, *list);

		if (sym)
			sym->noreturn = sym->noreturn_checked = true;
	}
}

int mark_noreturns(struct objtool_file *file)
{
	mark_listed(file, generic_noreturns);
	mark_listed(file, file->arch->noreturns);
	for (unsigned int i = 0; i < file->nr_syms; i++) {
		struct symbol *sym = &file->syms[i];

		if (sym->type == STT_FUNC && sym->sec && sym->sec->text &&
		    sym->pfunc == sym)
			dead_end_function(file, sym, 0);
	}
	/* calls (and tail calls) to them end their path */
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		struct section *sec = &file->secs[s];

		for (unsigned int i = 0; i < sec->nr_insns; i++) {
			struct instruction *insn = &sec->insns[i];

			if (insn->type == INSN_CALL && insn->call_dest &&
			    insn->call_dest->noreturn)
				insn->flags |= INSN_DEAD_END;
		}
	}
	return 0;
}
