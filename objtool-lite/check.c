// SPDX-License-Identifier: GPL-2.0
/*
 * Follow every path of every function with the stack state, and attach the
 * state to each instruction it reaches.  Where two paths meet, their
 * states must agree: that agreement is what makes a single unwind rule
 * per instruction (the ORC entry) true on every path.
 *
 * The walk is iterative (a work list of pending branches), so deep
 * functions cannot overflow objtool-lite's own stack.  Like upstream, the
 * first problem in a function ends its walk and is the one reported; on
 * ports that ask for it, the rest of the function then still gets states
 * (fallback_states()).
 */
#include <stdlib.h>
#include <string.h>

#include <objtool/disas.h>
#include <objtool/objtool.h>
#include <objtool/warn.h>

#include "cfi_engine.h"
#include "passes.h"

/*
 * A branch still to walk.  The list is a stack, used so that paths are
 * visited in the order upstream objtool's recursion visits them (branch
 * target before fall-through, alternatives before the original): when a
 * function has a problem, the walk stops at the same point, and the
 * instructions it reached get the same states.
 */
struct pending {
	struct instruction *insn;
	struct cfi_state cfi;
	bool resume;		/* continue after @insn's alternatives */
	int node;		/* how the walk got here, for --backtrace */
	struct uaccess_state ua;
	int instr;
};

/* One branch taken on the way to an instruction: a chain per path. */
struct path_node {
	struct instruction *branch;
	int parent;
};

struct walk {
	struct objtool_file *file;
	struct symbol *func;
	struct cfi_state init;		/* state at the function's entry */
	struct pending *stack;
	unsigned int nr, cap;
	struct path_node *nodes;	/* only with --backtrace */
	unsigned int nr_nodes, cap_nodes;
	int node;			/* the current path's chain */
	struct uaccess_state ua;	/* the current path's (--uaccess) */
	bool uaccess;			/* --uaccess: track it */
	/* --noinstr: the function is noinstr text; the current path's
	 * instrumentation_begin() nesting */
	bool noinstr;
	int instr;
	/* --noinstr without a walk of its own (no --stackval, --orc or
	 * --uaccess): upstream then walks only the noinstr sections */
	bool noinstr_only;
};

/* The rules a call or tail call must keep: --noinstr's, then --uaccess's. */
static int call_rules(struct walk *w, const struct instruction *insn)
{
	if (w->noinstr && w->instr <= 0 && noinstr_call(w->file, insn))
		return -1;
	if (w->uaccess && uaccess_call(w->file, insn, &w->ua))
		return -1;
	return 0;
}

/* The current path goes through @branch; returns the previous chain. */
static int took_branch(struct walk *w, struct instruction *branch)
{
	int prev = w->node;

	if (!w->file->opts->backtrace)
		return prev;
	if (w->nr_nodes == w->cap_nodes) {
		unsigned int cap = w->cap_nodes ? w->cap_nodes * 2 : 256;
		struct path_node *n = realloc(w->nodes, cap * sizeof(*n));

		if (!n)
			return prev;
		w->nodes = n;
		w->cap_nodes = cap;
	}
	w->nodes[w->nr_nodes] = (struct path_node){ branch, prev };
	w->node = w->nr_nodes++;
	return prev;
}

/* --backtrace: the branches that led to the warning, innermost first. */
static void print_backtrace(struct walk *w)
{
	for (int n = w->node; n >= 0; n = w->nodes[n].parent) {
		const struct instruction *insn = w->nodes[n].branch;

		fprintf(stderr, "%s: warning: objtool:   %s: (branch) ",
			objname, insn_location(insn));
		print_insn_text(w->file, insn, stderr);
		fputc('\n', stderr);
	}
	if (w->func)
		fprintf(stderr, "%s: warning: objtool:   %s+0x0: (function entry)\n",
			objname, w->func->name);
}

