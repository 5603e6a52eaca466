// SPDX-License-Identifier: GPL-2.0
/*
 * The s390x ORC format for the host tools (orc/orc_format.h): linked
 * into objtool-lite and into orc-sort.
 */
#include <elf.h>

#include <orc/orc_format.h>

#include "../include/asm/orc_types.h"

ORC_FORMAT_CHECK(ORC_S390X_ENTRY_SIZE, ORC_S390X_HASH);

/* the type sits in bits 12-14 of the big-endian u16 at byte 6 */
static unsigned int s390x_orc_type(const uint8_t *e)
{
	return ORC_S390X_TYPE(e[6] << 8 | e[7]);
}

const struct orc_format orc_format_s390x = {
	.name		= "s390x",
	.e_machine	= EM_S390,
	.big_endian	= ORC_S390X_BIG_ENDIAN,
	.entry_size	= ORC_S390X_ENTRY_SIZE,
	.header		= ORC_S390X_HASH,
	.type		= s390x_orc_type,
};
