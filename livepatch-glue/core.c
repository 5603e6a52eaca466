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
	if (!func->new_func) {
		kit_printk("kit: livepatch: %s: %s has no new_func\n", klp_name(patch),
			   func->old_name);
		return -EINVAL;
	}
	func->old_func = func->old_size = func->new_size = 0;
	func->obj = obj;
	func->stack_next = NULL;
	func->patched = func->transition = func->nop = false;
	return 0;
}

/*
 * The patch's objects, before nops are added: a module object is loaded
 * when its module is (and has gone through klp_module_coming).
 */
static int klp_init_patch(struct klp_patch *patch)
{
	struct klp_object *obj;
	struct klp_func *func;
	int err;

	if (!patch->objs || !patch->objs[0].funcs)
		return -EINVAL;
	patch->mod = kit_module_at((uintptr_t)patch);
	klp_for_each_object(patch, obj) {
		struct kit_module *mod = klp_is_module(obj) ? kit_module_find(obj->name) : NULL;

		if (klp_is_module(obj) && kit_strlen(obj->name) >= KIT_MODULE_NAME_LEN)
			return -EINVAL;
		obj->patch = patch;
		obj->nops = NULL;
		obj->patched = false;
		obj->mod = mod && mod->klp_alive ? mod : NULL;
		obj->callbacks.post_unpatch_enabled = false;
		for (func = obj->funcs; func->old_name; func++) {
			err = klp_init_func(patch, obj, func);
			if (err)
				return err;
		}
	}
	return 0;
}

/* What upstream's sysfs names an object by: NULL and "vmlinux" are one. */
static bool klp_same_object(const struct klp_object *a, const struct klp_object *b)
{
	return !kit_strcmp(klp_obj_name(a), klp_obj_name(b));
}

/* Does @patch change @old's function (same object, name and position)? */
static bool klp_patches_func(struct klp_patch *patch, const struct klp_func *old)
{
	struct klp_object *obj;
	struct klp_func *func;

	klp_for_each_object(patch, obj)
		if (klp_same_object(obj, old->obj))
			klp_for_each_func(obj, func)
				if (!kit_strcmp(func->old_name, old->old_name) &&
				    func->old_sympos == old->old_sympos)
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
	while (patch->dyn_objs) {
		obj = patch->dyn_objs;
		patch->dyn_objs = obj->dyn_next;
		kit_free(obj);
	}
}

/*
 * An object @patch does not name but an older patch does: upstream's
 * dynamic object, holding the nops for that object's functions (a module
 * object gets them applied when its module comes, like any object).
 */
static struct klp_object *klp_add_dynamic_object(struct klp_patch *patch,
						 const struct klp_object *old)
{
	static struct klp_func no_funcs[] = { { } };
	struct klp_object *obj = kit_zalloc(sizeof(*obj)), **tail;

	if (!obj)
		return NULL;
	kit_strscpy(obj->dyn_name, klp_obj_name(old), sizeof(obj->dyn_name));
	obj->name = obj->dyn_name;
	obj->funcs = no_funcs;
	obj->patch = patch;
	obj->dynamic = true;
	/* loaded now: its nops apply at once, as klp_init_patch() decides for the others */
	obj->mod = klp_is_module(old) && old->mod && old->mod->klp_alive ? old->mod : NULL;
	for (tail = &patch->dyn_objs; *tail; tail = &(*tail)->dyn_next)
		;
	*tail = obj;
	return obj;
}

/*
 * Atomic replace: a nop for each function older patches change and @patch
 * does not, in @patch's object of the same name, a dynamic one when
 * @patch names none (upstream's klp_add_nops).
 */
static int klp_add_nops(struct klp_patch *patch)
{
	struct klp_object *obj, *dst;
	struct klp_func *func;

	for (struct klp_patch *old = klp_patches; old; old = old->next) {
		klp_for_each_object(old, obj) {
			klp_for_each_object(patch, dst)
				if (klp_same_object(dst, obj))
					break;
			if (!dst)
				dst = klp_add_dynamic_object(patch, obj);
			if (!dst)
				return -ENOMEM;
			klp_for_each_func(obj, func) {
				struct klp_func *nop;

				if (klp_patches_func(patch, func))
					continue;
				nop = kit_zalloc(sizeof(*nop));
				if (!nop)
					return -ENOMEM;
				nop->old_name = func->old_name;
				nop->old_sympos = func->old_sympos;
				nop->obj = dst;
				nop->nop = true;
				nop->nop_next = dst->nops;
				dst->nops = nop;
			}
		}
	}
	return 0;
}

static bool klp_names_object(const char *name, void *arg)
{
	struct klp_object *obj;

	klp_for_each_object((struct klp_patch *)arg, obj)
		if (!kit_strcmp(klp_obj_name(obj), name))
			return true;
	return false;
}

/*
 * Every module the patch module has relocations for is one of the patch's
 * objects (else they would never be applied), then resolve the objects
 * that are loaded now (nops included).
 */
