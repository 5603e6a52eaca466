// SPDX-License-Identifier: GPL-2.0
/*
 * The callback patch of upstream's test-callbacks.sh and test-sysfs.sh,
 * for the kit: objects vmlinux, test_klp_callbacks_mod (nothing patched,
 * callbacks only) and test_klp_callbacks_busy (its work function
 * replaced); every callback prints which object and, for a module, its
 * state, in upstream's words.  pre_patch_ret is what each pre-patch
 * callback returns (-19 is -ENODEV).
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>
#include <kit/module.h>
#include <kit/printk.h>

#define NAME	"test_klp_callbacks_demo"

#include "callbacks.h"

kit_module_param(pre_patch_ret, INT);

static noinline long patched_work_func(long arg)
{
	(void)arg;
	kit_printk(NAME ": patched_work_func\n");
	return 0;
}

static struct klp_func no_funcs[] = { { } };

static struct klp_func busymod_funcs[] = {
	{ .old_name = "busymod_work_func", .new_func = patched_work_func },
	{ }
};

static struct klp_object objs[] = {
	{ .name = NULL, .funcs = no_funcs, .callbacks = CALLBACKS },
	{ .name = "test_klp_callbacks_mod", .funcs = no_funcs, .callbacks = CALLBACKS },
	{ .name = "test_klp_callbacks_busy", .funcs = busymod_funcs, .callbacks = CALLBACKS },
	{ }
};

static struct klp_patch patch = {
	.name = NAME,
	.objs = objs,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
