/* SPDX-License-Identifier: GPL-2.0 */
/*
 * s390x live text patching: single stores no wider than what the changed
 * instruction field needs, each followed by serialisation on every CPU
 * (hosted: this thread's "bcr 14,0" and kit_plat_sync_cores() for the
 * others), so that no thread can run a half-written instruction.
 */
#ifndef _ASM_S390X_TEXT_PATCHING_H
#define _ASM_S390X_TEXT_PATCHING_H

#include <stddef.h>
#include <stdint.h>

/* Serialised by the caller (ftrace's lock): one byte, live. */
int s390x_text_poke_byte(void *addr, uint8_t val);
/* No other thread runs the code (boot, module load). */
void s390x_text_poke_early(void *addr, const void *bytes, size_t len);

#endif
