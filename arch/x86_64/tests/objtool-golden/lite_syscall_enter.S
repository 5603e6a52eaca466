/*
 * Intentional differences from upstream, checked against hand-made
 * expectations (upstream is not the oracle here):
 *  - syscall inside a function: upstream 6.12 warns "unsupported
 *    instruction in callable function"; objtool-lite decodes it as
 *    INSN_SYSCALL and treats it as an ordinary instruction, because the
 *    hosted kit kernel is a Linux process whose C functions make real
 *    system calls (arch/x86_64/objtool/decode.c, objtool-lite/check.c);
 *  - enter: upstream decodes it and fails later at the `leave`
 *    ("undefined stack state"); objtool-lite refuses `enter` itself
 *    ("unsupported instruction in callable function"; decode.c: the
 *    kernel never uses it, its frame is not worth modelling).
 * @no-upstream see above
 * @lite-check --stackval --orc -- warn ^OBJ: warning: objtool: enter_fn\+0x0: unsupported instruction in callable function$
 * @lite-check --orc -- count 1
 */
#include <asm/linkage.h>
	.text
SYM_FUNC_START(syscall_fn)
	mov	%rdi, %rax
	syscall
	ret
SYM_FUNC_END(syscall_fn)

SYM_FUNC_START(enter_fn)
	enter	$16, $0
	leave
	ret
SYM_FUNC_END(enter_fn)
