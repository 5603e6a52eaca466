/* SPDX-License-Identifier: GPL-2.0 */
/* ppc64le instruction tests the unwinders share. */
#ifndef _ASM_PPC64LE_INSN_H
#define _ASM_PPC64LE_INSN_H

#include <stdbool.h>
#include <stdint.h>

/* a call: bl (opcode 18, AA=0, LK=1), bctrl or blrl */
static inline bool ppc_insn_is_call(uint32_t insn)
{
	return (insn & 0xfc000003) == 0x48000001 || insn == 0x4e800421 || insn == 0x4e800021;
}

#endif
