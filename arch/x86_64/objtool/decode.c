// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 instruction decoder for objtool-lite, on top of Zydis 4.
 *
 * Speed matters (a large module has ~200K instructions): fastpath.c
 * decodes the common instructions itself (x86_decode() is there) and only
 * the rest comes here.  Of those, only the instruction header is decoded;
 * operands are decoded only for the mnemonics that carry stack ops, and for
 * the few other instructions whose raw register fields could name %rsp or
 * %rbp.  fastpath.c mirrors these rules exactly.
 */
#include <stdlib.h>
#include <string.h>

#include <Zydis/Zydis.h>

#include <objtool/objtool.h>

#include "x86.h"

static ZydisDecoder zdec;
static bool zdec_ready;

/* Zydis numbers the 64-bit GPRs in encoding order, DWARF does not. */
const int8_t x86_enc_to_dwarf[16] = {
	X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
	X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
};

static int decoder_init(void)
{
	if (ZYAN_FAILED(ZydisDecoderInit(&zdec, ZYDIS_MACHINE_MODE_LONG_64,
					 ZYDIS_STACK_WIDTH_64)))
		return -1;
	/* endbr64 must not fall back to a hinted NOP */
	ZydisDecoderEnableMode(&zdec, ZYDIS_DECODER_MODE_CET, ZYAN_TRUE);
	zdec_ready = true;
	return 0;
}

static bool is_gpr64(ZydisRegister r)
{
	return r >= ZYDIS_REGISTER_RAX && r <= ZYDIS_REGISTER_R15;
}

static int gpr64_dwarf(ZydisRegister r)
{
	return x86_enc_to_dwarf[r - ZYDIS_REGISTER_RAX];
}

/* DWARF number of the 64-bit register containing @r, or OP_REG_NONE. */
static int gpr_dwarf(ZydisRegister r)
{
	r = ZydisRegisterGetLargestEnclosing(ZYDIS_MACHINE_MODE_LONG_64, r);
	return is_gpr64(r) ? gpr64_dwarf(r) : OP_REG_NONE;
}

static bool is_sp_bp(int reg)
{
	return reg == X86_RSP || reg == X86_RBP;
}

static int reg64_of(const ZydisDecodedOperand *op)
{
	if (op->type != ZYDIS_OPERAND_TYPE_REGISTER || !is_gpr64(op->reg.value))
		return OP_REG_NONE;
	return gpr64_dwarf(op->reg.value);
}

/*
 * Base register of an index-free memory operand, or OP_REG_NONE.  %fs/%gs
 * addressing is per-cpu or TLS data, never the stack frame.
 */
static int mem_base_of(const ZydisDecodedOperand *op)
{
	const ZydisDecodedOperandMem *m = &op->mem;

	if (op->type != ZYDIS_OPERAND_TYPE_MEMORY ||
	    m->index != ZYDIS_REGISTER_NONE || !is_gpr64(m->base) ||
	    m->segment == ZYDIS_REGISTER_FS || m->segment == ZYDIS_REGISTER_GS)
		return OP_REG_NONE;
	return gpr64_dwarf(m->base);
}

static long rel_dest(const ZydisDecodedInstruction *zi, unsigned long offset)
{
	return offset + zi->length + zi->raw.imm[0].value.s;
}

static bool opcode_is(const ZydisDecodedInstruction *zi, uint8_t opc)
{
	return zi->opcode_map == ZYDIS_OPCODE_MAP_DEFAULT && zi->opcode == opc;
}

static void set_branch(struct decoded_insn *out, int type,
		       const ZydisDecodedInstruction *zi, unsigned long offset)
{
	out->type = type;
	out->has_dest = true;
	out->dest = rel_dest(zi, offset);
}

