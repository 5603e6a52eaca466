// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 ORC entries: byte-compatible with Linux 6.4+, so that the kit's
 * tables can be compared with (and loaded like) a real kernel module's.
 * The layout lives in arch/x86_64/include/asm/orc_types.h and the format
 * descriptor in orc_format.c; entries are packed by hand so the
 * result does not depend on the host's bit-field order.
 */
#include <stdio.h>
#include <string.h>

#include <objtool/orc.h>
#include <objtool/warn.h>
#include "../include/asm/orc_types.h"

#include "x86.h"

struct orc_fields {
	int sp_offset, bp_offset;
	unsigned int sp_reg, bp_reg, type, signal;
};

static void put_le16(uint8_t *p, unsigned int v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
}

static unsigned int get_le16(const uint8_t *p)
{
	return p[0] | (p[1] << 8);
}

static void orc_pack(const struct orc_fields *o, uint8_t *e)
{
	put_le16(e, (uint16_t)o->sp_offset);
	put_le16(e + 2, (uint16_t)o->bp_offset);
	put_le16(e + 4, (o->sp_reg & 0xf) | (o->bp_reg & 0xf) << 4 |
			(o->type & 0x7) << 8 | (o->signal & 1) << 11);
}

static void orc_unpack(const uint8_t *e, struct orc_fields *o)
{
	unsigned int rt = get_le16(e + 4);

	o->sp_offset = (int16_t)get_le16(e);
	o->bp_offset = (int16_t)get_le16(e + 2);
	o->sp_reg = rt & 0xf;
	o->bp_reg = (rt >> 4) & 0xf;
	o->type = (rt >> 8) & 0x7;
	o->signal = (rt >> 11) & 1;
}

/* Only these registers can hold a CFA the runtime unwinder can recover. */
static int dwarf_to_orc(int reg)
{
	switch (reg) {
	case X86_RSP:	return ORC_X86_REG_SP;
	case X86_RBP:	return ORC_X86_REG_BP;
	case X86_RDI:	return ORC_X86_REG_DI;
	case X86_RDX:	return ORC_X86_REG_DX;
	case X86_R10:	return ORC_X86_REG_R10;
	case X86_R13:	return ORC_X86_REG_R13;
	/* the CFA saved in the frame: realigned (DRAP) functions */
	case CFI_DEREF | X86_RBP:	return ORC_X86_REG_BP_INDIRECT;
	case CFI_DEREF | X86_RSP:	return ORC_X86_REG_SP_INDIRECT;
	default:	return -1;
	}
}

static bool fits_s16(int32_t v)
{
	return v >= INT16_MIN && v <= INT16_MAX;
}

static int encode_cfa(const struct cfi_state *cfi, struct orc_fields *o,
		      const struct instruction *insn)
{
	int reg;

	if (cfi->cfa.base == CFI_UNDEFINED)
		return 0;
	reg = dwarf_to_orc(cfi->cfa.base);
	if (reg < 0) {
		note_insn(insn, "unknown CFA base reg %d", cfi->cfa.base);
		return -1;
	}
	o->sp_reg = reg;
	o->sp_offset = cfi->cfa.offset;
	return 0;
}

static int encode_bp(const struct cfi_state *cfi, struct orc_fields *o,
		     const struct instruction *insn)
{
	const struct cfi_reg *bp = &cfi->regs[X86_RBP];

	switch (bp->base) {
	case CFI_UNDEFINED:
		return 0;
	case CFI_CFA:
		o->bp_reg = ORC_X86_REG_PREV_SP;
		break;
	case X86_RBP:
		o->bp_reg = ORC_X86_REG_BP;
		break;
	default:
		note_insn(insn, "unknown BP base reg %d", bp->base);
		return -1;
	}
	o->bp_offset = bp->offset;
	return 0;
}

int x86_orc_encode(const struct cfi_state *cfi, void *entry,
		   const struct instruction *insn)
{
	struct orc_fields o = { 0 };

	if (cfi) {
		o.type = cfi->type;
		o.signal = cfi->signal;
	}
	if (cfi && cfi->type != UNWIND_UNDEFINED &&
	    cfi->type != UNWIND_END_OF_STACK) {
		if (encode_cfa(cfi, &o, insn) || encode_bp(cfi, &o, insn))
			return -1;
		/* a frame of 32 KiB or more (a big array on the stack) */
		if (!fits_s16(o.sp_offset) || !fits_s16(o.bp_offset)) {
			note_insn(insn, "stack offset %d/%d out of ORC range (16 bits: %d..%d)",
				  o.sp_offset, o.bp_offset, INT16_MIN, INT16_MAX);
			return -1;
		}
	}
	orc_pack(&o, entry);
	return 0;
}

