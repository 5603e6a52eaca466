// SPDX-License-Identifier: GPL-2.0
/*
 * A cumulative patch that knows system state 1 only at version 1: on top
 * of a patch that set version 2 it must be refused.
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>

static noinline long old_value(long x)
{
	barrier();
	return x + 3000;
}

static struct klp_func funcs[] = {
	{ .old_name = "klp_victim_value", .new_func = old_value },
	{ }
};

static struct klp_object objs[] = { { .funcs = funcs }, { } };
static struct klp_state states[] = { { .id = 1, .version = 1 }, { } };

static struct klp_patch patch = {
	.name = "klp_oldstate",
	.objs = objs,
	.states = states,
	.replace = true,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
