/*
 * LKGS (F2 0F 00 /6), as 6.12's native_load_gs_index has it: newer than
 * the Zydis Debian ships, decoded by objtool-lite's own fallback (register
 * and memory forms, with a SIB and a displacement).  It touches neither
 * the stack nor the flow, so the frame's ORC must run straight through.
 * Without the fallback the tool stops: "can't decode instruction".
 * (binutils 2.40's objdump cannot decode it either: it loses step at
 * the first one, so the case names the function, not the instructions.)
 * @insn repnz \(bad\)
 * @sym ^load_gs$
 * @lite-check --stackval --orc -- nowarn
 * @orc sp:bp\+16 bp:prevsp-16
 * @nowarn
 */
#include <asm/linkage.h>
	.text
SYM_FUNC_START(load_gs)
	push	%rbp
	mov	%rsp, %rbp
	.byte	0xf2, 0x0f, 0x00, 0xf7		/* lkgs %di */
	.byte	0xf2, 0x41, 0x0f, 0x00, 0xf0	/* lkgs %r8w */
	.byte	0xf2, 0x0f, 0x00, 0x74, 0x24, 0x08	/* lkgs 8(%rsp) */
	pop	%rbp
	ret
SYM_FUNC_END(load_gs)
