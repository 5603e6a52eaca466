/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Boot-time initialisation, by level, without a central list: each
 * subsystem registers its init function where it is defined.
 */
#ifndef _KIT_INIT_H
#define _KIT_INIT_H

enum kit_init_level {
	KIT_INIT_PLATFORM,	/* threads, signals, memory of the host */
	KIT_INIT_CORE,		/* kallsyms, unwinder tables */
	KIT_INIT_SUBSYS,	/* ftrace (call sites to NOPs), module loader */
	KIT_INIT_LATE,
	KIT_NR_INIT_LEVELS
};

struct kit_initcall {
	int level;
	int (*fn)(void);
	const char *name;
};

#define KIT_INITCALL(level_, fn_)						\
	static const struct kit_initcall __kit_initcall_##fn_			\
	__attribute__((used, section("kit_initcalls"), aligned(8))) =		\
		{ .level = (level_), .fn = (fn_), .name = #fn_ }

/* Runs every level in order; the first failure stops the boot. */
int kit_boot(void);

/*
 * Commands of the kit's command line (`kit NAME ARGS...`), registered
 * where they are defined: the kernel dispatches by name and never names
 * a command itself, so the demo and the selftests sit on top of it.
 */
struct kit_command {
	const char *name;
	const char *usage;		/* "NAME [ARGS]" for the usage line */
	int (*fn)(int argc, char **argv);
};

#define KIT_COMMAND(name_, usage_, fn_)						\
	static const struct kit_command __kit_command_##name_			\
	__attribute__((used, section("kit_commands"), aligned(8))) =		\
		{ .name = #name_, .usage = (usage_), .fn = (fn_) }

#endif
