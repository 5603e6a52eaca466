/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ppc64le live text patching: one aligned 32-bit store per instruction,
 * then the architecture's sequence for modified code (dcbst; sync; icbi;
 * sync; isync) and a core sync.  Only instructions that may change under
 * a running CPU (a nop and a bl) are patched live.
 */
#ifndef _ASM_PPC64LE_TEXT_PATCHING_H
#define _ASM_PPC64LE_TEXT_PATCHING_H

#include <stdint.h>

/* Serialised by the caller (ftrace's lock). */
int ppc64le_patch_insn(void *addr, uint32_t insn);
/* No other thread runs the code (boot, module load). */
void ppc64le_patch_insn_early(void *addr, uint32_t insn);
/* dcbst; sync; icbi; sync; isync over [addr, addr + size) */
void ppc64le_flush_icache(void *addr, unsigned long size);

#endif
