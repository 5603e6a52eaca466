// SPDX-License-Identifier: GPL-2.0
/*
 * ppc64le ORC entries: encoding from the validator's state, and printing.
 * The layout is in ../include/asm/orc_types.h, the reasons in orc.md.
 */
#include <string.h>

#include <objtool/warn.h>
#include <objtool/orc.h>

#include "../include/asm/orc_types.h"

#include "ppc64le.h"

/* one entry, unpacked */
struct ppc_orc {
	int sp_off, fp_off, ra_off;
	unsigned int sp_reg, fp_reg, ra_reg, type, signal;
};

static const char *const orc_regs[] = {
	[ORC_PPC64LE_REG_UNDEFINED]	= "undefined",
	[ORC_PPC64LE_REG_PREV_SP]	= "prev_sp",
	[ORC_PPC64LE_REG_SP]		= "r1",
	[ORC_PPC64LE_REG_FP]		= "r31",
	[ORC_PPC64LE_REG_LR]		= "lr",
	[ORC_PPC64LE_REG_R0]		= "r0",
};

/* note_insn() (warn.c) speaks for the encoder, which has no objtool_file */
#define encode_error(insn, ...)	(note_insn(insn, __VA_ARGS__), -1)

static bool s16_ok(long v)
{
	return v >= INT16_MIN && v <= INT16_MAX;
}

static int cfa_fields(const struct cfi_state *cfi, struct ppc_orc *o,
		      const struct instruction *insn)
{
	if (cfi->cfa.base == CFI_UNDEFINED)
		return 0;			/* all fields stay "unknown" */
	if (cfi->cfa.base == PPC_REG_SP)
		o->sp_reg = ORC_PPC64LE_REG_SP;
	else if (cfi->cfa.base == PPC_REG_FP)
		o->sp_reg = ORC_PPC64LE_REG_FP;
	else
		return encode_error(insn, "CFA based on r%d: not expressible in ORC",
				    cfi->cfa.base);
	if (!s16_ok(cfi->cfa.offset))
		return encode_error(insn, "CFA offset %d out of range", cfi->cfa.offset);
	o->sp_off = cfi->cfa.offset;
	return 0;
}

/* The caller's r31 or return address: @live is the ORC name for "untouched". */
static int saved_field(const struct cfi_reg *r, unsigned int live,
		       unsigned int *reg, int *off,
		       const struct instruction *insn, const char *what)
{
	if (r->base == CFI_UNDEFINED) {
		*reg = live;
		return 0;
	}
	if (r->base != CFI_CFA)
		return encode_error(insn, "%s saved in r%d: not expressible in ORC",
				    what, r->base);
	if (!s16_ok(r->offset))
		return encode_error(insn, "%s save offset %d out of range", what,
				    r->offset);
	*reg = ORC_PPC64LE_REG_PREV_SP;
	*off = r->offset;
	return 0;
}

static void pack(const struct ppc_orc *o, uint8_t *p)
{
	const uint16_t w[4] = {
		(uint16_t)o->sp_off, (uint16_t)o->fp_off, (uint16_t)o->ra_off,
		o->sp_reg | o->fp_reg << 4 | o->ra_reg << 8 |
		(o->type & 7) << 12 | o->signal << 15,
	};

	for (int i = 0; i < 4; i++) {
		p[2 * i] = w[i] & 0xff;
		p[2 * i + 1] = w[i] >> 8;
	}
}

