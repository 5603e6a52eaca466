// SPDX-License-Identifier: GPL-2.0
/*
 * livepatch's part of the control tree, as upstream's
 * /sys/kernel/livepatch (Documentation/ABI/testing/sysfs-kernel-livepatch):
 *
 *   livepatch/<patch>/enabled      0644  1/0; write a bool: disable, or
 *                                        reverse the running transition
 *   livepatch/<patch>/transition   0444  1 while its transition runs
 *   livepatch/<patch>/force        0200  write a true bool: force the
 *                                        transition (false: nothing)
 *   livepatch/<patch>/replace      0444  1 for a cumulative patch
 *   livepatch/<patch>/stack_order  0444  its place on the stack, from 1
 *   livepatch/<patch>/<object>/patched              0444
 *   livepatch/<patch>/<object>/<function,sympos>/   (a directory)
 *
 * A patch's nodes exist while it is registered (from klp_enable_patch to
 * the end of its unpatching).  Handlers find the patch again by name
 * under klp_mutex, never through a saved pointer: the patch module's
 * memory may be gone by the time a slow reader gets there.
 */
#include <kit/control.h>
#include <kit/init.h>
#include <kit/kernel.h>
#include <kit/parser.h>
#include <kit/printk.h>
#include <kit/string.h>

#include "klp_internal.h"

#define KLP_SYSFS_MAX	64

/* registered patch -> its directory (under klp_mutex) */
static struct {
	const struct klp_patch *patch;
	struct kit_control_node *dir;
} klp_dirs[KLP_SYSFS_MAX];

static struct kit_control_node *klp_root;

/* "livepatch/<patch>/..." -> the patch (klp_mutex held), or NULL. */
static struct klp_patch *klp_sysfs_patch(const char *path)
{
	char name[KIT_CONTROL_NAME_MAX];
	const char *p = path + sizeof("livepatch/") - 1;
	const char *end = kit_strchr(p, '/');

	if (!end || (size_t)(end - p) >= sizeof(name))
		return NULL;
	kit_memcpy(name, p, end - p);
	name[end - p] = '\0';
	return klp_find_patch(name);
}

/*
 * The read-only values of a patch: each file's priv is its getter, run
 * under klp_mutex on the patch found by name.
 */
struct klp_value {
	int (*get)(const struct klp_patch *patch);
};

static int get_enabled(const struct klp_patch *patch)
{
	return patch->enabled;
}

static int get_transition(const struct klp_patch *patch)
{
	return patch == klp_transition_patch;
}

static int get_replace(const struct klp_patch *patch)
{
	return patch->replace;
}

/* Its place in klp_patches, oldest first, counting from 1 (as upstream). */
static int get_stack_order(const struct klp_patch *patch)
{
	int order = 0;

	for (struct klp_patch *p = klp_patches; p; p = p->next) {
		order++;
		if (p == patch)
			break;
	}
	return order;
}

static const struct klp_value val_enabled = { get_enabled };
static const struct klp_value val_transition = { get_transition };
static const struct klp_value val_replace = { get_replace };
static const struct klp_value val_stack_order = { get_stack_order };

static int value_show(const struct kit_control_call *c, char *buf, size_t size)
{
	const struct klp_value *v = c->priv;
	struct klp_patch *patch;
	int ret = -ENOENT;

	kit_mutex_lock(&klp_mutex);
	patch = klp_sysfs_patch(c->path);
	if (patch)
		ret = kit_snprintf(buf, size, "%d\n", v->get(patch));
	kit_mutex_unlock(&klp_mutex);
	return ret;
}

/* Upstream's rule: writing the value it already has is -EINVAL. */
static int enabled_store(const struct kit_control_call *c, const char *value)
{
	struct klp_patch *patch;
	bool enabled;
	int ret;

	ret = kit_kstrtobool(value, &enabled);
	if (ret)
		return ret;
	kit_mutex_lock(&klp_mutex);
	patch = klp_sysfs_patch(c->path);
	if (!patch)
		ret = -ENOENT;
	else if (patch->enabled == enabled)
		ret = -EINVAL;
	else if (patch == klp_transition_patch)
		klp_reverse_transition();
	else if (!enabled)
		ret = __klp_disable_patch(patch);
	else
		ret = -EINVAL;
	kit_mutex_unlock(&klp_mutex);
	return ret;
}

static int force_store(const struct kit_control_call *c, const char *value)
{
	struct klp_patch *patch;
	bool force;
	int ret;

	ret = kit_kstrtobool(value, &force);
	if (ret || !force)
		return ret;
	kit_mutex_lock(&klp_mutex);
	patch = klp_sysfs_patch(c->path);
	if (!patch)
		ret = -ENOENT;
	else if (patch != klp_transition_patch)
		ret = -EINVAL;
	kit_mutex_unlock(&klp_mutex);
	/*
	 * The kit's klp_force_transition() takes klp_mutex itself; a
	 * transition that ended in between is simply not there to force.
	 */
	if (!ret)
		klp_force_transition();
	return ret;
}