static int klp_init_loaded_objects(struct klp_patch *patch)
{
	struct klp_object *obj;
	int err;

	if (patch->mod && patch->mod->livepatch) {
		err = kit_klp_objects(patch->mod, klp_names_object, patch);
		if (err)
			return err;
	}
	klp_for_each_object(patch, obj) {
		if (!klp_is_object_loaded(obj))
			continue;
		err = klp_init_object_loaded(patch, obj);
		if (err)
			return err;
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
 * Atomic replace, at the end of the transition to the patched state and
 * before the post_patch callbacks (transition.c, klp_mutex held): the
 * replaced patches' functions leave their ops stacks and the nops go.
 * The replaced patches stay listed until klp_patch_done(), so that
 * klp_get_prev_state() still finds their states in post_patch.
 */
void klp_unpatch_replaced(struct klp_patch *patch)
{
	for (struct klp_patch *old = klp_patches; old && old != patch; old = old->next) {
		old->enabled = false;
		klp_unpatch_objects(old, false);
	}
	klp_unpatch_objects(patch, true);
	klp_free_nops(patch);
}

/*
 * After a transition, its callbacks run and klp_transition_patch clear
 * (klp_mutex held): a disabled patch (unpatched, or canceled) is gone; a
 * cumulative one retires the patches it replaced.
 */
void klp_patch_done(struct klp_patch *patch)
{
	if (!patch->enabled) {
		klp_free_nops(patch);
		klp_list_del(patch);
	} else if (patch->replace) {
		while (klp_patches && klp_patches != patch)
			klp_list_del(klp_patches);
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
		kit_printk("kit: livepatch: Livepatch patch (%s) is not compatible with the already installed livepatches.\n",
			   klp_name(patch));
		err = -EINVAL;
		goto out;
	}
	err = klp_init_patch(patch);
	if (!err && patch->replace)
		err = klp_add_nops(patch);
	if (!err)
		err = klp_init_loaded_objects(patch);
	if (err) {
		klp_free_nops(patch);
		goto out;
	}
	klp_list_add_tail(patch);
	patch->enabled = false;
	patch->forced = false;
	kit_printk("kit: livepatch: enabling patch '%s'\n", klp_name(patch));
	klp_init_transition(patch, KLP_PATCHED);
	/* per object, as upstream: its pre_patch callback, then its functions */
	klp_for_each_object(patch, obj) {
		if (!klp_is_object_loaded(obj))
			continue;	/* klp_module_coming() patches it */
		if (obj->callbacks.pre_patch) {
			err = obj->callbacks.pre_patch(obj);
			if (err) {
				kit_printk("kit: livepatch: pre-patch callback failed for object '%s'\n",
					   klp_obj_name(obj));
				goto cancel;
			}
		}
		obj->callbacks.post_unpatch_enabled = true;
		err = klp_patch_object(obj);
		if (err) {
			kit_printk("kit: livepatch: failed to patch object '%s'\n",
				   klp_obj_name(obj));
			goto cancel;
		}
	}
	klp_start_transition();
	patch->enabled = true;
	klp_try_complete_transition();
	goto out;
cancel:
	kit_printk("kit: livepatch: failed to enable patch '%s'\n", klp_name(patch));
	klp_cancel_transition();
out:
	kit_mutex_unlock(&klp_mutex);
	return err;
}

/*
 * Start unpatching @patch, any enabled one (upstream dropped the stacking
 * rule with atomic replace).  The transition is initialised first so that
 * klp_get_prev_state() works in pre_unpatch.
 */
int __klp_disable_patch(struct klp_patch *patch)
{
	struct klp_object *obj;

	if (!patch->enabled)
		return -EINVAL;
	if (klp_transition_patch)
		return -EBUSY;
	klp_init_transition(patch, KLP_UNPATCHED);
	klp_for_each_object(patch, obj)
		if (obj->patched && obj->callbacks.pre_unpatch)
			obj->callbacks.pre_unpatch(obj);
	klp_start_transition();
	patch->enabled = false;
	klp_try_complete_transition();
	return 0;
}

/*
 * Writing "<patch>/enabled", as upstream's enabled_store(): the value it
 * already has is -EINVAL; during its own transition either value reverses
 * it; otherwise 0 disables and 1 is refused (a disabled patch is gone).
 */
static int klp_set_enabled(struct klp_patch *patch, bool enabled)
{
	if (!patch->registered || patch->enabled == enabled)
		return -EINVAL;
	if (patch == klp_transition_patch) {
		klp_reverse_transition();
		return 0;
	}
	return enabled ? -EINVAL : __klp_disable_patch(patch);
}

/**
 * klp_disable_patch - unpatch @patch, or reverse its patching transition
 * @patch: the patch
 */
int klp_disable_patch(struct klp_patch *patch)
{
	int err;

	kit_mutex_lock(&klp_mutex);
	err = klp_set_enabled(patch, false);
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
	if (!kit_strcmp(path, "signal_after_ms"))
		return klp_set_signal_after_ms(v);
	err = klp_split(path, name, sizeof(name), &attr);
	if (err)
		return err;
	kit_mutex_lock(&klp_mutex);
	patch = klp_find_patch(name);
	if (!patch) {
		err = -ENOENT;
	} else if (!kit_strcmp(attr, "enabled")) {
		err = v > 1 ? -EINVAL : klp_set_enabled(patch, v);
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