static bool classify_call_jmp(const ZydisDecodedInstruction *zi,
			      unsigned long offset, struct decoded_insn *out)
{
	switch (zi->mnemonic) {
	case ZYDIS_MNEMONIC_CALL:
		if (opcode_is(zi, 0xe8))
			set_branch(out, INSN_CALL, zi, offset);
		else
			out->type = INSN_CALL_DYNAMIC;
		return true;
	case ZYDIS_MNEMONIC_JMP:
		if (opcode_is(zi, 0xe9) || opcode_is(zi, 0xeb))
			set_branch(out, INSN_JUMP_UNCOND, zi, offset);
		else
			out->type = INSN_JUMP_DYNAMIC;
		return true;
	case ZYDIS_MNEMONIC_RET:
		/* far returns (lret) leave the kernel's frame model */
		out->type = (opcode_is(zi, 0xc3) || opcode_is(zi, 0xc2)) ?
			    INSN_RETURN : INSN_CONTEXT_SWITCH;
		return true;
	default:
		break;
	}
	if (zi->meta.category == ZYDIS_CATEGORY_COND_BR) {
		set_branch(out, INSN_JUMP_COND, zi, offset);
		return true;
	}
	return false;
}

/* Control flow and special instructions: true when @out is final. */
static bool classify(const ZydisDecodedInstruction *zi, unsigned long offset,
		     struct decoded_insn *out)
{
	switch (zi->mnemonic) {
	case ZYDIS_MNEMONIC_INT3:
		out->type = INSN_TRAP;
		return true;
	case ZYDIS_MNEMONIC_UD0:
	case ZYDIS_MNEMONIC_UD1:
	case ZYDIS_MNEMONIC_UD2:
		out->type = INSN_BUG;
		return true;
	case ZYDIS_MNEMONIC_NOP:
		out->type = INSN_NOP;
		return true;
	case ZYDIS_MNEMONIC_ENDBR32:
	case ZYDIS_MNEMONIC_ENDBR64:
		out->type = INSN_ENDBR;
		return true;
	case ZYDIS_MNEMONIC_IRET:
	case ZYDIS_MNEMONIC_IRETD:
	case ZYDIS_MNEMONIC_IRETQ:
	case ZYDIS_MNEMONIC_SYSRET:
	case ZYDIS_MNEMONIC_SYSEXIT:
		out->type = INSN_CONTEXT_SWITCH;
		return true;
	case ZYDIS_MNEMONIC_SYSCALL:
	case ZYDIS_MNEMONIC_SYSENTER:
		out->type = INSN_SYSCALL;
		return true;
	case ZYDIS_MNEMONIC_STAC:
		out->type = INSN_UACCESS_ON;
		return true;
	case ZYDIS_MNEMONIC_CLAC:
		out->type = INSN_UACCESS_OFF;
		return true;
	case ZYDIS_MNEMONIC_ENTER:
		/* the kernel never uses it; its frame is not worth modelling */
		out->type = INSN_UNSUPPORTED;
		return true;
	default:
		return classify_call_jmp(zi, offset, out);
	}
}

static bool is_sp_bp_field(unsigned int reg)
{
	return reg == 4 || reg == 5;
}

/*
 * Cheap pre-check on the raw encoding: can this instruction name %rsp or
 * %rbp (or their narrower forms) as an explicit register operand?  False
 * positives (%ah, %ch, %xmm4...) only cost an operand decode.
 */
static bool may_name_sp_bp(const ZydisDecodedInstruction *zi)
{
	unsigned int rex_r = 0, rex_b = 0;

	if (zi->encoding != ZYDIS_INSTRUCTION_ENCODING_LEGACY)
		return true;
	if (zi->attributes & ZYDIS_ATTRIB_HAS_REX) {
		rex_r = zi->raw.rex.R << 3;
		rex_b = zi->raw.rex.B << 3;
	}
	if (zi->attributes & ZYDIS_ATTRIB_HAS_MODRM)
		return is_sp_bp_field(zi->raw.modrm.reg | rex_r) ||
		       (zi->raw.modrm.mod == 3 &&
			is_sp_bp_field(zi->raw.modrm.rm | rex_b));
	/* register encoded in the opcode: xchg, mov imm, bswap */
	if ((zi->opcode_map == ZYDIS_OPCODE_MAP_DEFAULT &&
	     ((zi->opcode >= 0x90 && zi->opcode <= 0x97) ||
	      (zi->opcode >= 0xb0 && zi->opcode <= 0xbf))) ||
	    (zi->opcode_map == ZYDIS_OPCODE_MAP_0F &&
	     zi->opcode >= 0xc8 && zi->opcode <= 0xcf))
		return is_sp_bp_field((zi->opcode & 7) | rex_b);
	return false;
}

