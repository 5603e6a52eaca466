/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The s390x ORC format, shared by objtool-lite's encoder and printer
 * (arch/s390x/objtool/) and, later, the kit's unwinders.  LoongArch's
 * shape (return address in a register), 8 bytes, stored big-endian like
 * everything else on s390x:
 *   bytes 0-1  s16 sp_offset   CFA = sp_reg + 8 * sp_offset
 *   bytes 2-3  s16 fp_offset   caller's r11 at CFA + 8 * fp_offset (fp_reg)
 *   bytes 4-5  s16 ra_offset   return address at CFA + 8 * ra_offset (ra_reg)
 *   bytes 6-7  u16: sp_reg bits 0-3, fp_reg bits 4-7, ra_reg bits 8-11,
 *              type bits 12-14, signal bit 15
 * The CFA is DWARF's: the caller's r15 + 160 (the caller's register save
 * area sits between the two).  Offsets count doublewords: every s390x
 * stack offset is a multiple of 8, and the scale lets one entry describe
 * frames of up to 256 KiB.  Register meanings per field:
 *   sp_reg  SP (r15), FP (r11): CFA base; UNDEFINED: no unwind information
 *   fp_reg  PREV_SP: saved at CFA + fp_offset; UNDEFINED: never saved,
 *           r11 still holds the caller's value
 *   ra_reg  PREV_SP: saved at CFA + ra_offset; R14: still in r14;
 *           UNDEFINED: unknown, the unwind must fail
 * An all-zero entry therefore means "nothing known" in every field.
 * arch/s390x/objtool/orc.md gives the reasons for each choice.
 */
#ifndef ASM_ORC_TYPES_H
#define ASM_ORC_TYPES_H

/* relative to this file, so host tools and kit code find it alike */
#include "../../../../orc/orc_types.h"

#define ORC_S390X_REG_UNDEFINED		0
#define ORC_S390X_REG_PREV_SP		1
#define ORC_S390X_REG_SP		2
#define ORC_S390X_REG_FP		3
#define ORC_S390X_REG_R14		4
/*
 * fp_reg only: the caller's r11 is held where no entry can say (hard-float
 * leaves park it in a floating-point register with ldgr).  Unwinding
 * through such a frame is fine; a caller whose CFA is on r11 is not.
 */
#define ORC_S390X_REG_LOST		5

#define ORC_S390X_ENTRY_SIZE		8
#define ORC_S390X_BIG_ENDIAN		1
/* bytes per offset unit */
#define ORC_S390X_OFFSET_SCALE		8
/* the caller's r15 is this far below the CFA */
#define ORC_S390X_CFA_BIAS		160

#ifndef __ASSEMBLER__	/* the register numbers above serve asm too */
/* The entry as the kit reads it: natively, so in s390x's byte order. */
struct orc_entry_s390x {
	int16_t sp_offset;
	int16_t fp_offset;
	int16_t ra_offset;
	uint16_t regs_type;
} __attribute__((packed));
#endif

/* The fields of the u16 at bytes 6-7, once read in the target's order. */
#define ORC_S390X_SP_REG(rt)	((rt) & 0xf)
#define ORC_S390X_FP_REG(rt)	(((rt) >> 4) & 0xf)
#define ORC_S390X_RA_REG(rt)	(((rt) >> 8) & 0xf)
#define ORC_S390X_TYPE(rt)	(((rt) >> 12) & 0x7)
#define ORC_S390X_SIGNAL(rt)	(((rt) >> 15) & 0x1)

/*
 * .orc_header: SHA-1 of ORC_S390X_LAYOUT (no trailing NUL).  Any change
 * to the layout above must change the string, and with it the hash, so
 * that a runtime never reads tables of another format version.
 */
#define ORC_S390X_LAYOUT \
	"klpkit-orc-s390x-v2: be; s16 sp_offset*8; s16 fp_offset*8; " \
	"s16 ra_offset*8; u16 sp_reg:4 fp_reg:4 ra_reg:4 type:3 signal:1; " \
	"cfa=r15+160 at entry; reg UNDEFINED=0 PREV_SP=1 SP=2 FP=3 R14=4 LOST=5 (fp_reg only); " \
	"type UNDEFINED=0 END_OF_STACK=1 CALL=2 REGS=3 REGS_PARTIAL=4"
#define ORC_S390X_HASH { \
	0x5b, 0xce, 0xe1, 0xea, 0x43, 0x90, 0x82, 0x1a, 0x32, 0x53, \
	0xaf, 0xbf, 0xbe, 0x4d, 0xbd, 0x5c, 0x40, 0xf9, 0xc7, 0xef }

#endif /* ASM_ORC_TYPES_H */
