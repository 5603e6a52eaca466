// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 decoding without Zydis, for the instructions that make up most of
 * kernel text.  Zydis costs ~100 ns per instruction; kernel code is padding
 * (0x90, int3, multi-byte NOPs), direct branches, push/pop of 64-bit
 * registers and a small set of legacy-map integer instructions (mov, lea,
 * ALU, test, shifts, movzx, cmovcc, setcc...).  Those are decoded here
 * from the opcode tables of the Intel SDM (vol. 2, appendix A).
 *
 * The result must be exactly what the Zydis path in decode.c produces:
 * same length, type and stack ops.  So this file mirrors decode.c's rules:
 * the same raw-field pre-check decides whether operands matter at all (an
 * instruction naming neither %rsp nor %rbp has no stack op), and when they
 * do, the operands are rebuilt as Zydis describes them and run through the
 * same mov/add/sub/and/lea/clobber logic.  Anything else -- other prefixes
 * (lock, rep, 67, VEX...), other opcodes, encodings Zydis rejects -- is
 * left to Zydis.  OBJTOOL_X86_CROSSCHECK=1 decodes every instruction
 * handled here with Zydis too and aborts on any difference.
 */
#include "x86.h"

static int32_t get_le32(const uint8_t *p)
{
	return (int32_t)(p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24);
}

static int16_t get_le16(const uint8_t *p)
{
	return (int16_t)(p[0] | p[1] << 8);
}

static bool is_sp_bp(int reg)
{
	return reg == X86_RSP || reg == X86_RBP;
}

static bool is_sp_bp_field(unsigned int reg)
{
	return reg == 4 || reg == 5;
}

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

/*
 * Opcode table entries.  The class says how decode.c treats the mnemonic:
 * the precise mov/add/sub/and/lea ops, or only clobbers of the written
 * register operands (none, the first, or both).
 */
enum {
	C_NONE,		/* not handled here */
	C_MOV,
	C_ADD,
	C_SUB,
	C_AND,
	C_LEA,
	C_WR0,		/* operand 0 written, the others read */
	C_RD,		/* no register operand written */
	C_XCHG,		/* operands 0 and 1 written */
	C_GRP1,		/* 80/81/83: add or adc sbb and sub xor cmp */
	C_GRP2,		/* shifts and rotates */
	C_GRP3,		/* F6/F7: test not neg mul imul div idiv */
	C_GRPBT,	/* 0F BA: bt bts btr btc, imm8 */
	C_MOVI,		/* C6/C7 /0: mov r/m, imm */
	C_STR,		/* movs/stos, optionally rep */
	/* from here on, the result does not depend on the operands */
	C_GRP45,	/* FE/FF: inc dec, push r/m (FF /6) */
	C_NOPL,		/* 0F 1F /0 */
	C_BUG,		/* ud2, ud1 */
	C_PUSHI,	/* push imm */
};

#define F_CLASS		0x001fu
#define F_MODRM		(1u << 5)
#define F_BYTE		(1u << 6)	/* 8-bit operands */
#define F_REGFIRST	(1u << 7)	/* operand 0 is ModRM.reg, 1 is r/m */
#define F_OPREG		(1u << 8)	/* operand 0 is the register in opcode[2:0] */
#define F_NO66		(1u << 9)	/* 66 prefix not handled */
#define F_NEEDW		(1u << 10)	/* only with REX.W */
#define F_IMM_SHIFT	11
#define F_IMM		(3u << F_IMM_SHIFT)
#define IMM_B		(1u << F_IMM_SHIFT)	/* imm8, sign-extended */
#define IMM_Z		(2u << F_IMM_SHIFT)	/* imm16/imm32, sign-extended */
#define IMM_V		(3u << F_IMM_SHIFT)	/* imm16/imm32/imm64 */
#define F_IMM_REG0	(1u << 13)	/* F6/F7: the immediate is /0's only */
#define F_NOMOD3	(1u << 14)	/* lea: register r/m is invalid */
#define F_NOSEG		(1u << 15)	/* lea: no %fs/%gs prefix here */
#define F_REGS(m)	((uint32_t)(m) << 16)	/* ModRM.reg values handled */
#define F_ANYREG	F_REGS(0xff)

