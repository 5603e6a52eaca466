// SPDX-License-Identifier: GPL-2.0
/*
 * The second callback patch of upstream's test-callbacks.sh, for the kit:
 * callbacks for vmlinux only, and the parameter replace, set before the
 * patch is enabled, making it an atomic replace patch.
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>
#include <kit/module.h>

#define NAME	"test_klp_callbacks_demo2"

#include "callbacks.h"

static bool replace;
kit_module_param(replace, BOOL);

static struct klp_func no_funcs[] = { { } };

static struct klp_object objs[] = {
	{ .name = NULL, .funcs = no_funcs, .callbacks = CALLBACKS },
	{ }
};

static struct klp_patch patch = {
	.name = NAME,
	.objs = objs,
};

int kit_module_init(void)
{
	patch.replace = replace;
	return klp_enable_patch(&patch);
}
