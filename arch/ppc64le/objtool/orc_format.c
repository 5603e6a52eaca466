// SPDX-License-Identifier: GPL-2.0
/*
 * The ppc64le ORC format for the host tools (orc/orc_format.h): linked
 * into objtool-lite and into orc-sort.
 */
#include <elf.h>

#include <orc/orc_format.h>

#include "../include/asm/orc_types.h"

ORC_FORMAT_CHECK(ORC_PPC64LE_ENTRY_SIZE, ORC_PPC64LE_HASH);

/* the type sits in bits 12-14 of the little-endian u16 at byte 6 */
static unsigned int ppc64le_orc_type(const uint8_t *e)
{
	return (e[6] | e[7] << 8) >> 12 & 0x7;
}

const struct orc_format orc_format_ppc64le = {
	.name		= "ppc64le",
	.e_machine	= EM_PPC64,
	.big_endian	= ORC_PPC64LE_BIG_ENDIAN,
	.entry_size	= ORC_PPC64LE_ENTRY_SIZE,
	.header		= ORC_PPC64LE_HASH,
	.type		= ppc64le_orc_type,
};
