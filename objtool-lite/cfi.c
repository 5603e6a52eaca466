// SPDX-License-Identifier: GPL-2.0
/*
 * The stack engine: interpret the decoders' abstract stack operations
 * against a struct cfi_state.  One set of rules serves every port: the
 * only arch facts used are which registers are sp, the frame pointer and
 * callee-saved.
 *
 * The model tracks
 *  - the CFA as base register + offset,
 *  - stack_size: CFA minus the current sp (kept even when the CFA is
 *    frame-pointer based, so a later "lea off(%rbp),%rsp" or a pop can be
 *    followed),
 *  - where each callee-saved register's caller value lives,
 *  - vals[]: registers holding a CFA-relative address (a copy of sp).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <objtool/cfi.h>
#include <objtool/objtool.h>
#include <objtool/warn.h>

#include "cfi_engine.h"

_Static_assert(sizeof(struct cfi_state) % 8 == 0, "cfi_state is hashed by words");

void cfi_init(struct cfi_state *cfi)
{
	memset(cfi, 0, sizeof(*cfi));
	cfi->cfa.base = CFI_UNDEFINED;
	cfi->drap_reg = CFI_UNDEFINED;
	for (int i = 0; i < CFI_NUM_REGS; i++) {
		cfi->regs[i].base = CFI_UNDEFINED;
		cfi->vals[i].base = CFI_UNDEFINED;
	}
}

/*
 * Paths agree when an unwinder would treat them the same: CFA, saved
 * registers and frame type.  vals[], stack_size and entry_sp_slot are
 * bookkeeping of one path and may differ (upstream objtool compares the
 * same fields).
 */
bool cfi_equal(const struct cfi_state *a, const struct cfi_state *b)
{
	return !memcmp(&a->cfa, &b->cfa, sizeof(a->cfa)) &&
	       !memcmp(a->regs, b->regs, sizeof(a->regs)) &&
	       a->type == b->type && a->signal == b->signal && a->end == b->end;
}

/* ---- interning: most instructions share a few states ------------------ */

#define CFI_HASH_BITS	16

struct cfi_node {
	struct cfi_node *next;		/* in its bucket */
	struct cfi_node *all;		/* every node, for cfi_reset() */
	unsigned int bucket;
	struct cfi_state cfi;
};

static struct cfi_node *cfi_hash[1 << CFI_HASH_BITS];
static struct cfi_node *cfi_all;
static unsigned long nr_interned;

/*
 * The hash is arithmetic, not a decision about the input: under
 * SanitizerCoverage its loop's compare hooks (one per word of a 1.3 KB
 * state) were a tenth of an in-process fuzzer's time, and the features
 * they gave were noise.  Not inlined: its caller's instrumentation would
 * cover it again.  gcc builds need no such attribute.
 */
#ifdef __clang__
#define no_coverage __attribute__((no_sanitize("coverage"), noinline))
#else
#define no_coverage
#endif

static no_coverage unsigned int cfi_hashfn(const struct cfi_state *cfi)
{
	/* word-wise multiplicative hash over the whole (padded-zero) state */
	const uint64_t *p = (const uint64_t *)cfi;
	uint64_t h = 0;

	for (size_t i = 0; i < sizeof(*cfi) / sizeof(*p); i++)
		h = (h ^ p[i]) * 0x9e3779b97f4a7c15ull;
	return h >> (64 - CFI_HASH_BITS);
}

const struct cfi_state *cfi_intern(const struct cfi_state *cfi)
{
	unsigned int h = cfi_hashfn(cfi);
	struct cfi_node *node;

	for (node = cfi_hash[h]; node; node = node->next)
		if (!memcmp(&node->cfi, cfi, sizeof(*cfi)))
			return &node->cfi;
	node = malloc(sizeof(*node));
	if (!node)
		return NULL;
	node->cfi = *cfi;
	node->next = cfi_hash[h];
	cfi_hash[h] = node;
	node->bucket = h;
	node->all = cfi_all;
	cfi_all = node;
	nr_interned++;
	return &node->cfi;
}

unsigned long cfi_interned_count(void)
{
	return nr_interned;
}

static const struct objtool_arch *entry_size_arch;

