// SPDX-License-Identifier: GPL-2.0
/*
 * s390x instruction decoder for objtool-lite.
 *
 * z/Architecture instructions are 2, 4 or 6 bytes, big-endian; the two top
 * bits of the first byte give the length, so decoding never loses its
 * place.  What the core needs from each instruction:
 *  - control flow: the branch-on-condition family (bcr, bc, brc, brcl:
 *    mask 0 never branches, 15 always), calls (basr, bas, bras, brasl),
 *    the return "br %r14", branch-on-count and compare-and-branch;
 *  - stack operations on r15 (sp), r11 (frame pointer) and r14 (return
 *    address): stmg/lmg and stg/lg of save slots and of the back chain,
 *    lay/la/aghi/agfi/aghik/slgfi on r15, lgr between registers, agr/sgr
 *    with a register holding a constant (large frames and alloca);
 *  - which general register any other instruction writes, so that the
 *    engine forgets copies of sp and constants in time.  Instructions
 *    whose target is not a general register (floating point, vector,
 *    storage-to-storage) report nothing.
 * Formats and opcodes: z/Architecture Principles of Operation, ch. 5 and
 * appendix B.  Bits are numbered from the most significant, as there.
 */
#include <stdlib.h>
#include <string.h>

#include "s390x.h"

#define REG_FP	S390X_REG_FP
#define REG_RA	S390X_REG_RA
#define REG_SP	S390X_REG_SP

struct insn_bytes {
	const uint8_t *b;
	unsigned int len;
};

/* The 4-bit field starting at bit @bit (a multiple of 4). */
static unsigned int nib(const struct insn_bytes *in, unsigned int bit)
{
	uint8_t byte = in->b[bit / 8];

	return bit % 8 ? byte & 0xf : byte >> 4;
}

