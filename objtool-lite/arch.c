// SPDX-License-Identifier: GPL-2.0
/*
 * The port is chosen by the object's e_machine, never at build time.
 * Here: the defaults OBJTOOL_ARCH() fills in, and the check of every
 * port's data.  Required hooks need no check: OBJTOOL_ARCH() takes them
 * by name, so a port without one does not compile.
 */
#include <objtool/arch.h>

#include <stdio.h>

struct stack_op *insn_add_op(struct decoded_insn *d, uint8_t kind, int dst, int src,
			     uint8_t size, int32_t imm)
{
	struct stack_op *op;

	if (d->nr_ops >= MAX_STACK_OPS)
		return NULL;
	op = &d->ops[d->nr_ops++];
	op->kind = kind;
	op->dst = dst;
	op->src = src;
	op->size = size;
	op->imm = imm;
	op->src2 = OP_REG_NONE;
	return op;
}

bool objtool_arch_no_thunk(const char *sym)
{
	(void)sym;
	return false;
}

int objtool_arch_same_reg(int reg)
{
	return reg;
}

void objtool_arch_no_reset(void)
{
}

int objtool_arch_no_jump_table(struct objtool_file *file, struct instruction *br,
			       struct instruction ***targets)
{
	(void)file;
	(void)br;
	*targets = NULL;
	return 0;
}

/*
 * A call needs a frame a frame-pointer unwinder can walk through.  Code
 * whose hint says it is the bottom of the stack or an exception frame has
 * no caller frame to link to.
 */
const char *objtool_call_frame_fp(const struct objtool_arch *arch,
				  const struct cfi_state *cfi)
{
	static const char bad[] = "call without frame pointer save/setup";

	if (cfi->type != UNWIND_CALL)
		return NULL;
	if (cfi->cfa.base != arch->cfi_fp || cfi->regs[arch->cfi_fp].base != CFI_CFA)
		return bad;
	if (arch->cfi_ra != CFI_UNDEFINED && cfi->regs[arch->cfi_ra].base != CFI_CFA)
		return bad;
	return NULL;
}

static bool reg_ok(const struct objtool_arch *a, int reg, bool may_be_pushed)
{
	if (may_be_pushed && reg == CFI_UNDEFINED)
		return true;
	return reg >= 0 && reg < a->nr_regs;
}

/* What @a lacks, or NULL.  Zero relocation types would be R_*_NONE. */
static const char *arch_lacks(const struct objtool_arch *a)
{
	if (!a->name || !*a->name)
		return "a name";
	if (!a->e_machine)
		return "e_machine";
	if (a->nr_regs <= 0 || a->nr_regs > CFI_NUM_REGS)
		return "nr_regs in 1..CFI_NUM_REGS (raise CFI_NUM_REGS in cfi.h)";
	if (!reg_ok(a, a->cfi_sp, false) || !reg_ok(a, a->cfi_fp, false))
		return "cfi_sp and cfi_fp below nr_regs";
	if (!reg_ok(a, a->cfi_ra, true))
		return "cfi_ra: a register below nr_regs, or CFI_UNDEFINED";
	if (!a->reg_names)
		return "reg_names";
	if (!a->orc || a->orc->e_machine != a->e_machine || !a->orc->entry_size ||
	    !a->orc->type)
		return "an ORC format of its own machine";
	if (!a->orc_ip_reloc)
		return "orc_ip_reloc (0 would write R_*_NONE)";
	if (a->mcount == objtool_mcount_fentry && (!a->fentry_name || !a->abs64_reloc))
		return "fentry_name and abs64_reloc, or an mcount hook";
	if (!a->decode || !a->init_cfi || !a->callee_saved || !a->reloc_dest ||
	    !a->orc_encode || !a->orc_print || !a->orc_print_json || !a->hint_reg ||
	    !a->is_return_thunk || !a->is_indirect_thunk || !a->upstream_reg ||
	    !a->mcount || !a->find_jump_table || !a->call_frame_check ||
	    !a->fentry_site_ok || !a->reset)
		return "a hook set to NULL";
	return NULL;
}

int arch_check(void)
{
	int bad = 0;

	for (const struct objtool_arch *const *a = objtool_arches; *a; a++) {
		const char *lacks = arch_lacks(*a);

		if (lacks) {
			fprintf(stderr, "objtool-lite: error: port %s lacks %s\n",
				(*a)->name ? (*a)->name : "?", lacks);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

const struct objtool_arch *arch_by_machine(uint16_t e_machine)
{
	for (const struct objtool_arch *const *a = objtool_arches; *a; a++)
		if ((*a)->e_machine == e_machine)
			return *a;
	return NULL;
}
