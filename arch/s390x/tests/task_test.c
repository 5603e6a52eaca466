// SPDX-License-Identifier: GPL-2.0
/*
 * Where a task's entry frame lies, and the compiler's frame chain for
 * task_test.c's walk by hand.  The trampoline's frame is the ABI's 160
 * bytes right below entry_sp, the stack top, so the C entry's CFA (the
 * trampoline's r15 + 160) is the stack top itself.
 */
#include <kit/arch_test.h>
#include <kit/selftest.h>
#include <kit/task.h>

#include <asm/ptrace.h>

void arch_test_task_entry_frame_report(unsigned long last_cfa, unsigned long entry_sp,
				       unsigned long stack_top)
{
	kit_report(last_cfa == entry_sp && entry_sp == stack_top,
		   "the entry frame's CFA is entry_sp, the stack top");
}

/*
 * gcc's __builtin_frame_address(0) with -mbackchain -mpacked-stack is the
 * back-chain slot of the frame the function was called on: 152 above its
 * caller's sp S.  The return address was saved at S + 136, the back
 * chain there is the caller's own entry sp (0 in the trampoline's frame),
 * and the CFA is S + 160.
 */
bool arch_test_frame_record(const struct task *t, unsigned long fp, unsigned long *next,
			    unsigned long *ret, unsigned long *cfa)
{
	unsigned long sp = fp - STACK_FRAME_BACKCHAIN, chain;

	if (fp < STACK_FRAME_BACKCHAIN || !kit_task_on_stack(t, sp, STACK_FRAME_OVERHEAD))
		return false;
	chain = *(const unsigned long *)fp;
	*ret = *(const unsigned long *)(sp + STACK_FRAME_R14);
	*cfa = sp + STACK_FRAME_OVERHEAD;
	*next = chain ? chain + STACK_FRAME_BACKCHAIN : 0;
	return true;
}
