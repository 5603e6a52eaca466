/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The unwind hint record, shared by every arch's asm/unwind_hints.h: the
 * layout of Linux 6.12, so objtool-lite and upstream objtool read the same
 * objects.  One record per hint, in .discard.unwind_hints (never loaded):
 *
 *   u32 ip		PC-relative reference to the hinted instruction
 *   s16 sp_offset	CFA = sp_reg + sp_offset
 *   u8  sp_reg		the arch's ORC register number (asm/orc_types.h)
 *   u8  type		UNWIND_HINT_TYPE_*
 *   u8  signal		the frame was interrupted rather than called
 *   (padding to 12 bytes)
 *
 * The arch header names the registers and offers the UNWIND_HINT_* macros.
 */
#ifndef _KIT_UNWIND_HINT_RECORD_H
#define _KIT_UNWIND_HINT_RECORD_H

#define UNWIND_HINT_TYPE_UNDEFINED	0
#define UNWIND_HINT_TYPE_END_OF_STACK	1
#define UNWIND_HINT_TYPE_CALL		2
#define UNWIND_HINT_TYPE_REGS		3
#define UNWIND_HINT_TYPE_REGS_PARTIAL	4
#define UNWIND_HINT_TYPE_FUNC		5
#define UNWIND_HINT_TYPE_SAVE		6
#define UNWIND_HINT_TYPE_RESTORE	7

/* ORC's "no register" is 0 on every arch */
#define UNWIND_HINT_REG_UNDEFINED	0

#ifdef __ASSEMBLER__
.macro UNWIND_HINT type:req sp_reg=UNWIND_HINT_REG_UNDEFINED sp_offset=0 signal=0
.Lunwind_hint_ip_\@:
	.pushsection .discard.unwind_hints
	.long .Lunwind_hint_ip_\@ - .
	.short \sp_offset
	.byte \sp_reg
	.byte \type
	.byte \signal
	.balign 4
	.popsection
.endm
#endif

#endif
