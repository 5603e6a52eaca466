// SPDX-License-Identifier: GPL-2.0
/*
 * The loader's ORC table checks (kernel/module_tables.c) need the port's
 * entry size, which the kit takes from arch/<port>/stacktrace.c: code
 * that runs only on its own arch.  Here it comes from the port's host
 * format (orc_formats[], the one objtool-lite writes), picked by the ELF
 * machine the port's loader accepts.  Defined without the const of its
 * declaration in kit/arch.h (not included here): it is set once, before
 * any run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "orc/orc_format.h"

extern const uint16_t arch_module_machine;
size_t arch_orc_entry_size;

static const struct orc_format *format;

static __attribute__((constructor)) void pick_format(void)
{
	for (const struct orc_format *const *f = orc_formats; *f; f++)
		if ((*f)->e_machine == arch_module_machine)
			format = *f;
	if (!format) {
		fprintf(stderr, "fuzz-module: no ORC format for ELF machine %u\n",
			arch_module_machine);
		exit(2);
	}
	arch_orc_entry_size = format->entry_size;
}

unsigned int arch_orc_type(const void *entry)
{
	return format->type(entry);
}
