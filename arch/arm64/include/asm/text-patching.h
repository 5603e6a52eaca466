/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 live text patching: one aligned 32-bit store per instruction, then
 * cache maintenance to the point of unification and a core sync.  Only
 * instructions the architecture allows to be changed while other CPUs run
 * them (B, BL, NOP, ...) may be patched live.
 */
#ifndef _ASM_ARM64_TEXT_PATCHING_H
#define _ASM_ARM64_TEXT_PATCHING_H

#include <stdint.h>

/* Serialised by the caller (ftrace's lock). */
int aarch64_insn_patch_text(void *addr, uint32_t insn);
/* No other thread runs the code (boot, module load). */
void aarch64_insn_patch_text_early(void *addr, uint32_t insn);

#endif
