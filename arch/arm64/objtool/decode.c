// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 instruction decoder for objtool-lite.
 *
 * A64 instructions are fixed 32-bit words, so decoding is a matter of
 * classifying bit patterns (Arm ARM, "A64 instruction set encoding").  Only
 * two things matter to the core: control flow, and effects on sp, x29 and
 * x30.  Writes to other registers are not reported: the walk only needs
 * to know when the frame registers stop holding what it tracks.
 */
#include <stdlib.h>
#include <string.h>

#include "arm64.h"

#define REG_FP	ARM64_REG_FP
#define REG_LR	ARM64_REG_LR
#define REG_SP	ARM64_REG_SP

static inline uint32_t field(uint32_t insn, int hi, int lo)
{
	return (insn >> lo) & ((1U << (hi - lo + 1)) - 1);
}

static inline long sign_extend(uint32_t val, int width)
{
	return (long)((int64_t)((uint64_t)val << (64 - width)) >> (64 - width));
}

static inline bool frame_reg(int reg)
{
	return reg == REG_SP || reg == REG_FP;
}

/*
 * A write to a register field where 31 encodes xzr.  Every general
 * register counts, not only x29/x30: the engine remembers registers that
 * hold a stack address ("add x19, sp, #16") or a constant ("mov x12,
 * #0x1010" before "sub sp, sp, x12"), and must learn when they stop.
 */
static void write_reg(struct decoded_insn *d, int reg)
{
	if (reg >= 0 && reg < REG_SP)
		insn_add_op(d, OP_CLOBBER, reg, OP_REG_NONE, 0, 0);
}

/* A write to a register field where 31 encodes sp. */
static void write_reg_sp(struct decoded_insn *d, int reg)
{
	if (reg == REG_SP)
		insn_add_op(d, OP_CLOBBER, reg, OP_REG_NONE, 0, 0);
	else
		write_reg(d, reg);
}

static void writeback(struct decoded_insn *d, int base, long off)
{
	if (frame_reg(base))
		insn_add_op(d, OP_ADD, base, base, 0, off);
	else
		write_reg(d, base);
}

static void set_branch(struct decoded_insn *d, uint8_t type,
		       unsigned long offset, long disp)
{
	d->type = type;
	d->has_dest = true;
	d->dest = offset + disp * ARM64_INSN_SIZE;
}

/* ---- branches, exception generation, system ---- */

static int decode_exception(uint32_t insn, struct decoded_insn *d)
{
	uint32_t opc = field(insn, 23, 21), ll = field(insn, 1, 0);

	if (field(insn, 4, 2))
		return -1;
	if (opc == 0 && ll) {
		d->type = INSN_SYSCALL;			/* svc, hvc, smc */
	} else if (opc == 1 && !ll) {
		/* brk #0x800 is what the kernel's BUG() plants */
		d->type = field(insn, 20, 5) == 0x800 ? INSN_BUG : INSN_TRAP;
	} else if (opc == 2 && !ll) {
		d->type = INSN_TRAP;			/* hlt */
	} else if ((opc == 3 && !ll) || (opc == 5 && ll)) {
		d->type = INSN_OTHER;			/* tcancel, dcps<n> */
	} else {
		return -1;
	}
	return 0;
}

static int decode_system(uint32_t insn, struct decoded_insn *d)
{
	if ((insn & 0xfffff01f) == 0xd503201f) {
		/*
		 * The hint space: bti is the landing pad; everything else,
		 * paciasp/autiasp included, leaves sp and the frame alone
		 * (pointer signing changes the bits of x30, not where the
		 * return address lives).
		 */
		uint32_t imm = field(insn, 11, 5);

		d->type = (imm & ~6U) == 0x20 ? INSN_ENDBR : INSN_NOP;
		return 0;
	}
	/* mrs and sysl write Xt */
	if ((insn & 0xfff00000) == 0xd5300000 ||
	    (insn & 0xfff80000) == 0xd5280000)
		write_reg(d, field(insn, 4, 0));
	return 0;
}

