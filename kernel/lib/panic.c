// SPDX-License-Identifier: GPL-2.0
/*
 * kit_panic(): the one way the kit kernel stops on a fatal error.
 *
 * It formats the message into a static buffer rather than on the stack:
 * a panic may come from a task whose stack is nearly exhausted, and a
 * second panic while printing the first must not recurse forever.
 */
#include <kit/kernel.h>
#include <kit/printk.h>

static char panic_buf[256];
static volatile int panicking;

void kit_panic(const char *fmt, ...)
{
	va_list args;
	int n;

	if (__atomic_exchange_n(&panicking, 1, __ATOMIC_SEQ_CST))
		goto stop;	/* nested or concurrent panic: just stop */

	va_start(args, fmt);
	n = kit_vsnprintf(panic_buf, sizeof(panic_buf), fmt, args);
	va_end(args);
	if (kit_console_write) {
		kit_console_write("kit: panic: ", 12);
		kit_console_write(panic_buf, min((size_t)n, sizeof(panic_buf) - 1));
		kit_console_write("\n", 1);
	}
stop:
	/*
	 * A trap instruction (ud2 / brk) rather than a loop: in hosted mode it
	 * ends the process with SIGILL where a debugger or the test runner
	 * sees it, and for the validator it is a dead end like upstream's BUG.
	 */
	for (;;)
		__builtin_trap();
}
