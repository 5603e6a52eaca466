/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The x86_64 ORC format, shared by objtool-lite's encoder and printer
 * (arch/x86_64/objtool/) and the kit's unwinders: byte-compatible with
 * Linux 6.4+, so the kit's tables compare byte for byte with a real
 * module's.  Stored little-endian:
 *   bytes 0-1  s16 sp_offset
 *   bytes 2-3  s16 bp_offset
 *   bytes 4-5  u16: sp_reg bits 0-3, bp_reg bits 4-7, type bits 8-10,
 *              signal bit 11
 * The return address is always at CFA - 8, so it needs no field.
 */
#ifndef ASM_ORC_TYPES_H
#define ASM_ORC_TYPES_H

/* relative to this file, so host tools and kit code find it alike */
#include "../../../../orc/orc_types.h"

#define ORC_X86_REG_UNDEFINED		0
#define ORC_X86_REG_PREV_SP		1
#define ORC_X86_REG_DX			2
#define ORC_X86_REG_DI			3
#define ORC_X86_REG_BP			4
#define ORC_X86_REG_SP			5
#define ORC_X86_REG_R10			6
#define ORC_X86_REG_R13			7
#define ORC_X86_REG_BP_INDIRECT		8
#define ORC_X86_REG_SP_INDIRECT		9

#define ORC_X86_ENTRY_SIZE		6
#define ORC_X86_BIG_ENDIAN		0

#ifndef __ASSEMBLER__	/* the register numbers above serve asm too */
struct orc_entry_x86 {
	int16_t sp_offset;
	int16_t bp_offset;
	uint16_t regs_type;
} __attribute__((packed));

#define ORC_X86_SP_REG(e)	((e)->regs_type & 0xf)
#define ORC_X86_BP_REG(e)	(((e)->regs_type >> 4) & 0xf)
#define ORC_X86_TYPE(e)		(((e)->regs_type >> 8) & 0x7)
#define ORC_X86_SIGNAL(e)	(((e)->regs_type >> 11) & 0x1)
#endif

/*
 * .orc_header: the format hash Linux 6.4+ checks in its module loader
 * (taken from a Linux 6.12 module), so the kit's modules carry the same.
 */
#define ORC_X86_HASH { \
	0xfe, 0x5d, 0x32, 0xbf, 0x58, 0x1b, 0xd6, 0x3b, 0x2c, 0xa9, \
	0xa5, 0xc6, 0x5b, 0xa5, 0xa6, 0x25, 0xea, 0xb3, 0xfe, 0x24 }

#endif /* ASM_ORC_TYPES_H */
