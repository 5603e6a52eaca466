/* SPDX-License-Identifier: GPL-2.0 */
/* Private to the core: the passes main.c runs, in order. */
#ifndef OBJTOOL_PASSES_H
#define OBJTOOL_PASSES_H

#include <objtool/objtool.h>

int add_branches(struct objtool_file *file);	/* branches.c */
int add_special(struct objtool_file *file);	/* special.c */
int add_hints(struct objtool_file *file);	/* hints.c */
int add_reachable(struct objtool_file *file);	/* reachable.c */
int mark_noreturns(struct objtool_file *file);	/* noreturn.c */
int check_file(struct objtool_file *file);	/* check.c */
int sites_check(struct objtool_file *file);	/* sites.c */
int sites_create(struct objtool_file *file);	/* sites.c */
int jump_label_nops(struct objtool_file *file);	/* jump_label.c */

#endif
