// SPDX-License-Identifier: GPL-2.0
/*
 * The x86_64 ORC format for the host tools (orc/orc_format.h): linked
 * into objtool-lite and into orc-sort.
 */
#include <elf.h>

#include <orc/orc_format.h>

#include "../include/asm/orc_types.h"

ORC_FORMAT_CHECK(ORC_X86_ENTRY_SIZE, ORC_X86_HASH);

/* the type sits in bits 8-10 of the little-endian u16 at byte 4 */
static unsigned int x86_orc_type(const uint8_t *e)
{
	return (e[4] | e[5] << 8) >> 8 & 0x7;
}

const struct orc_format orc_format_x86_64 = {
	.name		= "x86_64",
	.e_machine	= EM_X86_64,
	.big_endian	= ORC_X86_BIG_ENDIAN,
	.entry_size	= ORC_X86_ENTRY_SIZE,
	.header		= ORC_X86_HASH,
	.type		= x86_orc_type,
};
