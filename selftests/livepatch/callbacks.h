/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The callbacks of the callback test patches (test_klp_callbacks_demo,
 * test_klp_callbacks_demo2): each says which object it runs for and, for
 * a module, that module's state, in upstream's words, prefixed with the
 * patch's NAME (defined before this is included).  Each pre-patch
 * callback returns pre_patch_ret.
 */
#ifndef _SELFTESTS_LIVEPATCH_CALLBACKS_H
#define _SELFTESTS_LIVEPATCH_CALLBACKS_H

#include <kit/livepatch.h>
#include <kit/module.h>
#include <kit/printk.h>

static int pre_patch_ret;

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

#define CALLBACKS {						\
	.pre_patch = pre_patch_callback,			\
	.post_patch = post_patch_callback,			\
	.pre_unpatch = pre_unpatch_callback,			\
	.post_unpatch = post_unpatch_callback,			\
}

#endif
