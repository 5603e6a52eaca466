// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 switch jump tables.
 *
 * gcc's arm64 tables hold no relocations: each entry is an 8-, 16- or
 * 32-bit offset, in instructions, from a label right after the dispatch.
 * The dispatch block reads (register names vary):
 *
 *	cmp	wJ, #N			bounds check: b.hi default falls
 *	b.hi	default			through, or b.ls dispatch jumps here
 *	...
 *	adrp	xT, .rodata+off		R_AARCH64_ADR_PREL_PG_HI21
 *	add	xT, xT, #:lo12:...	R_AARCH64_ADD_ABS_LO12_NC
 *	ldrb	wI, [xT, wJ, uxtw]	(ldrh ..., uxtw #1 / ldr w|ldrsw ..., #2)
 *	adr	xB, .Lbase
 *	add	xD, xB, wI, sxtb #2	(sxth, sxtw; or xI, lsl #2)
 *	br	xD
 *
 * The recogniser follows exactly this register flow backwards from the br,
 * inside the br's basic block (no other path may enter between the
 * instructions it relies on), and the bound through the block's single
 * predecessor, a conditional branch on "cmp wJ, #N".  The table address
 * may also come from outside the block: from "adrp; add" on every path
 * into it (gcc hoists it out of a loop, into a register a call preserves),
 * or from a stack slot only stores of that address can write (a spill in
 * a large function, stack_slot.c).  A br fed by a load from a table of
 * pointers is a computed goto (below).  Anything else is not a table it
 * knows: the br stays what it was (a possible tail call).
 */
#include <stdlib.h>
#include <string.h>

#include <objtool/elf.h>

#include "arm64.h"

#define MAX_BLOCK	48		/* instructions searched back from the br */
#define MAX_CMP_GAP	8		/* b.cond back to the cmp, and beyond */
#define MAX_ENTRIES	65536

static inline uint32_t bits(uint32_t insn, int hi, int lo)
{
	return (insn >> lo) & ((1U << (hi - lo + 1)) - 1);
}

static uint32_t word(const struct instruction *insn)
{
	return arm64_insn_at(insn->sec->data + insn->offset);
}

static bool is_code(const struct instruction *insn)
{
	return insn->len == ARM64_INSN_SIZE && insn->sec->data &&
	       insn->type != INSN_NOP;
}

/*
 * Does @insn (as the decoder described it) write general register @reg?
 * A call may change every register the AAPCS64 lets a callee clobber
 * (x0-x18, x30); x19-x28 and x29 come back as they were, which is what
 * lets gcc keep a table's address in one of them around a loop that calls.
 */
static bool writes(const struct objtool_file *file,
		   const struct instruction *insn, int reg)
{
	const struct stack_op *ops = insn_ops(file, insn);

	if (insn->type == INSN_CALL || insn->type == INSN_CALL_DYNAMIC)
		return reg < 19 || reg > 29;
	for (unsigned int i = 0; i < insn->nr_ops; i++)
		if (ops[i].kind != OP_STORE && ops[i].dst == reg)
			return true;
	return false;
}

/*
 * The jumps into the br's section, by target (built once per br): which
 * instructions are entered other than by falling through, and from where.
 * Targets entered from another section (a .cold part) are marked too.
 */
static struct {
	const struct section *sec;
	unsigned int *start;		/* nr_insns + 1 offsets into ->src */
	struct instruction **src;
	uint8_t *foreign;		/* entered from another section */
} in;

static void free_entered(void)
{
	free(in.start);
	free(in.src);
	free(in.foreign);
	memset(&in, 0, sizeof(in));
}

/* Normally freed by the search that built it; an abandoned run may not get there. */
void arm64_jump_table_reset(void)
{
	free_entered();
}

/* Call @fn(target, source) for every edge other than a fall-through. */
static void for_each_edge(const struct objtool_file *file,
			  void (*fn)(struct instruction *, struct instruction *))
{
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		const struct section *sec = &file->secs[s];

		for (unsigned int i = 0; i < sec->nr_insns; i++) {
			struct instruction *p = &sec->insns[i];

			if (p->jump_dest)
				fn(p->jump_dest, p);
			for (const struct alternative *a = p->alts; a; a = a->next)
				if (a->insn)
					fn(a->insn, p);
			if (p->jump_table)
				for (struct instruction **d = p->jump_table; *d; d++)
					fn(*d, p);
		}
	}
}