/* The states of one run are not the next one's, nor is its --stats count. */
void cfi_reset(void)
{
	/*
	 * Through the list of nodes, not the 64Ki buckets: a run interns a
	 * few hundred states, and an in-process fuzzer resets after every
	 * input (sweeping the buckets was most of its time).
	 */
	while (cfi_all) {
		struct cfi_node *next = cfi_all->all;

		cfi_hash[cfi_all->bucket] = NULL;
		free(cfi_all);
		cfi_all = next;
	}
	nr_interned = 0;
	entry_size_arch = NULL;
}

/* ---- the interpreter -------------------------------------------------- */

static bool valid_reg(int reg)
{
	return reg >= 0 && reg < CFI_NUM_REGS;
}

/*
 * No stack frame, adjustment or stack address comes near 16 MiB (a
 * kernel stack is 16 KiB, ORC reaches 256 KiB).  Every offset the state
 * tracks, and every immediate added to one, is held within this, so the
 * sums and differences below cannot overflow an int; an operation beyond
 * it is not followed (found by the objtool:module fuzz target: sp plus
 * INT_MIN).
 */
#define CFI_MAX_OFFSET	(1 << 24)

static bool in_range(long long v)
{
	return v >= -CFI_MAX_OFFSET && v <= CFI_MAX_OFFSET;
}

static int entry_size(const struct objtool_arch *arch);

static void save_reg(const struct objtool_arch *arch, struct cfi_state *cfi,
		     int reg, int offset)
{
	if (!valid_reg(reg) || !arch->callee_saved(reg))
		return;
	/* a moved sp is not the caller's */
	if (reg == arch->cfi_sp && cfi->stack_size != entry_size(arch))
		return;
	if (cfi->regs[reg].base != CFI_UNDEFINED)
		return;		/* the first save is the caller's value */
	cfi->regs[reg].base = CFI_CFA;
	cfi->regs[reg].offset = offset;
}

/* A load of @reg from CFA+@offset brings back the caller's value. */
static void maybe_restore_reg(struct cfi_state *cfi, int reg, int offset)
{
	if (valid_reg(reg) && cfi->regs[reg].base == CFI_CFA &&
	    cfi->regs[reg].offset == offset) {
		cfi->regs[reg].base = CFI_UNDEFINED;
		cfi->regs[reg].offset = 0;
	}
}

/*
 * @reg is about to be overwritten.  If it is the CFA base, re-express the
 * CFA through sp, which stack_size still knows.
 */
static void before_write(const struct objtool_arch *arch, struct cfi_state *cfi,
			 int reg)
{
	if (!valid_reg(reg))
		return;
	cfi->vals[reg].base = CFI_UNDEFINED;
	if (cfi->cfa.base != reg || reg == arch->cfi_sp)
		return;
	cfi->cfa.base = arch->cfi_sp;
	cfi->cfa.offset = cfi->stack_size;
}

/*
 * stack_size at function entry (the port's initial state): sp's entry
 * value is CFA - this.  A port whose call leaves sp alone saves and
 * reloads that value (a store-multiple of sp in the prologue and its
 * load in the epilogue, or a back chain).
 */
static int entry_size(const struct objtool_arch *arch)
{
	static int size;

	if (entry_size_arch != arch) {
		struct cfi_state init;

		arch->init_cfi(&init);
		size = init.stack_size;
		entry_size_arch = arch;
	}
	return size;
}

/* sp changed to CFA - @size */
static void set_sp(const struct objtool_arch *arch, struct cfi_state *cfi, int size)
{
	cfi->stack_size = size;
	if (cfi->cfa.base == arch->cfi_sp)
		cfi->cfa.offset = size;
	/* a slot below sp is free again; back at entry there is no frame */
	if (cfi->entry_sp_slot &&
	    (cfi->entry_sp_slot < -size || size == entry_size(arch)))
		cfi->entry_sp_slot = 0;
}

/*
 * sp changes in a way the engine cannot follow.  While the frame pointer
 * holds a known copy of sp (copied there before an alloca), the
 * CFA moves onto it, as the compiler's CFI does; otherwise it is lost.
 */
