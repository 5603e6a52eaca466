// SPDX-License-Identifier: GPL-2.0
/*
 * A patch in the sample's shape for a function the kit image does not
 * have: it builds (the name is only a string), and loading it must fail
 * with the missing name in the log and nothing patched.
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>

static noinline long no_such_answer(long arg)
{
	barrier();
	return arg + 2000;
}

static struct klp_func funcs[] = {
	{ .old_name = "klp_sample_no_such_function", .new_func = no_such_answer },
	{ }
};

static struct klp_object objs[] = { { .funcs = funcs }, { } };

static struct klp_patch patch = {
	.name = "klp_sample_missing",
	.objs = objs,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