static int push_pending(struct walk *w, struct instruction *insn,
			const struct cfi_state *cfi, bool resume)
{
	if (!insn)
		return 0;
	if (w->nr == w->cap) {
		unsigned int cap = w->cap ? w->cap * 2 : 64;
		struct pending *s = realloc(w->stack, cap * sizeof(*s));

		if (!s)
			return -1;
		w->stack = s;
		w->cap = cap;
	}
	w->stack[w->nr].insn = insn;
	w->stack[w->nr].cfi = *cfi;
	w->stack[w->nr].resume = resume;
	w->stack[w->nr].node = w->node;
	w->stack[w->nr].ua = w->ua;
	w->stack[w->nr].instr = w->instr;
	w->nr++;
	return 0;
}

static int push(struct walk *w, struct instruction *insn, const struct cfi_state *cfi)
{
	return push_pending(w, insn, cfi, false);
}

/* Leaving the function (return, tail call) needs the entry state back. */
static bool modified_frame(const struct walk *w, const struct cfi_state *cfi)
{
	const struct cfi_state *init = &w->init;

	return cfi->cfa.base != init->cfa.base ||
	       cfi->cfa.offset != init->cfa.offset ||
	       cfi->stack_size != init->stack_size ||
	       memcmp(cfi->regs, init->regs, sizeof(cfi->regs));
}


/*
 * Upstream's wording, with registers as upstream numbers them (the arch
 * maps DWARF numbers; arches without an upstream objtool print DWARF's).
 */
static int upstream_reg(const struct objtool_arch *arch, int base)
{
	if (base < 0)
		return base;
	return arch->upstream_reg(base);
}

static void warn_mismatch(struct walk *w, struct instruction *insn,
			  const struct cfi_state *a, const struct cfi_state *b)
{
	const struct objtool_arch *arch = w->file->arch;

	if (memcmp(&a->cfa, &b->cfa, sizeof(a->cfa))) {
		warn_insn(w->file, insn, "stack state mismatch: cfa1=%d%+d cfa2=%d%+d",
			  upstream_reg(arch, a->cfa.base), a->cfa.offset,
			  upstream_reg(arch, b->cfa.base), b->cfa.offset);
		return;
	}
	for (int i = 0; i < CFI_NUM_REGS; i++) {
		if (!memcmp(&a->regs[i], &b->regs[i], sizeof(a->regs[i])))
			continue;
		warn_insn(w->file, insn,
			  "stack state mismatch: reg1[%d]=%d%+d reg2[%d]=%d%+d",
			  upstream_reg(arch, i), upstream_reg(arch, a->regs[i].base),
			  a->regs[i].offset, upstream_reg(arch, i),
			  upstream_reg(arch, b->regs[i].base), b->regs[i].offset);
		return;
	}
	warn_insn(w->file, insn, "stack state mismatch: type1=%d type2=%d",
		  a->type, b->type);
}

/* Linux's __pfx_foo / __cfi_foo: NOP padding or a kCFI type hash before foo. */
static bool is_prefix_symbol(const struct symbol *func)
{
	return !strncmp(func->name, "__pfx_", 6) || !strncmp(func->name, "__cfi_", 6);
}

/* The nearest SAVE hint before a RESTORE hint, in the same function. */
static const struct cfi_state *saved_state(struct instruction *insn)
{
	for (struct instruction *p = insn - 1; p >= insn->sec->insns; p--) {
		if (p->func != insn->func)
			break;
		if (p->flags & INSN_SAVE)
			return p->cfi;
	}
	return NULL;
}

/* Does @op move sp, save or restore a register, or use a stack slot? */
static bool stack_related(const struct objtool_arch *arch, const struct stack_op *op)
{
	switch (op->kind) {
	case OP_CONST:
	case OP_CLOBBER:
		/* "xor %ebp,%ebp" at a task's entry is no stack operation */
		return op->dst == arch->cfi_sp;
	default:
		return true;
	}
}

/*
 * An instruction sp cannot be followed through makes the CFA unknown;
 * like upstream, that is reported only when a later stack operation in a
 * function depends on it (a hint right after it is fine).
 */