static int lose_sp(const struct objtool_arch *arch, struct cfi_state *cfi)
{
	int fp = arch->cfi_fp;

	if (cfi->cfa.base != arch->cfi_sp)
		return 0;
	if (valid_reg(fp) && cfi->vals[fp].base == CFI_CFA) {
		cfi->cfa.base = fp;
		cfi->cfa.offset = -cfi->vals[fp].offset;
		cfi->vals[fp].base = CFI_UNDEFINED;
		cfi->vals[fp].offset = 0;
		return 0;
	}
	return CFI_ERR_SP_UNKNOWN;
}

/* Does @reg hold the value sp had at function entry? */
static bool holds_entry_sp(const struct objtool_arch *arch,
			   const struct cfi_state *cfi, int reg)
{
	int entry = entry_size(arch);

	if (reg == arch->cfi_sp)
		return cfi->stack_size == entry;
	return valid_reg(reg) && cfi->vals[reg].base == CFI_CFA &&
	       cfi->vals[reg].offset == -entry;
}

/* Does the slot at CFA + @off hold sp's entry value? */
static bool entry_sp_at(const struct objtool_arch *arch,
			const struct cfi_state *cfi, int off)
{
	const struct cfi_reg *sp = &cfi->regs[arch->cfi_sp];

	if (cfi->entry_sp_slot && cfi->entry_sp_slot == off)
		return true;
	/* a saved caller's sp is the entry sp where the call pushes nothing */
	return arch->cfi_ra != CFI_UNDEFINED && sp->base == CFI_CFA &&
	       sp->offset == off;
}

/* The CFA-relative value of sp + @imm, for "reg = sp + imm". */
static struct cfi_reg sp_value(const struct cfi_state *cfi, int imm)
{
	struct cfi_reg val = { .base = CFI_CFA, .offset = imm - cfi->stack_size };

	return val;
}

/*
 * "fp = sp + imm" is a frame setup when it makes fp point at the slot
 * where the caller's fp was saved: a push of fp then a copy of sp into
 * it, or a store of the fp/return-address pair followed by fp = sp (or
 * sp + the pair's offset) on a port whose call leaves the return address
 * in a register; or, on a port with a back chain, a copy of sp into fp
 * once the frame exists.
 */
static bool frame_setup(const struct objtool_arch *arch,
			const struct cfi_state *cfi, int imm)
{
	const struct cfi_reg *fp = &cfi->regs[arch->cfi_fp];

	if (cfi->cfa.base != arch->cfi_sp || fp->base != CFI_CFA)
		return false;
	/*
	 * Where the frame starts with a back chain, the frame record is
	 * that chain: "fp = sp" once the frame is allocated (and the caller's
	 * fp saved) makes fp the frame's base, wherever fp was saved.
	 */
	if (arch->back_chain && !imm && cfi->stack_size > 0)
		return true;
	return fp->offset == imm - cfi->stack_size;
}

/*
 * sp is back at the CFA itself, on a port whose CFA is sp at entry
 * ("addi r1,r31,N" or "ld r1,0(r1)" tears the whole frame down): the CFA
 * is sp again, and the old base register still holds the address it held,
 * for the restores that read through it.
 */
static void frame_gone(const struct objtool_arch *arch, struct cfi_state *cfi)
{
	if (cfi->cfa.base != arch->cfi_sp && valid_reg(cfi->cfa.base))
		cfi->vals[cfi->cfa.base] = (struct cfi_reg){ .base = CFI_CFA,
							     .offset = -cfi->cfa.offset };
	cfi->cfa.base = arch->cfi_sp;
	cfi->cfa.offset = 0;
	cfi->stack_size = 0;
}