static void count_edge(struct instruction *dest, struct instruction *src)
{
	if (dest->sec != in.sec)
		return;
	if (src->sec != in.sec)
		in.foreign[dest - in.sec->insns] = 1;
	in.start[dest - in.sec->insns + 1]++;
}

static void add_edge(struct instruction *dest, struct instruction *src)
{
	if (dest->sec == in.sec)
		in.src[in.start[dest - in.sec->insns]++] = src;
}

static bool mark_entered(const struct objtool_file *file,
			 const struct section *sec)
{
	unsigned int n = sec->nr_insns;

	in.sec = sec;
	in.start = calloc(n + 2, sizeof(*in.start));
	in.foreign = calloc(n + 1, 1);
	if (!in.start || !in.foreign)
		return false;
	for_each_edge(file, count_edge);
	for (unsigned int i = 1; i <= n; i++)
		in.start[i] += in.start[i - 1];
	in.src = malloc((in.start[n] + 1) * sizeof(*in.src));
	if (!in.src)
		return false;
	for_each_edge(file, add_edge);	/* start[i] moves to start[i + 1] */
	for (unsigned int i = n; i > 0; i--)
		in.start[i] = in.start[i - 1];
	in.start[0] = 0;
	return true;
}

static bool is_jump_target(const struct instruction *insn)
{
	unsigned int i = insn - insn->sec->insns;

	return in.start[i + 1] != in.start[i] || in.foreign[i];
}

/* Can control reach @insn from the instruction before it? */
static bool falls_into(const struct instruction *insn)
{
	const struct instruction *prev = insn - 1;

	if (insn == insn->sec->insns || prev->func != insn->func)
		return false;
	switch (prev->type) {
	case INSN_JUMP_UNCOND:
	case INSN_JUMP_DYNAMIC:
	case INSN_RETURN:
	case INSN_TRAP:
	case INSN_BUG:
	case INSN_CONTEXT_SWITCH:
		return false;
	case INSN_CALL:
		return !(prev->flags & INSN_DEAD_END);
	default:
		return true;
	}
}

static bool straight(const struct instruction *insn)
{
	return is_code(insn) &&
	       (insn->type == INSN_OTHER || insn->type == INSN_ENDBR);
}

/*
 * The first instruction of @br's basic block: walking back over straight
 * code that no jump enters.
 */
static struct instruction *block_start(struct instruction *br)
{
	struct instruction *b = br;

	for (int n = 0; n < MAX_BLOCK; n++) {
		struct instruction *prev = b - 1;

		if (is_jump_target(b) || !falls_into(b) || !straight(prev))
			return b;
		b = prev;
	}
	return NULL;
}

/* The last writer of @reg in [@from, @before), or NULL. */
static struct instruction *find_def(const struct objtool_file *file,
				    struct instruction *from,
				    struct instruction *before, int reg)
{
	for (struct instruction *p = before - 1; p >= from; p--)
		if (writes(file, p, reg))
			return p;
	return NULL;
}

/* "mov wd, wm" / "mov xd, xm" (orr d, zr, m): @dst, @src; else false */
static bool is_reg_move(uint32_t w, int *dst, int *src)
{
	if ((w & 0x7fe0ffe0) != 0x2a0003e0)
		return false;
	*dst = bits(w, 4, 0);
	*src = bits(w, 20, 16);
	return *dst != 31 && *src != 31;
}

/*
 * Backwards over @insn: the registers holding the index value.  A move
 * into one of them hands the value over to its source; any other write
 * drops it.
 */
static uint32_t index_regs_before(const struct objtool_file *file,
				  const struct instruction *insn, uint32_t set)
{
	int dst, src;

	if (is_reg_move(word(insn), &dst, &src) && (set & 1U << dst))
		return (set & ~(1U << dst)) | 1U << src;
	for (int r = 0; r < 31; r++)
		if ((set & 1U << r) && writes(file, insn, r))
			set &= ~(1U << r);
	return set;
}

/* May @w change NZCV?  Conservative: only well-known forms say no. */
static bool may_set_flags(uint32_t w)
{
	uint32_t op0 = bits(w, 28, 25);

	if ((op0 & 5) == 4)				/* loads and stores */
		return false;
	if (op0 == 8 || op0 == 9) {			/* data processing, imm */
		switch (bits(w, 25, 23)) {
		case 0: case 1:				/* adr, adrp */
		case 5: case 6: case 7:			/* movw, bitfield, extr */
			return false;
		case 2:					/* add/sub: the S bit */
			return bits(w, 29, 29);
		case 4:					/* logical: ands */
			return bits(w, 30, 29) == 3;
		default:
			return true;
		}
	}
	if ((w & 0x1f000000) == 0x0a000000)		/* logical, shifted reg */
		return bits(w, 30, 29) == 3;
	if ((w & 0x1f000000) == 0x0b000000)		/* add/sub shifted/ext */
		return bits(w, 29, 29);
	return true;
}

