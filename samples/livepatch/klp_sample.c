// SPDX-License-Identifier: GPL-2.0
/*
 * The shape of a patch for the kit: one C file, built for any kit port by
 *
 *	make patch P=samples/livepatch/klp_sample.c [ARCH=<port>]
 *
 * (the kit's flags, then objtool-lite as for a module; the command prints
 * the .ko it wrote) and loaded into a running kit with
 * `klpctl load FILE.ko` (docs/klpctl.md, "Writing a patch").
 *
 * It replaces klp_sample_answer() of the kit image, which returns its
 * argument, with a version that returns the argument plus 1000, so a
 * `kit run --user 1:klp_sample_answer:7` task reads 7 before the patch
 * and 1007 while it is enabled.
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>

/* The new function: same prototype as the one it replaces. */
static noinline long sample_answer(long arg)
{
	barrier();
	return arg + 1000;
}

/* The functions to replace, by name, in the object that holds them. */
static struct klp_func funcs[] = {
	{ .old_name = "klp_sample_answer", .new_func = sample_answer },
	{ }
};

/* No .name: the object is the kit image itself ("vmlinux" in the tree). */
static struct klp_object objs[] = {
	{ .funcs = funcs },
	{ }
};

static struct klp_patch patch = {
	.name = "klp_sample",
	.objs = objs,
};

/* The module's init enables the patch; its transition starts here. */
int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
