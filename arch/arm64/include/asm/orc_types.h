/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arm64 ORC format, shared by objtool-lite's encoder and printer
 * (arch/arm64/objtool/) and the kit's unwinders.  LoongArch's layout
 * (return address in a register), 8 bytes, stored little-endian:
 *   bytes 0-1  s16 sp_offset   CFA = sp_reg + sp_offset
 *   bytes 2-3  s16 fp_offset   caller's x29 at CFA + fp_offset (fp_reg)
 *   bytes 4-5  s16 ra_offset   return address at CFA + ra_offset (ra_reg)
 *   bytes 6-7  u16: sp_reg bits 0-3, fp_reg bits 4-7, ra_reg bits 8-11,
 *              type bits 12-14, signal bit 15
 * Register meanings per field:
 *   sp_reg  SP, FP: CFA base; UNDEFINED: no unwind information
 *   fp_reg  PREV_SP: saved at CFA + fp_offset; UNDEFINED: never saved,
 *           x29 still holds the caller's value
 *   ra_reg  PREV_SP: saved at CFA + ra_offset; LR: still in x30;
 *           UNDEFINED: unknown, the unwind must fail
 * An all-zero entry therefore means "nothing known" in every field.
 */
#ifndef ASM_ORC_TYPES_H
#define ASM_ORC_TYPES_H

/* relative to this file, so host tools and kit code find it alike */
#include "../../../../orc/orc_types.h"

#define ORC_ARM64_REG_UNDEFINED		0
#define ORC_ARM64_REG_PREV_SP		1
#define ORC_ARM64_REG_SP		2
#define ORC_ARM64_REG_FP		3
#define ORC_ARM64_REG_LR		4

#define ORC_ARM64_ENTRY_SIZE		8
#define ORC_ARM64_BIG_ENDIAN		0

#ifndef __ASSEMBLER__	/* the register numbers above serve asm too */
struct orc_entry_arm64 {
	int16_t sp_offset;
	int16_t fp_offset;
	int16_t ra_offset;
	uint16_t regs_type;
} __attribute__((packed));

#define ORC_ARM64_SP_REG(e)	((e)->regs_type & 0xf)
#define ORC_ARM64_FP_REG(e)	(((e)->regs_type >> 4) & 0xf)
#define ORC_ARM64_RA_REG(e)	(((e)->regs_type >> 8) & 0xf)
#define ORC_ARM64_TYPE(e)	(((e)->regs_type >> 12) & 0x7)
#define ORC_ARM64_SIGNAL(e)	(((e)->regs_type >> 15) & 0x1)
#endif

/*
 * .orc_header: SHA-1 of ORC_ARM64_LAYOUT (no trailing NUL).  Any change
 * to the layout above must change the string, and with it the hash, so
 * that a runtime never reads tables of another format version.
 */
#define ORC_ARM64_LAYOUT \
	"klpkit-orc-arm64-v1: le; s16 sp_offset; s16 fp_offset; " \
	"s16 ra_offset; u16 sp_reg:4 fp_reg:4 ra_reg:4 type:3 signal:1; " \
	"reg UNDEFINED=0 PREV_SP=1 SP=2 FP=3 LR=4; type UNDEFINED=0 " \
	"END_OF_STACK=1 CALL=2 REGS=3 REGS_PARTIAL=4"
#define ORC_ARM64_HASH { \
	0xe3, 0x0a, 0x96, 0xd8, 0x89, 0xfb, 0xe1, 0xe5, 0xb7, 0xe9, \
	0x27, 0x32, 0xdc, 0x24, 0xab, 0xb2, 0x0d, 0xbd, 0xfe, 0x74 }

#endif /* ASM_ORC_TYPES_H */