#define RM_B	(F_MODRM | F_ANYREG | F_BYTE)			/* Eb, Gb */
#define RM_V	(F_MODRM | F_ANYREG)				/* Ev, Gv */
#define R_B	(F_MODRM | F_ANYREG | F_BYTE | F_REGFIRST)	/* Gb, Eb */
#define R_V	(F_MODRM | F_ANYREG | F_REGFIRST)		/* Gv, Ev */
#define RMX_B(m) (F_MODRM | F_REGS(m) | F_BYTE)	/* groups: the /r handled */
#define RMX_V(m) (F_MODRM | F_REGS(m))
#define ACC_B	(F_BYTE | IMM_B)				/* AL, Ib */
#define ACC_V	(IMM_Z)						/* eAX, Iz */

#define ALU(base, cls) \
	[(base) + 0] = (cls) | RM_B, [(base) + 1] = (cls) | RM_V, \
	[(base) + 2] = (cls) | R_B, [(base) + 3] = (cls) | R_V, \
	[(base) + 4] = (cls) | ACC_B, [(base) + 5] = (cls) | ACC_V

static const uint32_t map1[256] = {
	ALU(0x00, C_ADD), ALU(0x08, C_WR0), ALU(0x10, C_WR0),
	ALU(0x18, C_WR0), ALU(0x20, C_AND), ALU(0x28, C_SUB),
	ALU(0x30, C_WR0), ALU(0x38, C_RD),
	[0x63] = C_WR0 | R_V | F_NEEDW,				/* movsxd */
	[0x68] = C_PUSHI | F_NO66 | IMM_Z,
	[0x69] = C_WR0 | R_V | IMM_Z,				/* imul */
	[0x6a] = C_PUSHI | F_NO66 | IMM_B,
	[0x6b] = C_WR0 | R_V | IMM_B,				/* imul */
	[0x80] = C_GRP1 | RM_B | IMM_B,
	[0x81] = C_GRP1 | RM_V | IMM_Z,
	[0x83] = C_GRP1 | RM_V | IMM_B,
	[0x84] = C_RD | RM_B, [0x85] = C_RD | RM_V,		/* test */
	[0x86] = C_XCHG | RM_B, [0x87] = C_XCHG | RM_V,
	[0x88] = C_MOV | RM_B, [0x89] = C_MOV | RM_V,
	[0x8a] = C_MOV | R_B, [0x8b] = C_MOV | R_V,
	[0x8d] = C_LEA | R_V | F_NOMOD3 | F_NOSEG,
	[0x98] = C_RD, [0x99] = C_RD,				/* cdqe, cqo */
	[0xa4] = C_STR, [0xa5] = C_STR,				/* movs */
	[0xa8] = C_RD | ACC_B, [0xa9] = C_RD | ACC_V,		/* test */
	[0xaa] = C_STR, [0xab] = C_STR,				/* stos */
	[0xb0 ... 0xb7] = C_MOV | F_OPREG | F_BYTE | IMM_B,
	[0xb8 ... 0xbf] = C_MOV | F_OPREG | IMM_V,
	[0xc0] = C_GRP2 | RMX_B(0xbf) | IMM_B,	/* /6 is no shift */
	[0xc1] = C_GRP2 | RMX_V(0xbf) | IMM_B,
	[0xc6] = C_MOVI | RMX_B(0x01) | IMM_B,
	[0xc7] = C_MOVI | RMX_V(0x01) | IMM_Z,
	[0xd0] = C_GRP2 | RMX_B(0xbf), [0xd1] = C_GRP2 | RMX_V(0xbf),
	[0xd2] = C_GRP2 | RMX_B(0xbf), [0xd3] = C_GRP2 | RMX_V(0xbf),
	/* F6/F7 /1 is an undocumented alias of test */
	[0xf6] = C_GRP3 | RMX_B(0xfd) | IMM_B | F_IMM_REG0,
	[0xf7] = C_GRP3 | RMX_V(0xfd) | IMM_Z | F_IMM_REG0,
	[0xfe] = C_GRP45 | RMX_B(0x03),				/* inc dec */
	[0xff] = C_GRP45 | RMX_V(0x43),				/* inc dec push */
};

