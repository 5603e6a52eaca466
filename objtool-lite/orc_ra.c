// SPDX-License-Identifier: GPL-2.0
/*
 * Printing ORC entries of the LoongArch shape (objtool/orc.h), for the
 * ports whose formats have it: --dump=orc text and JSON.
 */
#include <objtool/orc.h>

#define REG_UNDEFINED	0
#define REG_PREV_SP	1

static const char *reg_name(const struct orc_ra_names *n, unsigned int reg)
{
	return reg < n->nr && n->names[reg] ? n->names[reg] : "?";
}

/* JSON spells registers without parentheses, as every port's printer does */
static const char *json_reg_name(const struct orc_ra_names *n, unsigned int reg)
{
	if (reg == REG_UNDEFINED)
		return "undefined";
	if (reg == REG_PREV_SP)
		return "prev_sp";
	return reg_name(n, reg);
}

static void print_reg(FILE *f, const struct orc_ra_names *n, const char *label,
		      unsigned int reg, int off)
{
	if (reg == REG_UNDEFINED)
		fprintf(f, "%s:(und) ", label);
	else
		fprintf(f, "%s:%s%+d ", label, reg_name(n, reg), off);
}

void orc_ra_print(FILE *f, const struct orc_ra_entry *e,
		  const struct orc_ra_names *names)
{
	fprintf(f, "type:%s ", orc_type_name(e->type, false));
	print_reg(f, names, "sp", e->sp_reg, e->sp_off);
	print_reg(f, names, "fp", e->fp_reg, e->fp_off);
	print_reg(f, names, "ra", e->ra_reg, e->ra_off);
	fprintf(f, "signal:%u", e->signal);
}

void orc_ra_print_json(FILE *f, const struct orc_ra_entry *e,
		       const struct orc_ra_names *names)
{
	fprintf(f, "{\"type\":\"%s\",\"sp_reg\":\"%s\",\"sp_offset\":%d,"
		"\"fp_reg\":\"%s\",\"fp_offset\":%d,"
		"\"ra_reg\":\"%s\",\"ra_offset\":%d,\"signal\":%u}",
		orc_type_name(e->type, true), json_reg_name(names, e->sp_reg),
		e->sp_off, json_reg_name(names, e->fp_reg), e->fp_off,
		json_reg_name(names, e->ra_reg), e->ra_off, e->signal);
}