static int decode_branch_reg(uint32_t insn, struct decoded_insn *d)
{
	static const int8_t types[16] = {
		[0] = INSN_JUMP_DYNAMIC,	/* br, braaz, brabz */
		[1] = INSN_CALL_DYNAMIC,	/* blr, blraaz, blrabz */
		[2] = INSN_RETURN,		/* ret, retaa, retab */
		[4] = INSN_CONTEXT_SWITCH,	/* eret, eretaa, eretab */
		[5] = INSN_CONTEXT_SWITCH,	/* drps */
		[8] = INSN_JUMP_DYNAMIC,	/* braa, brab */
		[9] = INSN_CALL_DYNAMIC,	/* blraa, blrab */
		[3] = -1, [6] = -1, [7] = -1, [10] = -1, [11] = -1,
		[12] = -1, [13] = -1, [14] = -1, [15] = -1,
	};
	int type = types[field(insn, 24, 21)];

	if (type < 0 || field(insn, 20, 16) != 0x1f)
		return -1;
	d->type = type;
	return 0;
}

static int decode_branch_sys(uint32_t insn, unsigned long offset,
			     struct decoded_insn *d)
{
	if ((insn & 0x7c000000) == 0x14000000) {
		set_branch(d, insn >> 31 ? INSN_CALL : INSN_JUMP_UNCOND,
			   offset, sign_extend(field(insn, 25, 0), 26));
		return 0;
	}
	if ((insn & 0xff000000) == 0x54000000 ||	/* b.cond, bc.cond */
	    (insn & 0x7e000000) == 0x34000000) {	/* cbz, cbnz */
		set_branch(d, INSN_JUMP_COND, offset,
			   sign_extend(field(insn, 23, 5), 19));
		return 0;
	}
	if ((insn & 0x7e000000) == 0x36000000) {	/* tbz, tbnz */
		set_branch(d, INSN_JUMP_COND, offset,
			   sign_extend(field(insn, 18, 5), 14));
		return 0;
	}
	if ((insn & 0xff000000) == 0xd4000000)
		return decode_exception(insn, d);
	if ((insn & 0xffc00000) == 0xd5000000)
		return decode_system(insn, d);
	if ((insn & 0xfe000000) == 0xd6000000)
		return decode_branch_reg(insn, d);
	/*
	 * Unallocated, or a branch added after this decoder was written:
	 * refusing is safer than walking past a branch as if it were not.
	 */
	return -1;
}

/* ---- data processing, immediate ---- */

/* The value of a logical-immediate bitmask (N:immr:imms), 64-bit form. */
static bool decode_bitmask(uint32_t n, uint32_t immr, uint32_t imms,
			   uint64_t *mask)
{
	uint32_t combined = n << 6 | (~imms & 0x3f);
	int len = 31 - __builtin_clz(combined | 1);
	uint32_t levels, s, r, esize;
	uint64_t elem;

	if (!combined || len < 1)
		return false;
	esize = 1U << len;
	levels = esize - 1;
	s = imms & levels;
	r = immr & levels;
	if (s == levels)
		return false;
	elem = (1ULL << (s + 1)) - 1;		/* s < 63 here */
	if (r)
		elem = (elem >> r | elem << (esize - r)) &
		       (esize == 64 ? ~0ULL : (1ULL << esize) - 1);
	*mask = elem;
	for (uint32_t i = esize; i < 64; i *= 2)
		*mask |= *mask << i;
	return true;
}

static void decode_add_imm(uint32_t insn, struct decoded_insn *d)
{
	bool sf = insn >> 31, sub = field(insn, 30, 30), s = field(insn, 29, 29);
	int rn = field(insn, 9, 5), rd = field(insn, 4, 0);
	long imm = (long)field(insn, 21, 10) << (field(insn, 22, 22) ? 12 : 0);

	if (rd == REG_SP && s)
		return;				/* cmp, cmn */
	if (!sf) {
		write_reg_sp(d, rd);		/* a 32-bit result is no address */
		return;
	}
	if (!frame_reg(rd) && !frame_reg(rn)) {
		write_reg(d, rd);
		return;
	}
	if (!imm)
		insn_add_op(d, OP_MOV, rd, rn, 0, 0);
	else
		insn_add_op(d, OP_ADD, rd, rn, 0, sub ? -imm : imm);
}

