// SPDX-License-Identifier: GPL-2.0
/*
 * `kit demo`, patch 2, cumulative (replace): klp_demo_work() returns 3;
 * klp_demo_wait() is not in it any more, so it goes back to the original.
 * Its callbacks report to the demo.
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>

#include "demo/klp_demo.h"

static noinline long v3_work(long iters)
{
	for (long i = 0; i < iters; i++)
		barrier();
	return 3;
}

static int pre_patch(struct klp_object *obj)
{
	(void)obj;
	klp_demo_callback("klp_demo_v3", "pre_patch");
	return 0;
}

static void post_patch(struct klp_object *obj)
{
	(void)obj;
	klp_demo_callback("klp_demo_v3", "post_patch");
}

static void pre_unpatch(struct klp_object *obj)
{
	(void)obj;
	klp_demo_callback("klp_demo_v3", "pre_unpatch");
}

static void post_unpatch(struct klp_object *obj)
{
	(void)obj;
	klp_demo_callback("klp_demo_v3", "post_unpatch");
}

static struct klp_func funcs[] = {
	{ .old_name = "klp_demo_work", .new_func = v3_work },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = {
			.pre_patch = pre_patch, .post_patch = post_patch,
			.pre_unpatch = pre_unpatch, .post_unpatch = post_unpatch,
		},
	},
	{ }
};

static struct klp_patch patch = {
	.name = "klp_demo_v3",
	.objs = objs,
	.replace = true,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
