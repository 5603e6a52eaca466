// SPDX-License-Identifier: GPL-2.0
/* The port is chosen by the object's e_machine, never at build time. */
#include <objtool/arch.h>

#include <stdio.h>

/*
 * A port that leaves out a required hook is refused by name before any
 * work is done, rather than crashing on the first object that needs it.
 */
static bool arch_complete(const struct objtool_arch *a)
{
	const char *missing = NULL;

	if (!a->decode)
		missing = "decode";
	else if (!a->init_cfi)
		missing = "init_cfi";
	else if (!a->callee_saved)
		missing = "callee_saved";
	else if (!a->reloc_dest)
		missing = "reloc_dest";
	else if (!a->orc_encode || !a->orc_print || !a->orc_print_json || !a->orc_entry_size)
		missing = "orc_encode/orc_print/orc_print_json/orc_entry_size";
	else if (!a->hint_reg)
		missing = "hint_reg";
	else if (!a->fentry_name && !a->mcount)
		missing = "fentry_name or mcount";
	if (missing)
		fprintf(stderr, "objtool-lite: error: port %s lacks %s\n", a->name, missing);
	return !missing;
}

const struct objtool_arch *arch_by_machine(uint16_t e_machine)
{
	for (const struct objtool_arch *const *a = objtool_arches; *a; a++)
		if ((*a)->e_machine == e_machine)
			return arch_complete(*a) ? *a : NULL;
	return NULL;
}
