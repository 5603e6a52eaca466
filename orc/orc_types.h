/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ORC unwind table formats, shared by objtool-lite (which writes them) and
 * the kit's runtime unwinder (which reads them).  orc/README.md explains
 * each layout and why it looks the way it does.
 *
 * Both tables are parallel arrays: .orc_unwind_ip holds s32 self-relative
 * addresses (ip = &entry + value), sorted; .orc_unwind holds the entry that
 * applies from that ip up to the next one.  Entries are written only where
 * the state changes, and each text section ends with an UNDEFINED entry.
 *
 * The tables are stored in the target's byte order; the bit fields below
 * are described as bit positions of a little-endian 16-bit word for x86
 * (where this must match Linux), and are packed explicitly by the
 * encoders so a big-endian target (s390x) gets the same logical layout.
 */
#ifndef ORC_TYPES_H
#define ORC_TYPES_H

#include <stdint.h>

/* Frame types (Linux >= 6.4 numbering). */
#define ORC_TYPE_UNDEFINED		0
#define ORC_TYPE_END_OF_STACK		1
#define ORC_TYPE_CALL			2
#define ORC_TYPE_REGS			3
#define ORC_TYPE_REGS_PARTIAL		4

/*
 * x86_64: byte-compatible with Linux 6.4+ (arch/x86/include/asm/orc_types.h).
 *   bytes 0-1  s16 sp_offset
 *   bytes 2-3  s16 bp_offset
 *   bytes 4-5  u16: sp_reg bits 0-3, bp_reg bits 4-7, type bits 8-10,
 *              signal bit 11
 */
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

struct orc_entry_x86 {
	int16_t sp_offset;
	int16_t bp_offset;
	uint16_t regs_type;
} __attribute__((packed));

#define ORC_X86_SP_REG(e)	((e)->regs_type & 0xf)
#define ORC_X86_BP_REG(e)	(((e)->regs_type >> 4) & 0xf)
#define ORC_X86_TYPE(e)		(((e)->regs_type >> 8) & 0x7)
#define ORC_X86_SIGNAL(e)	(((e)->regs_type >> 11) & 0x1)

/*
 * arm64: the LoongArch layout (return address in a register), 8 bytes,
 * stored little-endian.
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
#define ORC_ARM64_REG_UNDEFINED		0
#define ORC_ARM64_REG_PREV_SP		1
#define ORC_ARM64_REG_SP		2
#define ORC_ARM64_REG_FP		3
#define ORC_ARM64_REG_LR		4

#define ORC_ARM64_ENTRY_SIZE		8

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

/*
 * .orc_header for arm64: SHA-1 of ORC_ARM64_LAYOUT (no trailing NUL).
 * Any change to the layout above must change the string, and with it the
 * hash, so that a runtime never reads tables of another format version.
 */
#define ORC_ARM64_LAYOUT \
	"klpkit-orc-arm64-v1: le; s16 sp_offset; s16 fp_offset; " \
	"s16 ra_offset; u16 sp_reg:4 fp_reg:4 ra_reg:4 type:3 signal:1; " \
	"reg UNDEFINED=0 PREV_SP=1 SP=2 FP=3 LR=4; type UNDEFINED=0 " \
	"END_OF_STACK=1 CALL=2 REGS=3 REGS_PARTIAL=4"
#define ORC_ARM64_HASH { \
	0xe3, 0x0a, 0x96, 0xd8, 0x89, 0xfb, 0xe1, 0xe5, 0xb7, 0xe9, \
	0x27, 0x32, 0xdc, 0x24, 0xab, 0xb2, 0x0d, 0xbd, 0xfe, 0x74 }

#endif /* ORC_TYPES_H */
