// SPDX-License-Identifier: GPL-2.0
/*
 * Patched objects: the kit image ("vmlinux", always there) and kit
 * modules, which come and go.  An object is "loaded" when its module is
 * (obj->mod); only then are its functions resolved, its .klp.rela
 * relocations in the patch module applied, and it is patched.  Upstream's
 * klp_module_coming() applies every registered patch to a module before
 * its init runs; klp_module_going() reverts them after its exit, so a
 * patched module can be unloaded (upstream does not pin it either).
 */
#include <kit/ftrace.h>
#include <kit/kallsyms.h>
#include <kit/init.h>
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/printk.h>
#include <kit/string.h>

#include "klp_internal.h"

bool klp_is_module(const struct klp_object *obj)
{
	return obj->name && kit_strcmp(obj->name, "vmlinux");
}

const char *klp_obj_name(const struct klp_object *obj)
{
	return klp_is_module(obj) ? obj->name : "vmlinux";
}

bool klp_is_object_loaded(const struct klp_object *obj)
{
	return !klp_is_module(obj) || obj->mod;
}

/*
 * Find @func's old function in its object, with upstream's error texts
 * and errno (klp_find_object_symbol: -EINVAL for every failure).
 */
static int klp_find_old(struct klp_object *obj, struct klp_func *func)
{
	const char *objname = klp_obj_name(obj);
	unsigned long addr = 0, size = 0;
	bool is_func = false, exists;
	int err;

	if (obj->mod) {
		const struct kit_module_sym *sym;

		err = kit_module_find_sym(obj->mod, func->old_name, func->old_sympos, &sym);
		if (sym) {
			addr = sym->addr;
			size = sym->size;
			is_func = sym->func;
		}
		exists = !kit_module_find_sym(obj->mod, func->old_name, 1, &sym);
	} else {
		const struct kit_ksym *sym = kit_kallsyms_find(func->old_name, func->old_sympos,
							       &err);

		if (sym) {
			addr = sym->addr;
			size = sym->size;
			is_func = sym->type == KIT_KSYM_FUNC;
		}
		exists = kit_kallsyms_find(func->old_name, 1, NULL);
	}
	if (err == -EEXIST) {
		kit_printk("kit: livepatch: unresolvable ambiguity for symbol '%s' in object '%s'\n",
			   func->old_name, objname);
		return -EINVAL;
	}
	if (err && func->old_sympos && exists) {
		kit_printk("kit: livepatch: symbol position %lu for symbol '%s' in object '%s' not found\n",
			   func->old_sympos, func->old_name, objname);
		return -EINVAL;
	}
	if (err || !is_func) {
		kit_printk("kit: livepatch: symbol '%s' not found in symbol table\n",
			   func->old_name);
		return -EINVAL;
	}
	if (!kit_ftrace_location(addr)) {
		kit_printk("kit: livepatch: %s: %s has no ftrace site\n",
			   obj->patch->name, func->old_name);
		return -EINVAL;
	}
	func->old_func = addr;
	func->old_size = size ? size : 1;
	if (func->nop)
		func->new_func = (void *)addr;
	return 0;
}

/*
 * The parts of setting up @obj that need it loaded: the patch module's
 * relocations for it, then every function (nops included) resolved.
 */
int klp_init_object_loaded(struct klp_patch *patch, struct klp_object *obj)
{
	struct klp_func *func;
	int err;

	if (klp_is_module(obj) && patch->mod && patch->mod->livepatch) {
		err = kit_klp_apply_relocs(patch->mod, obj->name);
		if (err)
			return err;
	}
	klp_for_each_func(obj, func) {
		err = klp_find_old(obj, func);
		if (err)
			return err;
	}
	return 0;
}

/* @obj's module went: nothing of it is resolved any more. */
static void klp_free_object_loaded(struct klp_object *obj)
{
	struct klp_func *func;

	obj->mod = NULL;
	klp_for_each_func(obj, func) {
		func->old_func = 0;
		if (func->nop)
			func->new_func = NULL;
	}
}

