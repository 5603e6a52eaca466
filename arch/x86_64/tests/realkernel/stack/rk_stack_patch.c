// SPDX-License-Identifier: GPL-2.0
/*
 * The live patch of the real-kernel stack test (../stack.sh): level 2 of
 * rk_stack's chain replaced by one that still calls level 3 (so the
 * thread can sleep below the new function too) but adds 9 where the
 * original adds 2, so rk_stack's "result" tells which one ran.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>

int rk_stack_level3(int until);

static noinline int livepatch_rk_stack_level2(int until)
{
	return rk_stack_level3(until) * 10 + 9;
}

static struct klp_func rk_stack_patch_funcs[] = {
	{ .old_name = "rk_stack_level2", .new_func = livepatch_rk_stack_level2 },
	{ }
};

/* The patched object is the module, by name: the patch applies when
 * rk_stack is loaded (here it is loaded first, as a dependency). */
static struct klp_object rk_stack_patch_objs[] = {
	{ .name = "rk_stack", .funcs = rk_stack_patch_funcs },
	{ }
};

static struct klp_patch rk_stack_patch = {
	.mod = THIS_MODULE,
	.objs = rk_stack_patch_objs,
};

static int __init rk_stack_patch_init(void)
{
	return klp_enable_patch(&rk_stack_patch);
}

static void __exit rk_stack_patch_exit(void)
{
}

module_init(rk_stack_patch_init);
module_exit(rk_stack_patch_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klpkit: level 2 of rk_stack's chain replaced by a live patch");
MODULE_INFO(livepatch, "Y");