static const uint32_t map0f[256] = {
	[0x0b] = C_BUG | F_NO66,				/* ud2 */
	[0x1f] = C_NOPL | RMX_V(0x01),
	[0x40 ... 0x4f] = C_WR0 | R_V,				/* cmovcc */
	[0x90 ... 0x9f] = C_WR0 | RMX_B(0x01),			/* setcc */
	[0xa3] = C_RD | RM_V,					/* bt */
	[0xab] = C_WR0 | RM_V,					/* bts */
	[0xaf] = C_WR0 | R_V,					/* imul */
	[0xb3] = C_WR0 | RM_V,					/* btr */
	[0xb6] = C_WR0 | R_V, [0xb7] = C_WR0 | R_V,		/* movzx */
	[0xb9] = C_BUG | RM_V | F_NO66,				/* ud1 */
	[0xba] = C_GRPBT | RMX_V(0xf0) | IMM_B,			/* bt bts btr btc */
	[0xbb] = C_WR0 | RM_V,					/* btc */
	[0xbe] = C_WR0 | R_V, [0xbf] = C_WR0 | R_V,		/* movsx */
	[0xc8 ... 0xcf] = C_WR0 | F_OPREG | F_NO66,		/* bswap */
};

/* Legacy prefixes: the ones handled here, and the others */
#define P_66	1
#define P_SEG	2	/* 64 (%fs) or 65 (%gs) */
#define P_REP	4	/* f3 */
#define P_OTHER	8	/* 26 2e 36 3e f0 f2 67: left to Zydis */

static const uint8_t prefix_kind[256] = {
	[0x66] = P_66, [0x64] = P_SEG, [0x65] = P_SEG, [0xf3] = P_REP,
	[0x26] = P_OTHER, [0x2e] = P_OTHER, [0x36] = P_OTHER, [0x3e] = P_OTHER,
	[0xf0] = P_OTHER, [0xf2] = P_OTHER, [0x67] = P_OTHER,
};

/* An operand as decode.c sees it through Zydis. */
enum { FOP_NONE, FOP_REG, FOP_MEM, FOP_IMM };

struct fop {
	uint8_t kind;
	uint8_t size;	/* FOP_REG: bytes */
	int8_t reg;	/* FOP_REG: DWARF number of the enclosing 64-bit GPR;
			 * FOP_MEM: index-free, non-%fs/%gs base, or OP_REG_NONE */
	long val;	/* FOP_MEM: displacement; FOP_IMM: signed value */
};

static int reg64_of(const struct fop *op)
{
	return op->kind == FOP_REG && op->size == 8 ? op->reg : OP_REG_NONE;
}

static int mem_base_of(const struct fop *op)
{
	return op->kind == FOP_MEM ? op->reg : OP_REG_NONE;
}

static void clobber(const struct fop *op, struct decoded_insn *out)
{
	if (op->kind == FOP_REG && is_sp_bp(op->reg))
		x86_emit(out, OP_CLOBBER, op->reg, OP_REG_NONE, 8, 0);
}

/* decode.c's op_mov(), on struct fop */
static void ops_mov(const struct fop *o0, const struct fop *o1,
		    struct decoded_insn *out)
{
	int d = reg64_of(o0), s = reg64_of(o1);
	int base;

	if (d != OP_REG_NONE && s != OP_REG_NONE) {
		if (is_sp_bp(d) || is_sp_bp(s))
			x86_emit(out, OP_MOV, d, s, 8, 0);
		return;
	}
	if (s != OP_REG_NONE) {
		base = mem_base_of(o0);
		if (is_sp_bp(base))
			x86_emit(out, OP_STORE, base, s, 8, o0->val);
		return;
	}
	if (d != OP_REG_NONE) {
		base = mem_base_of(o1);
		if (is_sp_bp(base)) {
			x86_emit(out, OP_LOAD, d, base, 8, o1->val);
			return;
		}
	}
	clobber(o0, out);
}

