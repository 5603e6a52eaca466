// SPDX-License-Identifier: GPL-2.0
/*
 * s390x ORC entries: encoding from the validator's state, and printing.
 * orc.md beside this file explains the layout and the reasons for it.
 */
#include <string.h>

#include <objtool/warn.h>
#include <objtool/orc.h>

#include "../include/asm/orc_types.h"

#include "s390x.h"

_Static_assert(ORC_S390X_CFA_BIAS == S390X_CFA_BIAS, "one CFA convention");

static const char *const orc_reg_names[] = {
	[ORC_S390X_REG_UNDEFINED]	= "(und)",
	[ORC_S390X_REG_PREV_SP]		= "prevsp",
	[ORC_S390X_REG_SP]		= "r15",
	[ORC_S390X_REG_FP]		= "r11",
	[ORC_S390X_REG_R14]		= "r14",
	[ORC_S390X_REG_LOST]		= "lost",
};

/* A byte offset as a count of doublewords, when it is one and fits. */
static int scale(long bytes, int16_t *out, const struct instruction *insn,
		 const char *what)
{
	long units = bytes / ORC_S390X_OFFSET_SCALE;

	if (bytes % ORC_S390X_OFFSET_SCALE) {
		note_insn(insn, "%s offset %ld is not a multiple of %d",
			  what, bytes, ORC_S390X_OFFSET_SCALE);
		return -1;
	}
	if (units < INT16_MIN || units > INT16_MAX) {
		note_insn(insn, "%s offset %ld out of range", what, bytes);
		return -1;
	}
	*out = units;
	return 0;
}

static int encode_cfa(const struct cfi_reg *cfa, unsigned int *reg,
		      int16_t *off, const struct instruction *insn)
{
	switch (cfa->base) {
	case S390X_REG_SP:
		*reg = ORC_S390X_REG_SP;
		break;
	case S390X_REG_FP:
		*reg = ORC_S390X_REG_FP;
		break;
	case CFI_UNDEFINED:
		*reg = ORC_S390X_REG_UNDEFINED;
		*off = 0;
		return 0;
	default:
		note_insn(insn, "unknown CFA base reg %d", cfa->base);
		return -1;
	}
	return scale(cfa->offset, off, insn, "CFA");
}

/*
 * Where the caller's r11 or r14 is; @live: the ORC name for "not moved",
 * @elsewhere: for "in another register" (0: not expressible).  Only r11
 * has one: the unwinder needs the caller's r11 only for a caller whose
 * CFA is on r11, and refuses that one; r14 is every frame's return.
 */
static int encode_saved(const struct cfi_reg *r, unsigned int live,
			unsigned int elsewhere, unsigned int *reg, int16_t *off,
			const struct instruction *insn, const char *name)
{
	switch (r->base) {
	case CFI_UNDEFINED:
		*reg = live;
		*off = 0;
		return 0;
	case CFI_CFA:
		*reg = ORC_S390X_REG_PREV_SP;
		return scale(r->offset, off, insn, name);
	default:
		if (elsewhere) {
			*reg = elsewhere;
			*off = 0;
			return 0;
		}
		note_insn(insn, "%s saved in reg %d: not expressible in ORC",
			  name, r->base);
		return -1;
	}
}

static void store_be16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static uint16_t load_be16(const uint8_t *p)
{
	return p[0] << 8 | p[1];
}

static void pack(uint8_t *p, const int16_t off[3], unsigned int sp_reg,
		 unsigned int fp_reg, unsigned int ra_reg, unsigned int type,
		 bool signal)
{
	for (int i = 0; i < 3; i++)
		store_be16(p + 2 * i, off[i]);
	store_be16(p + 6, sp_reg | fp_reg << 4 | ra_reg << 8 |
		   (type & 7) << 12 | (unsigned int)signal << 15);
}

int s390x_orc_encode(const struct cfi_state *cfi, void *entry,
		     const struct instruction *insn)
{
	static const int16_t none[3];
	unsigned int sp_reg = 0, fp_reg = 0, ra_reg = 0;
	int16_t off[3] = { 0, 0, 0 };

	memset(entry, 0, ORC_S390X_ENTRY_SIZE);
	if (!cfi || cfi->type == UNWIND_UNDEFINED)
		return 0;
	if (cfi->type == UNWIND_END_OF_STACK || cfi->end) {
		/* nothing to unwind to: the registers do not matter */
		pack(entry, none, 0, 0, 0, ORC_TYPE_END_OF_STACK, cfi->signal);
		return 0;
	}
	if (encode_cfa(&cfi->cfa, &sp_reg, &off[0], insn) ||
	    encode_saved(&cfi->regs[S390X_REG_FP], ORC_S390X_REG_UNDEFINED,
			 ORC_S390X_REG_LOST, &fp_reg, &off[1], insn, "r11") ||
	    encode_saved(&cfi->regs[S390X_REG_RA], ORC_S390X_REG_R14, 0,
			 &ra_reg, &off[2], insn, "r14"))
		return -1;
	pack(entry, off, sp_reg, fp_reg, ra_reg, cfi->type, cfi->signal);
	return 0;
}

static const struct orc_ra_names names = {
	orc_reg_names, sizeof(orc_reg_names) / sizeof(orc_reg_names[0])
};

/* Offsets print in bytes, as the CFI they are compared with does. */
static void unpack(const void *entry, struct orc_ra_entry *o)
{
	const uint8_t *p = entry;
	uint16_t rt = load_be16(p + 6);

	o->sp_off = (int16_t)load_be16(p) * ORC_S390X_OFFSET_SCALE;
	o->fp_off = (int16_t)load_be16(p + 2) * ORC_S390X_OFFSET_SCALE;
	o->ra_off = (int16_t)load_be16(p + 4) * ORC_S390X_OFFSET_SCALE;
	o->sp_reg = ORC_S390X_SP_REG(rt);
	o->fp_reg = ORC_S390X_FP_REG(rt);
	o->ra_reg = ORC_S390X_RA_REG(rt);
	o->type = ORC_S390X_TYPE(rt);
	o->signal = ORC_S390X_SIGNAL(rt);
}

void s390x_orc_print(FILE *f, const void *entry)
{
	struct orc_ra_entry o;

	unpack(entry, &o);
	orc_ra_print(f, &o, &names);
}

void s390x_orc_print_json(FILE *f, const void *entry)
{
	struct orc_ra_entry o;

	unpack(entry, &o);
	orc_ra_print_json(f, &o, &names);
}

/* Unwind hints name registers by their s390x ORC number. */
int s390x_hint_reg(int hint_reg)
{
	switch (hint_reg) {
	case ORC_S390X_REG_UNDEFINED:
		return CFI_UNDEFINED;
	case ORC_S390X_REG_SP:
		return S390X_REG_SP;
	case ORC_S390X_REG_FP:
		return S390X_REG_FP;
	default:
		/* PREV_SP and R14 cannot be a CFA base */
		return -3;
	}
}
