/* SPDX-License-Identifier: GPL-2.0 */
/* What the ports' ORC printers share: the frame type names, and the
 * printing of entries shaped like LoongArch's. */
#ifndef OBJTOOL_ORC_H
#define OBJTOOL_ORC_H

#include <stdbool.h>
#include <stdio.h>

/* "(und)", "call", "regs (partial)"... as upstream's --dump=orc prints
 * them, or the JSON spelling ("undefined", "regs_partial"). */
const char *orc_type_name(unsigned int type, bool json);

/*
 * One entry of a LoongArch-shaped format (sp, fp and ra each a register
 * and an offset), unpacked by its port, offsets in bytes.
 * Register numbers index the port's name table, in which 0 is UNDEFINED
 * and 1 is PREV_SP, as in every such format.
 */
struct orc_ra_entry {
	int sp_off, fp_off, ra_off;
	unsigned int sp_reg, fp_reg, ra_reg, type, signal;
};

struct orc_ra_names {
	const char *const *names;	/* "(und)", "prevsp", then the port's */
	unsigned int nr;
};

void orc_ra_print(FILE *f, const struct orc_ra_entry *e,
		  const struct orc_ra_names *names);
void orc_ra_print_json(FILE *f, const struct orc_ra_entry *e,
		       const struct orc_ra_names *names);

#endif
