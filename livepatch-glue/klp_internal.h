/* SPDX-License-Identifier: GPL-2.0 */
/* Private to the livepatch core: what core.c, patch.c and transition.c share. */
#ifndef _KLP_INTERNAL_H
#define _KLP_INTERNAL_H

#include <kit/livepatch.h>
#include <kit/sched.h>

extern struct kit_mutex klp_mutex;		/* patches, transitions */
extern struct klp_patch *klp_patches;		/* oldest first */
extern struct klp_patch *klp_transition_patch;
extern int klp_target_state;

/* the patch module's objects, then the dynamic ones atomic replace added */
static inline struct klp_object *klp_first_object(struct klp_patch *patch)
{
	return patch->objs[0].funcs ? patch->objs : patch->dyn_objs;
}

static inline struct klp_object *klp_next_object(struct klp_patch *patch,
						 struct klp_object *obj)
{
	if (obj->dynamic)
		return obj->dyn_next;
	return obj[1].funcs ? obj + 1 : patch->dyn_objs;
}

#define klp_for_each_object(patch, obj) \
	for ((obj) = klp_first_object(patch); (obj); (obj) = klp_next_object((patch), (obj)))

/* static funcs first, then the object's nops */
static inline struct klp_func *klp_first_func(struct klp_object *obj)
{
	return obj->funcs[0].old_name ? obj->funcs : obj->nops;
}

static inline struct klp_func *klp_next_func(struct klp_object *obj,
					     struct klp_func *f)
{
	if (f->nop)
		return f->nop_next;
	return f[1].old_name ? f + 1 : obj->nops;
}

#define klp_for_each_func(obj, f) \
	for ((f) = klp_first_func(obj); (f); (f) = klp_next_func((obj), (f)))

/* object.c: the kit image and modules as patched objects */
bool klp_is_module(const struct klp_object *obj);
const char *klp_obj_name(const struct klp_object *obj);
bool klp_is_object_loaded(const struct klp_object *obj);
int klp_init_object_loaded(struct klp_patch *patch, struct klp_object *obj);

/* post_unpatch, only for an object whose pre_patch succeeded */
static inline void klp_post_unpatch_callback(struct klp_object *obj)
{
	if (obj->callbacks.post_unpatch_enabled && obj->callbacks.post_unpatch)
		obj->callbacks.post_unpatch(obj);
	obj->callbacks.post_unpatch_enabled = false;
}

/* patch.c */
int klp_patch_object(struct klp_object *obj);
void klp_unpatch_object(struct klp_object *obj, bool nops_only);
void klp_unpatch_objects(struct klp_patch *patch, bool nops_only);
struct klp_func *klp_func_below(struct klp_func *func);
bool klp_handler_on_stack(const unsigned long *pcs, unsigned int n);
unsigned long klp_func_new_size(struct klp_func *func);

/* transition.c */
int klp_srcu_read_lock(void);
void klp_srcu_read_unlock(int idx);
void klp_synchronize_transition(void);
void klp_init_transition(struct klp_patch *patch, int state);
void klp_start_transition(void);
bool klp_try_complete_transition(void);
void klp_cancel_transition(void);
void klp_reverse_transition(void);
void klp_send_signals(void);
extern unsigned long klp_signal_after_ms;
int klp_set_signal_after_ms(unsigned long long ms);

/* core.c: the end of a transition */
void klp_unpatch_replaced(struct klp_patch *patch);
void klp_patch_done(struct klp_patch *patch);
void klp_note_forced(struct klp_patch *patch);
/* start unpatching @patch (enabled, no transition running), klp_mutex held;
 * -EINVAL or -EBUSY otherwise.  Writing enabled reverses a transition first. */
int __klp_disable_patch(struct klp_patch *patch);

/* sysfs.c: the patch's nodes in the control tree, klp_mutex held */
void klp_sysfs_add(struct klp_patch *patch);
void klp_sysfs_del(struct klp_patch *patch);

/* state.c */
bool klp_is_patch_compatible(struct klp_patch *patch);

#endif /* _KLP_INTERNAL_H */