static void decode_logical_imm(uint32_t insn, struct decoded_insn *d)
{
	uint32_t opc = field(insn, 30, 29);
	int rn = field(insn, 9, 5), rd = field(insn, 4, 0);
	uint64_t mask;

	if (rd != REG_SP) {
		/* orr xd, xzr, #bitmask: "mov xd, #imm" of a bitmask constant */
		if (opc == 1 && rn == 31 && insn >> 31 &&
		    decode_bitmask(field(insn, 22, 22), field(insn, 21, 16),
				   field(insn, 15, 10), &mask) &&
		    (int64_t)mask == (int32_t)mask)
			insn_add_op(d, OP_CONST, rd, OP_REG_NONE, 0, (int32_t)mask);
		else
			write_reg(d, rd);
		return;
	}
	if (opc == 3)
		return;				/* ands into xzr: tst */
	/* and sp, xN, #-align: stack realignment, the only sane sp write */
	if (opc == 0 && insn >> 31 && rn != REG_SP &&
	    decode_bitmask(field(insn, 22, 22), field(insn, 21, 16),
			   field(insn, 15, 10), &mask) &&
	    (int64_t)mask == (int32_t)mask) {
		insn_add_op(d, OP_AND, REG_SP, rn, 0, (int32_t)mask);
		return;
	}
	write_reg_sp(d, rd);
}

static bool is_move_wide(uint32_t insn)
{
	return (insn & 0x1f800000) == 0x12800000 && field(insn, 30, 29) != 1;
}

/*
 * movz/movn/movk: the constant, when a chain "movz/movn xN; movk xN ..."
 * built it.  movk only changes 16 bits of a value the decoder must find:
 * the instructions right before it in the same chain (gcc emits the chain
 * contiguously), read back from @buf.  Returns false when unknown.
 */
static bool move_wide_value(uint32_t insn, const uint8_t *buf,
			    unsigned long offset, int depth, uint64_t *val)
{
	uint32_t opc = field(insn, 30, 29), hw = field(insn, 22, 21);
	uint64_t imm = (uint64_t)field(insn, 20, 5) << (16 * hw);
	bool sf = insn >> 31;
	uint32_t prev;

	if (!sf && hw > 1)
		return false;
	if (opc == 2) {				/* movz */
		*val = imm;
	} else if (opc == 0) {			/* movn */
		*val = ~imm;
	} else {				/* movk */
		if (depth >= 3 || offset < ARM64_INSN_SIZE)
			return false;
		prev = arm64_insn_at(buf - ARM64_INSN_SIZE);
		if (!is_move_wide(prev) || field(prev, 4, 0) != field(insn, 4, 0) ||
		    (prev >> 31) != sf ||
		    !move_wide_value(prev, buf - ARM64_INSN_SIZE,
				     offset - ARM64_INSN_SIZE, depth + 1, val))
			return false;
		*val = (*val & ~(0xffffULL << (16 * hw))) | imm;
	}
	if (!sf)
		*val &= 0xffffffffULL;
	return true;
}

static void decode_move_wide(uint32_t insn, const uint8_t *buf,
			     unsigned long offset, struct decoded_insn *d)
{
	int rd = field(insn, 4, 0);
	uint64_t val;

	if (!is_move_wide(insn)) {
		write_reg(d, rd);
		return;
	}
	if (rd != REG_SP && move_wide_value(insn, buf, offset, 0, &val) &&
	    (int64_t)val == (int32_t)val)
		insn_add_op(d, OP_CONST, rd, OP_REG_NONE, 0, (int32_t)val);
	else
		write_reg(d, rd);
}