/* decode.c's precise_ops(), else clobbers(), on struct fop */
static void ops_of(int cls, const struct fop *o0, const struct fop *o1,
		   struct decoded_insn *out)
{
	int d, base;

	switch (cls) {
	case C_MOV:
		ops_mov(o0, o1, out);
		return;
	case C_ADD:
	case C_SUB:
		d = reg64_of(o0);
		if (is_sp_bp(d) && o1->kind == FOP_IMM)
			x86_emit(out, OP_ADD, d, d, 8,
				 (cls == C_ADD ? 1 : -1) * o1->val);
		else
			clobber(o0, out);
		return;
	case C_AND:
		if (reg64_of(o0) == X86_RSP && o1->kind == FOP_IMM)
			x86_emit(out, OP_AND, X86_RSP, X86_RSP, 8, o1->val);
		else
			clobber(o0, out);
		return;
	case C_LEA:
		d = reg64_of(o0);
		base = mem_base_of(o1);
		if (d == OP_REG_NONE || base == OP_REG_NONE)
			clobber(o0, out);
		else if (is_sp_bp(d) || is_sp_bp(base))
			x86_emit(out, OP_ADD, d, base, 8, o1->val);
		return;
	case C_XCHG:
		clobber(o0, out);
		clobber(o1, out);
		return;
	case C_WR0:
		clobber(o0, out);
		return;
	default:
		return;
	}
}

/* A general-purpose register operand: encoding number and width. */
static void set_reg(struct fop *op, unsigned int enc, int size, bool rex)
{
	op->kind = FOP_REG;
	op->size = size;
	/* without REX, byte registers 4-7 are %ah %ch %dh %bh */
	if (size == 1 && !rex && enc >= 4 && enc < 8)
		enc -= 4;
	op->reg = x86_enc_to_dwarf[enc];
	op->val = 0;
}

/* What decode_legacy() found, for the rare operand decode. */
struct raw {
	uint32_t f;
	uint8_t opc, rex, prefixes;
	const uint8_t *modrm;	/* NULL without ModRM */
	const uint8_t *imm;
	int imm_size;
};

/*
 * Some register field names %rsp or %rbp: build the operands as Zydis
 * would and give them to the same rules as decode.c.
 */