/* Revert what patches before @limit (NULL: all) did to @mod. */
static void klp_cleanup_module_patches(struct kit_module *mod, struct klp_patch *limit)
{
	struct klp_object *obj;

	for (struct klp_patch *patch = klp_patches; patch && patch != limit; patch = patch->next) {
		klp_for_each_object(patch, obj) {
			if (obj->mod != mod)
				continue;
			if (patch != klp_transition_patch && obj->patched &&
			    obj->callbacks.pre_unpatch)
				obj->callbacks.pre_unpatch(obj);
			kit_printk("kit: livepatch: reverting patch '%s' on unloading module '%s'\n",
				   patch->name, mod->name);
			klp_unpatch_object(obj, false);
			klp_post_unpatch_callback(obj);
			klp_free_object_loaded(obj);
			break;
		}
	}
}

/**
 * klp_module_coming - apply the registered patches to @mod before its init
 * @mod: the module being loaded (the loader's COMING state)
 *
 * An error refuses the module, with what was applied to it reverted.
 */
int klp_module_coming(struct kit_module *mod)
{
	struct klp_patch *patch;
	struct klp_object *obj;
	int err = 0;

	kit_mutex_lock(&klp_mutex);
	mod->klp_alive = true;
	for (patch = klp_patches; patch; patch = patch->next) {
		klp_for_each_object(patch, obj) {
			if (!klp_is_module(obj) || kit_strcmp(obj->name, mod->name))
				continue;
			obj->mod = mod;
			err = klp_init_object_loaded(patch, obj);
			if (err) {
				kit_printk("kit: livepatch: failed to initialize patch '%s' for module '%s' (%d)\n",
					   patch->name, mod->name, err);
				goto fail;
			}
			kit_printk("kit: livepatch: applying patch '%s' to loading module '%s'\n",
				   patch->name, mod->name);
			if (obj->callbacks.pre_patch) {
				err = obj->callbacks.pre_patch(obj);
				if (err) {
					kit_printk("kit: livepatch: pre-patch callback failed for object '%s'\n",
						   obj->name);
					goto fail;
				}
			}
			obj->callbacks.post_unpatch_enabled = true;
			err = klp_patch_object(obj);
			if (err) {
				kit_printk("kit: livepatch: failed to apply patch '%s' to module '%s' (%d)\n",
					   patch->name, mod->name, err);
				klp_post_unpatch_callback(obj);
				goto fail;
			}
			/* in transition: post_patch runs when the transition completes */
			if (patch != klp_transition_patch && obj->callbacks.post_patch)
				obj->callbacks.post_patch(obj);
			break;
		}
	}
	kit_mutex_unlock(&klp_mutex);
	return 0;
fail:
	kit_printk("kit: livepatch: patch '%s' failed for module '%s', refusing to load module '%s'\n",
		   patch->name, mod->name, mod->name);
	obj->mod = NULL;
	mod->klp_alive = false;
	klp_cleanup_module_patches(mod, patch);
	klp_free_object_loaded(obj);
	kit_mutex_unlock(&klp_mutex);
	return err;
}

/**
 * klp_module_going - revert the patches applied to @mod, after its exit
 * @mod: the module being unloaded
 */
void klp_module_going(struct kit_module *mod)
{
	kit_mutex_lock(&klp_mutex);
	mod->klp_alive = false;
	klp_cleanup_module_patches(mod, NULL);
	kit_mutex_unlock(&klp_mutex);
}

/* The loader's place for the two above (kernel/module.c calls them). */
static int klp_object_init(void)
{
	kit_module_coming_hook = klp_module_coming;
	kit_module_going_hook = klp_module_going;
	return 0;
}
KIT_INITCALL(KIT_INIT_SUBSYS, klp_object_init);