static uint32_t be16(const uint8_t *p)
{
	return p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

/* 12-bit unsigned displacement at bits 20-31 (RX, RS, SI formats). */
static int32_t disp12(const struct insn_bytes *in)
{
	return be16(in->b + 2) & 0xfff;
}

/* 20-bit signed displacement DH:DL of the RXY/RSY/SIY formats. */
static int32_t disp20(const struct insn_bytes *in)
{
	int32_t d = (be16(in->b + 2) & 0xfff) | (uint32_t)in->b[4] << 12;

	return d & 0x80000 ? d - 0x100000 : d;
}

static int16_t imm16(const struct insn_bytes *in)
{
	return (int16_t)be16(in->b + 2);
}

static int32_t imm32(const struct insn_bytes *in)
{
	return (int32_t)be32(in->b + 2);
}

/* loads and stores move doublewords; stmg/lmg report at most three ops */
static void add_op(struct decoded_insn *d, uint8_t kind, int dst, int src,
		   int32_t imm)
{
	insn_add_op(d, kind, dst, src, kind == OP_LOAD || kind == OP_STORE ? 8 : 0, imm);
}

static void write_reg(struct decoded_insn *d, unsigned int reg)
{
	add_op(d, OP_CLOBBER, reg, OP_REG_NONE, 0);
}

/* An even/odd register pair (multiply, divide, double shifts, mvcl). */
static void write_pair(struct decoded_insn *d, unsigned int reg)
{
	write_reg(d, reg & ~1U);
	write_reg(d, reg | 1);
}

static void set_branch(struct decoded_insn *d, uint8_t type,
		       unsigned long offset, long halfwords)
{
	d->type = type;
	d->has_dest = true;
	d->dest = offset + 2 * halfwords;
}

/* The branch-on-condition mask: 0 never branches, 15 always does. */
static void relative_branch(struct decoded_insn *d, unsigned int mask,
			    unsigned long offset, long halfwords)
{
	if (!mask) {
		d->type = INSN_NOP;	/* also the ftrace site "brcl 0,0" */
		return;
	}
	/*
	 * "j .+2" lands inside itself, on the invalid opcode 00: gcc's
	 * __builtin_trap(), and with a condition its conditional trap.
	 * The taken path ends there; the other falls through.
	 */
	if (halfwords == 1) {
		d->type = mask == 15 ? INSN_BUG : INSN_OTHER;
		return;
	}
	set_branch(d, mask == 15 ? INSN_JUMP_UNCOND : INSN_JUMP_COND, offset,
		   halfwords);
}

/*
 * "r1 = base + index + disp" (la, lay): a stack operation when there is
 * one register; with two, one may hold a constant (hand-written asm:
 * "lghi %r1,-288; la %r15,0(%r1,%r15)"), which the engine follows from
 * sp's side; a constant without base and index.
 */
static void load_address(struct decoded_insn *d, unsigned int r1,
			 unsigned int x2, unsigned int b2, int32_t disp)
{
	if (x2 && b2) {
		unsigned int src = x2 == REG_SP ? x2 : b2;

		add_op(d, OP_ADD_REG, r1, src, 1);
		d->ops[d->nr_ops - 1].src2 = src == x2 ? b2 : x2;
		if (disp)
			add_op(d, OP_ADD, r1, r1, disp);
	} else if (x2 || b2) {
		add_op(d, OP_ADD, r1, x2 | b2, disp);
	} else {
		add_op(d, OP_CONST, r1, OP_REG_NONE, disp);
	}
}

/*
 * stmg/lmg r1,r3,disp(b2): r1, r1+1, ... r3 (wrapping after r15) at
 * disp, disp+8, ...  Only r11, r14 and r15 matter to the engine: the frame
 * pointer, the return address and sp (whose save is the caller's sp).
 * Loads from the base register come last: the hardware computes every
 * address before writing any register.
 */
static void multiple(struct decoded_insn *d, bool load, unsigned int r1,
		     unsigned int r3, unsigned int b2, int32_t disp)
{
	static const unsigned int tracked[] = { REG_FP, REG_RA, REG_SP };
	unsigned int n = ((r3 - r1) & 15) + 1;
	int base_slot = -1;

	for (unsigned int i = 0; i < n; i++) {
		unsigned int r = (r1 + i) & 15;
		bool wanted = false;

		for (unsigned int t = 0; t < 3; t++)
			wanted |= r == tracked[t];
		if (load && r == b2) {
			base_slot = i;
			continue;
		}
		if (!wanted)
			continue;
		if (load)
			add_op(d, OP_LOAD, r, b2, disp + 8 * i);
		else
			add_op(d, OP_STORE, b2, r, disp + 8 * i);
	}
	if (base_slot >= 0)
		add_op(d, OP_LOAD, b2, b2, disp + 8 * base_slot);
}

/* ---- 2-byte instructions -------------------------------------------- */

static int decode_rr(const struct insn_bytes *in, struct decoded_insn *d)
{
	uint8_t op = in->b[0];
	unsigned int r1 = nib(in, 8), r2 = nib(in, 12);

	switch (op) {
	case 0x00:
		d->type = INSN_BUG;		/* never a valid opcode */
		return 0;
	case 0x01:
		/* E format: pr (program return) leaves the frame */
		if (in->b[1] == 0x01)
			d->type = INSN_CONTEXT_SWITCH;
		return 0;
	case 0x07:				/* bcr m1,r2 */
		if (!r1 || !r2) {
			/* no branch; "bcr 15,0" / "bcr 14,0" serialise */
			d->type = INSN_NOP;
		} else if (r1 == 15) {
			d->type = r2 == REG_RA ? INSN_RETURN : INSN_JUMP_DYNAMIC;
		} else if (r2 == REG_RA) {
			d->type = INSN_RETURN_COND;	/* ber %r14 and co */
		} else {
			/*
			 * A conditional jump through a register: the core has
			 * no type for a branch that may also fall through to
			 * an unknown place.  Refuse rather than walk past it.
			 */
			d->type = INSN_UNSUPPORTED;
		}
		return 0;
	case 0x05:				/* balr */
	case 0x0d:				/* basr r1,r2 */
		write_reg(d, r1);
		if (r2)
			d->type = INSN_CALL_DYNAMIC;
		return 0;
	case 0x06:				/* bctr */
		write_reg(d, r1);
		if (r2)
			d->type = INSN_UNSUPPORTED;
		return 0;
	case 0x0a:
		d->type = INSN_SYSCALL;		/* svc */
		return 0;
	case 0x0e:				/* mvcl */
	case 0x0f:				/* clcl */
		write_pair(d, r1);
		write_pair(d, r2);
		return 0;
	case 0x18:				/* lr: 32-bit, upper half kept */
		write_reg(d, r1);
		return 0;
	case 0x1c:				/* mr */
	case 0x1d:				/* dr */
		write_pair(d, r1);
		return 0;
	case 0x15:				/* clr */
	case 0x19:				/* cr */
		return 0;
	default:
		if (op >= 0x10 && op <= 0x1f)	/* lpr .. slr */
			write_reg(d, r1);
		return 0;
	}
}

/* ---- 4-byte instructions -------------------------------------------- */

/* RX-a ops 0x40-0x7f that write r1 (the rest store, compare or are FP). */
static bool rx_writes_r1(uint8_t op)
{
	switch (op) {
	case 0x41: case 0x43: case 0x45: case 0x48: case 0x4a: case 0x4b:
	case 0x4c: case 0x4f: case 0x51: case 0x54: case 0x56: case 0x57:
	case 0x58: case 0x5a: case 0x5b: case 0x5e: case 0x5f: case 0x71:
		return true;
	default:
		return false;
	}
}

static int decode_rx(const struct insn_bytes *in, unsigned long offset,
		     struct decoded_insn *d)
{
	uint8_t op = in->b[0];
	unsigned int r1 = nib(in, 8), x2 = nib(in, 12), b2 = nib(in, 16);
	int32_t disp = disp12(in);

	(void)offset;
	switch (op) {
	case 0x41:				/* la */
		load_address(d, r1, x2, b2, disp);
		return 0;
	case 0x47:				/* bc m1,d2(x2,b2) */
		if (!r1)
			d->type = INSN_NOP;
		else if (r1 == 15)
			d->type = INSN_JUMP_DYNAMIC;	/* jump tables */
		else
			d->type = INSN_UNSUPPORTED;
		return 0;
	case 0x45:				/* bal */
	case 0x4d:				/* bas */
		write_reg(d, r1);
		d->type = INSN_CALL_DYNAMIC;
		return 0;
	case 0x46:				/* bct to an address */
		write_reg(d, r1);
		d->type = INSN_UNSUPPORTED;
		return 0;
	case 0x5c:				/* m */
	case 0x5d:				/* d */
		write_pair(d, r1);
		return 0;
	case 0x82:				/* lpsw */
		d->type = INSN_CONTEXT_SWITCH;
		return 0;
	case 0x84:				/* brxh */
	case 0x85:				/* brxle */
		write_reg(d, r1);
		set_branch(d, INSN_JUMP_COND, offset, imm16(in));
		return 0;
	case 0x86:				/* bxh, bxle: to an address */
	case 0x87:
		write_reg(d, r1);
		d->type = INSN_UNSUPPORTED;
		return 0;
	case 0x88: case 0x89: case 0x8a: case 0x8b:	/* 32-bit shifts */
	case 0xba:				/* cs */
	case 0xbf:				/* icm */
		write_reg(d, r1);
		return 0;
	case 0x8c: case 0x8d: case 0x8e: case 0x8f:	/* double shifts */
	case 0xbb:				/* cds */
		write_pair(d, r1);
		return 0;
	case 0x98:				/* lm: 32-bit loads */
		for (unsigned int r = r1;; r = (r + 1) & 15) {
			write_reg(d, r);
			if (r == x2)		/* r3 sits where x2 does */
				break;
		}
		return 0;
	default:
		if (op >= 0x40 && op < 0x80 && rx_writes_r1(op))
			write_reg(d, r1);
		return 0;
	}
}

/* RI-a/b/c (0xa5, 0xa7): the second opcode is bits 12-15. */
static int decode_ri(const struct insn_bytes *in, unsigned long offset,
		     struct decoded_insn *d)
{
	unsigned int r1 = nib(in, 8), op2 = nib(in, 12);
	int16_t i2 = imm16(in);

	if (in->b[0] == 0xa5) {			/* iihh .. llill: all write r1 */
		write_reg(d, r1);
		return 0;
	}
	switch (op2) {
	case 0x0: case 0x1: case 0x2: case 0x3:	/* test under mask */
	case 0xe: case 0xf:			/* chi, cghi */
		return 0;
	case 0x4:				/* brc */
		relative_branch(d, r1, offset, i2);
		return 0;
	case 0x5:				/* bras */
		write_reg(d, r1);
		set_branch(d, INSN_CALL, offset, i2);
		return 0;
	case 0x6:				/* brct */
	case 0x7:				/* brctg */
		write_reg(d, r1);
		set_branch(d, INSN_JUMP_COND, offset, i2);
		return 0;
	case 0x9:				/* lghi */
		add_op(d, OP_CONST, r1, OP_REG_NONE, i2);
		return 0;
	case 0xb:				/* aghi */
		add_op(d, OP_ADD, r1, r1, i2);
		return 0;
	default:				/* lhi, ahi, mhi, mghi */
		write_reg(d, r1);
		return 0;
	}
}

/* RRE/RRF b9xx ops that do not write r1 (compares, traps, tests). */
static bool b9_reads_only(uint8_t op2)
{
	switch (op2) {
	case 0x20: case 0x21: case 0x30: case 0x31: case 0x60: case 0x61:
	case 0x72: case 0x73: case 0xcd: case 0xcf: case 0xdd: case 0xdf:
		return true;
	default:
		return false;
	}
}

/*
 * b9xx: in both the RRE and the RRF formats r1 is bits 24-27 and r2 bits
 * 28-31 (RRF adds r3 or a mask in bits 16-19).
 */
static int decode_b9(const struct insn_bytes *in, struct decoded_insn *d)
{
	uint8_t op2 = in->b[1];
	unsigned int r1 = nib(in, 24), r2 = nib(in, 28), r3 = nib(in, 16);

	switch (op2) {
	case 0x04:				/* lgr */
		add_op(d, OP_MOV, r1, r2, 0);
		return 0;
	case 0x08:				/* agr */
	case 0x09:				/* sgr */
		add_op(d, OP_ADD_REG, r1, r1, op2 == 0x08 ? 1 : -1);
		d->ops[d->nr_ops - 1].src2 = r2;
		return 0;
	case 0xe8:				/* agrk r1,r2,r3 */
	case 0xe9:				/* sgrk */
		add_op(d, OP_ADD_REG, r1, r2, op2 == 0xe8 ? 1 : -1);
		d->ops[d->nr_ops - 1].src2 = r3;
		return 0;
	case 0x0d: case 0x1d: case 0x83: case 0x86: case 0x87:	/* pairs */
	case 0x96: case 0x97: case 0xec:
		write_pair(d, r1);
		return 0;
	case 0x1e: case 0x28: case 0x29: case 0x2a: case 0x2b: case 0x2c:
	case 0x2d: case 0x2e: case 0x2f: case 0x3c: case 0x3e: case 0x3f:
	case 0x92: case 0x93: case 0x90: case 0x91: case 0xbe: case 0xbf:
		/* crypto and translate ops: address/length pairs advance */
		write_pair(d, r1);
		write_pair(d, r2);
		return 0;
	default:
		if (!b9_reads_only(op2))
			write_reg(d, r1);
		return 0;
	}
}

/* b2xx (S/RRE): only a few write a general register. */
static int decode_b2(const struct insn_bytes *in, struct decoded_insn *d)
{
	unsigned int r1 = nib(in, 24), r2 = nib(in, 28);

	switch (in->b[1]) {
	case 0x22:				/* ipm */
	case 0x4f:				/* ear */
	case 0x52:				/* msr */
	case 0x4d:				/* cpya: access regs; harmless */
		write_reg(d, r1);
		return 0;
	case 0x55:				/* mvst */
	case 0x5d:				/* clst */
	case 0x5e:				/* srst */
		write_reg(d, r1);
		write_reg(d, r2);
		return 0;
	case 0xb2:				/* lpswe */
		d->type = INSN_CONTEXT_SWITCH;
		return 0;
	default:
		return 0;
	}
}

/* DWARF number of floating-point register @n (f0 f2 f4 f6 f1 f3 ...). */
static int fpr_dwarf(unsigned int n)
{
	static const int8_t map[16] = {
		16, 20, 17, 21, 18, 22, 19, 23, 24, 28, 25, 29, 26, 30, 27, 31,
	};

	return map[n & 15];
}

/*
 * b3xx (floating point): conversions and moves to a general register, and
 * gcc's way of saving callee-saved registers in a leaf without touching
 * the stack: "ldgr %f4,%r11" ... "lgdr %r11,%f4" (also for r15 itself).
 */
static int decode_b3(const struct insn_bytes *in, struct decoded_insn *d)
{
	uint8_t op2 = in->b[1];
	unsigned int r1 = nib(in, 24), r2 = nib(in, 28);

	if (op2 == 0xc1) {			/* ldgr f1,r2 */
		add_op(d, OP_SAVE_REG, fpr_dwarf(r1), r2, 0);
	} else if (op2 == 0xcd) {		/* lgdr r1,f2 */
		add_op(d, OP_MOV, r1, fpr_dwarf(r2), 0);
	} else if ((op2 >= 0x98 && op2 <= 0x9e) || (op2 >= 0xa4 && op2 <= 0xae) ||
		   op2 == 0x8c || (op2 >= 0xe1 && op2 <= 0xea)) {
		write_reg(d, r1);		/* to fixed, extract fpc, ... */
	}
	return 0;
}

static int decode_4byte(const struct insn_bytes *in, unsigned long offset,
			struct decoded_insn *d)
{
	switch (in->b[0]) {
	case 0xa5:
	case 0xa7:
		return decode_ri(in, offset, d);
	case 0xb2:
		return decode_b2(in, d);
	case 0xb3:
		return decode_b3(in, d);
	case 0xb9:
		return decode_b9(in, d);
	default:
		return decode_rx(in, offset, d);
	}
}

/* ---- 6-byte instructions -------------------------------------------- */

/* RIL (c0, c2, c4, c6, c8, cc): r1 bits 8-11, op2 bits 12-15, i2 32-bit. */
static int decode_ril(const struct insn_bytes *in, unsigned long offset,
		      struct decoded_insn *d)
{
	unsigned int r1 = nib(in, 8), op2 = nib(in, 12);
	int32_t i2 = imm32(in);
	uint32_t u2 = (uint32_t)i2;

	switch (in->b[0]) {
	case 0xc0:
		if (op2 == 0x4) {		/* brcl */
			relative_branch(d, r1, offset, i2);
		} else if (op2 == 0x5) {	/* brasl */
			write_reg(d, r1);
			set_branch(d, INSN_CALL, offset, i2);
		} else if (op2 == 0x1) {	/* lgfi */
			add_op(d, OP_CONST, r1, OP_REG_NONE, i2);
		} else if (op2 == 0xf && u2 <= INT32_MAX) {	/* llilf */
			add_op(d, OP_CONST, r1, OP_REG_NONE, i2);
		} else {			/* larl, xihf, iilf, nihf, ... */
			write_reg(d, r1);
		}
		return 0;
	case 0xc2:
		if (op2 == 0x8)			/* agfi */
			add_op(d, OP_ADD, r1, r1, i2);
		else if (op2 == 0x4 && u2 <= INT32_MAX)	/* slgfi */
			add_op(d, OP_ADD, r1, r1, -i2);
		else if (op2 == 0xa && u2 <= INT32_MAX)	/* algfi */
			add_op(d, OP_ADD, r1, r1, i2);
		else if (op2 < 0xc)		/* msgfi .. alfi */
			write_reg(d, r1);
		return 0;			/* cgfi .. clfi compare */
	case 0xc4:				/* load/store relative long */
		if (op2 != 0x7 && op2 != 0xb && op2 != 0xf)
			write_reg(d, r1);
		return 0;
	case 0xc8:
		if (op2 == 0x4 || op2 == 0x5)	/* lpd, lpdg */
			write_pair(d, nib(in, 8));
		else if (op2 == 0x1)		/* ectg */
			write_pair(d, 0);
		return 0;
	case 0xcc:
		if (op2 == 0x6) {		/* brcth */
			write_reg(d, r1);
			set_branch(d, INSN_JUMP_COND, offset, i2);
		} else if (op2 != 0xd && op2 != 0xf) {
			write_reg(d, r1);	/* aih, alsih: the high half */
		}
		return 0;
	case 0xc6:
		/* exrl: runs the target (an mvc/xc/clc template) in its place */
		if (op2 == 0x0) {
			d->has_dest = true;
			d->dest = offset + 2 * (long)i2;
		}
		return 0;		/* pfdrl, compares: no effect on the state */
	default:
		return 0;
	}
}

/* RXY e3xx ops that do not write r1: stores, compares, prefetch. */
static bool e3_reads_only(uint8_t op2)
{
	switch (op2) {
	case 0x20: case 0x21: case 0x24: case 0x26: case 0x2f: case 0x30:
	case 0x31: case 0x32: case 0x34: case 0x36: case 0x3e: case 0x3f:
	case 0x50: case 0x55: case 0x59: case 0x70: case 0x72: case 0x79:
	case 0x8e: case 0xc3: case 0xc7: case 0xcb: case 0xcd: case 0xcf:
	case 0x3a: case 0x3b: case 0x38: case 0x25: case 0x61:
		return true;
	default:
		return false;
	}
}

static int decode_e3(const struct insn_bytes *in, struct decoded_insn *d)
{
	uint8_t op2 = in->b[5];
	unsigned int r1 = nib(in, 8), x2 = nib(in, 12), b2 = nib(in, 16);
	int32_t disp = disp20(in);

	switch (op2) {
	case 0x71:				/* lay */
		load_address(d, r1, x2, b2, disp);
		return 0;
	case 0x04:				/* lg */
		if (!x2 && b2)
			add_op(d, OP_LOAD, r1, b2, disp);
		else
			write_reg(d, r1);
		return 0;
	case 0x24:				/* stg */
		if (!x2 && b2)
			add_op(d, OP_STORE, b2, r1, disp);
		return 0;
	case 0x0d: case 0x1d: case 0x86: case 0x87: case 0x8f: case 0x96:
	case 0x97:				/* pairs: dsg, mlg, lpq, ... */
		write_pair(d, r1);
		return 0;
	default:
		if (!e3_reads_only(op2))
			write_reg(d, r1);
		return 0;
	}
}

/* RSY eb ops that write r1 (the rest store, compare, or act on storage). */
static bool eb_writes_r1(uint8_t op2)
{
	switch (op2) {
	case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0x1c: case 0x1d:
	case 0xdc: case 0xdd: case 0xde: case 0xdf: case 0xe2: case 0xf2:
	case 0xe0: case 0xe8: case 0xf8: case 0x30: case 0x14: case 0x80:
	case 0x81: case 0xe4: case 0xe6: case 0xe7: case 0xea: case 0xf4:
	case 0xf6: case 0xf7: case 0xfa: case 0x4c: case 0x31:
		return true;
	default:
		return false;
	}
}

static int decode_eb(const struct insn_bytes *in, struct decoded_insn *d)
{
	uint8_t op2 = in->b[5];
	unsigned int r1 = nib(in, 8), r3 = nib(in, 12), b2 = nib(in, 16);
	int32_t disp = disp20(in);

	switch (op2) {
	case 0x24:				/* stmg */
		multiple(d, false, r1, r3, b2, disp);
		return 0;
	case 0x04:				/* lmg */
		multiple(d, true, r1, r3, b2, disp);
		return 0;
	case 0x98:				/* lmy, lmh: halves of r1..r3 */
	case 0x96:
		for (unsigned int r = r1;; r = (r + 1) & 15) {
			write_reg(d, r);
			if (r == r3)
				break;
		}
		return 0;
	case 0x3e:				/* cdsg */
		write_pair(d, r1);
		return 0;
	case 0x44:				/* bxhg, bxleg: to an address */
	case 0x45:
		write_reg(d, r1);
		d->type = INSN_UNSUPPORTED;
		return 0;
	default:
		if (eb_writes_r1(op2))
			write_reg(d, r1);
		return 0;
	}
}

/* RIE/RRS/RIS ec: compare-and-branch, and three-operand arithmetic. */
static int decode_ec(const struct insn_bytes *in, unsigned long offset,
		     struct decoded_insn *d)
{
	uint8_t op2 = in->b[5];
	unsigned int r1 = nib(in, 8), r3 = nib(in, 12);

	switch (op2) {
	case 0x64: case 0x65: case 0x76: case 0x77:	/* c[l][g]rj */
	case 0x7c: case 0x7d: case 0x7e: case 0x7f:	/* c[l][g]ij */
		set_branch(d, INSN_JUMP_COND, offset, imm16(in));
		return 0;
	case 0x44:				/* brxhg */
	case 0x45:				/* brxlg */
		write_reg(d, r1);
		set_branch(d, INSN_JUMP_COND, offset, imm16(in));
		return 0;
	case 0xd9:				/* aghik r1,r3,i2 */
		add_op(d, OP_ADD, r1, r3, imm16(in));
		return 0;
	case 0xe4: case 0xe5: case 0xf6: case 0xf7:	/* c[l][g]rb */
	case 0xfc: case 0xfd: case 0xfe: case 0xff:	/* c[l][g]ib */
		/* compare and branch to an address: as for bcr m,rX */
		d->type = INSN_UNSUPPORTED;
		return 0;
	case 0x70: case 0x71: case 0x72: case 0x73:	/* compare and trap */
		return 0;
	default:
		/* ahik, alhsik, risbg & co, lochi: all write r1 */
		write_reg(d, r1);
		return 0;
	}
}

/* SS formats (d0-df, e8-ef, f0-ff): storage to storage, except these. */
static int decode_ss(const struct insn_bytes *in, struct decoded_insn *d)
{
	switch (in->b[0]) {
	case 0xdd:				/* trt: result in r1, r2 */
	case 0xd0:				/* trtr */
		write_reg(d, 1);
		write_reg(d, 2);
		return 0;
	case 0xef:				/* lmd */
		for (unsigned int r = nib(in, 8);; r = (r + 1) & 15) {
			write_reg(d, r);
			if (r == nib(in, 12))
				break;
		}
		return 0;
	default:
		return 0;
	}
}

static int decode_6byte(const struct insn_bytes *in, unsigned long offset,
			struct decoded_insn *d)
{
	switch (in->b[0]) {
	case 0xc0: case 0xc2: case 0xc4: case 0xc6: case 0xc8: case 0xcc:
		return decode_ril(in, offset, d);
	case 0xe3:
		return decode_e3(in, d);
	case 0xeb:
		return decode_eb(in, d);
	case 0xec:
		return decode_ec(in, offset, d);
	case 0xe7:
		if (in->b[5] == 0x21)		/* vlgv: vector element to r1 */
			write_reg(d, nib(in, 8));
		return 0;
	default:				/* e5, e6, ed, SS: no r1 written */
		return decode_ss(in, d);
	}
}

/* ---- data in text ------------------------------------------------------ */

/*
 * Hand-written assembly (OpenSSL's perlasm) keeps constant tables in
 * .text as STT_OBJECT symbols.  Their bytes are skipped as padding, so
 * the decoder neither reads data as code nor loses its place after it.
 * The ranges of one section are collected once, sorted.
 */
struct data_range {
	unsigned long start, end;
};

static struct {
	const struct objtool_file *file;
	const struct section *sec;
	struct data_range *r;
	unsigned int nr;
} data;

static int range_cmp(const void *a, const void *b)
{
	const struct data_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static void data_load(const struct objtool_file *file, const struct section *sec)
{
	unsigned int n = 0;

	free(data.r);
	memset(&data, 0, sizeof(data));
	data.file = file;
	data.sec = sec;
	for (unsigned int i = 0; i < file->nr_syms; i++)
		n += file->syms[i].sec == sec && file->syms[i].type == STT_OBJECT &&
		     file->syms[i].len;
	if (!n || !(data.r = malloc(n * sizeof(*data.r))))
		return;
	for (unsigned int i = 0; i < file->nr_syms; i++) {
		const struct symbol *s = &file->syms[i];

		if (s->sec == sec && s->type == STT_OBJECT && s->len)
			data.r[data.nr++] = (struct data_range){ s->offset,
								 s->offset + s->len };
	}
	qsort(data.r, data.nr, sizeof(*data.r), range_cmp);
}

/* Bytes of data at @offset (at most 254 in one go), or 0 for code. */
static unsigned int data_bytes(const struct objtool_file *file,
			       const struct section *sec, unsigned long offset)
{
	if (!file || !sec)
		return 0;
	if (data.file != file || data.sec != sec)
		data_load(file, sec);
	for (unsigned int i = 0; i < data.nr; i++) {
		const struct data_range *r = &data.r[i];

		if (r->start > offset)
			break;
		if (offset < r->end)
			return r->end - offset > 254 ? 254 : r->end - offset;
	}
	return 0;
}

/* ---- top level -------------------------------------------------------- */

static int s390x_decode(const struct objtool_file *file,
			const struct section *sec, unsigned long offset,
			const uint8_t *buf, size_t avail,
			struct decoded_insn *d)
{
	struct insn_bytes in = { buf, 0 };
	unsigned int skip;

	memset(d, 0, sizeof(*d));
	skip = data_bytes(file, sec, offset);
	if (skip) {
		d->len = skip;
		d->type = INSN_NOP;
		return 0;
	}
	/* instructions are halfword aligned; a cut one is not an instruction */
	if (offset % 2 || avail < 2)
		return -1;
	in.len = s390x_insn_len(buf[0]);
	if (avail < in.len)
		return -1;
	d->len = in.len;
	d->type = INSN_OTHER;
	switch (in.len) {
	case 2:
		return decode_rr(&in, d);
	case 4:
		return decode_4byte(&in, offset, d);
	default:
		return decode_6byte(&in, offset, d);
	}
}

/*
 * r6-r13 and r15 belong to the caller (s390x ELF ABI), but only the
 * registers an unwinder needs are tracked: r11 (a CFA base in alloca
 * frames), r14 (the return address) and r15.  stmg/lmg describe no
 * others, so a later spill of r6 to a local slot is not taken for its
 * save.
 */
static bool s390x_callee_saved(int reg)
{
	return reg == REG_FP || reg == REG_RA || reg == REG_SP;
}

static void s390x_init_cfi(struct cfi_state *cfi)
{
	cfi_init(cfi);
	/* the CFA is DWARF's: 160 above sp, the caller's save area between */
	cfi->cfa.base = REG_SP;
	cfi->cfa.offset = S390X_CFA_BIAS;
	cfi->stack_size = S390X_CFA_BIAS;
	cfi->type = UNWIND_CALL;
}

/*
 * R_390_PC32DBL/PLT32DBL sit at the instruction + 2 and count from there,
 * so gcc writes "sym + 2": the target is the symbol.
 */
static long s390x_reloc_dest(long sym_offset, long addend)
{
	return sym_offset + addend - 2;
}

static const char *const s390x_reg_names[S390X_NR_REGS] = {
	"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
	"f0", "f2", "f4", "f6", "f1", "f3", "f5", "f7",
	"f8", "f10", "f12", "f14", "f9", "f11", "f13", "f15",
};

/* The data ranges are keyed by file and section pointers: see arm64_reset(). */
static void s390x_reset(void)
{
	free(data.r);
	memset(&data, 0, sizeof(data));
	s390x_jump_table_reset();
}

/* Required hooks: s390x_decode(), s390x_init_cfi(), ... (objtool/arch.h). */
OBJTOOL_ARCH(s390x, s390x,
	.e_machine		= EM_S390,
	.cfi_sp			= REG_SP,
	.cfi_fp			= REG_FP,
	.cfi_ra			= REG_RA,
	.nr_regs		= S390X_NR_REGS,
	.reg_names		= s390x_reg_names,
	.orc_ip_reloc		= R_390_PC32,
	.abs64_reloc		= R_390_64,
	.fentry_name		= "__fentry__",
	.mcount			= s390x_mcount,
	.find_jump_table	= s390x_find_jump_table,
	/* no upstream objtool to stay comparable with: ORC that unwinds */
	.states_after_warning	= true,
	.call_frame_check	= s390x_call_frame_check,
	.reset			= s390x_reset,
	.bfd_arch		= "s390",
	.bfd_mach		= 2 /* bfd_mach_s390_64 */);
