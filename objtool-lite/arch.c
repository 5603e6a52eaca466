// SPDX-License-Identifier: GPL-2.0
/* The port is chosen by the object's e_machine, never at build time. */
#include <objtool/arch.h>

const struct objtool_arch *arch_by_machine(uint16_t e_machine)
{
	for (const struct objtool_arch *const *a = objtool_arches; *a; a++)
		if ((*a)->e_machine == e_machine)
			return *a;
	return NULL;
}