static const char *const reg_text[] = {
	[ORC_X86_REG_UNDEFINED]	= "(und)",
	[ORC_X86_REG_PREV_SP]	= "prevsp",
	[ORC_X86_REG_DX]	= "dx",
	[ORC_X86_REG_DI]	= "di",
	[ORC_X86_REG_BP]	= "bp",
	[ORC_X86_REG_SP]	= "sp",
	[ORC_X86_REG_R10]	= "r10",
	[ORC_X86_REG_R13]	= "r13",
	[ORC_X86_REG_BP_INDIRECT] = "bp(ind)",
	[ORC_X86_REG_SP_INDIRECT] = "sp(ind)",
};

static const char *const reg_json[] = {
	[ORC_X86_REG_UNDEFINED]	= "undefined",
	[ORC_X86_REG_PREV_SP]	= "prev_sp",
	[ORC_X86_REG_DX]	= "dx",
	[ORC_X86_REG_DI]	= "di",
	[ORC_X86_REG_BP]	= "bp",
	[ORC_X86_REG_SP]	= "sp",
	[ORC_X86_REG_R10]	= "r10",
	[ORC_X86_REG_R13]	= "r13",
	[ORC_X86_REG_BP_INDIRECT] = "bp_indirect",
	[ORC_X86_REG_SP_INDIRECT] = "sp_indirect",
};

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

static const char *name_of(const char *const *names, size_t nr,
			   unsigned int i)
{
	return i < nr && names[i] ? names[i] : "?";
}

/* Text exactly as upstream's --dump=orc prints it (the test oracle). */
static void print_reg(FILE *f, unsigned int reg, int offset)
{
	if (reg == ORC_X86_REG_BP_INDIRECT)
		fprintf(f, "(bp%+d)", offset);
	else if (reg == ORC_X86_REG_SP_INDIRECT)
		fprintf(f, "(sp)%+d", offset);
	else if (reg == ORC_X86_REG_UNDEFINED)
		fputs("(und)", f);
	else
		fprintf(f, "%s%+d", name_of(reg_text, ARRAY_SIZE(reg_text), reg),
			offset);
}

void x86_orc_print(FILE *f, const void *entry)
{
	struct orc_fields o;

	orc_unpack(entry, &o);
	fprintf(f, "type:%s sp:",
		orc_type_name(o.type, false));
	print_reg(f, o.sp_reg, o.sp_offset);
	fputs(" bp:", f);
	print_reg(f, o.bp_reg, o.bp_offset);
	fprintf(f, " signal:%u", o.signal);
}

void x86_orc_print_json(FILE *f, const void *entry)
{
	struct orc_fields o;

	orc_unpack(entry, &o);
	fprintf(f, "{\"type\":\"%s\",\"sp_reg\":\"%s\",\"sp_offset\":%d,"
		"\"bp_reg\":\"%s\",\"bp_offset\":%d,\"signal\":%u}",
		orc_type_name(o.type, true),
		name_of(reg_json, ARRAY_SIZE(reg_json), o.sp_reg), o.sp_offset,
		name_of(reg_json, ARRAY_SIZE(reg_json), o.bp_reg), o.bp_offset,
		o.signal);
}

/* .discard.unwind_hints names registers by ORC number. */
int x86_hint_reg(int hint_reg)
{
	switch (hint_reg) {
	case ORC_X86_REG_UNDEFINED:	return CFI_UNDEFINED;
	case ORC_X86_REG_SP:		return X86_RSP;
	case ORC_X86_REG_BP:		return X86_RBP;
	case ORC_X86_REG_DI:		return X86_RDI;
	case ORC_X86_REG_DX:		return X86_RDX;
	case ORC_X86_REG_R10:		return X86_R10;
	case ORC_X86_REG_R13:		return X86_R13;
	case ORC_X86_REG_BP_INDIRECT:	return CFI_DEREF | X86_RBP;
	case ORC_X86_REG_SP_INDIRECT:	return CFI_DEREF | X86_RSP;
	default:			return -2;
	}
}