/* Anything written to %rsp/%rbp that no precise op describes. */
static void clobbers(const ZydisDecodedOperand *ops, int nr,
		     struct decoded_insn *out)
{
	int i, reg;

	for (i = 0; i < nr; i++) {
		if (ops[i].type != ZYDIS_OPERAND_TYPE_REGISTER ||
		    !(ops[i].actions & ZYDIS_OPERAND_ACTION_MASK_WRITE))
			continue;
		reg = gpr_dwarf(ops[i].reg.value);
		if (is_sp_bp(reg))
			x86_emit(out, OP_CLOBBER, reg, OP_REG_NONE, 8, 0);
	}
}

static bool op_mov(const ZydisDecodedOperand *ops, struct decoded_insn *out)
{
	int d = reg64_of(&ops[0]), s = reg64_of(&ops[1]);
	int base;

	if (d != OP_REG_NONE && s != OP_REG_NONE) {
		if (is_sp_bp(d) || is_sp_bp(s))
			x86_emit(out, OP_MOV, d, s, 8, 0);
		return true;
	}
	if (s != OP_REG_NONE) {
		base = mem_base_of(&ops[0]);
		if (is_sp_bp(base))
			x86_emit(out, OP_STORE, base, s, 8, ops[0].mem.disp.value);
		return true;
	}
	if (d != OP_REG_NONE) {
		base = mem_base_of(&ops[1]);
		if (!is_sp_bp(base))
			return false;
		x86_emit(out, OP_LOAD, d, base, 8, ops[1].mem.disp.value);
		return true;
	}
	return false;
}

static bool op_add(const ZydisDecodedOperand *ops, int sign,
		   struct decoded_insn *out)
{
	int d = reg64_of(&ops[0]);

	if (!is_sp_bp(d) || ops[1].type != ZYDIS_OPERAND_TYPE_IMMEDIATE)
		return false;
	x86_emit(out, OP_ADD, d, d, 8, sign * ops[1].imm.value.s);
	return true;
}

static bool op_lea(const ZydisDecodedOperand *ops, struct decoded_insn *out)
{
	int d = reg64_of(&ops[0]), base = mem_base_of(&ops[1]);

	if (d == OP_REG_NONE || base == OP_REG_NONE)
		return false;
	if (is_sp_bp(d) || is_sp_bp(base))
		x86_emit(out, OP_ADD, d, base, 8, ops[1].mem.disp.value);
	return true;
}

static bool op_and(const ZydisDecodedOperand *ops, struct decoded_insn *out)
{
	if (reg64_of(&ops[0]) != X86_RSP ||
	    ops[1].type != ZYDIS_OPERAND_TYPE_IMMEDIATE)
		return false;
	x86_emit(out, OP_AND, X86_RSP, X86_RSP, 8, ops[1].imm.value.s);
	return true;
}

/* push/pop of a register, or of an immediate/memory/segment value */
static bool op_push_pop(const ZydisDecodedInstruction *zi,
			const ZydisDecodedOperand *ops, struct decoded_insn *out)
{
	int reg = OP_REG_NONE, size = zi->operand_width / 8;

	if (ops[0].type == ZYDIS_OPERAND_TYPE_REGISTER)
		reg = gpr_dwarf(ops[0].reg.value);
	if (zi->mnemonic == ZYDIS_MNEMONIC_PUSH)
		x86_emit(out, OP_PUSH, OP_REG_NONE, reg, size, 0);
	else
		x86_emit(out, OP_POP, reg, OP_REG_NONE, size, 0);
	return true;
}

static bool precise_ops(const ZydisDecodedInstruction *zi,
			const ZydisDecodedOperand *ops, struct decoded_insn *out)
{
	switch (zi->mnemonic) {
	case ZYDIS_MNEMONIC_PUSH:
	case ZYDIS_MNEMONIC_POP:
		return op_push_pop(zi, ops, out);
	case ZYDIS_MNEMONIC_MOV:
		return op_mov(ops, out);
	case ZYDIS_MNEMONIC_ADD:
		return op_add(ops, 1, out);
	case ZYDIS_MNEMONIC_SUB:
		return op_add(ops, -1, out);
	case ZYDIS_MNEMONIC_LEA:
		return op_lea(ops, out);
	case ZYDIS_MNEMONIC_AND:
		return op_and(ops, out);
	default:
		return false;
	}
}

