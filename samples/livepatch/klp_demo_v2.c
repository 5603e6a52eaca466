// SPDX-License-Identifier: GPL-2.0
/*
 * `kit demo`, patch 1: klp_demo_work() returns 2 and klp_demo_wait()
 * returns 2 (same work, new version).  Its callbacks report to the demo.
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>
#include <kit/syscall.h>

#include "demo/klp_demo.h"

static noinline long v2_work(long iters)
{
	for (long i = 0; i < iters; i++)
		barrier();
	return 2;
}

static noinline long v2_wait(long flag)
{
	__atomic_add_fetch(&klp_demo_wait_entered, 1, __ATOMIC_SEQ_CST);
	if (kit_wait_event(&klp_demo_waitq, __atomic_load_n((int *)flag, __ATOMIC_SEQ_CST)))
		return -ERESTARTSYS;
	__atomic_store_n((int *)flag, 0, __ATOMIC_SEQ_CST);
	return 2;
}

static int pre_patch(struct klp_object *obj)
{
	(void)obj;
	klp_demo_callback("klp_demo_v2", "pre_patch");
	return 0;
}

static void post_patch(struct klp_object *obj)
{
	(void)obj;
	klp_demo_callback("klp_demo_v2", "post_patch");
}

static struct klp_func funcs[] = {
	{ .old_name = "klp_demo_work", .new_func = v2_work },
	{ .old_name = "klp_demo_wait", .new_func = v2_wait },
	{ }
};

static struct klp_object objs[] = {
	{ .funcs = funcs, .callbacks = { .pre_patch = pre_patch, .post_patch = post_patch } },
	{ }
};

static struct klp_patch patch = {
	.name = "klp_demo_v2",
	.objs = objs,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
