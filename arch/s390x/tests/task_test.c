// SPDX-License-Identifier: GPL-2.0
/*
 * Where a task's entry frame lies (the frame chain task_test.c walks by
 * hand is asm/ptrace.h's arch_frame_record_step()).  The trampoline's
 * frame is the ABI's 160 bytes right below entry_sp, the stack top, so
 * the C entry's CFA (the trampoline's r15 + 160) is the stack top itself.
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
