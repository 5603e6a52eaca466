// SPDX-License-Identifier: GPL-2.0
/*
 * Livepatch test patch 2, cumulative (replace): replaces only
 * klp_victim_value (x + 2000); whatever older patches changed besides goes
 * back to the original.  State 1 at version 2; its pre_patch and post_patch
 * callbacks log the version the older patches left (klp_get_prev_state:
 * upstream drops the replaced patches only after post_patch).
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>

#include "../kit-tests/klp_victims.h"

static noinline long p2_value(long x)
{
	barrier();
	return x + 2000;
}

static void p2_log_prev(void)
{
	struct klp_state *prev = klp_get_prev_state(1);

	klp_victim_log(!prev ? "p2:prev=none" : prev->version == 1 ? "p2:prev=1" :
		       "p2:prev=other");
}

static int p2_pre_patch(struct klp_object *obj)
{
	(void)obj;
	p2_log_prev();
	return 0;
}

static void p2_post_patch(struct klp_object *obj)
{
	(void)obj;
	klp_victim_log("p2:post_patch");
	p2_log_prev();
}

static struct klp_func funcs[] = {
	{ .old_name = "klp_victim_value", .new_func = p2_value },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = {
			.pre_patch = p2_pre_patch,
			.post_patch = p2_post_patch,
		},
	},
	{ }
};

static struct klp_state states[] = {
	{ .id = 1, .version = 2 },
	{ }
};

static struct klp_patch patch = {
	.name = "klp_p2",
	.objs = objs,
	.states = states,
	.replace = true,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