static int apply_ops(struct walk *w, struct instruction *insn, struct cfi_state *cfi)
{
	const struct objtool_arch *arch = w->file->arch;
	const struct stack_op *ops = insn_ops(w->file, insn);

	for (unsigned int i = 0; i < insn->nr_ops; i++) {
		if (cfi->cfa.base == CFI_UNDEFINED) {
			if (!stack_related(arch, &ops[i]))
				continue;
			if (!insn->func)
				return 0;
			warn_insn(w->file, insn, "undefined stack state");
			return -1;
		}
		switch (cfi_apply_op(arch, cfi, &ops[i])) {
		case CFI_OK:
			break;
		case CFI_ERR_REALIGN:
			warn_insn(w->file, insn, "unsupported stack pointer realignment");
			return -1;
		default:
			cfi->cfa.base = CFI_UNDEFINED;
			cfi->cfa.offset = 0;
			break;
		}
	}
	return 0;
}

/* Where execution continues after @insn when it does not branch. */
static struct instruction *fallthrough(const struct instruction *insn)
{
	if (insn->flags & INSN_ALT_END)
		return insn->alt_next;
	return next_insn(insn);
}

/*
 * Other paths starting at @insn: jump-table targets (last entry first),
 * then alternatives and jump labels in list order; @insn itself resumes
 * after all of them.  Pushed in reverse so they pop in that order.
 */
static int push_alternatives(struct walk *w, struct instruction *insn,
			     const struct cfi_state *cfi)
{
	unsigned int nr_alts = 0;
	struct alternative *alt;

	/* an arch rule may take the original side out of the walk (->alt_walk) */
	bool skip_orig = false;

	if (insn->flags & INSN_IGNORE_ALTS)
		nr_alts = 0;
	else
		for (alt = insn->alts; alt; alt = alt->next, nr_alts++)
			skip_orig |= alt->skip_orig;
	if (!skip_orig && push_pending(w, insn, cfi, true))
		return -1;
	for (unsigned int k = nr_alts; k > 0; k--) {
		struct instruction *dest;
		unsigned int i = 1;

		for (alt = insn->alts; i < k; alt = alt->next)
			i++;
		dest = alt->insn;
		if (alt->jump_label && insn->type == INSN_JUMP_UNCOND)
			dest = next_insn(insn);		/* the site may be a nop */
		int prev = took_branch(w, insn);

		if (push(w, dest, cfi))
			return -1;
		w->node = prev;
	}
	if (insn->flags & INSN_JUMP_TABLE) {
		int prev = took_branch(w, insn);

		for (struct instruction **d = insn->jump_table; *d; d++)
			if (push(w, *d, cfi))
				return -1;
		w->node = prev;
	}
	return 0;
}

/*
 * Handle control flow at @insn.  Returns the next instruction of this
 * path, NULL when the path ends, or ERR_PATH after a warning.
 */
#define ERR_PATH ((struct instruction *)-1)

/* The path ended only because the section did (not a branch or trap). */
static bool step_falls_off(const struct instruction *insn)
{
	switch (insn->type) {
	case INSN_OTHER:
	case INSN_NOP:
	case INSN_ENDBR:
	case INSN_UACCESS_ON:
	case INSN_UACCESS_OFF:
	case INSN_SYSCALL:
	case INSN_JUMP_COND:
	case INSN_RETURN_COND:
		return !fallthrough(insn);
	case INSN_CALL:
	case INSN_CALL_DYNAMIC:
		return !(insn->flags & INSN_DEAD_END) && !fallthrough(insn);
	default:
		return false;
	}
}

static struct instruction *step(struct walk *w, struct instruction *insn,
				struct cfi_state *cfi)
{
	struct objtool_file *file = w->file;
	bool in_func = w->func != NULL;

