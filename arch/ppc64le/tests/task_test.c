// SPDX-License-Identifier: GPL-2.0
/*
 * Where a task's entry frame lies: the trampoline's 32-byte ELFv2 frame
 * header (zero back chain, the C entry's LR save slot) just below
 * entry_sp, the stack top; the C entry's CFA is that header.
 */
#include <stdbool.h>

#include <kit/arch_test.h>
#include <kit/selftest.h>
#include <kit/task.h>
#include <asm/ptrace.h>

void arch_test_task_entry_frame_report(unsigned long last_cfa, unsigned long entry_sp,
				       unsigned long stack_top)
{
	kit_report(last_cfa == entry_sp - PPC_FRAME_MIN && entry_sp == stack_top,
		   "the entry frame header is just below entry_sp, the stack top (%lx %lx)",
		   last_cfa, entry_sp);
}
