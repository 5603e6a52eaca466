// SPDX-License-Identifier: GPL-2.0
/*
 * Where a task's entry frame lies: the trampoline's frame record is
 * pushed below entry_sp, which is the stack top (no return address
 * slot above it, the link register holds the return).
 */
#include <kit/arch_test.h>
#include <kit/selftest.h>

void arch_test_task_entry_frame_report(unsigned long last_cfa, unsigned long entry_sp,
				       unsigned long stack_top)
{
	kit_report(last_cfa <= entry_sp && entry_sp == stack_top,
		   "the last frame record is below entry_sp, the stack top");
}
