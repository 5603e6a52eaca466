/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every ORC format shares.  Each port's entry layout, register
 * numbers, header hash and byte order live with the port, in
 * arch/<a>/include/asm/orc_types.h (which includes this file); the host
 * tools learn them through the port's struct orc_format (orc/orc_format.h).
 * orc/README.md explains each layout and why it looks the way it does.
 *
 * Both tables are parallel arrays: .orc_unwind_ip holds s32 self-relative
 * addresses (ip = &entry + value), sorted; .orc_unwind holds the entry that
 * applies from that ip up to the next one.  Entries are written only where
 * the state changes, and each text section ends with an UNDEFINED entry.
 * Both are stored in the target's byte order.
 */
#ifndef ORC_TYPES_H
#define ORC_TYPES_H

#ifndef __ASSEMBLER__	/* the numbers below are for asm too */
#include <stdint.h>
#endif

/* Frame types (Linux >= 6.4 numbering), the same for every port. */
#define ORC_TYPE_UNDEFINED		0
#define ORC_TYPE_END_OF_STACK		1
#define ORC_TYPE_CALL			2
#define ORC_TYPE_REGS			3
#define ORC_TYPE_REGS_PARTIAL		4

/* One .orc_header record: a hash naming the format version. */
#define ORC_HEADER_SIZE			20

#endif /* ORC_TYPES_H */
