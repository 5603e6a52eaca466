// SPDX-License-Identifier: GPL-2.0
/*
 * A patch whose pre_patch callback fails: enabling is aborted, nothing is
 * patched, and post_unpatch is not called (pre_patch did not succeed).
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>

#include "../kit-tests/klp_victims.h"

static noinline long cbfail_value(long x)
{
	barrier();
	return x + 5000;
}

static int cbfail_pre_patch(struct klp_object *obj)
{
	(void)obj;
	klp_victim_log("cbfail:pre_patch");
	return -EAGAIN;
}

static void cbfail_post_unpatch(struct klp_object *obj)
{
	(void)obj;
	klp_victim_log("cbfail:post_unpatch");
}

static struct klp_func funcs[] = {
	{ .old_name = "klp_victim_value", .new_func = cbfail_value },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = {
			.pre_patch = cbfail_pre_patch,
			.post_unpatch = cbfail_post_unpatch,
		},
	},
	{ }
};

static struct klp_patch patch = {
	.name = "klp_cbfail",
	.objs = objs,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
