/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cross-modifying x86 code while other threads run it, breakpoint first
 * (the order of Linux's text_poke_bp()): int3 on the first byte, sync
 * cores, the tail, sync, the first byte, sync.  A thread that hits the
 * int3 meanwhile traps (hosted: SIGTRAP), and arch_text_poke_trap()
 * emulates the new instruction.
 */
#ifndef _ASM_X86_TEXT_PATCHING_H
#define _ASM_X86_TEXT_PATCHING_H

#include <stddef.h>

#define INT3_INSN_OPCODE	0xcc
#define CALL_INSN_OPCODE	0xe8
#define CALL_INSN_SIZE		5

/*
 * Replace the @len-byte instruction at @addr by @insn (also @len bytes, a
 * NOP or a call rel32).  Serialised by the caller (ftrace's lock).
 */
int text_poke_bp(void *addr, const void *insn, size_t len);
/* Write with no other thread running the code (boot, module load). */
void text_poke_early(void *addr, const void *insn, size_t len);

#endif