static __attribute__((noinline)) void
legacy_ops(const struct raw *r, struct decoded_insn *out)
{
	struct fop o0 = { 0 }, o1 = { 0 };
	unsigned int rex_b = (r->rex & 1) << 3, rex_r = (r->rex & 4) << 1;
	int cls = r->f & F_CLASS, size;

	if (r->f & F_BYTE)
		size = 1;
	else if (r->rex & 8)
		size = 8;
	else
		size = r->prefixes & P_66 ? 2 : 4;

	if (r->modrm) {
		const uint8_t *p = r->modrm;
		unsigned int mod = *p >> 6, rm = *p & 7;
		unsigned int reg = (*p >> 3) & 7;
		struct fop *g = &o1, *e = &o0;

		if (r->f & F_REGFIRST) {
			g = &o0;
			e = &o1;
		}
		set_reg(g, reg | rex_r, size, r->rex);
		if (mod == 3) {
			set_reg(e, rm | rex_b, size, r->rex);
		} else {
			unsigned int base = rm | rex_b;
			bool no_base = false, index = false;
			long disp = 0;

			p++;
			if (rm == 4) {
				index = (((*p >> 3) & 7) | ((r->rex & 2) << 2)) != 4;
				base = (*p & 7) | rex_b;
				no_base = mod == 0 && (*p & 7) == 5;
				p++;
			} else if (mod == 0 && rm == 5) {
				no_base = true;		/* %rip */
			}
			if (mod == 1)
				disp = (int8_t)*p;
			else if (mod == 2 || no_base)
				disp = get_le32(p);
			e->kind = FOP_MEM;
			e->val = disp;
			e->reg = (no_base || index || (r->prefixes & P_SEG)) ?
				 OP_REG_NONE : x86_enc_to_dwarf[base];
		}

		/* opcode groups: the mnemonic comes from ModRM.reg */
		switch (cls) {
		case C_GRP1:
			cls = (const uint8_t[8]){ C_ADD, C_WR0, C_WR0, C_WR0,
						  C_AND, C_SUB, C_WR0,
						  C_RD }[reg];
			break;
		case C_GRP2:
		case C_GRP45:
			cls = C_WR0;
			break;
		case C_GRP3:
			cls = (reg == 2 || reg == 3) ? C_WR0 : C_RD;
			break;
		case C_GRPBT:
			cls = reg == 4 ? C_RD : C_WR0;
			break;
		case C_MOVI:
			cls = C_MOV;
			break;
		default:
			break;
		}
	} else if (r->f & F_OPREG) {
		set_reg(&o0, (r->opc & 7) | rex_b, size, r->rex);
	}

	if (r->imm_size) {
		o1.kind = FOP_IMM;
		switch (r->imm_size) {
		case 1:
			o1.val = (int8_t)r->imm[0];
			break;
		case 2:
			o1.val = get_le16(r->imm);
			break;
		case 4:
			o1.val = get_le32(r->imm);
			break;
		default:
			o1.val = (long)((uint64_t)(uint32_t)get_le32(r->imm) |
					(uint64_t)(uint32_t)get_le32(r->imm + 4) << 32);
			break;
		}
	}
	ops_of(cls, &o0, &o1, out);
}

/*
 * Legacy-map integer instructions: [66] [64|65] [f3] [REX] opcode [ModRM
 * [SIB] [disp]] [imm], each prefix at most once and REX last (the CPU and
 * Zydis ignore a REX that is not).
 */