/*
 * "cmp Rn, #imm" (subs zr, Rn, #imm): *reg and *imm.  The flags then say
 * whether Rn is above imm, unsigned.
 */
static bool is_cmp_imm(uint32_t w, int *reg, uint32_t *imm)
{
	if ((w & 0x7f80001f) != 0x7100001f)
		return false;
	*reg = bits(w, 9, 5);
	*imm = bits(w, 21, 10) << (bits(w, 22, 22) ? 12 : 0);
	return *reg != 31;
}

/*
 * "cmp Rn, Rm" (subs zr, Rn, Rm, no shift) with Rm set to a constant by
 * "mov" a few straight instructions before ("mov w2, #11; cmp w0, w2").
 */
static bool cmp_const(const struct objtool_file *file, struct instruction *cmp,
		      int *reg, uint32_t *imm)
{
	uint32_t w = word(cmp);
	int rm = bits(w, 20, 16);
	struct instruction *q = cmp;

	if ((w & 0x7f20fc1f) != 0x6b00001f || rm == 31 || bits(w, 9, 5) == 31)
		return false;
	for (int n = 0; n < MAX_CMP_GAP; n++) {
		const struct stack_op *op;

		if (!falls_into(q) || is_jump_target(q) || !straight(q - 1))
			return false;
		q--;
		if (!writes(file, q, rm))
			continue;
		op = insn_ops(file, q);
		if (q->nr_ops != 1 || op->kind != OP_CONST || op->dst != rm ||
		    op->imm < 0)
			return false;
		*reg = bits(w, 9, 5);
		*imm = op->imm;
		return true;
	}
	return false;
}

/*
 * The number of table entries: the bound the index @set (registers holding
 * it at the start of the block @b) was checked against on the way in.
 */
static long table_bound(const struct objtool_file *file, struct instruction *b,
			uint32_t set)
{
	const struct section *sec = b->sec;
	struct instruction *bcond = NULL, *p;
	bool taken = false;
	uint32_t cond, imm;
	int reg, n;

	/* exactly one way in: a conditional branch */
	if (falls_into(b)) {
		bcond = b - 1;
		if (bcond->type != INSN_JUMP_COND)
			return -1;
	}
	for (unsigned int i = 0; i < sec->nr_insns; i++) {
		p = &sec->insns[i];
		if (p->func != b->func || p->jump_dest != b || p == b - 1)
			continue;
		if (bcond || p->type != INSN_JUMP_COND)
			return -1;
		bcond = p;
		taken = true;
	}
	if (!bcond || (bcond->alts) || is_jump_target(b) != taken)
		return -1;
	/* b.cond only (not cbz/tbz): cond 8/2 leave for the default */
	if ((word(bcond) & 0xff000010) != 0x54000000)
		return -1;
	cond = bits(word(bcond), 3, 0);

	/* back to the cmp: nothing in between may set the flags */
	p = bcond;
	for (n = 0; ; n++) {
		if (n >= MAX_CMP_GAP || !falls_into(p) || is_jump_target(p))
			return -1;
		p--;
		if (!straight(p))
			return -1;
		if (is_cmp_imm(word(p), &reg, &imm) ||
		    cmp_const(file, p, &reg, &imm))
			break;
		if (may_set_flags(word(p)))
			return -1;
		set = index_regs_before(file, p, set);
		if (!set)
			return -1;
	}

	/*
	 * The compared register must hold the index: at the cmp already, or
	 * as a copy made earlier ("mov w2, w0; cmp w0, #N" or "mov w3, w2;
	 * cmp w3, #N") and not written since.
	 */
	for (struct instruction *q = p; !(set & 1U << reg); ) {
		int dst, src;

		if (q - p <= -MAX_CMP_GAP || !falls_into(q) ||
		    is_jump_target(q) || !straight(q - 1))
			return -1;
		q--;
		if (writes(file, q, reg)) {
			if (is_reg_move(word(q), &dst, &src) && dst == reg &&
			    (set & 1U << src))
				break;
			return -1;
		}
		set = index_regs_before(file, q, set);
		if (!set)
			return -1;
	}

	/* cmp x, #N: b.hi/b.hs leave (fall through), b.ls/b.lo enter (taken) */
	if ((!taken && cond == 8) || (taken && cond == 9))
		return (long)imm + 1;
	if ((!taken && cond == 2) || (taken && cond == 3))
		return imm;
	return -1;
}