/* livepatch/<patch>/<object>/patched: the object is named in the path. */
static int patched_show(const struct kit_control_call *c, char *buf, size_t size)
{
	const char *end = kit_strrchr(c->path, '/'), *start = end;
	struct klp_patch *patch;
	struct klp_object *obj;
	int ret = -ENOENT;

	while (start > c->path && start[-1] != '/')
		start--;
	kit_mutex_lock(&klp_mutex);
	patch = klp_sysfs_patch(c->path);
	if (patch) {
		klp_for_each_object(patch, obj) {
			const char *name = klp_obj_name(obj);

			if (!kit_strncmp(name, start, end - start) && !name[end - start]) {
				ret = kit_snprintf(buf, size, "%d\n", obj->patched);
				break;
			}
		}
	}
	kit_mutex_unlock(&klp_mutex);
	return ret;
}

static int klp_sysfs_add_object(struct kit_control_node *pdir, struct klp_object *obj)
{
	struct kit_control_node *odir = kit_control_dir(pdir, klp_obj_name(obj));
	struct klp_func *func;
	int err;

	if (!odir)
		return -ENOMEM;
	err = kit_control_file(odir, "patched", 0444, patched_show, NULL, NULL);
	/*
	 * Upstream names a function's directory "<name>,<sympos>", sympos 1
	 * for a unique name.  The nop functions of an atomic replace are not
	 * listed: the kit frees them before the patch is done, and this
	 * tree is built once, at registration.
	 */
	for (func = obj->funcs; !err && func->old_name; func++) {
		char name[KIT_CONTROL_NAME_MAX];

		kit_snprintf(name, sizeof(name), "%s,%lu", func->old_name,
			     func->old_sympos ? func->old_sympos : 1);
		if (!kit_control_dir(odir, name))
			err = -ENOMEM;
	}
	return err;
}

/* klp_mutex held: called when @patch joins klp_patches. */
void klp_sysfs_add(struct klp_patch *patch)
{
	static const struct {
		const char *name;
		unsigned int mode;
		kit_control_show_t show;
		kit_control_store_t store;
		const struct klp_value *val;
	} attrs[] = {
		{ "enabled", 0644, value_show, enabled_store, &val_enabled },
		{ "transition", 0444, value_show, NULL, &val_transition },
		{ "force", 0200, NULL, force_store, NULL },
		{ "replace", 0444, value_show, NULL, &val_replace },
		{ "stack_order", 0444, value_show, NULL, &val_stack_order },
	};
	struct kit_control_node *dir;
	struct klp_object *obj;
	unsigned int slot;
	int err = 0;

	for (slot = 0; slot < KLP_SYSFS_MAX && klp_dirs[slot].patch; slot++)
		;
	if (!klp_root || !patch->name || slot == KLP_SYSFS_MAX)
		goto fail;
	dir = kit_control_dir(klp_root, patch->name);
	if (!dir)
		goto fail;
	klp_dirs[slot].patch = patch;
	klp_dirs[slot].dir = dir;
	for (unsigned int i = 0; !err && i < ARRAY_SIZE(attrs); i++)
		err = kit_control_file(dir, attrs[i].name, attrs[i].mode, attrs[i].show,
				       attrs[i].store, (void *)attrs[i].val);
	/*
	 * Dynamic objects (atomic replace) are not listed, like the nops:
	 * the kit frees both before the patch is done and builds this tree
	 * once (upstream lists both until it frees them).
	 */
	klp_for_each_object(patch, obj)
		if (!err && !obj->dynamic)
			err = klp_sysfs_add_object(dir, obj);
	if (!err)
		return;
fail:
	/* the patch works without its files; say so rather than fail it */
	kit_printk("kit: livepatch: %s: no control files (too many patches, or no memory)\n",
		   patch->name ? patch->name : "?");
}

/* klp_mutex held: called when @patch leaves klp_patches. */
void klp_sysfs_del(struct klp_patch *patch)
{
	for (unsigned int i = 0; i < KLP_SYSFS_MAX; i++) {
		if (klp_dirs[i].patch != patch)
			continue;
		kit_control_remove(klp_dirs[i].dir);
		klp_dirs[i].patch = NULL;
		klp_dirs[i].dir = NULL;
	}
}

static bool klp_sysfs_busy(void)
{
	return klp_transition_running();
}

/*
 * tunables/klp_signal_after_ms (0644): how long a transition waits before
 * it sends fake signals to the tasks still pending, and between them.
 * Upstream has no file for it (15 s, a constant); the kit's default is
 * 150 ms so its tests run fast, and a test reproducing upstream's timing
 * sets upstream's value.  Outside livepatch/, which holds only upstream's
 * files.
 */
static int signal_after_show(const struct kit_control_call *c, char *buf, size_t size)
{
	(void)c;
	return kit_snprintf(buf, size, "%lu\n",
			    __atomic_load_n(&klp_signal_after_ms, __ATOMIC_RELAXED));
}

static int signal_after_store(const struct kit_control_call *c, const char *value)
{
	unsigned long long v;

	(void)c;
	if (kit_kstrtoull(value, 10, &v))
		return -EINVAL;
	return klp_set_signal_after_ms(v);
}

static int klp_sysfs_init(void)
{
	struct kit_control_node *tun;

	klp_root = kit_control_dir(NULL, "livepatch");
	tun = kit_control_dir(NULL, "tunables");
	if (!klp_root || !tun ||
	    kit_control_file(tun, "klp_signal_after_ms", 0644, signal_after_show,
			     signal_after_store, NULL))
		return -ENOMEM;
	kit_control_unload = klp_module_unload;
	kit_control_busy = klp_sysfs_busy;
	return 0;
}
KIT_INITCALL(KIT_INIT_SUBSYS, klp_sysfs_init);