static inline __attribute__((always_inline)) bool
decode_legacy(const uint8_t *buf, size_t avail, struct decoded_insn *out)
{
	unsigned int prefixes = 0, rex = 0, k, modrm = 0xc0, reg;
	const uint8_t *p = buf, *end = buf + avail, *pm = NULL;
	size_t disp_size = 0, len;
	bool gate;
	int cls, imm_size;
	uint32_t f;
	uint8_t b;

	if (!avail)
		return false;
	b = *p;
	while (unlikely(k = prefix_kind[b])) {
		if ((prefixes & k) || k == P_OTHER || ++p == end)
			return false;
		prefixes |= k;
		b = *p;
	}
	if ((b & 0xf0) == 0x40) {
		rex = b;
		if (++p == end)
			return false;
		b = *p;
	}
	if (b == 0x0f) {
		if (++p == end)
			return false;
		b = *p;
		f = map0f[b];
	} else {
		f = map1[b];
	}
	cls = f & F_CLASS;
	if (unlikely(!cls))
		return false;
	if (unlikely(prefixes || (f & F_NEEDW))) {
		if (((prefixes & P_REP) && cls != C_STR) ||
		    ((prefixes & P_66) && (f & F_NO66)) ||
		    ((prefixes & P_SEG) && (f & F_NOSEG)) ||
		    ((f & F_NEEDW) && !(rex & 8)))
			return false;
	}
	p++;

	if (f & F_MODRM) {
		if (p == end)
			return false;
		pm = p;
		modrm = *p++;
		if (!((f >> 16) & (1u << ((modrm >> 3) & 7))))
			return false;		/* group member left to Zydis */
		if (modrm < 0xc0) {
			if ((modrm & 7) == 4) {
				if (p == end)
					return false;
				if (modrm < 0x40 && (*p & 7) == 5)
					disp_size = 4;
				p++;			/* SIB */
			} else if (modrm < 0x40 && (modrm & 7) == 5) {
				disp_size = 4;		/* %rip */
			}
			if (modrm >= 0x40)
				disp_size = modrm >= 0x80 ? 4 : 1;
		} else if (f & F_NOMOD3) {
			return false;
		}
	}

	imm_size = 0;
	if (f & F_IMM) {
		if ((f & F_IMM) == IMM_B)
			imm_size = 1;
		else if (rex & 8)
			imm_size = (f & F_IMM) == IMM_V ? 8 : 4;
		else
			imm_size = prefixes & P_66 ? 2 : 4;
		if ((f & F_IMM_REG0) && (modrm & 0x38))
			imm_size = 0;
	}
	len = (p - buf) + disp_size + imm_size;
	if (len > avail)
		return false;

	x86_insn_reset(out, len, INSN_OTHER);
	if (unlikely(cls >= C_GRP45)) {
		switch (cls) {
		case C_NOPL:
			out->type = INSN_NOP;
			return true;
		case C_BUG:
			out->type = INSN_BUG;
			return true;
		case C_PUSHI:
			x86_emit(out, OP_PUSH, OP_REG_NONE, OP_REG_NONE, 8, 0);
			return true;
		default:
			break;
		}
		/* C_GRP45 */
		if ((modrm & 0x38) == 0x30) {
			if (prefixes & P_66)
				return false;
			/* push r/m: size and the register as decode.c has them */
			x86_emit(out, OP_PUSH, OP_REG_NONE, modrm >= 0xc0 ?
				 x86_enc_to_dwarf[(modrm & 7) | (rex & 1) << 3] :
				 OP_REG_NONE, 8, 0);
			return true;
		}
	}

	/* decode.c's needs_operands(), on the raw fields */
	if (f & F_MODRM) {
		reg = ((modrm >> 3) & 7) | (rex & 4) << 1;
		gate = is_sp_bp_field(reg) ||
		       (modrm >= 0xc0 &&
			is_sp_bp_field((modrm & 7) | (rex & 1) << 3));
		if (!gate && modrm < 0xc0 &&
		    (cls == C_MOV || cls == C_MOVI || cls == C_LEA)) {
			if ((modrm & 7) == 4)
				gate = is_sp_bp_field((pm[1] & 7) |
						      (rex & 1) << 3);
			else
				gate = modrm >= 0x40 &&
				       ((modrm & 7) | (rex & 1) << 3) == 5;
		}
	} else {
		gate = (f & F_OPREG) &&
		       is_sp_bp_field((b & 7) | (rex & 1) << 3);
	}
	if (unlikely(gate)) {
		struct raw r = {
			.f = f, .opc = b, .rex = rex, .prefixes = prefixes,
			.modrm = pm, .imm = p + disp_size, .imm_size = imm_size,
		};

		legacy_ops(&r, out);
	}
	return true;
}

/* The multi-byte NOPs assemblers pad with: [66|2e]... 0f 1f /0 */
static bool decode_padding(const uint8_t *buf, size_t avail,
			   struct decoded_insn *out)
{
	size_t i = 0, len;
	uint8_t modrm;

	while (i < avail && i < 4 && (buf[i] == 0x66 || buf[i] == 0x2e))
		i++;
	if (i + 3 > avail || buf[i] != 0x0f || buf[i + 1] != 0x1f)
		return false;
	modrm = buf[i + 2];
	if (modrm & 0x38)
		return false;
	len = i + 3;
	if (modrm < 0xc0) {
		if ((modrm & 7) == 4) {
			if (len >= avail)
				return false;
			if (modrm < 0x40 && (buf[len] & 7) == 5)
				len += 4;
			len++;
		} else if (modrm < 0x40 && (modrm & 7) == 5) {
			len += 4;
		}
		len += modrm >= 0x80 ? 4 : modrm >= 0x40 ? 1 : 0;
	}
	if (len > avail)
		return false;
	x86_insn_reset(out, len, INSN_NOP);
	return true;
}

