// SPDX-License-Identifier: GPL-2.0
/*
 * The livepatch core: patches, objects and functions; enabling, disabling,
 * atomic replace (nop functions, then retiring the replaced patches), the
 * control interface and unloading of patch modules.
 */
#include <kit/ftrace.h>
#include <kit/kallsyms.h>
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/parser.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/string.h>

#include "klp_internal.h"

DEFINE_KIT_MUTEX(klp_mutex);
struct klp_patch *klp_patches;

/* patches once involved in a forced transition: their modules stay */
#define KLP_MAX_FORCED	32
static uintptr_t klp_forced[KLP_MAX_FORCED];
static unsigned int klp_nr_forced;

void klp_note_forced(struct klp_patch *patch)
{
	patch->forced = true;
	for (unsigned int i = 0; i < klp_nr_forced; i++)
		if (klp_forced[i] == (uintptr_t)patch)
			return;
	if (klp_nr_forced < KLP_MAX_FORCED)
		klp_forced[klp_nr_forced++] = (uintptr_t)patch;
}

static const char *klp_name(const struct klp_patch *patch)
{
	return patch->name ? patch->name : "?";
}

static bool klp_is_vmlinux(const struct klp_object *obj)
{
	return !obj->name || !kit_strcmp(obj->name, "vmlinux");
}

/**
 * klp_find_patch - the registered patch called @name
 * @name: the patch's name
 */
struct klp_patch *klp_find_patch(const char *name)
{
	for (struct klp_patch *p = klp_patches; p; p = p->next)
		if (p->name && !kit_strcmp(p->name, name))
			return p;
	return NULL;
}

static int klp_init_func(struct klp_patch *patch, struct klp_object *obj,
			 struct klp_func *func)
{
	const struct kit_ksym *sym;
	int err = 0;

	if (!func->new_func) {
		kit_printk("kit: livepatch: %s: %s has no new_func\n", klp_name(patch),
			   func->old_name);
		return -EINVAL;
	}
	sym = kit_kallsyms_find(func->old_name, func->old_sympos, &err);
	if (!sym || sym->type != KIT_KSYM_FUNC) {
		kit_printk("kit: livepatch: %s: symbol '%s' (sympos %lu) not found: %pE\n",
			   klp_name(patch), func->old_name, func->old_sympos,
			   (void *)(long)(err ? err : -ENOENT));
		return err ? err : -ENOENT;
	}
	if (!kit_ftrace_location(sym->addr)) {
		kit_printk("kit: livepatch: %s: %s has no ftrace site\n", klp_name(patch),
			   func->old_name);
		return -EINVAL;
	}
	func->old_func = sym->addr;
	func->old_size = sym->size ? sym->size : 1;
	func->new_size = 0;
	func->obj = obj;
	func->stack_next = NULL;
	func->patched = func->transition = func->nop = false;
	return 0;
}

static int klp_init_patch(struct klp_patch *patch)
{
	struct klp_object *obj;
	struct klp_func *func;
	int err;

	if (!patch->objs || !patch->objs[0].funcs)
		return -EINVAL;
	klp_for_each_object(patch, obj) {
		if (!klp_is_vmlinux(obj)) {
			kit_printk("kit: livepatch: %s: object %s: only vmlinux can be patched\n",
				   klp_name(patch), obj->name);
			return -EINVAL;
		}
		obj->patch = patch;
		obj->nops = NULL;
		obj->patched = false;
		obj->callbacks.post_unpatch_enabled = false;
		for (func = obj->funcs; func->old_name; func++) {
			err = klp_init_func(patch, obj, func);
			if (err)
				return err;
		}
	}
	return 0;
}

static bool klp_patches_func(struct klp_patch *patch, unsigned long old_func)
{
	struct klp_object *obj;
	struct klp_func *func;

	klp_for_each_object(patch, obj)
		klp_for_each_func(obj, func)
			if (func->old_func == old_func)
				return true;
	return false;
}

static void klp_free_nops(struct klp_patch *patch)
{
	struct klp_object *obj;

	klp_for_each_object(patch, obj) {
		while (obj->nops) {
			struct klp_func *nop = obj->nops;

			obj->nops = nop->nop_next;
			kit_free(nop);
		}
	}
}

/* Atomic replace: a nop for each function older patches change and @patch does not. */
static int klp_add_nops(struct klp_patch *patch)
{
	struct klp_object *dst = patch->objs, *obj;
	struct klp_func *func;

	for (struct klp_patch *old = klp_patches; old; old = old->next) {
		klp_for_each_object(old, obj) {
			klp_for_each_func(obj, func) {
				struct klp_func *nop;

				if (klp_patches_func(patch, func->old_func))
					continue;
				nop = kit_zalloc(sizeof(*nop));
				if (!nop)
					return -ENOMEM;
				nop->old_name = func->old_name;
				nop->old_sympos = func->old_sympos;
				nop->old_func = func->old_func;
				nop->old_size = func->old_size;
				nop->new_func = (void *)func->old_func;
				nop->obj = dst;
				nop->nop = true;
				nop->nop_next = dst->nops;
				dst->nops = nop;
			}
		}
	}
	return 0;
}