static int op_add(const struct objtool_arch *arch, struct cfi_state *cfi,
		  const struct stack_op *op)
{
	int sp = arch->cfi_sp, fp = arch->cfi_fp;
	int dst = op->dst, src = op->src;

	if (!valid_reg(dst))
		return 0;
	if (dst == sp && src == sp) {
		set_sp(arch, cfi, cfi->stack_size - op->imm);
		return 0;
	}
	if (dst == sp) {
		/* sp recomputed from a register: frame pointer or a saved sp */
		if (valid_reg(src) && cfi->cfa.base == src) {
			cfi->stack_size = cfi->cfa.offset - op->imm;
			if (!cfi->stack_size)
				frame_gone(arch, cfi);
			return 0;
		}
		if (valid_reg(src) && cfi->vals[src].base == CFI_CFA) {
			set_sp(arch, cfi, -(cfi->vals[src].offset + op->imm));
			return 0;
		}
		return lose_sp(arch, cfi);
	}
	if (src == sp) {
		if (dst == fp && frame_setup(arch, cfi, op->imm)) {
			cfi->cfa.base = fp;
			cfi->cfa.offset = cfi->stack_size - op->imm;
			cfi->vals[fp].base = CFI_UNDEFINED;
			return 0;
		}
		before_write(arch, cfi, dst);
		cfi->vals[dst] = sp_value(cfi, op->imm);
		return 0;
	}
	if (dst == src && cfi->cfa.base == dst) {
		/* adjusting the CFA base register itself */
		cfi->cfa.offset -= op->imm;
		return 0;
	}
	{
		struct cfi_reg v = valid_reg(src) ? cfi->vals[src] :
			(struct cfi_reg){ .base = CFI_UNDEFINED };

		before_write(arch, cfi, dst);
		if (v.base == CFI_CFA) {
			v.offset += op->imm;
			cfi->vals[dst] = v;
		}
	}
	return 0;
}

/*
 * A register save into another register: the caller's value of src,
 * while src still holds it, now lives in dst as well, and dst knows what
 * src knew (a copy of sp stays followable).
 */
static int op_save_reg(const struct objtool_arch *arch, struct cfi_state *cfi,
		       const struct stack_op *op)
{
	int src = op->src, dst = op->dst;

	if (!valid_reg(dst) || !valid_reg(src) || dst == arch->cfi_sp)
		return 0;
	before_write(arch, cfi, dst);
	if (src == arch->cfi_sp)
		cfi->vals[dst] = sp_value(cfi, 0);
	else
		cfi->vals[dst] = cfi->vals[src];
	if (arch->callee_saved(src) && cfi->regs[src].base == CFI_UNDEFINED &&
	    (src != arch->cfi_sp || cfi->stack_size == entry_size(arch)))
		cfi->regs[src] = (struct cfi_reg){ .base = CFI_IN_REG | dst };
	return 0;
}

static int op_mov(const struct objtool_arch *arch, struct cfi_state *cfi,
		  const struct stack_op *op)
{
	int sp = arch->cfi_sp, fp = arch->cfi_fp;

	if (!valid_reg(op->dst))
		return 0;
	/* back from the register it was parked in */
	if (valid_reg(op->src) &&
	    cfi->regs[op->dst].base == (CFI_IN_REG | op->src))
		cfi->regs[op->dst] = (struct cfi_reg){ .base = CFI_UNDEFINED };
	if (op->src == sp) {
		struct stack_op add = *op;

		add.kind = OP_ADD;
		add.imm = 0;
		return op_add(arch, cfi, &add);
	}
	if (op->dst == sp) {
		/* mov %rbp,%rsp (and leave): the CFA stays on the frame pointer */
		struct stack_op add = *op;

		add.kind = OP_ADD;
		add.imm = 0;
		return op_add(arch, cfi, &add);
	}
	(void)fp;
	{
		struct cfi_reg v = valid_reg(op->src) ? cfi->vals[op->src] :
			(struct cfi_reg){ .base = CFI_UNDEFINED };

		/*
		 * A callee-saved register (the return-address register among
		 * them) that was never saved still holds the caller's value:
		 * the copy does too, and a store of the copy saves it.
		 */
		if (v.base == CFI_UNDEFINED && valid_reg(op->src) &&
		    arch->callee_saved(op->src) &&
		    cfi->regs[op->src].base == CFI_UNDEFINED)
			v = (struct cfi_reg){ .base = CFI_CALLER_REG, .offset = op->src };
		/* a copy moved back into its own register restores it */
		if (v.base == CFI_CALLER_REG && v.offset == op->dst) {
			before_write(arch, cfi, op->dst);
			cfi->regs[op->dst] = (struct cfi_reg){ .base = CFI_UNDEFINED };
			return 0;
		}
		before_write(arch, cfi, op->dst);
		cfi->vals[op->dst] = v;
	}
	return 0;
}

/* The register whose caller value is saved at CFA + @off, or -1. */
static int saved_at(const struct cfi_state *cfi, int off)
{
	for (int r = 0; r < CFI_NUM_REGS; r++)
		if (cfi->regs[r].base == CFI_CFA && cfi->regs[r].offset == off)
			return r;
	return -1;
}

