// SPDX-License-Identifier: GPL-2.0
/*
 * An atomic replace patch naming only vmlinux (klp_victim_block returns
 * 3): it replaces klp_modpatch, whose module object klpmod_target it does
 * not name, so that object becomes a dynamic one holding a nop
 * (livepatch_module_test.c, test_replace_dynamic).
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>
#include <kit/sched.h>
#include <kit/syscall.h>

#include "../kit-tests/klp_victims.h"

static noinline long replace_block(long arg)
{
	if (kit_wait_event(&klp_victim_waitq, __atomic_load_n((const int *)arg, __ATOMIC_SEQ_CST)))
		return -ERESTARTSYS;
	return 3;
}

static struct klp_func funcs[] = {
	{ .old_name = "klp_victim_block", .new_func = replace_block },
	{ }
};

static struct klp_object objs[] = { { .funcs = funcs }, { } };

static struct klp_patch patch = {
	.name = "klp_replace_block",
	.objs = objs,
	.replace = true,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
