/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ppc64le ORC format, shared by objtool-lite's encoder and printer
 * (arch/ppc64le/objtool/) and the kit's unwinders; objtool/orc.md says why
 * it looks like this.  8 bytes, stored little-endian:
 *   bytes 0-1  s16 sp_offset   CFA = sp_reg + sp_offset
 *   bytes 2-3  s16 fp_offset   caller's r31 at CFA + fp_offset (fp_reg)
 *   bytes 4-5  s16 ra_offset   return address at CFA + ra_offset (ra_reg)
 *   bytes 6-7  u16: sp_reg bits 0-3, fp_reg bits 4-7, ra_reg bits 8-11,
 *              type bits 12-14, signal bit 15
 * The CFA is the caller's r1 (the value of r1 at the function's entry).
 * Register meanings per field:
 *   sp_reg  SP (r1), FP (r31): CFA base; UNDEFINED: no unwind information
 *   fp_reg  PREV_SP: saved at CFA + fp_offset; UNDEFINED: never saved,
 *           r31 still holds the caller's value
 *   ra_reg  PREV_SP: saved at CFA + ra_offset (the LR save slot of the
 *           caller's frame, CFA + 16); LR: still in the link register;
 *           R0: in r0 (copied by "mflr r0" while LR is in use: hand-written
 *           code, through unwind hints); UNDEFINED: unknown, fail
 * An all-zero entry therefore means "nothing known" in every field.
 */
#ifndef ASM_ORC_TYPES_H
#define ASM_ORC_TYPES_H

/* relative to this file, so host tools and kit code find it alike */
#include "../../../../orc/orc_types.h"

#define ORC_PPC64LE_REG_UNDEFINED	0
#define ORC_PPC64LE_REG_PREV_SP		1
#define ORC_PPC64LE_REG_SP		2
#define ORC_PPC64LE_REG_FP		3
#define ORC_PPC64LE_REG_LR		4
#define ORC_PPC64LE_REG_R0		5

#define ORC_PPC64LE_ENTRY_SIZE		8
#define ORC_PPC64LE_BIG_ENDIAN		0

/* ELFv2: the caller's frame keeps the LR save doubleword at its sp + 16 */
#define ORC_PPC64LE_LR_SAVE		16

#ifndef __ASSEMBLER__	/* the register numbers above serve asm too */
struct orc_entry_ppc64le {
	int16_t sp_offset;
	int16_t fp_offset;
	int16_t ra_offset;
	uint16_t regs_type;
} __attribute__((packed));

#define ORC_PPC64LE_SP_REG(e)	((e)->regs_type & 0xf)
#define ORC_PPC64LE_FP_REG(e)	(((e)->regs_type >> 4) & 0xf)
#define ORC_PPC64LE_RA_REG(e)	(((e)->regs_type >> 8) & 0xf)
#define ORC_PPC64LE_TYPE(e)	(((e)->regs_type >> 12) & 0x7)
#define ORC_PPC64LE_SIGNAL(e)	(((e)->regs_type >> 15) & 0x1)
#endif

/*
 * .orc_header: SHA-1 of ORC_PPC64LE_LAYOUT (no trailing NUL).  Any change
 * to the layout above must change the string, and with it the hash, so
 * that a runtime never reads tables of another format version.
 */
#define ORC_PPC64LE_LAYOUT \
	"klpkit-orc-ppc64le-v1: le; s16 sp_offset; s16 fp_offset; " \
	"s16 ra_offset; u16 sp_reg:4 fp_reg:4 ra_reg:4 type:3 signal:1; " \
	"reg UNDEFINED=0 PREV_SP=1 SP=2 FP=3 LR=4 R0=5; type UNDEFINED=0 " \
	"END_OF_STACK=1 CALL=2 REGS=3 REGS_PARTIAL=4"
#define ORC_PPC64LE_HASH { \
	0x9c, 0x72, 0xf2, 0x00, 0xd1, 0xd9, 0x9c, 0xa9, 0x72, 0x29, \
	0x88, 0xb4, 0xb8, 0x17, 0x63, 0x96, 0xf8, 0xf1, 0xea, 0x96 }

#endif /* ASM_ORC_TYPES_H */