/* A memory operand whose base could be %rsp or %rbp (not %rip). */
static bool may_address_sp_bp(const ZydisDecodedInstruction *zi)
{
	unsigned int rex_b = 0;

	if (zi->encoding != ZYDIS_INSTRUCTION_ENCODING_LEGACY)
		return true;
	if (!(zi->attributes & ZYDIS_ATTRIB_HAS_MODRM) || zi->raw.modrm.mod == 3)
		return false;
	if (zi->attributes & ZYDIS_ATTRIB_HAS_REX)
		rex_b = zi->raw.rex.B << 3;
	if (zi->raw.modrm.rm == 4)
		return is_sp_bp_field(zi->raw.sib.base | rex_b);
	return zi->raw.modrm.mod != 0 && (zi->raw.modrm.rm | rex_b) == 5;
}

static bool needs_operands(const ZydisDecodedInstruction *zi)
{
	switch (zi->mnemonic) {
	case ZYDIS_MNEMONIC_PUSH:
	case ZYDIS_MNEMONIC_POP:
		return true;
	case ZYDIS_MNEMONIC_MOV:
	case ZYDIS_MNEMONIC_LEA:
		return may_name_sp_bp(zi) || may_address_sp_bp(zi);
	default:
		return may_name_sp_bp(zi);
	}
}

/* Stack ops of the operand-free stack instructions; true when handled. */
static bool implicit_ops(const ZydisDecodedInstruction *zi,
			 struct decoded_insn *out)
{
	int size = zi->operand_width / 8;

	switch (zi->mnemonic) {
	case ZYDIS_MNEMONIC_PUSHF:
	case ZYDIS_MNEMONIC_PUSHFD:
	case ZYDIS_MNEMONIC_PUSHFQ:
		x86_emit(out, OP_PUSHF, OP_REG_NONE, OP_REG_NONE, size, 0);
		return true;
	case ZYDIS_MNEMONIC_POPF:
	case ZYDIS_MNEMONIC_POPFD:
	case ZYDIS_MNEMONIC_POPFQ:
		x86_emit(out, OP_POPF, OP_REG_NONE, OP_REG_NONE, size, 0);
		return true;
	case ZYDIS_MNEMONIC_LEAVE:
		x86_emit(out, OP_MOV, X86_RSP, X86_RBP, 8, 0);
		x86_emit(out, OP_POP, X86_RBP, OP_REG_NONE, 8, 0);
		return true;
	default:
		return false;
	}
}

static int stack_ops(const ZydisDecoderContext *ctx,
		     const ZydisDecodedInstruction *zi, struct decoded_insn *out)
{
	ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT_VISIBLE];
	int nr = zi->operand_count_visible;

	if (implicit_ops(zi, out) || !needs_operands(zi))
		return 0;
	if (ZYAN_FAILED(ZydisDecoderDecodeOperands(&zdec, ctx, zi, ops, nr)))
		return -1;
	if (!precise_ops(zi, ops, out))
		clobbers(ops, nr, out);
	return 0;
}

/*
 * Instructions newer than the Zydis Debian ships, with no effect on the
 * stack or control flow: LKGS (F2 [REX] 0F 00 /6, 6.12's
 * native_load_gs_index).  The length, from ModRM/SIB/displacement, or 0.
 */
static size_t newer_than_zydis(const uint8_t *buf, size_t avail)
{
	size_t i = 1, disp = 0;
	uint8_t modrm;

	if (avail < 4 || buf[0] != 0xf2)
		return 0;
	if ((buf[i] & 0xf0) == 0x40)
		i++;				/* REX */
	if (i + 3 > avail || buf[i] != 0x0f || buf[i + 1] != 0x00)
		return 0;
	modrm = buf[i + 2];
	i += 3;
	if (((modrm >> 3) & 7) != 6)
		return 0;
	if (modrm < 0xc0) {
		if ((modrm & 7) == 4) {
			if (i == avail)
				return 0;
			if (modrm < 0x40 && (buf[i] & 7) == 5)
				disp = 4;
			i++;			/* SIB */
		} else if (modrm < 0x40 && (modrm & 7) == 5) {
			disp = 4;		/* %rip */
		}
		if (modrm >= 0x40)
			disp = modrm >= 0x80 ? 4 : 1;
	}
	return i + disp <= avail ? i + disp : 0;
}