	switch (insn->type) {
	case INSN_RETURN:
	case INSN_RETURN_COND:
		if (w->noinstr && w->instr > 0 && noinstr_return(file, insn))
			return ERR_PATH;
		if (w->uaccess && uaccess_return(file, w->func, insn, &w->ua))
			return ERR_PATH;
		if (in_func && modified_frame(w, cfi)) {
			warn_insn(file, insn, "return with modified stack frame");
			return ERR_PATH;
		}
		if (insn->type == INSN_RETURN)
			return NULL;
		break;

	case INSN_CALL:
	case INSN_CALL_DYNAMIC:
		/* a call to a label is a jump for upstream: not a call to check */
		if (!(insn->type == INSN_CALL && insn->jump_dest) && call_rules(w, insn))
			return ERR_PATH;
		if (file->opts->stackval && in_func &&
		    !(insn->call_dest && insn->call_dest->fentry)) {
			const char *bad = file->arch->call_frame_check(file->arch, cfi);

			if (bad) {
				warn_insn(file, insn, "%s", bad);
				return ERR_PATH;
			}
		}
		if (insn->flags & INSN_DEAD_END)
			return NULL;
		if (insn->type == INSN_CALL && insn->jump_dest) {
			/* call to a label: its target runs with the return address pushed */
			struct stack_op op = { .kind = OP_PUSH, .src = OP_REG_NONE, .size = 8 };

			if (push(w, fallthrough(insn), cfi))
				return ERR_PATH;
			if (file->arch->cfi_ra == CFI_UNDEFINED)
				cfi_apply_op(file->arch, cfi, &op);
			took_branch(w, insn);
			return insn->jump_dest;
		}
		break;

	case INSN_JUMP_COND:
	case INSN_JUMP_UNCOND:
		if (insn->flags & INSN_SIBLING) {
			if (in_func && modified_frame(w, cfi)) {
				warn_insn(file, insn, "sibling call from callable instruction with modified stack frame");
				return ERR_PATH;
			}
			if (call_rules(w, insn))
				return ERR_PATH;
			if (insn->type == INSN_JUMP_UNCOND)
				return NULL;
			break;
		}
		/* the target first, as a recursive walk would */
		if (insn->type == INSN_JUMP_COND && push(w, fallthrough(insn), cfi))
			return ERR_PATH;
		took_branch(w, insn);
		return insn->jump_dest;

	case INSN_JUMP_DYNAMIC:
		if (insn->flags & INSN_JUMP_TABLE)
			return NULL;	/* its targets were pushed as alternatives */
		if (in_func && modified_frame(w, cfi)) {
			warn_insn(file, insn, "sibling call from callable instruction with modified stack frame");
			return ERR_PATH;
		}
		/* a tail call to an unknown target, for upstream, inside a function */
		if (insn->func && call_rules(w, insn))
			return ERR_PATH;
		return NULL;

	case INSN_UACCESS_ON:
	case INSN_UACCESS_OFF:
		if (w->uaccess && uaccess_toggle(file, w->func, insn, &w->ua))
			return ERR_PATH;
		break;

	case INSN_CONTEXT_SWITCH:
		/* entry code leaving a function must say what follows */
		if (in_func) {
			struct instruction *next = fallthrough(insn);

			if (!next || !(next->flags & INSN_HINT)) {
				warn_insn(file, insn, "unsupported instruction in callable function");
				return ERR_PATH;
			}
		}
		return NULL;

	case INSN_TRAP:
	case INSN_BUG:
		return NULL;

	case INSN_UNSUPPORTED:
		if (in_func) {
			warn_insn(file, insn, "unsupported instruction in callable function");
			return ERR_PATH;
		}
		return NULL;

	default:
		break;
	}

	return fallthrough(insn);
}

static int walk_path(struct walk *w, struct instruction *insn,
		     struct cfi_state *cfi, bool resume)
{
	struct objtool_file *file = w->file;
	/* the interned copy of *cfi, while no op has changed it */
	const struct cfi_state *interned = NULL;