static void klp_list_del(struct klp_patch *patch)
{
	struct klp_patch **pp;

	for (pp = &klp_patches; *pp && *pp != patch; pp = &(*pp)->next)
		;
	if (*pp)
		*pp = patch->next;
	patch->next = NULL;
	patch->registered = false;
	patch->enabled = false;
	klp_sysfs_del(patch);
}

static void klp_list_add_tail(struct klp_patch *patch)
{
	struct klp_patch **pp;

	for (pp = &klp_patches; *pp; pp = &(*pp)->next)
		;
	patch->next = NULL;
	*pp = patch;
	patch->registered = true;
	klp_sysfs_add(patch);
}

/*
 * The end of a transition (transition.c, klp_mutex held).  Patched: run the
 * post_patch callbacks and, for a cumulative patch, retire the patches it
 * replaced and drop its nops.  Unpatched: post_unpatch, and the patch is gone.
 */
void klp_patch_done(struct klp_patch *patch, int state)
{
	struct klp_object *obj;

	if (state == KLP_PATCHED && patch->replace) {
		struct klp_patch *old = klp_patches;

		while (old && old != patch) {
			struct klp_patch *next = old->next;

			klp_unpatch_objects(old, false);
			klp_list_del(old);
			old = next;
		}
		klp_unpatch_objects(patch, true);
		klp_free_nops(patch);
	}
	klp_for_each_object(patch, obj) {
		if (state == KLP_PATCHED) {
			if (obj->callbacks.post_patch)
				obj->callbacks.post_patch(obj);
		} else if (obj->callbacks.post_unpatch_enabled) {
			if (obj->callbacks.post_unpatch)
				obj->callbacks.post_unpatch(obj);
			obj->callbacks.post_unpatch_enabled = false;
		}
	}
	if (state == KLP_UNPATCHED) {
		klp_free_nops(patch);
		klp_list_del(patch);
	}
}

/**
 * klp_enable_patch - check, redirect and start the transition of @patch
 * @patch: the patch module's description
 *
 * Returns 0 once the transition is started, or a negative error with
 * nothing left patched (see kit/livepatch.h).
 */
int klp_enable_patch(struct klp_patch *patch)
{
	struct klp_object *obj;
	int err;

	if (!patch || !patch->objs)
		return -EINVAL;
	kit_mutex_lock(&klp_mutex);
	if (patch->registered || (patch->name && klp_find_patch(patch->name))) {
		err = -EEXIST;
		goto out;
	}
	if (klp_transition_patch) {
		kit_printk("kit: livepatch: %s: another transition is running\n",
			   klp_name(patch));
		err = -EBUSY;
		goto out;
	}
	if (!klp_is_patch_compatible(patch)) {
		kit_printk("kit: livepatch: %s: incompatible with the system states of the patches in place\n",
			   klp_name(patch));
		err = -EINVAL;
		goto out;
	}
	err = klp_init_patch(patch);
	if (!err && patch->replace)
		err = klp_add_nops(patch);
	if (err) {
		klp_free_nops(patch);
		goto out;
	}
	klp_list_add_tail(patch);
	patch->enabled = true;
	patch->forced = false;
	kit_printk("kit: livepatch: enabling patch '%s'\n", klp_name(patch));
	klp_init_transition(patch, KLP_PATCHED);
	klp_for_each_object(patch, obj) {
		if (obj->callbacks.pre_patch) {
			err = obj->callbacks.pre_patch(obj);
			if (err) {
				kit_printk("kit: livepatch: %s: pre-patch callback failed: %pE\n",
					   klp_name(patch), (void *)(long)err);
				goto cancel;
			}
		}
		obj->callbacks.post_unpatch_enabled = true;
	}
	klp_for_each_object(patch, obj) {
		err = klp_patch_object(obj);
		if (err)
			goto cancel;
	}
	klp_start_transition();
	klp_try_complete_transition();
	goto out;
cancel:
	klp_cancel_transition();
out:
	kit_mutex_unlock(&klp_mutex);
	return err;
}

