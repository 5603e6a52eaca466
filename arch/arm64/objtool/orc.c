// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 ORC entries: encoding from the validator's state, and printing.
 * orc/README.md explains the layout and why it looks the way it does.
 */
#include <string.h>

#include <objtool/warn.h>
#include <objtool/orc.h>

#include "../include/asm/orc_types.h"

#include "arm64.h"

static const char *const orc_reg_names[] = {
	[ORC_ARM64_REG_UNDEFINED]	= "(und)",
	[ORC_ARM64_REG_PREV_SP]		= "prevsp",
	[ORC_ARM64_REG_SP]		= "sp",
	[ORC_ARM64_REG_FP]		= "fp",
	[ORC_ARM64_REG_LR]		= "lr",
};

static bool fits_s16(long v)
{
	return v >= INT16_MIN && v <= INT16_MAX;
}

static int encode_cfa(const struct cfi_reg *cfa, unsigned int *reg,
		      int16_t *off, const struct instruction *insn)
{
	switch (cfa->base) {
	case ARM64_REG_SP:
		*reg = ORC_ARM64_REG_SP;
		break;
	case ARM64_REG_FP:
		*reg = ORC_ARM64_REG_FP;
		break;
	case CFI_UNDEFINED:
		*reg = ORC_ARM64_REG_UNDEFINED;
		*off = 0;
		return 0;
	default:
		note_insn(insn, "unknown CFA base reg %d", cfa->base);
		return -1;
	}
	if (!fits_s16(cfa->offset)) {
		note_insn(insn, "CFA offset %d out of range", cfa->offset);
		return -1;
	}
	*off = cfa->offset;
	return 0;
}

/* Where the caller's x29 or x30 is; @live: the ORC name for "not moved". */
static int encode_saved(const struct cfi_reg *r, unsigned int live,
			unsigned int *reg, int16_t *off,
			const struct instruction *insn, const char *name)
{
	switch (r->base) {
	case CFI_UNDEFINED:
		*reg = live;
		*off = 0;
		return 0;
	case CFI_CFA:
		if (!fits_s16(r->offset)) {
			note_insn(insn, "%s save offset %d out of range",
				  name, r->offset);
			return -1;
		}
		*reg = ORC_ARM64_REG_PREV_SP;
		*off = r->offset;
		return 0;
	default:
		note_insn(insn, "%s saved in reg %d: not expressible in ORC",
			  name, r->base);
		return -1;
	}
}

static void store_le16(uint8_t *p, uint16_t v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8;
}

static void pack(uint8_t *p, int16_t sp_off, int16_t fp_off, int16_t ra_off,
		 unsigned int sp_reg, unsigned int fp_reg, unsigned int ra_reg,
		 unsigned int type, bool signal)
{
	store_le16(p, sp_off);
	store_le16(p + 2, fp_off);
	store_le16(p + 4, ra_off);
	store_le16(p + 6, sp_reg | fp_reg << 4 | ra_reg << 8 |
		   (type & 7) << 12 | (unsigned int)signal << 15);
}

int arm64_orc_encode(const struct cfi_state *cfi, void *entry,
		     const struct instruction *insn)
{
	unsigned int sp_reg = 0, fp_reg = 0, ra_reg = 0;
	int16_t sp_off = 0, fp_off = 0, ra_off = 0;

	memset(entry, 0, ORC_ARM64_ENTRY_SIZE);
	if (!cfi || cfi->type == UNWIND_UNDEFINED)
		return 0;
	if (cfi->type == UNWIND_END_OF_STACK || cfi->end) {
		/* nothing to unwind to: the registers do not matter */
		pack(entry, 0, 0, 0, 0, 0, 0, ORC_TYPE_END_OF_STACK,
		     cfi->signal);
		return 0;
	}
	if (encode_cfa(&cfi->cfa, &sp_reg, &sp_off, insn) ||
	    encode_saved(&cfi->regs[ARM64_REG_FP], ORC_ARM64_REG_UNDEFINED,
			 &fp_reg, &fp_off, insn, "x29") ||
	    encode_saved(&cfi->regs[ARM64_REG_LR], ORC_ARM64_REG_LR,
			 &ra_reg, &ra_off, insn, "x30"))
		return -1;
	pack(entry, sp_off, fp_off, ra_off, sp_reg, fp_reg, ra_reg,
	     cfi->type, cfi->signal);
	return 0;
}

static const struct orc_ra_names names = {
	orc_reg_names, sizeof(orc_reg_names) / sizeof(orc_reg_names[0])
};

static void unpack(const void *entry, struct orc_ra_entry *o)
{
	const uint8_t *p = entry;
	uint16_t rt = p[6] | p[7] << 8;

	o->sp_off = (int16_t)(p[0] | p[1] << 8);
	o->fp_off = (int16_t)(p[2] | p[3] << 8);
	o->ra_off = (int16_t)(p[4] | p[5] << 8);
	o->sp_reg = rt & 0xf;
	o->fp_reg = (rt >> 4) & 0xf;
	o->ra_reg = (rt >> 8) & 0xf;
	o->type = (rt >> 12) & 7;
	o->signal = rt >> 15;
}

void arm64_orc_print(FILE *f, const void *entry)
{
	struct orc_ra_entry o;

	unpack(entry, &o);
	orc_ra_print(f, &o, &names);
}

void arm64_orc_print_json(FILE *f, const void *entry)
{
	struct orc_ra_entry o;

	unpack(entry, &o);
	orc_ra_print_json(f, &o, &names);
}

/* Unwind hints name registers by their arm64 ORC number. */
int arm64_hint_reg(int hint_reg)
{
	switch (hint_reg) {
	case ORC_ARM64_REG_UNDEFINED:
		return CFI_UNDEFINED;
	case ORC_ARM64_REG_SP:
		return ARM64_REG_SP;
	case ORC_ARM64_REG_FP:
		return ARM64_REG_FP;
	default:
		/* PREV_SP and LR cannot be a CFA base */
		return -3;
	}
}
