/* SPDX-License-Identifier: GPL-2.0 */
/* What the ports' ORC printers share: the frame type names. */
#ifndef OBJTOOL_ORC_H
#define OBJTOOL_ORC_H

#include <stdbool.h>

/* "(und)", "call", "regs (partial)"... as upstream's --dump=orc prints
 * them, or the JSON spelling ("undefined", "regs_partial"). */
const char *orc_type_name(unsigned int type, bool json);

#endif
