// SPDX-License-Identifier: GPL-2.0
/*
 * Where a task's entry frame lies: kit_task_trampoline calls the entry
 * with the stack at entry_sp, so the last frame's CFA (above its return
 * address) is entry_sp itself.
 */
#include <kit/arch_test.h>
#include <kit/selftest.h>

void arch_test_task_entry_frame_report(unsigned long last_cfa, unsigned long entry_sp,
				       unsigned long stack_top)
{
	(void)stack_top;
	kit_report(last_cfa == entry_sp, "the last frame's CFA is entry_sp (%lx %lx)",
		   last_cfa, entry_sp);
}