static void decode_dp_imm(uint32_t insn, const uint8_t *buf,
			  unsigned long offset, struct decoded_insn *d)
{
	int rd = field(insn, 4, 0);

	switch (field(insn, 25, 23)) {
	case 2:
		decode_add_imm(insn, d);
		break;
	case 3:
		/* addg/subg may write sp; min/max (immediate) may not */
		if ((insn & 0xbfc00000) == 0x91800000)
			write_reg_sp(d, rd);
		else
			write_reg(d, rd);
		break;
	case 4:
		decode_logical_imm(insn, d);
		break;
	case 5:
		decode_move_wide(insn, buf, offset, d);
		break;
	default:		/* adr, adrp, bitfield, extr */
		write_reg(d, rd);
		break;
	}
}

/* ---- data processing, register ---- */

/*
 * "sub sp, sp, xN" / "add sp, sp, xN" (uxtx/sxtx, no shift): how gcc
 * allocates a frame too large for an immediate, the size in a register
 * set by mov/movk just before.  The engine follows it when it knows xN's
 * value (OP_CONST); anything else writing sp is untrackable.
 */
static void decode_add_ext(uint32_t insn, struct decoded_insn *d)
{
	int rd = field(insn, 4, 0), rn = field(insn, 9, 5);
	int rm = field(insn, 20, 16);
	uint32_t option = field(insn, 15, 13), shift = field(insn, 12, 10);
	bool sub = field(insn, 30, 30);
	struct stack_op *op;

	if (rd == REG_SP && rn == REG_SP && insn >> 31 && !shift &&
	    (option & 3) == 3 && rm != 31) {
		op = insn_add_op(d, OP_ADD_REG, REG_SP, REG_SP, 0, sub ? -1 : 1);
		if (op)
			op->src2 = rm;
		return;
	}
	write_reg_sp(d, rd);
}

static void decode_dp_reg(uint32_t insn, struct decoded_insn *d)
{
	int rd = field(insn, 4, 0);

	/* add/sub (extended register): the only form where 31 means sp */
	if ((insn & 0x1fe00000) == 0x0b200000) {
		if (field(insn, 29, 29))
			write_reg(d, rd);
		else
			decode_add_ext(insn, d);
		return;
	}
	/* pac*, aut*, xpac*: x30 keeps the return address, signed or not */
	if ((insn & 0xffffc000) == 0xdac10000)
		return;
	/* ccmp/ccmn/rmif/setf keep flags here: never 29 or 30 */
	write_reg(d, rd);
}

/* ---- SIMD and floating point: only the moves into general registers ---- */

static void decode_simd_fp(uint32_t insn, struct decoded_insn *d)
{
	if ((insn & 0x5f20fc00) == 0x1e200000) {
		uint32_t opcode = field(insn, 18, 16);

		/* scvtf, ucvtf and fmov-to-fp (2, 3, 7) write a vector reg */
		if (opcode != 2 && opcode != 3 && opcode != 7)
			write_reg(d, field(insn, 4, 0));
		return;
	}
	if ((insn & 0xbfe0fc00) == 0x0e002c00 ||	/* smov */
	    (insn & 0xbfe0fc00) == 0x0e003c00)		/* umov */
		write_reg(d, field(insn, 4, 0));
}

/* ---- loads and stores ---- */

static void access_x(struct decoded_insn *d, bool load, int reg, int base,
		     long off)
{
	if (load) {
		if (reg != REG_SP)		/* xzr: nothing loaded */
			insn_add_op(d, OP_LOAD, reg, base, 8, off);
	} else {
		insn_add_op(d, OP_STORE, base, reg == REG_SP ? OP_REG_NONE : reg,
		       8, off);
	}
}