int ppc64le_orc_encode(const struct cfi_state *cfi, void *entry,
		       const struct instruction *insn)
{
	struct ppc_orc o = { 0 };

	memset(entry, 0, ORC_PPC64LE_ENTRY_SIZE);
	if (!cfi || cfi->type == UNWIND_UNDEFINED)
		return 0;
	o.type = cfi->type;
	o.signal = cfi->signal;
	if (cfi->type == UNWIND_END_OF_STACK || cfi->end) {
		o.type = ORC_TYPE_END_OF_STACK;	/* registers do not matter */
		pack(&o, entry);
		return 0;
	}
	if (cfa_fields(cfi, &o, insn))
		return -1;
	if (o.sp_reg == ORC_PPC64LE_REG_UNDEFINED) {
		pack(&o, entry);
		return 0;
	}
	if (saved_field(&cfi->regs[PPC_REG_FP], ORC_PPC64LE_REG_UNDEFINED,
			&o.fp_reg, &o.fp_off, insn, "r31") ||
	    saved_field(&cfi->regs[PPC_REG_LR], ORC_PPC64LE_REG_LR,
			&o.ra_reg, &o.ra_off, insn, "lr"))
		return -1;
	pack(&o, entry);
	return 0;
}

static void unpack(const void *entry, struct ppc_orc *o)
{
	const uint8_t *p = entry;
	uint16_t w[4];

	for (int i = 0; i < 4; i++)
		w[i] = p[2 * i] | p[2 * i + 1] << 8;
	o->sp_off = (int16_t)w[0];
	o->fp_off = (int16_t)w[1];
	o->ra_off = (int16_t)w[2];
	o->sp_reg = w[3] & 0xf;
	o->fp_reg = w[3] >> 4 & 0xf;
	o->ra_reg = w[3] >> 8 & 0xf;
	o->type = w[3] >> 12 & 7;
	o->signal = w[3] >> 15;
}

static const char *orc_reg(unsigned int reg)
{
	return reg < sizeof(orc_regs) / sizeof(orc_regs[0]) ? orc_regs[reg] : "?";
}

/* "sp:r1+48" style; an unknown register prints "(und)" as on the other ports */
static void print_field(FILE *f, const char *label, unsigned int reg, int off,
			bool with_off)
{
	if (reg == ORC_PPC64LE_REG_UNDEFINED)
		fprintf(f, "%s:(und) ", label);
	else if (with_off)
		fprintf(f, "%s:%s%+d ", label, orc_reg(reg), off);
	else
		fprintf(f, "%s:%s ", label, orc_reg(reg));
}

void ppc64le_orc_print(FILE *f, const void *entry)
{
	struct ppc_orc o;

	unpack(entry, &o);
	fprintf(f, "type:%s ", orc_type_name(o.type, false));
	print_field(f, "sp", o.sp_reg, o.sp_off, true);
	print_field(f, "fp", o.fp_reg, o.fp_off, o.fp_reg == ORC_PPC64LE_REG_PREV_SP);
	print_field(f, "ra", o.ra_reg, o.ra_off, o.ra_reg == ORC_PPC64LE_REG_PREV_SP);
	fprintf(f, "signal:%u", o.signal);
}

void ppc64le_orc_print_json(FILE *f, const void *entry)
{
	struct ppc_orc o;

	unpack(entry, &o);
	fprintf(f, "{\"type\":\"%s\",\"sp_reg\":\"%s\",\"sp_offset\":%d,"
		"\"fp_reg\":\"%s\",\"fp_offset\":%d,"
		"\"ra_reg\":\"%s\",\"ra_offset\":%d,\"signal\":%u}",
		orc_type_name(o.type, true), orc_reg(o.sp_reg), o.sp_off,
		orc_reg(o.fp_reg), o.fp_off, orc_reg(o.ra_reg), o.ra_off, o.signal);
}

/* Unwind hints name their CFA base by its ppc64le ORC number. */
int ppc64le_hint_reg(int hint_reg)
{
	switch (hint_reg) {
	case ORC_PPC64LE_REG_UNDEFINED:
		return CFI_UNDEFINED;
	case ORC_PPC64LE_REG_SP:
		return PPC_REG_SP;
	case ORC_PPC64LE_REG_FP:
		return PPC_REG_FP;
	default:
		return -3;	/* PREV_SP, LR and R0 are no CFA base */
	}
}