/* @v as a CFA offset, when an int holds it (a displacement may not). */
static bool cfa_offset(long long v, int *cfa_off)
{
	if (v < INT_MIN || v > INT_MAX)
		return false;
	*cfa_off = (int)v;
	return true;
}

/* CFA-relative address of [reg + imm], when it is known. */
static bool stack_addr(const struct objtool_arch *arch, const struct cfi_state *cfi,
		       int reg, int imm, int *cfa_off)
{
	if (reg == arch->cfi_sp)
		return cfa_offset((long long)imm - cfi->stack_size, cfa_off);
	if (valid_reg(reg) && cfi->cfa.base == reg)
		return cfa_offset((long long)imm - cfi->cfa.offset, cfa_off);
	if (valid_reg(reg) && cfi->vals[reg].base == CFI_CFA)
		return cfa_offset((long long)cfi->vals[reg].offset + imm, cfa_off);
	return false;
}

static int apply_op(const struct objtool_arch *arch, struct cfi_state *cfi,
		    const struct stack_op *op);

/* ---- DRAP: sp realigned, CFA kept in (and later saved from) a register -- */

static bool in_drap(const struct cfi_state *cfi)
{
	return cfi->drap_reg != CFI_UNDEFINED;
}

/* "and $-N, %rsp" while some register holds the CFA itself */
static int drap_enter(struct cfi_state *cfi)
{
	for (int r = 0; r < CFI_NUM_REGS; r++) {
		if (cfi->vals[r].base != CFI_CFA || cfi->vals[r].offset)
			continue;
		cfi->drap_reg = r;
		cfi->cfa.base = r;
		cfi->cfa.offset = 0;
		cfi->stack_size = 0;
		cfi->fp_anchor = -1;
		return 0;
	}
	return CFI_ERR_REALIGN;
}

/* After realignment, stack slots are only known relative to fp. */
static int drap_push(const struct objtool_arch *arch, struct cfi_state *cfi,
		     const struct stack_op *op)
{
	int fp = arch->cfi_fp, slot;

	cfi->stack_size += op->size;
	if (op->kind != OP_PUSH || !valid_reg(op->src))
		return 0;
	if (cfi->fp_anchor < 0) {
		/* the frame record: fp is pushed, then made to point at it */
		if (op->src == fp)
			cfi->vals[fp] = (struct cfi_reg){ .base = CFI_UNDEFINED,
							  .offset = cfi->stack_size };
		return 0;
	}
	slot = cfi->fp_anchor - cfi->stack_size;
	if (op->src == cfi->drap_reg && cfi->cfa.base == cfi->drap_reg) {
		cfi->cfa.base = CFI_DEREF | fp;
		cfi->cfa.offset = slot;
		return 0;
	}
	if (arch->callee_saved(op->src) && cfi->regs[op->src].base == CFI_UNDEFINED)
		cfi->regs[op->src] = (struct cfi_reg){ .base = fp, .offset = slot };
	return 0;
}

static int drap_pop(const struct objtool_arch *arch, struct cfi_state *cfi,
		    const struct stack_op *op)
{
	int fp = arch->cfi_fp, slot = cfi->fp_anchor - cfi->stack_size;
	int dst = op->dst;

	if (op->kind == OP_POP && valid_reg(dst) && cfi->fp_anchor >= 0) {
		if (dst == cfi->drap_reg && cfi->cfa.base == (CFI_DEREF | fp) &&
		    cfi->cfa.offset == slot) {
			cfi->cfa.base = dst;
			cfi->cfa.offset = 0;
		} else if (dst == fp && slot == 0 && cfi->regs[fp].base == fp) {
			cfi->regs[fp].base = CFI_UNDEFINED;
			cfi->regs[fp].offset = 0;
			cfi->fp_anchor = -1;
		} else if (cfi->regs[dst].base == fp && cfi->regs[dst].offset == slot) {
			cfi->regs[dst].base = CFI_UNDEFINED;
			cfi->regs[dst].offset = 0;
		}
	}
	cfi->stack_size -= op->size;
	return 0;
}