/* Does @insn carry relocation @type?  Its target then in *sec + *off. */
static bool insn_reloc(const struct instruction *insn, uint32_t type,
		       struct section **sec, long *off)
{
	struct reloc *r = find_reloc(insn->sec, insn->offset, ARM64_INSN_SIZE);

	return r && r->type == type && reloc_target(r, sec, off);
}

/* "add xT, xN, #:lo12:sym" (64-bit, unshifted immediate) */
static bool is_add_lo12(const struct instruction *insn, int *rd, int *rn,
			struct section **sec, long *off)
{
	uint32_t w = word(insn);

	if ((w & 0xffc00000) != 0x91000000)
		return false;
	*rd = bits(w, 4, 0);
	*rn = bits(w, 9, 5);
	return insn_reloc(insn, R_AARCH64_ADD_ABS_LO12_NC, sec, off);
}

/* "adrp xT, sym" */
static bool is_adrp(const struct instruction *insn, int *rd,
		    struct section **sec, long *off)
{
	if ((word(insn) & 0x9f000000) != 0x90000000)
		return false;
	*rd = bits(word(insn), 4, 0);
	return insn_reloc(insn, R_AARCH64_ADR_PREL_PG_HI21, sec, off);
}

static bool rodata(const struct section *sec)
{
	return !sec->text && sec->data && sec->sh.sh_type == SHT_PROGBITS &&
	       (sec->sh.sh_flags & SHF_ALLOC) && !(sec->sh.sh_flags & SHF_WRITE);
}

#define MAX_SEARCH	4096	/* instructions visited looking for definitions */

enum def_kind { DEF_ADD_LO12, DEF_ADRP };

/*
 * Every definition of @reg reaching @use, over all paths back through the
 * function (gcc hoists "adrp; add" of a table out of a loop around the
 * switch, often into a callee-saved register, the adrp into another
 * register than the add): each must be the @kind materialisation of one
 * table address, the same for all of them.  A call that may clobber the
 * register (see writes()), the function's entry, an edge from another
 * section or any other write on the way: not known, false.
 */
static bool reaching_defs(const struct objtool_file *file,
			  struct instruction *use, int reg, enum def_kind kind,
			  struct section **tsec, long *toff, bool *have)
{
	const struct section *sec = use->sec;
	struct instruction **stack;
	uint8_t *seen;
	unsigned int sp = 0, visited = 0;
	bool ok = false;

	seen = calloc(sec->nr_insns, 1);
	stack = malloc(MAX_SEARCH * sizeof(*stack));
	if (!seen || !stack)
		goto out;
	stack[sp++] = use;
	seen[use - sec->insns] = 1;
	while (sp) {
		struct instruction *q = stack[--sp], *preds[2], *p;
		unsigned int i = q - sec->insns, np = 0, e;

		if (++visited > MAX_SEARCH || in.foreign[i] || !q->func ||
		    (q->func->sec == sec && q->func->offset == q->offset))
			goto out;		/* entered from outside */
		if (falls_into(q))
			preds[np++] = q - 1;
		for (e = in.start[i]; ; e++) {
			struct section *ts;
			long to;
			int rd, rn;
			bool def;

			if (np) {
				p = preds[--np];
				e--;
			} else if (e < in.start[i + 1]) {
				p = in.src[e];
			} else {
				break;
			}
			if (p->sec != sec || p->func != use->func)
				goto out;
			if (!writes(file, p, reg)) {
				if (!seen[p - sec->insns]) {
					if (sp == MAX_SEARCH)
						goto out;
					seen[p - sec->insns] = 1;
					stack[sp++] = p;
				}
				continue;
			}
			if (!is_code(p))
				goto out;
			if (kind == DEF_ADD_LO12)
				def = is_add_lo12(p, &rd, &rn, &ts, &to) &&
				      rd == reg &&
				      reaching_defs(file, p, rn, DEF_ADRP,
						    tsec, toff, have);
			else
				def = is_adrp(p, &rd, &ts, &to) && rd == reg;
			if (!def || (*have && (ts != *tsec || to != *toff)))
				goto out;
			*tsec = ts;
			*toff = to;
			*have = true;
		}
	}
	ok = *have;
out:
	free(seen);
	free(stack);
	return ok;
}

