// SPDX-License-Identifier: GPL-2.0
/*
 * A patch for a function of the kit image that exists but has no ftrace
 * site (kit_trap_breakpoint is notrace: it runs inside the breakpoint
 * trap that text patching uses).  Nothing can redirect it, so the load
 * must fail, naming the function, with nothing patched.
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>

struct pt_regs;

static noinline bool no_trap(struct pt_regs *regs)
{
	(void)regs;
	barrier();
	return false;
}

static struct klp_func funcs[] = {
	{ .old_name = "kit_trap_breakpoint", .new_func = no_trap },
	{ }
};

static struct klp_object objs[] = { { .funcs = funcs }, { } };

static struct klp_patch patch = {
	.name = "klp_bad_notrace",
	.objs = objs,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
