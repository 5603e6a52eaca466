// SPDX-License-Identifier: GPL-2.0
/*
 * The kit kernel's entry: boot the subsystems, then do what the command
 * line asks.  Hosted, the kit is one process; the thread running main()
 * is the boot CPU and the control console, not a task.
 *
 *   kit selftest [NAME...]   run in-kit selftests (all when no NAME), KTAP
 *   kit list                 list the selftests
 *   kit demo                 a livepatch transition, step by step (kernel/demo.c)
 */

#include <kit/string.h>
#include <kit/init.h>
#include <kit/kernel.h>
#include <kit/printk.h>
#include <kit/selftest.h>

extern const struct kit_initcall __start_kit_initcalls[], __stop_kit_initcalls[];

int kit_boot(void)
{
	for (int level = 0; level < KIT_NR_INIT_LEVELS; level++) {
		for (const struct kit_initcall *ic = __start_kit_initcalls;
		     ic < __stop_kit_initcalls; ic++) {
			int err;

			if (ic->level != level)
				continue;
			err = ic->fn();
			if (err) {
				kit_printk("kit: boot failed in %s: %s\n", ic->name,
					   kit_errname(err));
				return err;
			}
		}
	}
	return 0;
}

int kit_selftest_main(int argc, char **argv);
void kit_selftest_list(void);
int kit_demo_main(int argc, char **argv);

static int usage(void)
{
	kit_printk("usage: kit selftest [NAME...] | kit list | kit demo\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	if (kit_boot())
		return 1;
	if (!kit_strcmp(argv[1], "selftest"))
		return kit_selftest_main(argc - 2, argv + 2);
	if (!kit_strcmp(argv[1], "list")) {
		kit_selftest_list();
		return 0;
	}
	if (!kit_strcmp(argv[1], "demo"))
		return kit_demo_main(argc - 2, argv + 2);
	return usage();
}
