/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A port's ORC format as the host tools see it.  Each port defines one
 * struct orc_format in arch/<a>/objtool/orc_format.c, from its
 * arch/<a>/include/asm/orc_types.h; the build links the same file into
 * objtool-lite (which writes the tables) and orc-sort (which sorts them in
 * a linked image), and generates the list orc_formats[] from the ports,
 * so neither tool keeps a table of its own.
 */
#ifndef ORC_FORMAT_H
#define ORC_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "orc_types.h"

struct orc_format {
	const char *name;		/* the port, as in ARCH= */
	uint16_t e_machine;		/* ELF machine of the port's objects */
	bool big_endian;		/* byte order of both tables */
	size_t entry_size;		/* bytes of one .orc_unwind entry */
	uint8_t header[ORC_HEADER_SIZE];	/* one .orc_header record */
	/* ORC_TYPE_* of one stored entry (in the target's byte order) */
	unsigned int (*type)(const uint8_t *entry);
};

/* Every port's format, NULL-terminated; generated from the port list. */
extern const struct orc_format *const orc_formats[];

/*
 * A format's declared fields, checked where it is defined, so a port
 * that forgets one fails to build rather than writing bad tables.
 */
#define ORC_FORMAT_CHECK(size, hash)					\
	_Static_assert((size) > 0 && (size) % 2 == 0,			\
		       "ORC entries are made of 16-bit fields");	\
	_Static_assert(sizeof((const uint8_t[])hash) == ORC_HEADER_SIZE, \
		       "an .orc_header record is 20 bytes")

#endif /* ORC_FORMAT_H */
