// SPDX-License-Identifier: GPL-2.0
/*
 * --unret (vmlinux.o, with --link): against Retbleed/SRSO, kernel entry
 * code must untrain the return predictor (UNTRAIN_RET) before its first
 * return.  Each entry point marked VALIDATE_UNRET_BEGIN
 * (.discard.validate_unret) is followed, as upstream follows it, through
 * jumps, alternatives and into called functions, until every path has
 * reached an untraining point (VALIDATE_UNRET_END: a NOP marked
 * retpoline-safe).  A call that comes back without a warning passed one,
 * so the path is done.  Warned, with upstream's words: a return first
 * ("RET before UNTRAIN"), an indirect branch first ("early indirect
 * call", its target unknown); the end of the section and a callee that
 * cannot be found stop the run.
 *
 * An instruction is followed once (INSN_VISITED_UNRET), apart from the
 * main walk's marks.
 */
#include <objtool/elf.h>
#include <objtool/warn.h>

#include "passes.h"

static int mark_begin(struct objtool_file *file, struct instruction *insn)
{
	(void)file;
	insn->flags |= INSN_UNRET_BEGIN;
	return 0;
}

int unret_read(struct objtool_file *file)
{
	return read_annotations(file, ".discard.validate_unret", mark_begin);
}

static int follow(struct objtool_file *file, struct instruction *insn);

/* Where a (tail) call goes: its function's first instruction. */
static int follow_call(struct objtool_file *file, struct instruction *insn)
{
	const struct symbol *dest = insn->call_dest;
	struct instruction *start = dest && dest->sec ? find_insn(dest->sec, dest->offset) : NULL;

	if (insn->type == INSN_CALL && insn->jump_dest)
		start = insn->jump_dest;	/* a call to a label: a jump for upstream */
	if (!start) {
		ERROR("%s: Unresolved function after linking!?: %s", file->path,
		      dest ? dest->name : insn_location(insn));
		return -1;
	}
	return follow(file, start);
}

/* >0 after a warning, <0 on an error, 0 when every path untrained. */
static int follow(struct objtool_file *file, struct instruction *insn)
{
	int ret;

	for (;;) {
		struct instruction *next;
		bool skip_orig = false;

		if (insn->flags & INSN_VISITED_UNRET)
			return 0;
		insn->flags |= INSN_VISITED_UNRET;

		if (insn->alts && !(insn->flags & INSN_IGNORE_ALTS)) {
			for (struct alternative *alt = insn->alts; alt; alt = alt->next) {
				struct instruction *dest = alt->insn;

				skip_orig |= alt->skip_orig;
				if (alt->jump_label && insn->type == INSN_JUMP_UNCOND)
					dest = next_insn(insn);	/* the site may be a nop */
				ret = follow(file, dest);
				if (ret)
					return ret;
			}
			if (skip_orig)
				return 0;
		}

		switch (insn->type) {
		case INSN_CALL_DYNAMIC:
		case INSN_JUMP_DYNAMIC:
			warn_insn(file, insn, "early indirect call");
			return 1;
		case INSN_JUMP_COND:
		case INSN_JUMP_UNCOND:
			if (!(insn->flags & INSN_SIBLING)) {
				if (!insn->jump_dest) {
					ERROR("%s: %s: unresolved jump target after linking?!?",
					      file->path, insn_location(insn));
					return -1;
				}
				ret = follow(file, insn->jump_dest);
				if (ret || insn->type == INSN_JUMP_UNCOND)
					return ret;
				break;
			}
			return follow_call(file, insn);
		case INSN_CALL:
			return follow_call(file, insn);
		case INSN_RETURN:
			warn_insn(file, insn, "RET before UNTRAIN");
			return 1;
		case INSN_CONTEXT_SWITCH:
			if (insn->func)
				break;
			return 0;
		case INSN_NOP:
			if (insn->flags & INSN_RETPOLINE_SAFE)
				return 0;	/* VALIDATE_UNRET_END */
			break;
		default:
			break;
		}
		if ((insn->flags & INSN_DEAD_END) || insn->type == INSN_BUG)
			return 0;
		next = insn->flags & INSN_ALT_END ? insn->alt_next : next_insn(insn);
		if (!next) {
			ERROR("%s: %s: the walk of --unret ran off the end of %s",
			      file->path, insn_location(insn), insn->sec->name);
			return -1;
		}
		insn = next;
	}
}

int unret_check(struct objtool_file *file)
{
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		struct section *sec = &file->secs[s];

		for (unsigned int i = 0; i < sec->nr_insns; i++) {
			struct instruction *insn = &sec->insns[i];
			int ret;

			if (!(insn->flags & INSN_UNRET_BEGIN))
				continue;
			ret = follow(file, insn);
			if (ret < 0) {
				error_insn(file, insn, "Failed UNRET validation");
				return -1;
			}
		}
	}
	return 0;
}