	while (insn) {
		struct instruction *next;

		if (!resume) {
			if (w->func && insn->func && insn->func != w->func) {
				/* CFI/padding preambles run into their function by design */
				if (is_prefix_symbol(w->func))
					return 0;
				if (!w->func->warned)	/* quiet in fallback_states() */
					warn_file(file, "%s() falls through to next function %s()",
						  w->func->name, insn->func->name);
				w->func->warned = true;
				return -1;
			}
			if (insn->flags & INSN_HINT) {
				*cfi = *insn->hint;
				interned = insn->hint;
			} else if (insn->flags & INSN_RESTORE) {
				const struct cfi_state *saved = saved_state(insn);

				if (!saved) {
					warn_insn(file, insn, "no corresponding CFI save for CFI restore");
					return -1;
				}
				*cfi = *saved;
				interned = saved;
			}
			/* once per user access state, as upstream (--uaccess) */
			uint32_t mine = w->ua.on ? INSN_VISITED_UA : INSN_VISITED_NOUA;

			if (insn->flags & INSN_VISITED) {
				if (insn->cfi != interned && !cfi_equal(insn->cfi, cfi)) {
					warn_mismatch(w, insn, insn->cfi, cfi);
					return -1;
				}
				if (insn->flags & mine)
					return 0;
			}
			insn->flags |= INSN_VISITED | mine;
			if (w->noinstr)
				w->instr += insn->instr;
			if (!interned)
				interned = cfi_intern(cfi);
			if (!interned)
				return -1;
			insn->cfi = interned;
			if (insn->alts || (insn->flags & INSN_JUMP_TABLE))
				return push_alternatives(w, insn, cfi);
		}
		resume = false;

		if (insn->nr_ops) {
			interned = NULL;
			if (apply_ops(w, insn, cfi) ||
			    (w->uaccess && uaccess_flags_ops(file, insn, &w->ua)))
				return -1;
		}
		if (insn->type == INSN_CALL && insn->jump_dest)
			interned = NULL;	/* step() pushes the return address */
		next = step(w, insn, cfi);
		if (next == ERR_PATH)
			return -1;
		if (!next && insn->type != INSN_RETURN && step_falls_off(insn) &&
		    cfi->cfa.base != CFI_UNDEFINED) {
			if (!w->func || !w->func->warned)
				warn_file(file, "%s: unexpected end of section", insn->sec->name);
			return -1;
		}
		insn = next;
	}
	return 0;
}

static int walk(struct walk *w, struct instruction *start, const struct cfi_state *init)
{
	int ret = 0;

	w->nr = 0;
	w->node = -1;
	w->nr_nodes = 0;
	if (push(w, start, init))
		return -1;
	while (w->nr && !ret) {
		struct pending p = w->stack[--w->nr];

		w->node = p.node;
		w->ua = p.ua;
		w->instr = p.instr;
		ret = walk_path(w, p.insn, &p.cfi, p.resume);
	}
	if (ret && w->file->opts->backtrace)
		print_backtrace(w);
	return ret;
}

/*
 * Fallback after a warning: the rest of the function still gets states,
 * on ports that ask for it (arch->states_after_warning; upstream objtool,
 * which a port with an upstream matches byte for byte, leaves them
 * UNDEFINED).
 *
 * The walk of a function ends at its first problem, which is the one
 * reported; left like that, every instruction it had not reached yet gets
 * an UNDEFINED ORC entry, and an unwind from there fails even where the
 * frame is perfectly ordinary (a switch the jump-table recogniser does not
 * know, a call to a function nobody said does not return).  So, quietly
 * (the warning already given stays the function's only one, and the exit
 * status is what it made it):
 *   1. the paths still pending are walked to their ends;
 *   2. each instruction of the function (and its .cold part) no path
 *      reached starts a walk with the state of the nearest dispatch before
 *      it that could not be followed (an indirect jump taken for a tail
 *      call: its unknown targets run in its frame), or else of the nearest
 *      instruction before it that does not leave the function.
 * These states are a best guess, not a proof: the warning says so.
 */