int __klp_disable_patch(struct klp_patch *patch)
{
	struct klp_object *obj;

	if (!patch->registered)
		return -EINVAL;
	if (patch == klp_transition_patch) {
		klp_reverse_transition();
		return 0;
	}
	if (klp_transition_patch)
		return -EBUSY;
	if (!patch->enabled)
		return -EINVAL;
	if (patch->next)
		return -EBUSY;	/* stacking: only the newest one */
	kit_printk("kit: livepatch: disabling patch '%s'\n", klp_name(patch));
	klp_for_each_object(patch, obj)
		if (obj->patched && obj->callbacks.pre_unpatch)
			obj->callbacks.pre_unpatch(obj);
	klp_init_transition(patch, KLP_UNPATCHED);
	patch->enabled = false;
	klp_start_transition();
	klp_try_complete_transition();
	return 0;
}

/**
 * klp_disable_patch - unpatch the newest patch, or reverse its transition
 * @patch: the patch
 */
int klp_disable_patch(struct klp_patch *patch)
{
	int err;

	kit_mutex_lock(&klp_mutex);
	err = __klp_disable_patch(patch);
	kit_mutex_unlock(&klp_mutex);
	return err;
}

/**
 * klp_module_unload - unload a patch module once its patches are gone
 * @mod: the module
 */
int klp_module_unload(struct kit_module *mod)
{
	uintptr_t lo = (uintptr_t)mod->base, hi = lo + mod->size;
	struct klp_patch *p;
	int err = 0;

	kit_mutex_lock(&klp_mutex);
	for (p = klp_patches; p; p = p->next)
		if ((uintptr_t)p >= lo && (uintptr_t)p < hi)
			err = -EBUSY;
	p = klp_transition_patch;
	if (p && (uintptr_t)p >= lo && (uintptr_t)p < hi)
		err = -EBUSY;
	for (unsigned int i = 0; i < klp_nr_forced; i++)
		if (klp_forced[i] >= lo && klp_forced[i] < hi)
			err = -EBUSY;
	kit_mutex_unlock(&klp_mutex);
	if (err)
		return err;
	kit_module_unload(mod);
	return 0;
}

/* --- control ------------------------------------------------------------- */

static int klp_split(const char *path, char *name, size_t size, const char **attr)
{
	const char *slash = kit_strchr(path, '/');

	if (!slash || (size_t)(slash - path) >= size)
		return -ENOENT;
	kit_memcpy(name, path, slash - path);
	name[slash - path] = '\0';
	*attr = slash + 1;
	return 0;
}

/**
 * klp_control - write a control file (see kit/livepatch.h)
 * @path: "<patch>/<attr>" or "signal_after_ms"
 * @value: what is written
 */
int klp_control(const char *path, const char *value)
{
	unsigned long long v;
	struct klp_patch *patch;
	const char *attr;
	char name[64];
	int err;

	if (kit_kstrtoull(value, 10, &v))
		return -EINVAL;
	if (!kit_strcmp(path, "signal_after_ms")) {
		klp_signal_after_ms = v;
		return 0;
	}
	err = klp_split(path, name, sizeof(name), &attr);
	if (err)
		return err;
	kit_mutex_lock(&klp_mutex);
	patch = klp_find_patch(name);
	if (!patch) {
		err = -ENOENT;
	} else if (!kit_strcmp(attr, "enabled")) {
		if (v == 0)
			err = __klp_disable_patch(patch);
		else if (patch == klp_transition_patch && !patch->enabled)
			klp_reverse_transition();
		else
			err = -EINVAL;
	} else if (!kit_strcmp(attr, "signal")) {
		if (patch != klp_transition_patch || v != 1)
			err = -EINVAL;
		else
			klp_send_signals();
	} else if (!kit_strcmp(attr, "force")) {
		err = patch != klp_transition_patch || v != 1 ? -EINVAL : 1;
	} else {
		err = -ENOENT;
	}
	kit_mutex_unlock(&klp_mutex);
	if (err == 1) {
		klp_force_transition();
		err = 0;
	}
	return err;
}

/**
 * klp_control_read - read a control file ("<patch>/enabled", "<patch>/transition")
 * @path: the file
 * @buf: where the value goes, as text
 * @size: of @buf
 */
int klp_control_read(const char *path, char *buf, size_t size)
{
	struct klp_patch *patch;
	const char *attr;
	char name[64];
	int err, val = 0;

	err = klp_split(path, name, sizeof(name), &attr);
	if (err)
		return err;
	kit_mutex_lock(&klp_mutex);
	patch = klp_find_patch(name);
	if (!patch)
		err = -ENOENT;
	else if (!kit_strcmp(attr, "enabled"))
		val = patch->enabled;
	else if (!kit_strcmp(attr, "transition"))
		val = patch == klp_transition_patch;
	else
		err = -ENOENT;
	kit_mutex_unlock(&klp_mutex);
	if (!err)
		kit_snprintf(buf, size, "%d", val);
	return err;
}
