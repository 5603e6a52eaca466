// SPDX-License-Identifier: GPL-2.0
/*
 * Redirection: one IPMODIFY ftrace ops per patched function, holding the
 * function's stack of replacements (newest first).  The handler takes the
 * newest; while that one is in transition, a task still in the
 * unpatched state takes the one below it (or the original code).
 */
#include <kit/ftrace.h>
#include <kit/kallsyms.h>
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/platform.h>
#include <kit/printk.h>

#include "klp_internal.h"

struct klp_ops {
	unsigned long old_func;
	struct klp_func *stack;		/* newest first, via stack_next */
	struct kit_ftrace_ops fops;
	struct klp_ops *next;
};

static struct klp_ops *klp_ops_list;	/* under klp_mutex */

static struct klp_ops *klp_find_ops(unsigned long old_func)
{
	for (struct klp_ops *ops = klp_ops_list; ops; ops = ops->next)
		if (ops->old_func == old_func)
			return ops;
	return NULL;
}

/*
 * The order of the loads matters (upstream's read barriers): the func
 * first, then its transition flag, then the task's state; the writers
 * publish in the opposite order (transition.c).  A thread the kit did not
 * create (the control thread) follows the target state.
 */
static notrace void klp_ftrace_handler(unsigned long ip, unsigned long parent_ip,
				       struct kit_ftrace_ops *fops,
				       struct pt_regs *regs)
{
	struct klp_ops *ops = fops->private;
	struct klp_func *func;
	int idx = klp_srcu_read_lock();

	(void)ip;
	(void)parent_ip;
	func = __atomic_load_n(&ops->stack, __ATOMIC_SEQ_CST);
	if (!func)
		goto out;
	if (__atomic_load_n(&func->transition, __ATOMIC_SEQ_CST)) {
		struct task *t = current;
		int state = t ? __atomic_load_n(&t->patch_state, __ATOMIC_SEQ_CST)
			      : __atomic_load_n(&klp_target_state, __ATOMIC_SEQ_CST);

		if (state == KLP_UNPATCHED) {
			func = __atomic_load_n(&func->stack_next, __ATOMIC_SEQ_CST);
			if (!func)
				goto out;
		}
	}
	if (!func->nop)
		instruction_pointer_set(regs, (unsigned long)func->new_func);
out:
	klp_srcu_read_unlock(idx);
}

/*
 * Is the handler on this trace?  A task stopped inside it may have read
 * its patch state and not yet set the ip it chose from it: the trace then
 * holds the traced function's call site (in pt_regs) and neither the
 * version it will run nor the one it would run after switching, so no
 * range check can see it, and switching it lets it run the version of
 * the state it left.  Upstream never checks a task there (the handler
 * runs with preemption off, and a running task is not checked); the kit
 * stops a task anywhere, so one inside the handler is busy.
 */
bool klp_handler_on_stack(const unsigned long *pcs, unsigned int n)
{
	static unsigned long size;
	unsigned long addr = (unsigned long)klp_ftrace_handler;

	if (!size && kit_kallsyms_lookup(addr, NULL, &size, NULL))
		size = 0;
	for (unsigned int i = 0; i < n; i++)
		if (pcs[i] >= addr && pcs[i] < addr + (size ? size : 1))
			return true;
	return false;
}

/* The func below @func on its stack (what runs when @func does not), or NULL. */
struct klp_func *klp_func_below(struct klp_func *func)
{
	return func->stack_next;
}

/* Size of the replacement: the image's kallsyms or the module's symbols. */
unsigned long klp_func_new_size(struct klp_func *func)
{
	unsigned long addr = (unsigned long)func->new_func;
	struct kit_module *mod;
	unsigned long size = 0;

	if (func->nop)
		return func->old_size;
	if (func->new_size)
		return func->new_size;
	mod = kit_module_at(addr);
	if (mod) {
		for (unsigned int i = 0; i < mod->nr_syms; i++)
			if (mod->syms[i].addr == addr && mod->syms[i].func)
				size = mod->syms[i].size;
	} else if (kit_kallsyms_lookup(addr, NULL, &size, NULL)) {
		size = 0;
	}
	func->new_size = size;
	return size ? size : 1;
}

static int klp_patch_func(struct klp_func *func)
{
	struct klp_ops *ops = klp_find_ops(func->old_func);
	int err;

	if (func->patched)
		return 0;
	if (ops) {
		func->stack_next = ops->stack;
		__atomic_store_n(&ops->stack, func, __ATOMIC_SEQ_CST);
		func->patched = true;
		return 0;
	}
	ops = kit_zalloc(sizeof(*ops));
	if (!ops)
		return -ENOMEM;
	ops->old_func = func->old_func;
	ops->fops.func = klp_ftrace_handler;
	/* permanent: ftrace_enabled cannot be turned off under a patch */
	ops->fops.flags = KIT_FTRACE_OPS_FL_IPMODIFY | KIT_FTRACE_OPS_FL_PERMANENT;
	ops->fops.private = ops;
	func->stack_next = NULL;
	ops->stack = func;
	err = kit_ftrace_set_filter_ip(&ops->fops, func->old_func);
	if (err)
		kit_printk("kit: livepatch: failed to set ftrace filter for function '%s' (%d)\n",
			   func->old_name, err);
	else if ((err = kit_ftrace_register(&ops->fops)))
		kit_printk("kit: livepatch: failed to register ftrace handler for function '%s' (%d)\n",
			   func->old_name, err);
	if (err) {
		kit_ftrace_reset_filter(&ops->fops);
		kit_free(ops);
		return err;
	}
	ops->next = klp_ops_list;
	klp_ops_list = ops;
	func->patched = true;
	return 0;
}

static void klp_unpatch_func(struct klp_func *func)
{
	struct klp_ops *ops = klp_find_ops(func->old_func), **pp;
	struct klp_func **fp;

	if (!func->patched || !ops)
		return;
	func->patched = false;
	if (ops->stack == func && !func->stack_next) {
		/* the last one: after unregister, no handler runs for it */
		kit_ftrace_unregister(&ops->fops);
		kit_ftrace_reset_filter(&ops->fops);
		for (pp = &klp_ops_list; *pp != ops; pp = &(*pp)->next)
			;
		*pp = ops->next;
		kit_free(ops);
		return;
	}
	for (fp = &ops->stack; *fp && *fp != func; fp = &(*fp)->stack_next)
		;
	if (*fp)
		__atomic_store_n(fp, func->stack_next, __ATOMIC_SEQ_CST);
	klp_synchronize_transition();	/* no handler still looks at func */
}

/* Push every func of @obj on its stack; on failure, nothing stays pushed. */
int klp_patch_object(struct klp_object *obj)
{
	struct klp_func *func;
	int err;

	klp_for_each_func(obj, func) {
		err = klp_patch_func(func);
		if (err) {
			klp_unpatch_object(obj, false);
			return err;
		}
	}
	obj->patched = true;
	return 0;
}

void klp_unpatch_object(struct klp_object *obj, bool nops_only)
{
	struct klp_func *func;

	klp_for_each_func(obj, func)
		if (!nops_only || func->nop)
			klp_unpatch_func(func);
	if (!nops_only)
		obj->patched = false;
}

void klp_unpatch_objects(struct klp_patch *patch, bool nops_only)
{
	struct klp_object *obj;

	klp_for_each_object(patch, obj)
		klp_unpatch_object(obj, nops_only);
}