static void walk_pending_quietly(struct walk *w)
{
	while (w->nr) {
		struct pending p = w->stack[--w->nr];

		w->node = p.node;
		w->ua = p.ua;
		w->instr = p.instr;
		walk_path(w, p.insn, &p.cfi, p.resume);
	}
}

static bool unfollowed_dispatch(const struct instruction *insn)
{
	return insn->type == INSN_JUMP_DYNAMIC && !(insn->flags & INSN_JUMP_TABLE);
}

/*
 * The scan below @insn goes no lower than @floor (nothing under it is a
 * candidate), and, when @dispatch_free says its part of the function has
 * no unfollowed dispatch, stops at the first candidate: without both, a
 * long unreached stretch made fill_unreached() quadratic.
 */
static const struct cfi_state *guess_state(const struct instruction *insn,
					   const struct instruction *floor,
					   bool dispatch_free)
{
	const struct cfi_state *near = NULL;

	for (const struct instruction *p = insn - 1;
	     p >= floor && p->func == insn->func; p--) {
		if (!(p->flags & INSN_VISITED) || !p->cfi)
			continue;
		if (unfollowed_dispatch(p))
			return p->cfi;
		if (!near && p->type != INSN_RETURN) {
			near = p->cfi;
			if (dispatch_free)
				break;
		}
	}
	return near;
}

/* No unfollowed dispatch in @first's function from below it to @end. */
static bool dispatch_free(const struct instruction *first, unsigned long end)
{
	for (const struct instruction *p = first;
	     p >= first->sec->insns && p->func == first->func; p--)
		if (unfollowed_dispatch(p))
			return false;
	for (const struct instruction *p = first; p && p->offset < end; p = next_insn(p))
		if (p->func == first->func && unfollowed_dispatch(p))
			return false;
	return true;
}

static void fill_unreached(struct walk *w, struct symbol *part)
{
	struct instruction *first = find_insn(part->sec, part->offset), *insn;
	const struct instruction *floor;
	unsigned long end = part->offset + part->len;
	bool no_dispatch;

	if (!first)
		return;
	floor = first->sec->insns;
	no_dispatch = dispatch_free(first, end);
	for (insn = first; insn && insn->offset < end; insn = next_insn(insn)) {
		const struct cfi_state *guess;

		if (insn->flags & INSN_VISITED)
			continue;
		guess = guess_state(insn, floor,
				    no_dispatch && insn->func == first->func);
		if (!guess) {
			/* nothing below was a candidate, and no walk changes that */
			floor = insn;
			continue;
		}
		w->nr = 0;
		if (push(w, insn, guess))
			return;
		walk_pending_quietly(w);
		floor = first->sec->insns;	/* the walk may have visited any of it */
	}
}

static void fallback_states(struct walk *w)
{
	struct symbol *func = w->func, *cold = func->cfunc;

	func->warned = true;
	if (cold)
		cold->warned = true;
	walk_pending_quietly(w);
	fill_unreached(w, func);
	if (cold && cold != func)
		fill_unreached(w, cold);
}

static int check_functions(struct objtool_file *file, struct walk *w)
{
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		struct section *sec = &file->secs[s];

		for (unsigned int f = 0; f < sec->nr_funcs; f++) {
			struct symbol *func = sec->funcs[f];
			struct instruction *insn;

			if (func->pfunc != func || !func->len ||
			    (w->noinstr_only && !noinstr_section(file, sec)))
				continue;
			insn = find_insn(sec, func->offset);
			if (!insn || (insn->flags & INSN_VISITED))
				continue;
			w->func = func;
			/* a UACCESS-safe function runs with user access allowed */
			w->ua = (struct uaccess_state){ .on = w->uaccess && func->uaccess_safe };
			w->noinstr = file->opts->noinstr && noinstr_section(file, sec);
			w->instr = 0;
			cfi_init(&w->init);
			file->arch->init_cfi(&w->init);
			if (walk(w, insn, &w->init) && file->arch->states_after_warning)
				fallback_states(w);
			file->nr_funcs_checked++;
		}
	}
	return 0;
}

