// SPDX-License-Identifier: GPL-2.0
/*
 * A patch whose second function does not exist in the kit: enabling must
 * fail with nothing patched (not even the first function).
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>

static noinline long missing_value(long x)
{
	barrier();
	return x + 4000;
}

static struct klp_func funcs[] = {
	{ .old_name = "klp_victim_value", .new_func = missing_value },
	{ .old_name = "klp_victim_no_such_function", .new_func = missing_value },
	{ }
};

static struct klp_object objs[] = { { .funcs = funcs }, { } };

static struct klp_patch patch = {
	.name = "klp_missing",
	.objs = objs,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
