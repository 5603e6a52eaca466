// SPDX-License-Identifier: GPL-2.0
/*
 * A patch with two objects: the kit image (klp_sample_answer, + 3000) and
 * a module that is never loaded.  As upstream, that is not an error: the
 * patch enables, the image's function is replaced, and the module's object
 * stays unpatched ("patched" 0) until the module comes, which it never
 * does here; disabling and unloading still work.
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>

static noinline long answer_3000(long arg)
{
	barrier();
	return arg + 3000;
}

static noinline long absent_fn(long arg)
{
	barrier();
	return arg;
}

static struct klp_func image_funcs[] = {
	{ .old_name = "klp_sample_answer", .new_func = answer_3000 },
	{ }
};

static struct klp_func absent_funcs[] = {
	{ .old_name = "klp_absent_fn", .new_func = absent_fn },
	{ }
};

static struct klp_object objs[] = {
	{ .funcs = image_funcs },
	{ .name = "klp_absent_mod", .funcs = absent_funcs },
	{ }
};

static struct klp_patch patch = {
	.name = "klp_absent_target",
	.objs = objs,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
