// SPDX-License-Identifier: GPL-2.0
/*
 * Which instructions of a function can write one 8-byte stack slot.
 *
 * gcc spills a switch table's address in a large function ("str x0,
 * [sp, #16]" once, "ldr x0, [sp, #16]" before each dispatch).  To trust
 * the reload, the jump-table recogniser must know every store that can
 * reach the slot, which only holds when nothing else can address it:
 *   - every store through sp (or through x29, set once from sp) has an
 *     immediate offset, so its bytes are known;
 *   - no stack address at or below the slot is handed to a register (add
 *     xN, sp, #k): a local whose address is taken lies at and above it;
 *   - sp moves only by immediates, so an sp-relative offset names the same
 *     slot everywhere in the body (no alloca, no variable-length array).
 * Anything else: not known, and the recogniser leaves the dispatch alone.
 */
#include <objtool/elf.h>

#include "arm64.h"

static inline uint32_t bits(uint32_t insn, int hi, int lo)
{
	return (insn >> lo) & ((1U << (hi - lo + 1)) - 1);
}

static int64_t sext(uint32_t v, int width)
{
	return (int64_t)((uint64_t)v << (64 - width)) >> (64 - width);
}

enum access { ACC_NONE, ACC_STORE, ACC_UNKNOWN };

/* A store's bytes, relative to its base register */
struct store {
	int base;
	int64_t lo, hi;
	bool x_single;			/* "str xR, [base, #imm]", imm >= 0 */
	int reg;
};

/* stp/stnp/ldp...: a pair */
static enum access pair_access(uint32_t w, struct store *st)
{
	uint32_t opc = bits(w, 31, 30), mode = bits(w, 24, 23);
	bool simd = bits(w, 26, 26);
	int64_t size = simd ? 4 << opc : (opc == 2 || opc == 1) ? 8 : 4;
	int64_t off = sext(bits(w, 21, 15), 7) * size;

	if (bits(w, 22, 22))
		return ACC_NONE;			/* a load */
	st->base = bits(w, 9, 5);
	st->lo = mode == 1 ? 0 : off;			/* post-index: at base */
	st->hi = st->lo + 2 * size;
	return ACC_STORE;
}

/* str/stur/strb/strh/str q...: a single register */
static enum access single_access(uint32_t w, struct store *st)
{
	uint32_t size = bits(w, 31, 30), opc = bits(w, 23, 22);
	bool simd = bits(w, 26, 26);
	int64_t bytes = simd && opc >= 2 ? 16 : 1 << size;

	if (simd ? opc & 1 : opc != 0)
		return ACC_NONE;			/* a load, or prfm */
	st->base = bits(w, 9, 5);
	st->reg = bits(w, 4, 0);
	if (bits(w, 24, 24)) {				/* unsigned offset */
		st->lo = (int64_t)bits(w, 21, 10) * bytes;
		st->x_single = !simd && size == 3;
	} else if (!bits(w, 21, 21)) {			/* imm9: stur, pre, post */
		st->lo = bits(w, 11, 10) == 1 ? 0 : sext(bits(w, 20, 12), 9);
	} else {
		return ACC_UNKNOWN;			/* register offset, atomics */
	}
	st->hi = st->lo + bytes;
	return ACC_STORE;
}

/* What @w does to memory through sp or x29. */
static enum access mem_access(uint32_t w, struct store *st)
{
	enum access a = ACC_UNKNOWN;

	st->x_single = false;
	if ((w & 0x3a000000) == 0x28000000)
		a = pair_access(w, st);
	else if ((w & 0x3a000000) == 0x38000000)
		a = single_access(w, st);
	else if ((bits(w, 28, 25) & 5) != 4)
		return ACC_NONE;			/* not a load or store */
	else
		st->base = bits(w, 9, 5);		/* exclusives, tags, ... */
	if (st->base != ARM64_REG_SP && st->base != ARM64_REG_FP)
		return ACC_NONE;
	return a;
}

/* What the function does with sp and x29 besides loads and stores. */
struct frame_use {
	int64_t fp_off;			/* x29 = sp + fp_off ... */
	int nr_fp;			/* ... set this many times */
	int64_t low_sp, low_fp;		/* lowest address taken, by base */
	bool sp_taken, fp_taken;
};

