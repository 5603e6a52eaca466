// SPDX-License-Identifier: GPL-2.0
/*
 * The kit kernel's entry: boot the subsystems, then do what the command
 * line asks.  Hosted, the kit is one process; the thread running main()
 * is the boot CPU and the control console, not a task.
 *
 *   kit selftest [NAME...]   run in-kit selftests (all when no NAME), KTAP
 *   kit list                 list the selftests
 *   kit demo                 a livepatch transition, step by step (samples/)
 *   kit run [OPTIONS]        keep running a workload, serve control commands
 *                            (kernel/control_run.c, docs/klpctl.md)
 *
 * Commands are registered with KIT_COMMAND() where they are defined.
 */

#include <kit/init.h>
#include <kit/kernel.h>
#include <kit/printk.h>
#include <kit/string.h>

extern const struct kit_initcall __start_kit_initcalls[], __stop_kit_initcalls[];
extern const struct kit_command __start_kit_commands[], __stop_kit_commands[];

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

static int usage(void)
{
	const char *sep = "usage: kit ";

	for (const struct kit_command *c = __start_kit_commands; c < __stop_kit_commands; c++) {
		kit_printk("%s%s", sep, c->usage);
		sep = " | kit ";
	}
	kit_printk("\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	if (kit_boot())
		return 1;
	for (const struct kit_command *c = __start_kit_commands; c < __stop_kit_commands; c++)
		if (!kit_strcmp(argv[1], c->name))
			return c->fn(argc - 2, argv + 2);
	return usage();
}