static bool branch(const uint8_t *buf, size_t avail, unsigned long offset,
		   int len, int type, struct decoded_insn *out)
{
	long disp;

	if (avail < (size_t)len)
		return false;
	disp = len == 2 ? (int8_t)buf[1] : get_le32(buf + len - 4);
	x86_insn_reset(out, len, type);
	out->has_dest = true;
	out->dest = offset + len + disp;
	return true;
}

static bool push_pop(uint8_t op, int rex_b, struct decoded_insn *out)
{
	int reg = x86_enc_to_dwarf[(op & 7) | rex_b];

	x86_insn_reset(out, 1 + !!rex_b, INSN_OTHER);
	if (op < 0x58)
		x86_emit(out, OP_PUSH, OP_REG_NONE, reg, 8, 0);
	else
		x86_emit(out, OP_POP, reg, OP_REG_NONE, 8, 0);
	return true;
}

/*
 * Padding, branches, push/pop: true when @out is complete (and exactly what
 * x86_decode_zydis() would say), false to try decode_legacy().
 */
static inline __attribute__((always_inline)) bool
decode_simple(const uint8_t *buf, size_t avail, unsigned long offset,
	      struct decoded_insn *out)
{
	if (unlikely(!avail))
		return false;
	switch (buf[0]) {
	case 0x90:
		x86_insn_reset(out, 1, INSN_NOP);
		return true;
	case 0xcc:
		x86_insn_reset(out, 1, INSN_TRAP);
		return true;
	case 0xc3:
		x86_insn_reset(out, 1, INSN_RETURN);
		return true;
	case 0x50 ... 0x5f:
		return push_pop(buf[0], 0, out);
	case 0x41:
		if (avail >= 2 && (buf[1] & 0xf0) == 0x50)
			return push_pop(buf[1], 8, out);
		break;
	case 0x70 ... 0x7f:
		return branch(buf, avail, offset, 2, INSN_JUMP_COND, out);
	case 0xeb:
		return branch(buf, avail, offset, 2, INSN_JUMP_UNCOND, out);
	case 0xe8:
		return branch(buf, avail, offset, 5, INSN_CALL, out);
	case 0xe9:
		return branch(buf, avail, offset, 5, INSN_JUMP_UNCOND, out);
	case 0x0f:
		if (avail >= 2 && (buf[1] & 0xf0) == 0x80)
			return branch(buf, avail, offset, 6, INSN_JUMP_COND,
				      out);
		break;
	case 0xf3:
		if (avail >= 4 && buf[1] == 0x0f && buf[2] == 0x1e &&
		    buf[3] == 0xfa) {
			x86_insn_reset(out, 4, INSN_ENDBR);
			return true;
		}
		break;
	case 0x66:
		if (avail >= 2 && buf[1] == 0x90) {
			x86_insn_reset(out, 2, INSN_NOP);  /* xchg %ax,%ax */
			return true;
		}
		if (avail >= 2 && (buf[1] == 0x66 || buf[1] == 0x2e))
			return decode_padding(buf, avail, out);
		break;
	case 0x2e:
		return decode_padding(buf, avail, out);
	default:
		break;
	}
	return false;
}

/* OBJTOOL_X86_CROSSCHECK=1, kept out of x86_decode()'s way */
static __attribute__((noinline)) int
decode_checked(const struct section *sec, unsigned long offset,
	       const uint8_t *buf, size_t avail, struct decoded_insn *out)
{
	if (!decode_simple(buf, avail, offset, out) &&
	    !decode_legacy(buf, avail, out))
		return x86_decode_zydis(offset, buf, avail, out);
	x86_crosscheck_insn(sec, offset, buf, avail, out);
	return 0;
}

int x86_decode(const struct objtool_file *file, const struct section *sec,
	       unsigned long offset, const uint8_t *buf, size_t avail,
	       struct decoded_insn *out)
{
	(void)file;
	if (unlikely(x86_crosscheck))
		return decode_checked(sec, offset, buf, avail, out);
	if (likely(decode_simple(buf, avail, offset, out) ||
		   decode_legacy(buf, avail, out)))
		return 0;
	return x86_decode_zydis(offset, buf, avail, out);
}