static int decode_ldst_pair(uint32_t insn, struct decoded_insn *d)
{
	uint32_t opc = field(insn, 31, 30), mode = field(insn, 24, 23);
	bool simd = field(insn, 26, 26), load = field(insn, 22, 22);
	int rt = field(insn, 4, 0), rt2 = field(insn, 14, 10);
	int rn = field(insn, 9, 5);
	bool pre = mode == 3, post = mode == 1;
	bool xregs;
	int scale;
	long off;

	if (opc == 3)
		return -1;
	if (simd)
		scale = 2 + opc;
	else if (opc == 1)
		scale = load ? 2 : 4;		/* ldpsw, stgp */
	else
		scale = 2 + opc / 2;
	xregs = !simd && (opc == 2 || (opc == 1 && !load));
	off = sign_extend(field(insn, 21, 15), 7) * (1L << scale);

	if (pre)
		writeback(d, rn, off);
	if (xregs && frame_reg(rn)) {
		long at = (pre || post) ? 0 : off;

		access_x(d, load, rt, rn, at);
		access_x(d, load, rt2, rn, at + 8);
	} else if (load && !simd) {
		write_reg(d, rt);
		write_reg(d, rt2);
	}
	if (post)
		writeback(d, rn, off);
	return 0;
}

/* ldr/str and friends with an immediate (or no known) offset */
static void decode_ldst_single(uint32_t insn, struct decoded_insn *d)
{
	uint32_t size = field(insn, 31, 30), opc = field(insn, 23, 22);
	uint32_t sub = field(insn, 11, 10);
	bool simd = field(insn, 26, 26);
	int rt = field(insn, 4, 0), rn = field(insn, 9, 5);
	bool load = simd ? opc & 1 : opc != 0;
	bool prefetch = !simd && size == 3 && opc == 2;
	bool known = true, pre = false, post = false;
	long off;

	if (field(insn, 24, 24)) {
		int scale = simd && opc >= 2 ? 4 : size;

		off = (long)field(insn, 21, 10) << scale;
	} else if (!field(insn, 21, 21)) {
		off = sign_extend(field(insn, 20, 12), 9);
		pre = sub == 3;
		post = sub == 1;
	} else {
		/* register offset, atomics, ldraa/ldrab: address unknown */
		known = false;
		off = 0;
		if (sub & 1) {			/* ldraa/ldrab: opc is M:S */
			load = true;
			if (field(insn, 11, 11))
				write_reg_sp(d, rn);
		} else if (!sub) {
			load = true;		/* atomics return the old value */
		}
	}

	if (pre)
		writeback(d, rn, off);
	if (known && frame_reg(rn) && !simd && size == 3 && opc <= 1)
		access_x(d, load, rt, rn, (pre || post) ? 0 : off);
	else if (load && !simd && !prefetch)
		write_reg(d, rt);
	if (post)
		writeback(d, rn, off);
}

static void decode_exclusive(uint32_t insn, struct decoded_insn *d)
{
	bool o2 = field(insn, 23, 23), l = field(insn, 22, 22);
	bool o1 = field(insn, 21, 21), wide = field(insn, 31, 31);
	int rs = field(insn, 20, 16), rt = field(insn, 4, 0);
	bool cas = o1 && (o2 || !wide);

	if (cas) {
		/* cas returns the old value in Rs; casp in Rs, Rs+1 */
		write_reg(d, rs);
		if (!o2)
			write_reg(d, rs + 1);
	} else if (l) {
		write_reg(d, rt);
		if (o1)
			write_reg(d, field(insn, 14, 10));
	} else if (!o2) {
		write_reg(d, rs);		/* store-exclusive status */
	}
}

static void decode_mem_tags(uint32_t insn, struct decoded_insn *d)
{
	uint32_t opc = field(insn, 23, 22), op2 = field(insn, 11, 10);
	long off = sign_extend(field(insn, 20, 12), 9) * 16;
	int rn = field(insn, 9, 5);

	if (!op2) {
		if (opc & 1)
			write_reg(d, field(insn, 4, 0));	/* ldg, ldgm */
	} else if (op2 & 1) {
		writeback(d, rn, off);	/* stg family, pre/post index */
	}
}

