// SPDX-License-Identifier: GPL-2.0
/*
 * A patch of a module object: klpmod_target_value in the module
 * "klpmod_target" (x + 100), loaded before or after that module.  Its
 * callbacks print the object and the module's state in the form
 * upstream's callback test modules use, so that upstream's expected
 * blocks compare, and log a word each for the C test.  The parameter
 * pre_patch_ret is what pre_patch returns (0: success).
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>
#include <kit/module.h>
#include <kit/printk.h>
#include <kit/string.h>

#include "../kit-tests/klp_victims.h"

static int pre_patch_ret;
kit_module_param(pre_patch_ret, INT);

static noinline long modpatch_value(long x)
{
	barrier();
	return x + 100;
}

static const char *const state_text[] = {
	[KIT_MODULE_STATE_LIVE] = "[MODULE_STATE_LIVE] Normal state",
	[KIT_MODULE_STATE_COMING] = "[MODULE_STATE_COMING] Full formed, running module_init",
	[KIT_MODULE_STATE_GOING] = "[MODULE_STATE_GOING] Going away",
};
static const char *const state_word[] = {
	[KIT_MODULE_STATE_LIVE] = "LIVE",
	[KIT_MODULE_STATE_COMING] = "COMING",
	[KIT_MODULE_STATE_GOING] = "GOING",
};

/* @cb: "pre_patch"...: prints "<cb>_callback: ...", logs "<cb>:<STATE>" */
static void callback(const char *cb, struct klp_object *obj)
{
	char word[48];

	if (!obj->mod) {
		kit_printk("klp_modpatch: %s_callback: vmlinux\n", cb);
		return;
	}
	kit_printk("klp_modpatch: %s_callback: %s -> %s\n", cb, obj->mod->name,
		   state_text[obj->mod->state]);
	kit_snprintf(word, sizeof(word), "%s:%s", cb, state_word[obj->mod->state]);
	klp_victim_log(word);
}

static int pre_patch(struct klp_object *obj)
{
	callback("pre_patch", obj);
	return pre_patch_ret;
}

static void post_patch(struct klp_object *obj)
{
	callback("post_patch", obj);
}

static void pre_unpatch(struct klp_object *obj)
{
	callback("pre_unpatch", obj);
}

static void post_unpatch(struct klp_object *obj)
{
	callback("post_unpatch", obj);
}

static struct klp_func funcs[] = {
	{ .old_name = "klpmod_target_value", .new_func = modpatch_value },
	{ }
};

static struct klp_object objs[] = {
	{
		.name = "klpmod_target",
		.funcs = funcs,
		.callbacks = {
			.pre_patch = pre_patch,
			.post_patch = post_patch,
			.pre_unpatch = pre_unpatch,
			.post_unpatch = post_unpatch,
		},
	},
	{ }
};

static struct klp_patch patch = {
	.name = "klp_modpatch",
	.objs = objs,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