/*
 * "add/sub Rd, Rn, #imm" with Rn or Rd sp or x29: the frame set-up (x29 =
 * sp + k), sp moving by an immediate (fine), or a stack address taken
 * (recorded: a local lies at and above its address, so the slot is safe
 * below the lowest one).  sp moving by a register: false.
 */
static bool frame_arith(uint32_t w, struct frame_use *f)
{
	int rd = bits(w, 4, 0), rn = bits(w, 9, 5);

	if ((w & 0x1f000000) == 0x11000000) {		/* add/sub immediate */
		int64_t imm = (int64_t)bits(w, 21, 10) << (bits(w, 22, 22) ? 12 : 0);

		if (bits(w, 30, 30))
			imm = -imm;
		if (bits(w, 29, 29) || rd == ARM64_REG_SP ||
		    (rn != ARM64_REG_SP && rn != ARM64_REG_FP))
			return true;	/* a compare, sp moving, or no stack */
		if (rd == ARM64_REG_FP && rn == ARM64_REG_SP) {
			f->fp_off = imm;
			f->nr_fp++;
		} else if (rn == ARM64_REG_SP) {
			f->low_sp = f->sp_taken && f->low_sp < imm ? f->low_sp : imm;
			f->sp_taken = true;
		} else {
			f->low_fp = f->fp_taken && f->low_fp < imm ? f->low_fp : imm;
			f->fp_taken = true;
		}
		return true;
	}
	/* add/sub (extended register, no S: rd 31 is sp) into sp: by a register */
	return !((w & 0x3f200000) == 0x0b200000 && rd == ARM64_REG_SP);
}

/* May a local whose address the function takes cover sp + @slot? */
static bool slot_may_be_taken(const struct frame_use *f, long slot)
{
	if (f->fp_taken && f->nr_fp != 1)
		return true;
	if (f->sp_taken && f->low_sp < slot + 8)
		return true;
	return f->fp_taken && f->fp_off + f->low_fp < slot + 8;
}

static bool in_func(const struct instruction *p, const struct symbol *func)
{
	return p->func == func && p->len == ARM64_INSN_SIZE && p->sec->data &&
	       p->type != INSN_NOP;
}

#define for_each_func_insn(file, func, p, w)				\
	for (unsigned int s_ = 1; s_ < (file)->nr_secs; s_++)		\
		for (unsigned int i_ = 0; i_ < (file)->secs[s_].nr_insns; i_++) \
			if (((p) = &(file)->secs[s_].insns[i_]),	\
			    in_func(p, func) &&				\
			    (((w) = arm64_insn_at((p)->sec->data + (p)->offset)), 1))

/*
 * The stores of @func that can write the 8 bytes at sp + @slot, into
 * @stores (at most @max): their number, or -1 when another instruction
 * might write them too, or might address the frame in a way this file
 * cannot follow.  Each store returned is "str xR, [sp, #slot]".
 */
int arm64_slot_stores(const struct objtool_file *file, const struct symbol *func,
		      long slot, struct instruction **stores, int max)
{
	struct frame_use f = { 0 };
	struct instruction *p;
	struct store st;
	int n = 0;
	uint32_t w;

	for_each_func_insn(file, func, p, w)
		if (!frame_arith(w, &f) || mem_access(w, &st) == ACC_UNKNOWN)
			return -1;
	if (slot_may_be_taken(&f, slot))
		return -1;
	for_each_func_insn(file, func, p, w) {
		if (mem_access(w, &st) != ACC_STORE)
			continue;
		if (st.base == ARM64_REG_FP) {
			/* x29 = sp + fp_off, set once: the same bytes */
			if (f.nr_fp != 1)
				return -1;
			st.lo += f.fp_off;
			st.hi += f.fp_off;
			st.x_single = false;
		}
		if (st.hi <= slot || st.lo >= slot + 8)
			continue;
		if (!st.x_single || st.lo != slot || n == max)
			return -1;
		stores[n++] = p;
	}
	return n;
}
