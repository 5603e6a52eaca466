/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The livepatch core (livepatch-glue/{core,patch,transition,shadow,state}.c),
 * with the semantics of Linux's kernel/livepatch: a patch module describes
 * a struct klp_patch (objects, functions, callbacks, states) and calls
 * klp_enable_patch() from its kit_module_init.  Each patched function gets
 * one IPMODIFY ftrace ops whose handler sends callers to the newest
 * replacement; while a transition runs, each task keeps using the version
 * of its own patch state (task->patch_state), which switches at the
 * kernel/user boundary, at a kthread checkpoint, or when the transition
 * work finds (reliable stack trace) no function being changed on its stack.
 *
 * Objects: "vmlinux" (name NULL or "vmlinux": the kit image) and kit
 * modules, patched while loaded (klp_module_coming / klp_module_going,
 * called by the loader).  Patches stack: the newest one's function runs, and any patch may
 * be disabled (upstream's rule since atomic replace); a patch with replace
 * set replaces every older one (functions it does not patch any more
 * revert to their original code).
 */
#ifndef _KIT_LIVEPATCH_H
#define _KIT_LIVEPATCH_H

#include <stdbool.h>
#include <stddef.h>

#include <kit/task.h>

/* task->patch_state (KIT_PATCH_STATE_UNDEFINED outside transitions) */
#define KLP_UNDEFINED	KIT_PATCH_STATE_UNDEFINED
#define KLP_UNPATCHED	0
#define KLP_PATCHED	1

struct klp_object;
struct kit_module;
struct klp_ops;

struct klp_func {
	/* set by the patch module */
	const char *old_name;		/* the function replaced */
	void *new_func;			/* its replacement */
	unsigned long old_sympos;	/* 0: name unique, n: n-th of the name */

	/* the core's */
	unsigned long old_func, old_size, new_size;
	struct klp_object *obj;
	struct klp_func *stack_next;	/* next older func on its ops stack */
	struct klp_func *nop_next;	/* dynamic (nop) funcs of the object */
	bool patched;			/* on its ops stack */
	bool transition;		/* part of the running transition */
	bool nop;			/* atomic replace: back to the original */
};

struct klp_callbacks {
	int (*pre_patch)(struct klp_object *obj);
	void (*post_patch)(struct klp_object *obj);
	void (*pre_unpatch)(struct klp_object *obj);
	void (*post_unpatch)(struct klp_object *obj);
	bool post_unpatch_enabled;	/* the core's: pre_patch succeeded */
};

struct klp_object {
	const char *name;		/* NULL or "vmlinux": the image; else a kit module */
	struct klp_func *funcs;		/* ends with an entry whose old_name is NULL */
	struct klp_callbacks callbacks;

	/* the core's */
	struct klp_patch *patch;
	struct klp_func *nops;		/* dynamic nop funcs (atomic replace) */
	struct kit_module *mod;		/* a module object's module, while loaded */
	bool patched;
	bool dynamic;			/* added by atomic replace (klp_add_nops) */
	struct klp_object *dyn_next;	/* the patch's next dynamic object */
	char dyn_name[64];		/* a dynamic object's name, copied */
};

/* System states a patch establishes (Documentation/livepatch/system-state.rst). */
struct klp_state {
	unsigned long id;
	unsigned int version;
	void *data;
};

struct klp_patch {
	const char *name;		/* for messages and klp_control() */
	struct klp_object *objs;	/* ends with an entry whose funcs is NULL */
	struct klp_state *states;	/* NULL, or ends with id 0 */
	bool replace;			/* cumulative: replaces all older patches */
	struct klp_object *dyn_objs;	/* the core's: objects only older patches name */

	/* the core's */
	struct kit_module *mod;		/* the patch module (NULL: built in) */
	struct klp_patch *next;		/* klp_patches, oldest first */
	bool enabled;			/* enabled, or being enabled */
	bool forced;			/* a transition of it was forced */
	bool registered;		/* on klp_patches */
};

/*
 * From a patch module's kit_module_init: check the patch (every function
 * found, with an ftrace site; states compatible with the patches already
 * in place), run the pre_patch callbacks, redirect the functions and start
 * the transition to the patched state.  Returns 0 once the transition has
 * started (it completes asynchronously; klp_transition_wait()), or a
 * negative error with nothing left patched.  -EBUSY while another
 * transition runs.
 */
int klp_enable_patch(struct klp_patch *patch);

/*
 * Disable @patch (any enabled one): start the transition back to the
 * unpatched state, or reverse the transition that is enabling it.  -EINVAL
 * when it is already disabled (or being disabled), -EBUSY while another
 * patch's transition runs.  Done by klp_control("<patch>/enabled", "0"),
 * like writing the sysfs file.
 */
int klp_disable_patch(struct klp_patch *patch);

/*
 * The sysfs-like control interface, per patch (its name):
 *   "<patch>/enabled"    write 0/1: disable, or reverse its transition;
 *                        the value it has already: -EINVAL; read 0/1
 *   "<patch>/transition" read 1 while its transition runs
 *   "<patch>/force"      write 1: klp_force_transition()
 *   "<patch>/signal"     write 1: fake signals to every pending task now
 *   "signal_after_ms"    write N: fake signals every N ms to the tasks a
 *                        transition still waits for (0: never)
 * 0 or a negative error.
 */
int klp_control(const char *path, const char *value);
int klp_control_read(const char *path, char *buf, size_t size);

/* The patch called @name, registered (enabled or in transition), or NULL. */
struct klp_patch *klp_find_patch(const char *name);

/*
 * Unload a patch module: -EBUSY while one of its patches is registered or
 * in transition, or when a transition of it was forced (tasks may still
 * run its code: upstream keeps such modules forever too).
 */
int klp_module_unload(struct kit_module *mod);

/*
 * Force the running transition to complete: every task is marked switched
 * without a stack check.  Caveat (as upstream): a task that was inside an
 * old function keeps running it, so the modules involved stay loaded.
 */
void klp_force_transition(void);

/*
 * The loader's hooks (kernel/module.c): apply every registered patch to
 * @mod before its init (0, or the error that refuses it, with what was
 * applied reverted), and revert them after its exit or failed init.
 */
int klp_module_coming(struct kit_module *mod);
void klp_module_going(struct kit_module *mod);

/*
 * Wait up to @timeout_ms for the running transition to complete, its
 * replaced patches retired: 0, or -ETIMEDOUT.  Not with klp_mutex held.
 */
int klp_transition_wait(unsigned long timeout_ms);
/* A transition is running. */
bool klp_transition_running(void);

/*
 * For task creation: @child takes @parent's patch state (NULL: the control
 * thread, which follows the target state).  kit_task_create() calls it
 * through the fork hook (kit/task.h) livepatch registers.
 */
void klp_copy_process(struct task *child, const struct task *parent);

/* Boundary/checkpoint hook: switch @t if a transition wants it switched. */
void klp_update_patch_state(struct task *t);

/*
 * What the running or last transition did (the demo, the tests, `make
 * bench-livepatch`; debug/livepatch/transition_stats in the control tree).
 * Each task switched is counted once, under the way it switched: the
 * first six counters add up to the tasks switched.  Counting costs one
 * atomic add per switch and per stack check, none on the call path.
 */
struct klp_transition_stats {
	unsigned long boundary;		/* user task, at its return to user */
	unsigned long checkpoint;	/* kthread, at its checkpoint */
	unsigned long stack;		/* by the transition work's stack check */
	unsigned long signalled;	/* at the boundary or checkpoint, a fake signal pending */
	unsigned long forced;		/* by klp_force_transition() */
	unsigned long exited;		/* found dead by the transition work */
	unsigned long stack_refused;	/* stack checks that found no reliable trace */
	unsigned long stack_busy;	/* stack checks that found a changed function */
	unsigned long stop_failed;	/* tasks the work could not stop to check */
	unsigned long signals;		/* fake signals sent */
	unsigned long signal_rounds;	/* rounds of them (klp_send_signals() calls) */
	unsigned long attempts;		/* passes over the task list (retries + 1) */
	unsigned long tasks;		/* tasks the transition had to switch */
	unsigned long long ns;		/* start to completion */
	unsigned long long pass_ns;	/* of which in the passes (the task list locked) */
};
/* Stats of the running or the last completed transition. */
void klp_transition_get_stats(struct klp_transition_stats *st);

/* --- shadow variables (Documentation/livepatch/shadow-vars.rst) -------- */

typedef int (*klp_shadow_ctor_t)(void *obj, void *shadow_data, void *ctor_data);
typedef void (*klp_shadow_dtor_t)(void *obj, void *shadow_data);

/* The data of the shadow variable <obj, id>, or NULL. */
void *klp_shadow_get(void *obj, unsigned long id);
/*
 * Attach a new zeroed shadow variable of @size bytes to <obj, id>,
 * initialised by @ctor (when not NULL) before it is visible.  NULL when it
 * already exists (klp_shadow_alloc), on no memory, or when @ctor fails.
 */
void *klp_shadow_alloc(void *obj, unsigned long id, size_t size,
		       klp_shadow_ctor_t ctor, void *ctor_data);
/* The existing one, or a new one as klp_shadow_alloc(). */
void *klp_shadow_get_or_alloc(void *obj, unsigned long id, size_t size,
			      klp_shadow_ctor_t ctor, void *ctor_data);
/* Detach and free <obj, id>, calling @dtor first when not NULL. */
void klp_shadow_free(void *obj, unsigned long id, klp_shadow_dtor_t dtor);
/* Detach and free every shadow variable with @id. */
void klp_shadow_free_all(unsigned long id, klp_shadow_dtor_t dtor);

/* --- system states (Documentation/livepatch/system-state.rst) --------- */

/* The state @id of @patch, or NULL. */
struct klp_state *klp_get_state(struct klp_patch *patch, unsigned long id);
/*
 * During a transition (callbacks): the state @id as the patches before the
 * one in transition set it, or NULL.
 */
struct klp_state *klp_get_prev_state(unsigned long id);

#endif /* _KIT_LIVEPATCH_H */