static int decode_ldst(uint32_t insn, struct decoded_insn *d)
{
	if ((insn & 0x3a000000) == 0x28000000)
		return decode_ldst_pair(insn, d);
	if ((insn & 0xff200000) == 0xd9200000)
		decode_mem_tags(insn, d);
	else if ((insn & 0x3a000000) == 0x38000000)
		decode_ldst_single(insn, d);
	else if ((insn & 0x3b000000) == 0x18000000 &&
		 !field(insn, 26, 26) && field(insn, 31, 30) != 3)
		write_reg(d, field(insn, 4, 0));	/* ldr (literal) */
	else if ((insn & 0x3f000000) == 0x08000000)
		decode_exclusive(insn, d);
	else if ((insn & 0x3f000c00) == 0x19000000 && field(insn, 23, 22))
		write_reg(d, field(insn, 4, 0));	/* ldapur* */
	else if ((insn & 0xbe800000) == 0x0c800000)
		write_reg_sp(d, field(insn, 9, 5));	/* ld1..st4 post */
	return 0;
}

/* ---- mapping symbols: data inside code ---- */

/*
 * The AArch64 ELF ABI marks where a text section switches between code and
 * data with local symbols "$x" and "$d" (optionally "$x.<any>").
 * Hand-written assembly (OpenSSL's perlasm, for one) keeps constant tables
 * and strings in .text; those words are not instructions and must not be
 * decoded as such.  They are handed to the core as INSN_NOP "padding" of
 * up to 4 bytes: never reached by a path, never warned about.
 *
 * The boundaries of one section are collected once, sorted, and then
 * followed with a cursor, since the core decodes a section front to back.
 */
struct mapping {
	unsigned long offset;
	bool data;
};

static struct {
	const struct objtool_file *file;
	const struct section *sec;
	struct mapping *map;
	unsigned int nr, cur;
} maps;