#define MAX_SPILLS	8

/*
 * "ldr xT, [sp, #slot]": the table address gcc spilled in a large
 * function.  Every store that can write the slot (stack_slot.c) must store
 * the same table's address, each reaching it from "adrp; add" as above.
 */
static bool spilled_table(const struct objtool_file *file,
			  const struct instruction *reload, struct section **tsec,
			  long *toff)
{
	struct instruction *stores[MAX_SPILLS];
	uint32_t w = word(reload);
	bool have = false;
	int n;

	if ((w & 0xffc003e0) != 0xf94003e0)	/* ldr x, [sp, #imm] */
		return false;
	n = arm64_slot_stores(file, reload->func, bits(w, 21, 10) * 8L,
			      stores, MAX_SPILLS);
	if (n <= 0)
		return false;
	for (int i = 0; i < n; i++)
		if (stores[i]->sec != in.sec ||
		    !reaching_defs(file, stores[i], bits(word(stores[i]), 4, 0),
				   DEF_ADD_LO12, tsec, toff, &have))
			return false;
	return true;
}

/*
 * The table named by "adrp xT; add xT, xT, :lo12:" for register @reg: in
 * the dispatch block, on every path into it, or through a stack slot.
 */
static bool table_address(const struct objtool_file *file,
			  struct instruction *b, struct instruction *use,
			  int reg, struct section **tsec, long *toff)
{
	struct instruction *add = find_def(file, b, use, reg), *adrp;
	struct section *s2;
	long o2;
	int rd, rn;

	if (add && spilled_table(file, add, tsec, toff))
		return rodata(*tsec);
	if (!add) {
		bool have = false;

		return reaching_defs(file, use, reg, DEF_ADD_LO12, tsec, toff,
				     &have) && rodata(*tsec);
	}
	if (!is_add_lo12(add, &rd, &rn, tsec, toff) || rd != reg)
		return false;
	adrp = find_def(file, b, add, rn);
	if (!adrp || !is_adrp(adrp, &rd, &s2, &o2) || rd != rn ||
	    s2 != *tsec || o2 != *toff)
		return false;
	return rodata(*tsec);
}

/* The value "add xd, xn, <reg>, <extend> #amount" adds for a loaded @v. */
static int64_t extend(uint64_t v, uint32_t option)
{
	switch (option) {
	case 0: return (uint8_t)v;
	case 1: return (uint16_t)v;
	case 2: return (uint32_t)v;
	case 4: return (int8_t)v;
	case 5: return (int16_t)v;
	case 6: return (int32_t)v;
	default: return (int64_t)v;
	}
}

struct table_load {
	unsigned int size;	/* entry bytes */
	bool sign;		/* sign-extending load */
	bool wide;		/* into an X register */
	int index;		/* index register */
};

/* ldr{b,h,sb,sh,,sw} Rt, [xT, wJ, uxtw #size] / [xT, xJ, lsl #size] */
static bool decode_table_load(uint32_t w, struct table_load *l, int *base)
{
	uint32_t size = bits(w, 31, 30), opc = bits(w, 23, 22);
	uint32_t option = bits(w, 15, 13);

	if ((w & 0x3f200c00) != 0x38200800)	/* GPR load/store, reg offset */
		return false;
	if (option != 2 && option != 3)		/* uxtw, lsl */
		return false;
	if (size && !bits(w, 12, 12))		/* the index must be scaled */
		return false;
	if (opc == 0 || (size == 3) || (size == 2 && opc == 3))
		return false;			/* store, or no table width */
	l->size = 1U << size;
	l->sign = opc >= 2;
	l->wide = opc == 2;
	l->index = bits(w, 20, 16);
	*base = bits(w, 9, 5);
	return l->index != 31 && *base != 31;
}

static uint64_t load_value(const struct objtool_file *file, const uint8_t *p,
			   const struct table_load *l)
{
	uint64_t v = file_read(file, p, l->size);
	unsigned int shift = 64 - 8 * l->size;

	if (l->sign)
		v = (uint64_t)((int64_t)(v << shift) >> shift);
	if (!l->wide)
		v &= 0xffffffffULL;
	return v;
}

static int find_table(struct objtool_file *file, struct instruction *br,
		      struct instruction ***targets)
{
	struct instruction *b, *add, *base, *load, **dests;
	struct section *tsec;
	struct table_load l;
	long toff, nr, base_off;
	unsigned int n = 0;
	uint32_t w, option, amount, set;
	int treg;

