/*
 * UNWIND_HINT_REGS / REGS_PARTIAL: a pt_regs frame (full, or only the
 * hardware iret frame) at a base register + offset, as interrupt and
 * exception entry code has it; the ORC entries are "regs"/"regs_partial"
 * with signal set.  Also: a REGS-hinted jump to another function is a
 * sibling call with a modified frame (both tools must say so).
 * @orc ^\.text\+0:type:regs sp:sp\+0 bp:\(und\) signal:1
 * @orc type:regs \(partial\) sp:sp\+40
 * @orc type:regs sp:r13\+8
 * @warn regs_sibling\+0x[0-9a-f]+: sibling call from callable instruction with modified stack frame
 */
#include <asm/linkage.h>
#include <asm/unwind_hints.h>

	.text
SYM_FUNC_START(regs_entry)
	UNWIND_HINT_REGS
	mov	%rsp, %rdi
	call	handle_regs
	UNWIND_HINT_REGS_PARTIAL offset=40
	mov	%rsp, %r13
	UNWIND_HINT_REGS base=%r13 offset=8
	call	handle_more
	ud2
SYM_FUNC_END(regs_entry)

SYM_FUNC_START(regs_sibling)
	UNWIND_HINT_REGS
	mov	%rsp, %rdi
	call	handle_regs
	jmp	regs_return
SYM_FUNC_END(regs_sibling)
