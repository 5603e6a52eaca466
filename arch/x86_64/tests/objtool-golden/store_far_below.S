/*
 * A store through %rsp with a displacement near INT_MIN (as a fuzzed
 * object had it): its CFA-relative address, displacement minus the
 * frame's size, does not fit an int.  objtool-lite computed it in int
 * (signed overflow: UBSan's finding in the objtool:check fuzz target);
 * it is now an address it does not know, and the store saves nothing.
 * The frame's ORC is upstream's, with no warning.  The overflow itself
 * shows under SAN=1 (make check-full), where UBSan aborts the tool.
 * @insn mov +%rax,-0x7fffff70\(%rsp\)
 * @orc sp:sp\+216
 * @nowarn
 */
#include <asm/linkage.h>
	.text
SYM_FUNC_START(store_far_below)
	sub	$208, %rsp
	mov	%rax, -0x7fffff70(%rsp)
	add	$208, %rsp
	ret
SYM_FUNC_END(store_far_below)