/* The full decoder, for what fastpath.c leaves: ~100 ns an instruction. */
int x86_decode_zydis(unsigned long offset, const uint8_t *buf, size_t avail,
		     struct decoded_insn *out)
{
	ZydisDecoderContext ctx;
	ZydisDecodedInstruction zi;
	size_t len;

	if (!zdec_ready && decoder_init())
		return -1;
	if (ZYAN_FAILED(ZydisDecoderDecodeInstruction(&zdec, &ctx, buf, avail,
						      &zi))) {
		len = newer_than_zydis(buf, avail);
		if (!len)
			return -1;
		x86_insn_reset(out, len, INSN_OTHER);
		return 0;
	}
	x86_insn_reset(out, zi.length, INSN_OTHER);
	if (classify(&zi, offset, out))
		return 0;
	return stack_ops(&ctx, &zi, out);
}

/*
 * OBJTOOL_X86_CROSSCHECK=1: every instruction the fast path decodes is
 * decoded by Zydis too, and any difference is fatal.
 */
bool x86_crosscheck;
static unsigned long crosscheck_count;

/*
 * The Zydis decoder (zdec) is configuration set once, the same for every
 * run: it stays.  x86_crosscheck comes from the environment, not a run.
 */
void x86_reset(void)
{
	crosscheck_count = 0;
}

static void crosscheck_report(void)
{
	fprintf(stderr, "objtool-lite: x86 cross-check: %lu fast-path instructions identical to Zydis\n",
		crosscheck_count);
}

static __attribute__((constructor)) void crosscheck_init(void)
{
	const char *e = getenv("OBJTOOL_X86_CROSSCHECK");

	x86_crosscheck = e && *e && strcmp(e, "0");
	if (x86_crosscheck)
		atexit(crosscheck_report);
}

static void print_insn(const char *who, int ret, const struct decoded_insn *d)
{
	int i;

	fprintf(stderr, "  %-5s ret=%d len=%u type=%u has_dest=%d dest=%#lx nr_ops=%u\n",
		who, ret, d->len, d->type, d->has_dest, d->dest, d->nr_ops);
	for (i = 0; i < d->nr_ops && i < MAX_STACK_OPS; i++)
		fprintf(stderr, "    op%d: kind=%u dst=%d src=%d size=%u imm=%d src2=%d\n",
			i, d->ops[i].kind, d->ops[i].dst, d->ops[i].src,
			d->ops[i].size, d->ops[i].imm, d->ops[i].src2);
}

static bool same_insn(const struct decoded_insn *a,
		      const struct decoded_insn *b)
{
	int i;

	if (a->len != b->len || a->type != b->type || a->nr_ops != b->nr_ops ||
	    a->has_dest != b->has_dest || a->dest != b->dest)
		return false;
	for (i = 0; i < a->nr_ops; i++) {
		const struct stack_op *x = &a->ops[i], *y = &b->ops[i];

		if (x->kind != y->kind || x->dst != y->dst || x->src != y->src ||
		    x->size != y->size || x->imm != y->imm || x->src2 != y->src2)
			return false;
	}
	return true;
}

void x86_crosscheck_insn(const struct section *sec, unsigned long offset,
			 const uint8_t *buf, size_t avail,
			 const struct decoded_insn *fast)
{
	/* fields Zydis leaves alone (src2) start out equal */
	struct decoded_insn slow = *fast;
	int ret, i;

	ret = x86_decode_zydis(offset, buf, avail, &slow);
	if (!ret && same_insn(fast, &slow)) {
		crosscheck_count++;
		return;
	}
	fprintf(stderr, "objtool-lite: x86 cross-check mismatch in %s+%#lx:",
		sec ? sec->name : "?", offset);
	for (i = 0; i < 15 && (size_t)i < avail; i++)
		fprintf(stderr, " %02x", buf[i]);
	fprintf(stderr, "\n");
	print_insn("fast", 0, fast);
	print_insn("zydis", ret, &slow);
	abort();
}