/* Returns 1 when the op was a DRAP-mode move or add it handled. */
static int drap_move(const struct objtool_arch *arch, struct cfi_state *cfi,
		     const struct stack_op *op)
{
	int sp = arch->cfi_sp, fp = arch->cfi_fp;
	int imm = op->kind == OP_ADD ? op->imm : 0;

	if (op->dst == fp && op->src == sp && cfi->fp_anchor < 0 &&
	    cfi->vals[fp].offset == cfi->stack_size && imm == 0) {
		/* fp now points at the caller's saved fp */
		cfi->regs[fp] = (struct cfi_reg){ .base = fp, .offset = 0 };
		cfi->vals[fp].offset = 0;
		cfi->fp_anchor = cfi->stack_size;
		return 1;
	}
	if (op->dst == sp && op->src == fp && cfi->fp_anchor >= 0) {
		cfi->stack_size = cfi->fp_anchor - imm;
		return 1;
	}
	if (op->dst == sp && op->src == cfi->drap_reg && cfi->cfa.base == op->src) {
		/* sp back from the saved CFA: realignment is over */
		cfi->cfa.base = sp;
		cfi->cfa.offset = -imm;
		cfi->stack_size = -imm;
		cfi->drap_reg = CFI_UNDEFINED;
		return 1;
	}
	return 0;
}

static int drap_op(const struct objtool_arch *arch, struct cfi_state *cfi,
		   const struct stack_op *op)
{
	switch (op->kind) {
	case OP_PUSH:
	case OP_PUSHF:
		return drap_push(arch, cfi, op);
	case OP_POP:
	case OP_POPF:
		return drap_pop(arch, cfi, op);
	case OP_MOV:
	case OP_ADD:
		if (drap_move(arch, cfi, op))
			return 0;
		if (op->dst == arch->cfi_sp || op->dst == arch->cfi_fp)
			return 0;	/* alloca and friends: the CFA is elsewhere */
		return -1;		/* not DRAP business: the usual rules */
	case OP_AND:
		return 0;
	case OP_LOAD:
		/*
		 * "mov -8(%rbp), %r10": the DRAP register reloaded from its
		 * slot in the frame, as gcc's epilogue does before "leave".
		 * From here the CFA is that register again, not the slot:
		 * the slot's base, fp, gets the caller's value back next.
		 */
		if (op->dst == cfi->drap_reg && op->src == arch->cfi_fp &&
		    cfi->cfa.base == (CFI_DEREF | arch->cfi_fp) &&
		    cfi->cfa.offset == op->imm) {
			cfi->cfa.base = op->dst;
			cfi->cfa.offset = 0;
			return 0;
		}
		return -1;
	default:
		return -1;
	}
}

/* After @op (which wrote @dst): every offset it can have moved is in range. */
static bool state_in_range(const struct cfi_state *cfi, int dst)
{
	return in_range(cfi->stack_size) && in_range(cfi->cfa.offset) &&
	       in_range(cfi->fp_anchor) &&
	       (!valid_reg(dst) || cfi->vals[dst].base != CFI_CFA ||
		in_range(cfi->vals[dst].offset));
}

int cfi_apply_op(const struct objtool_arch *arch, struct cfi_state *cfi,
		 const struct stack_op *op)
{
	int ret = -1;

	if (op->kind == OP_ADD && !in_range(op->imm)) {
		/* an sp so far away is not followed; another register's value is unknown */
		if (op->dst == arch->cfi_sp)
			return lose_sp(arch, cfi);
		before_write(arch, cfi, op->dst);
		return CFI_OK;
	}
	if (in_drap(cfi))
		ret = drap_op(arch, cfi, op);
	if (ret < 0)
		ret = apply_op(arch, cfi, op);
	if (ret == CFI_OK && !state_in_range(cfi, op->dst))
		return CFI_ERR_RANGE;
	return ret;
}

