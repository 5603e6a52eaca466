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

static int pre_patch_ret;
kit_module_param(pre_patch_ret, INT);

static const char *const module_state[] = {
	[KIT_MODULE_STATE_LIVE]		= "[MODULE_STATE_LIVE] Normal state",
	[KIT_MODULE_STATE_COMING]	= "[MODULE_STATE_COMING] Full formed, running module_init",
	[KIT_MODULE_STATE_GOING]	= "[MODULE_STATE_GOING] Going away",
};

static void callback_info(const char *callback, const struct klp_object *obj)
{
	if (obj->mod)
		kit_printk(NAME ": %s: %s -> %s\n", callback, obj->mod->name,
			   module_state[obj->mod->state]);
	else
		kit_printk(NAME ": %s: vmlinux\n", callback);
}

static int pre_patch_callback(struct klp_object *obj)
{
	callback_info("pre_patch_callback", obj);
	return pre_patch_ret;
}

static void post_patch_callback(struct klp_object *obj)
{
	callback_info("post_patch_callback", obj);
}

static void pre_unpatch_callback(struct klp_object *obj)
{
	callback_info("pre_unpatch_callback", obj);
}

static void post_unpatch_callback(struct klp_object *obj)
{
	callback_info("post_unpatch_callback", obj);
}

static noinline long patched_work_func(long arg)
{
	(void)arg;
	kit_printk(NAME ": patched_work_func\n");
	return 0;
}

#define CALLBACKS {						\
	.pre_patch = pre_patch_callback,			\
	.post_patch = post_patch_callback,			\
	.pre_unpatch = pre_unpatch_callback,			\
	.post_unpatch = post_unpatch_callback,			\
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