	b = block_start(br);
	if (!b)
		return 0;

	/* br xD <- add xD, xB, wI, <ext> #k  or  add xD, xB, xI, lsl #k */
	add = find_def(file, b, br, bits(word(br), 9, 5));
	if (!add)
		return 0;
	w = word(add);
	if (bits(w, 4, 0) != bits(word(br), 9, 5))
		return 0;
	if ((w & 0xffe00000) == 0x8b200000) {		/* extended register */
		option = bits(w, 15, 13);
		amount = bits(w, 12, 10);
		if (amount > 4)
			return 0;
	} else if ((w & 0xffe00000) == 0x8b000000) {	/* shifted, lsl */
		option = 7;
		amount = bits(w, 15, 10);
		if (amount > 4)
			return 0;
	} else {
		return 0;
	}

	/* xB <- adr .Lbase */
	base = find_def(file, b, add, bits(w, 9, 5));
	if (!base || (word(base) & 0x9f000000) != 0x10000000 ||
	    bits(word(base), 4, 0) != bits(w, 9, 5))
		return 0;
	if (find_reloc(base->sec, base->offset, ARM64_INSN_SIZE))
		return 0;		/* an adr against a symbol: not gcc's */
	base_off = (long)base->offset +
		   ((int32_t)((bits(word(base), 23, 5) << 2 |
			       bits(word(base), 30, 29)) << 11) >> 11);

	/* wI <- ldr wI, [xT, wJ, uxtw #k] */
	load = find_def(file, b, add, bits(w, 20, 16));
	if (!load || !decode_table_load(word(load), &l, &treg) ||
	    bits(word(load), 4, 0) != bits(w, 20, 16))
		return 0;
	if (!table_address(file, b, load, treg, &tsec, &toff))
		return 0;

	set = 1U << l.index;
	for (struct instruction *p = load - 1; p >= b && set; p--)
		set = index_regs_before(file, p, set);
	nr = set ? table_bound(file, b, set) : -1;
	if (nr <= 0 || nr > MAX_ENTRIES || toff < 0 ||
	    (unsigned long)toff + nr * l.size > tsec->size)
		return 0;

	dests = malloc((nr + 1) * sizeof(*dests));
	if (!dests)
		return -1;
	for (long i = 0; i < nr; i++) {
		uint64_t v = load_value(file, tsec->data + toff + i * l.size, &l);
		long dest = base_off + (long)((uint64_t)extend(v, option) << amount);
		struct instruction *d;
		unsigned int k;

		d = dest >= 0 ? find_insn(br->sec, dest) : NULL;
		if (!d || d->func != br->func) {
			free(dests);
			return 0;
		}
		for (k = 0; k < n && dests[k] != d; k++)
			;
		if (k == n)
			dests[n++] = d;
	}
	dests[n] = NULL;
	*targets = dests;
	return n;
}

/*
 * Computed goto, gcc's labels as values ("goto *disptab[op]", as the
 * interpreters' dispatch loops do it):
 *
 *	ldr	xN, [xT, xK, lsl #3]	(or wK, uxtw #3 / sxtw #3)
 *	br	xN
 *
 * a load from a table of pointers into the br's register, in its block.
 * The targets are the function's labels held in data (label_table.c).
 */
static bool is_pointer_load(uint32_t w, int rt)
{
	uint32_t option = bits(w, 15, 13);

	return (w & 0xffe00c00) == 0xf8600800 && bits(w, 12, 12) &&
	       (option == 2 || option == 3 || option == 6 || option == 7) &&
	       (int)bits(w, 4, 0) == rt;
}

static int find_label_table(struct objtool_file *file, struct instruction *br,
			    struct instruction ***targets)
{
	struct instruction *b = block_start(br), *load;
	int reg = bits(word(br), 9, 5);

	load = b ? find_def(file, b, br, reg) : NULL;
	if (!load || !is_pointer_load(word(load), reg))
		return 0;
	return arm64_label_targets(file, br->func, targets);
}

int arm64_find_jump_table(struct objtool_file *file, struct instruction *br,
			  struct instruction ***targets)
{
	int ret;

	if (!br->func || !is_code(br) || (word(br) & 0xfffffc1f) != 0xd61f0000)
		return 0;				/* plain br xN only */
	if (!mark_entered(file, br->sec)) {
		free_entered();
		return -1;
	}
	ret = find_table(file, br, targets);
	if (!ret)
		ret = find_label_table(file, br, targets);
	free_entered();
	return ret;
}
