// SPDX-License-Identifier: GPL-2.0
/*
 * Livepatch test patch 1: replaces klp_victim_value (x + 1000),
 * klp_victim_other (x + 20) and klp_victim_block (returns 2); callbacks
 * log their order; sets system state 1 at version 1.
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>
#include <kit/syscall.h>

#include "../kit-tests/klp_victims.h"

static noinline long p1_value(long x)
{
	barrier();
	return x + 1000;
}

static noinline long p1_other(long x)
{
	barrier();
	return x + 20;
}

static noinline long p1_block(long arg)
{
	__atomic_add_fetch(&klp_victim_block_entered, 1, __ATOMIC_SEQ_CST);
	if (kit_wait_event(&klp_victim_waitq,
			   __atomic_load_n((const int *)arg, __ATOMIC_SEQ_CST)))
		return -ERESTARTSYS;
	return 2;
}

static int p1_pre_patch(struct klp_object *obj)
{
	(void)obj;
	klp_victim_log("p1:pre_patch");
	return 0;
}

static void p1_post_patch(struct klp_object *obj)
{
	(void)obj;
	klp_victim_log("p1:post_patch");
}

static void p1_pre_unpatch(struct klp_object *obj)
{
	(void)obj;
	klp_victim_log("p1:pre_unpatch");
}

static void p1_post_unpatch(struct klp_object *obj)
{
	(void)obj;
	klp_victim_log("p1:post_unpatch");
}

static struct klp_func funcs[] = {
	{ .old_name = "klp_victim_value", .new_func = p1_value },
	{ .old_name = "klp_victim_other", .new_func = p1_other },
	{ .old_name = "klp_victim_block", .new_func = p1_block },
	{ }
};

static struct klp_object objs[] = {
	{
		.name = NULL,
		.funcs = funcs,
		.callbacks = {
			.pre_patch = p1_pre_patch,
			.post_patch = p1_post_patch,
			.pre_unpatch = p1_pre_unpatch,
			.post_unpatch = p1_post_unpatch,
		},
	},
	{ }
};

static struct klp_state states[] = {
	{ .id = 1, .version = 1 },
	{ }
};

static struct klp_patch patch = {
	.name = "klp_p1",
	.objs = objs,
	.states = states,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