/* asm outside functions that states its layout with hints */
static int check_hints(struct objtool_file *file, struct walk *w)
{
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		struct section *sec = &file->secs[s];

		for (unsigned int i = 0; i < sec->nr_insns; i++) {
			struct instruction *insn = &sec->insns[i];

			if (!(insn->flags & INSN_HINT) || (insn->flags & INSN_VISITED) ||
			    (w->noinstr_only && !noinstr_section(file, sec)))
				continue;
			w->func = insn->func;
			w->ua = (struct uaccess_state){ 0 };
			/* as upstream: hints are noinstr's only in the sections-only walk */
			w->noinstr = w->noinstr_only;
			w->instr = 0;
			cfi_init(&w->init);
			file->arch->init_cfi(&w->init);
			walk(w, insn, insn->hint);
		}
	}
	return 0;
}

static bool sanitizer_call(const struct instruction *insn)
{
	const char *name;

	if (insn->type != INSN_CALL || !insn->call_dest)
		return false;
	name = insn->call_dest->name;
	return !strncmp(name, "__ubsan_handle_", 15) || !strncmp(name, "__kasan_", 8) ||
	       !strncmp(name, "__asan_", 7) || !strncmp(name, "kasan_", 6);
}

/*
 * Code the compiler leaves behind on purpose: padding and traps, a BUG
 * after a call that does not return, static-call trampoline bodies, and
 * sanitizer reporting blocks whose only entry the walk cannot see.
 */
static bool ignore_unreachable(const struct instruction *insn)
{
	const struct instruction *prev = insn > insn->sec->insns ? insn - 1 : NULL;

	switch (insn->type) {
	case INSN_NOP:
	case INSN_TRAP:
		return true;
	default:
		break;
	}
	if ((insn->flags & INSN_IGNORE) || insn->sec->alt_replacement)
		return true;
	if (!insn->func)
		return false;	/* asm nobody reaches or annotates: say so */
	if (!strncmp(insn->func->name, "__SCT__", 7))
		return true;
	if (prev && ((prev->flags & INSN_DEAD_END) || prev->type == INSN_BUG) &&
	    (insn->type == INSN_BUG ||
	     (insn->type == INSN_JUMP_UNCOND && insn->jump_dest &&
	      insn->jump_dest->type == INSN_BUG)))
		return true;
	for (const struct instruction *i = insn; i && i->func == insn->func; ) {
		if (sanitizer_call(i))
			return true;
		if (i->type == INSN_JUMP_UNCOND && i->jump_dest &&
		    i->jump_dest->func == insn->func && i->jump_dest->offset > i->offset) {
			i = i->jump_dest;
			continue;
		}
		if (i->type != INSN_OTHER && i->type != INSN_NOP && i->type != INSN_CALL)
			break;
		i = next_insn(i);
	}
	return false;
}

static void check_unreachable(struct objtool_file *file)
{
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		struct section *sec = &file->secs[s];

		for (unsigned int i = 0; i < sec->nr_insns; i++) {
			struct instruction *insn = &sec->insns[i];

			if ((insn->flags & INSN_VISITED) || ignore_unreachable(insn))
				continue;
			warn_insn(file, insn, "unreachable instruction");
		}
	}
}

int check_file(struct objtool_file *file, unsigned long since)
{
	const struct objtool_opts *opts = file->opts;
	struct walk w = {
		.file = file, .uaccess = opts->uaccess,
		.noinstr_only = opts->noinstr && !opts->stackval && !opts->orc && !opts->uaccess,
	};
	check_functions(file, &w);
	check_hints(file, &w);
	/* unreachable code is often a consequence of an earlier problem */
	if (!opts->no_unreachable && !w.noinstr_only && file->warnings == since)
		check_unreachable(file);
	free(w.stack);
	free(w.nodes);
	return 0;
}