static int mapping_cmp(const void *a, const void *b)
{
	const struct mapping *x = a, *y = b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static bool mapping_symbol(const struct symbol *sym, bool *data)
{
	const char *n = sym->name;

	if (!n || n[0] != '$' || (n[1] != 'x' && n[1] != 'd') ||
	    (n[2] && n[2] != '.'))
		return false;
	*data = n[1] == 'd';
	return true;
}

static void maps_load(const struct objtool_file *file, const struct section *sec)
{
	unsigned int n = 0;

	free(maps.map);
	memset(&maps, 0, sizeof(maps));
	maps.file = file;
	maps.sec = sec;
	for (unsigned int i = 0; i < file->nr_syms; i++) {
		bool data;

		if (file->syms[i].sec == sec && mapping_symbol(&file->syms[i], &data))
			n++;
	}
	if (!n || !(maps.map = malloc(n * sizeof(*maps.map))))
		return;
	for (unsigned int i = 0; i < file->nr_syms; i++) {
		const struct symbol *sym = &file->syms[i];
		bool data;

		if (sym->sec == sec && mapping_symbol(sym, &data))
			maps.map[maps.nr++] = (struct mapping){ sym->offset, data };
	}
	qsort(maps.map, maps.nr, sizeof(*maps.map), mapping_cmp);
}

/*
 * Bytes of data starting at @offset (at most 4, up to the next code), or 0
 * when @offset is code.
 */
static unsigned int data_bytes(const struct objtool_file *file,
			       const struct section *sec, unsigned long offset)
{
	unsigned int i;
	unsigned long end;

	if (!file || !sec)
		return 0;
	if (maps.file != file || maps.sec != sec ||
	    (maps.cur < maps.nr && maps.map[maps.cur].offset > offset))
		maps_load(file, sec);
	while (maps.cur + 1 < maps.nr && maps.map[maps.cur + 1].offset <= offset)
		maps.cur++;
	i = maps.cur;
	if (i >= maps.nr || maps.map[i].offset > offset || !maps.map[i].data)
		return 0;
	end = sec->size;
	for (unsigned int j = i + 1; j < maps.nr; j++)
		if (!maps.map[j].data && maps.map[j].offset > offset) {
			end = maps.map[j].offset;
			break;
		}
	if (end - offset > ARM64_INSN_SIZE - offset % ARM64_INSN_SIZE)
		return ARM64_INSN_SIZE - offset % ARM64_INSN_SIZE;
	return end - offset;
}

/* ---- top level ---- */

static int decode_reserved(uint32_t insn, struct decoded_insn *d)
{
	if (insn >> 31)
		return 0;			/* SME */
	if (field(insn, 24, 16))
		return -1;
	d->type = INSN_BUG;			/* udf #imm16 */
	return 0;
}

static void decode_sve(uint32_t insn, struct decoded_insn *d)
{
	/* addvl/addpl/addsvl/addspl: sp moves by a multiple of VL */
	if ((insn & 0xffa0f000) == 0x04205000)
		write_reg_sp(d, field(insn, 4, 0));
}

static int arm64_decode(const struct objtool_file *file,
			const struct section *sec, unsigned long offset,
			const uint8_t *buf, size_t avail,
			struct decoded_insn *d)
{
	unsigned int data;
	uint32_t insn;

	memset(d, 0, sizeof(*d));
	data = data_bytes(file, sec, offset);
	if (data) {
		d->len = data;
		d->type = INSN_NOP;
		return 0;
	}
	if (avail < ARM64_INSN_SIZE || offset % ARM64_INSN_SIZE)
		return -1;
	insn = arm64_insn_at(buf);
	d->len = ARM64_INSN_SIZE;
	d->type = INSN_OTHER;

	switch (field(insn, 28, 25)) {
	case 0x0:
		return decode_reserved(insn, d);
	case 0x1:
	case 0x3:
		return -1;
	case 0x2:
		decode_sve(insn, d);
		return 0;
	case 0x8:
	case 0x9:
		decode_dp_imm(insn, buf, offset, d);
		return 0;
	case 0xa:
	case 0xb:
		return decode_branch_sys(insn, offset, d);
	case 0x5:
	case 0xd:
		decode_dp_reg(insn, d);
		return 0;
	case 0x7:
	case 0xf:
		decode_simd_fp(insn, d);
		return 0;
	default:		/* 0x4, 0x6, 0xc, 0xe */
		return decode_ldst(insn, d);
	}
}

static bool arm64_callee_saved(int reg)
{
	return reg >= 19 && reg <= ARM64_REG_LR;
}

static void arm64_init_cfi(struct cfi_state *cfi)
{
	cfi_init(cfi);
	cfi->cfa.base = REG_SP;
	cfi->cfa.offset = 0;
	for (int i = 0; i < CFI_NUM_REGS; i++) {
		cfi->regs[i].base = CFI_UNDEFINED;
		cfi->regs[i].offset = 0;
		cfi->vals[i].base = CFI_UNDEFINED;
		cfi->vals[i].offset = 0;
	}
	cfi->stack_size = 0;
	cfi->type = UNWIND_CALL;
}

/* R_AARCH64_CALL26/JUMP26 addends are the target, no pc bias to undo. */
static long arm64_reloc_dest(long sym_offset, long addend)
{
	return sym_offset + addend;
}

static const char *const arm64_reg_names[] = {
	"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7",
	"x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
	"x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23",
	"x24", "x25", "x26", "x27", "x28", "x29", "x30", "sp",
};

/*
 * The mapping-symbol cache is keyed by file and section pointers, which a
 * later run in the same process may get again for another object.
 */
static void arm64_reset(void)
{
	free(maps.map);
	memset(&maps, 0, sizeof(maps));
	arm64_jump_table_reset();
}

/* Required hooks: arm64_decode(), arm64_init_cfi(), ... (objtool/arch.h). */
OBJTOOL_ARCH(arm64, arm64,
	.e_machine		= EM_AARCH64,
	.cfi_sp			= REG_SP,
	.cfi_fp			= REG_FP,
	.cfi_ra			= REG_LR,
	.nr_regs		= 32,
	.reg_names		= arm64_reg_names,
	.orc_ip_reloc		= R_AARCH64_PREL32,
	.mcount			= arm64_mcount,
	.find_jump_table	= arm64_find_jump_table,
	/* no upstream objtool to match: the rest of a function still unwinds */
	.states_after_warning	= true,
	.reset			= arm64_reset,
	.bfd_arch		= "aarch64");