static int apply_op(const struct objtool_arch *arch, struct cfi_state *cfi,
		    const struct stack_op *op)
{
	int sp = arch->cfi_sp;
	int off;

	switch (op->kind) {
	case OP_PUSH:
	case OP_PUSHF:
		set_sp(arch, cfi, cfi->stack_size + op->size);
		if (op->kind == OP_PUSH)
			save_reg(arch, cfi, op->src, -cfi->stack_size);
		return 0;

	case OP_POP:
	case OP_POPF:
		if (op->kind == OP_POP && valid_reg(op->dst)) {
			if (op->dst == sp)
				return CFI_ERR_SP_UNKNOWN;
			maybe_restore_reg(cfi, op->dst, -cfi->stack_size);
			before_write(arch, cfi, op->dst);
		}
		set_sp(arch, cfi, cfi->stack_size - op->size);
		return 0;

	case OP_MOV:
		return op_mov(arch, cfi, op);

	case OP_SAVE_REG:
		return op_save_reg(arch, cfi, op);

	case OP_ADD:
		return op_add(arch, cfi, op);

	case OP_AND:
		if (op->dst != sp)
			return 0;
		/* realigning sp is only followable while the CFA is elsewhere */
		if (cfi->cfa.base == sp)
			return drap_enter(cfi);
		return 0;

	case OP_LOAD:
		if (!valid_reg(op->dst))
			return 0;
		if (!stack_addr(arch, cfi, op->src, op->imm, &off)) {
			if (op->dst == sp)
				return lose_sp(arch, cfi);
			before_write(arch, cfi, op->dst);
			return 0;
		}
		if (op->dst == sp) {
			/* the saved entry sp comes back (an epilogue's load) */
			if (!entry_sp_at(arch, cfi, off))
				return lose_sp(arch, cfi);
			maybe_restore_reg(cfi, sp, off);
			set_sp(arch, cfi, entry_size(arch));
			return 0;
		}
		maybe_restore_reg(cfi, op->dst, off);
		before_write(arch, cfi, op->dst);
		if (entry_sp_at(arch, cfi, off)) {
			cfi->vals[op->dst] = (struct cfi_reg){ .base = CFI_CFA,
							      .offset = -entry_size(arch) };
		} else {
			/* another register's caller value, loaded to be moved back */
			int saved = saved_at(cfi, off);

			if (saved >= 0 && saved != op->dst)
				cfi->vals[op->dst] = (struct cfi_reg){
					.base = CFI_CALLER_REG, .offset = saved };
		}
		return 0;

	case OP_LOAD_BACKCHAIN:
		if (!valid_reg(op->dst))
			return 0;
		if (cfi->stack_size <= 0) {
			/* no frame of ours yet: [sp] is the caller's chain */
			if (op->dst == sp)
				return lose_sp(arch, cfi);
			before_write(arch, cfi, op->dst);
			return 0;
		}
		if (op->dst == sp) {
			frame_gone(arch, cfi);
			return 0;
		}
		before_write(arch, cfi, op->dst);
		cfi->vals[op->dst] = (struct cfi_reg){ .base = CFI_CFA, .offset = 0 };
		return 0;

	case OP_STORE:
		if (!stack_addr(arch, cfi, op->dst, op->imm, &off))
			return 0;
		save_reg(arch, cfi, op->src, off);
		/* a back chain: the entry sp, stored once sp has moved */
		if (cfi->stack_size != entry_size(arch) &&
		    holds_entry_sp(arch, cfi, op->src))
			cfi->entry_sp_slot = off;
		if (valid_reg(op->src) && cfi->vals[op->src].base == CFI_CALLER_REG)
			save_reg(arch, cfi, cfi->vals[op->src].offset, off);
		return 0;

	case OP_CLOBBER:
		if (op->dst == sp)
			return lose_sp(arch, cfi);
		before_write(arch, cfi, op->dst);
		return 0;

	case OP_CONST:
		if (!valid_reg(op->dst) || op->dst == sp)
			return 0;
		before_write(arch, cfi, op->dst);
		cfi->vals[op->dst] = (struct cfi_reg){ .base = CFI_CONST, .offset = op->imm };
		return 0;

	case OP_ADD_REG:
		/* large frames: the size comes in a register set just before
		 * (OP_CONST), when it does not fit an immediate */
		if (valid_reg(op->src2) && cfi->vals[op->src2].base == CFI_CONST &&
		    in_range((long long)op->imm * cfi->vals[op->src2].offset)) {
			struct stack_op add = *op;

			add.kind = OP_ADD;
			add.imm = op->imm * cfi->vals[op->src2].offset;
			return op_add(arch, cfi, &add);
		} else {
			struct stack_op clobber = { .kind = OP_CLOBBER, .dst = op->dst };

			return apply_op(arch, cfi, &clobber);
		}
	}
	return 0;
}
