// SPDX-License-Identifier: GPL-2.0
/*
 * The consistency model (kGraft's per-task lazy switching plus kpatch's
 * stack checking, as upstream's transition.c): every task has a patch
 * state; it switches to the target state at the kernel/user boundary or
 * a kthread checkpoint (klp_update_patch_state), or when the transition
 * work stops it and finds, on a reliable trace of its stack, none of the
 * functions the transition changes.  Tasks still pending after
 * klp_signal_after_ms get a fake signal.  The transition completes when
 * every task (the idle task included) is in the target state.
 */
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/printk.h>
#include <kit/stacktrace.h>
#include <kit/string.h>

#include "klp_internal.h"

#define KLP_MAX_STACK_ENTRIES	128
#define MS			(1000ull * 1000)

/*
 * The kit's clock runs 100 times faster than upstream's: the transition
 * work retries every 10 ms (upstream: every second), and pending tasks get
 * fake signals every klp_signal_after_ms, 150 ms by default (upstream:
 * every 15 retries, 15 s), for as long as any stays pending.
 */
#define KLP_WORK_PERIOD_NS	(10 * MS)
#define KLP_SIGNALS_TIMEOUT	15

struct klp_patch *klp_transition_patch;
int klp_target_state = KLP_UNDEFINED;
unsigned long klp_signal_after_ms = KLP_SIGNALS_TIMEOUT * KLP_WORK_PERIOD_NS / MS;

/* The one setter (klp_control, tunables/klp_signal_after_ms): up to an hour. */
int klp_set_signal_after_ms(unsigned long long ms)
{
	if (ms > 3600 * 1000)
		return -EINVAL;
	__atomic_store_n(&klp_signal_after_ms, (unsigned long)ms, __ATOMIC_RELAXED);
	return 0;
}

/* klp_update_patch_state() may switch tasks (off while flipping or completing) */
static bool klp_updates_enabled;
static struct klp_transition_stats klp_stats;
static uint64_t klp_start_ns, klp_signals_ns;	/* start, last fake signals */
static bool klp_signals_sent;
static struct task *klp_worker;

/* --- a small SRCU: readers are the ftrace handler and the boundary hook --- */

static unsigned long klp_srcu_idx;
static long klp_srcu_cnt[2];

notrace int klp_srcu_read_lock(void)
{
	int idx = __atomic_load_n(&klp_srcu_idx, __ATOMIC_SEQ_CST) & 1;

	__atomic_fetch_add(&klp_srcu_cnt[idx], 1, __ATOMIC_SEQ_CST);
	return idx;
}

notrace void klp_srcu_read_unlock(int idx)
{
	__atomic_fetch_sub(&klp_srcu_cnt[idx], 1, __ATOMIC_SEQ_CST);
}

/* Every reader that could see what was published before has finished. */
void klp_synchronize_transition(void)
{
	for (int flip = 0; flip < 2; flip++) {
		unsigned long old = __atomic_fetch_add(&klp_srcu_idx, 1,
						       __ATOMIC_SEQ_CST) & 1;

		while (__atomic_load_n(&klp_srcu_cnt[old], __ATOMIC_SEQ_CST))
			kit_cond_resched();
	}
}

static void klp_stat_inc(unsigned long *c)
{
	__atomic_add_fetch(c, 1, __ATOMIC_SEQ_CST);
}

/*
 * Move @t to @target; true only for the caller that changed it.  The
 * task itself (at its boundary) and the transition work (by stack check)
 * may race for the same task: the task can be stopped between reading
 * and writing its state.  Either result is right; only one may count.
 */
static bool klp_switch_task(struct task *t, int target)
{
	int cur = __atomic_load_n(&t->patch_state, __ATOMIC_SEQ_CST);

	while (cur != target)
		if (__atomic_compare_exchange_n(&t->patch_state, &cur, target, false,
						__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			return true;
	return false;
}

/* Which counter a switch at @t's safe point goes to. */
static unsigned long *klp_safe_point_stat(const struct task *t)
{
	if (__atomic_load_n(&t->fake_signal, __ATOMIC_SEQ_CST))
		return &klp_stats.signalled;
	return t->flags & KIT_TASK_KTHREAD ? &klp_stats.checkpoint : &klp_stats.boundary;
}

/**
 * klp_update_patch_state - switch @t (current) at a safe point
 * @t: the task at the boundary or its checkpoint: no kit-kernel frame of
 *     interest on its stack, so it can take the target state.
 */
void klp_update_patch_state(struct task *t)
{
	int idx;

	if (!__atomic_load_n(&klp_updates_enabled, __ATOMIC_SEQ_CST))
		return;
	idx = klp_srcu_read_lock();
	if (__atomic_load_n(&klp_updates_enabled, __ATOMIC_SEQ_CST)) {
		int target = __atomic_load_n(&klp_target_state, __ATOMIC_SEQ_CST);

		if (klp_switch_task(t, target))
			klp_stat_inc(klp_safe_point_stat(t));
	}
	klp_srcu_read_unlock(idx);
}

static const struct kit_task_hook klp_exit_hook = {
	.fn = klp_update_patch_state, .name = "klp_update_patch_state",
};

static const struct kit_task_fork_hook klp_fork_hook = {
	.fn = klp_copy_process, .name = "klp_copy_process",
};

/* The range the task must not be in: what runs now for func's function. */
static bool klp_func_busy(struct klp_func *func, const unsigned long *pcs,
			  unsigned int n)
{
	unsigned long addr, size;

	if (klp_target_state == KLP_UNPATCHED) {
		addr = func->nop ? func->old_func : (unsigned long)func->new_func;
		size = klp_func_new_size(func);
	} else {
		struct klp_func *prev = klp_func_below(func);

		if (!prev || prev->nop) {
			addr = func->old_func;
			size = func->old_size;
		} else {
			addr = (unsigned long)prev->new_func;
			size = klp_func_new_size(prev);
		}
	}
	for (unsigned int i = 0; i < n; i++)
		if (pcs[i] >= addr && pcs[i] < addr + size)
			return true;
	return false;
}

static bool klp_stack_busy(const unsigned long *pcs, unsigned int n)
{
	struct klp_object *obj;
	struct klp_func *func;

	if (klp_handler_on_stack(pcs, n))
		return true;	/* its choice of version is not on the stack yet */

	klp_for_each_object(klp_transition_patch, obj) {
		if (!obj->patched)
			continue;
		klp_for_each_func(obj, func)
			if (func->transition && klp_func_busy(func, pcs, n))
				return true;
	}
	return false;
}

/* A reliable trace of @t (stopped, or current): count, or -errno. */
static int klp_trace_task(struct task *t, const struct pt_regs *regs,
			  unsigned long *pcs)
{
	if (t == current)
		return kit_stack_trace_save_reliable(pcs, KLP_MAX_STACK_ENTRIES);
	if (!kit_task_on_stack(t, kernel_stack_pointer(regs), sizeof(long)))
		return -EINVAL;	/* outside kit code (libc, signal return) */
	return kit_stack_trace_save_regs_reliable(regs, t->stack_base,
						  t->stack_base + t->stack_size,
						  pcs, KLP_MAX_STACK_ENTRIES);
}

/* Switch @t if its stack allows; the task list lock is held. */
static bool klp_try_switch_task(struct task *t)
{
	unsigned long pcs[KLP_MAX_STACK_ENTRIES];
	struct pt_regs regs;
	bool stopped = false, ok = false;
	int n, err;

	if (__atomic_load_n(&t->patch_state, __ATOMIC_SEQ_CST) == klp_target_state)
		return true;
	if (t != current) {
		err = kit_task_stop(t, &regs);
		if (err == -ESRCH || (!err && __atomic_load_n(&t->state, __ATOMIC_SEQ_CST) ==
				      KIT_TASK_DEAD)) {
			/* gone, or past its function: runs no patched code again */
			if (!err)
				kit_task_resume(t);
			if (klp_switch_task(t, klp_target_state))
				klp_stat_inc(&klp_stats.exited);
			return true;
		}
		if (err) {
			klp_stat_inc(&klp_stats.stop_failed);
			return false;	/* not started yet, or being stopped */
		}
		stopped = true;
	}
	n = klp_trace_task(t, &regs, pcs);
	if (n < 0) {
		klp_stat_inc(&klp_stats.stack_refused);
	} else if (klp_stack_busy(pcs, n)) {
		klp_stat_inc(&klp_stats.stack_busy);
	} else {
		/* the task may have switched itself meanwhile: count once */
		if (klp_switch_task(t, klp_target_state))
			klp_stat_inc(&klp_stats.stack);
		ok = true;
	}
	if (stopped)
		kit_task_resume(t);
	return ok;
}

/**
 * klp_send_signals - a fake signal to every task still pending
 *
 * A sleeping task wakes (its syscall is restarted after the exit work, which
 * switches it); a kthread wakes and reaches its checkpoint.
 */
void klp_send_signals(void)
{
	struct task *t;

	if (!klp_signals_sent)
		kit_printk("kit: livepatch: signaling remaining tasks\n");
	klp_signals_sent = true;
	klp_signals_ns = kit_clock_ns();
	klp_stat_inc(&klp_stats.signal_rounds);
	kit_tasklist_lock();
	kit_for_each_task(t) {
		if (t->patch_state == klp_target_state || t == current)
			continue;
		kit_task_fake_signal(t);
		klp_stat_inc(&klp_stats.signals);
	}
	kit_tasklist_unlock();
}

static const char *klp_state_word(int state)
{
	return state == KLP_PATCHED ? "patching" : "unpatching";
}

/*
 * Complete: the patch state is the target for everyone.  Upstream's order:
 * the replaced patches and the nops go, then the post callbacks run (the
 * replaced patches still listed for klp_get_prev_state), then the patch is
 * done (gone, or its replaced patches retired).
 */
static void klp_complete_transition(void)
{
	struct klp_patch *patch = klp_transition_patch;
	int state = klp_target_state;
	struct klp_object *obj;
	struct klp_func *func;
	struct task *t;

	kit_printk("kit: livepatch: '%s': completing %s transition\n", patch->name,
		   klp_state_word(state));
	__atomic_store_n(&klp_updates_enabled, false, __ATOMIC_SEQ_CST);
	klp_synchronize_transition();
	if (state == KLP_PATCHED && patch->replace)
		klp_unpatch_replaced(patch);
	if (state == KLP_UNPATCHED)
		klp_unpatch_objects(patch, false);
	klp_for_each_object(patch, obj)
		klp_for_each_func(obj, func)
			__atomic_store_n(&func->transition, false, __ATOMIC_SEQ_CST);
	/* no handler looks at a task's state once transition is clear */
	klp_synchronize_transition();
	kit_tasklist_lock();
	kit_for_each_task(t)
		__atomic_store_n(&t->patch_state, KLP_UNDEFINED, __ATOMIC_SEQ_CST);
	kit_tasklist_unlock();
	klp_stats.ns = kit_clock_ns() - klp_start_ns;
	klp_for_each_object(patch, obj) {
		if (!klp_is_object_loaded(obj))
			continue;
		if (state == KLP_PATCHED) {
			if (obj->callbacks.post_patch)
				obj->callbacks.post_patch(obj);
		} else {
			klp_post_unpatch_callback(obj);
		}
	}
	kit_printk("kit: livepatch: '%s': %s complete\n", patch->name, klp_state_word(state));
	__atomic_store_n(&klp_target_state, KLP_UNDEFINED, __ATOMIC_SEQ_CST);
	__atomic_store_n(&klp_transition_patch, NULL, __ATOMIC_SEQ_CST);
	klp_patch_done(patch);
}

/**
 * klp_try_complete_transition - one pass over the tasks
 *
 * Tries to switch every pending task by its stack; completes the transition
 * when none is left.  Sends fake signals every klp_signal_after_ms (when
 * not 0) while tasks stay pending.  Returns true when complete.
 */
bool klp_try_complete_transition(void)
{
	bool complete = true;
	struct task *t;
	uint64_t t0;

	if (!klp_transition_patch)
		return true;
	klp_stats.attempts++;
	t0 = kit_clock_ns();
	/* the stopped tasks cannot be inside kit_task_create/join: only tests create */
	kit_tasklist_lock();
	kit_for_each_task(t)
		if (!klp_try_switch_task(t))
			complete = false;
	kit_tasklist_unlock();
	klp_stats.pass_ns += kit_clock_ns() - t0;
	if (!complete) {
		if (klp_signal_after_ms &&
		    kit_clock_ns() - klp_signals_ns >= klp_signal_after_ms * MS)
			klp_send_signals();
		return false;
	}
	klp_complete_transition();
	return true;
}

/* The periodic transition work, as a kthread (it switches at its checkpoint). */
static int klp_work_fn(void *unused)
{
	(void)unused;
	while (!kit_task_should_exit()) {
		kit_kthread_checkpoint();
		kit_sleep_ns(KLP_WORK_PERIOD_NS);
		kit_mutex_lock(&klp_mutex);
		if (klp_transition_patch)
			klp_try_complete_transition();
		kit_mutex_unlock(&klp_mutex);
	}
	kit_mutex_lock(&klp_mutex);
	klp_worker = NULL;
	kit_mutex_unlock(&klp_mutex);
	return 0;
}

static void klp_hooks_init(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	kit_exit_to_user_work_add(&klp_exit_hook);
	kit_kthread_checkpoint_add(&klp_exit_hook);
	/* before the first transition every task is UNDEFINED: soon enough */
	kit_task_fork_hook_add(&klp_fork_hook);
}

/**
 * klp_init_transition - prepare a transition of @patch to @state
 *
 * Every task starts in the initial state, then (ordered after it) every
 * function of the patch is marked in transition.
 */
void klp_init_transition(struct klp_patch *patch, int state)
{
	struct klp_object *obj;
	struct klp_func *func;
	struct task *t;

	klp_hooks_init();
	klp_transition_patch = patch;
	__atomic_store_n(&klp_target_state, state, __ATOMIC_SEQ_CST);
	kit_printk("kit: livepatch: '%s': initializing %s transition\n", patch->name,
		   klp_state_word(state));
	kit_memset(&klp_stats, 0, sizeof(klp_stats));
	klp_signals_sent = false;
	kit_tasklist_lock();
	kit_for_each_task(t) {
		__atomic_store_n(&t->patch_state, !state, __ATOMIC_SEQ_CST);
		klp_stats.tasks++;
	}
	kit_tasklist_unlock();
	klp_for_each_object(patch, obj)
		klp_for_each_func(obj, func)
			__atomic_store_n(&func->transition, true, __ATOMIC_SEQ_CST);
}

/**
 * klp_start_transition - let tasks switch: the boundary hook and the work
 */
void klp_start_transition(void)
{
	kit_printk("kit: livepatch: '%s': starting %s transition\n",
		   klp_transition_patch->name, klp_state_word(klp_target_state));
	klp_start_ns = klp_signals_ns = kit_clock_ns();
	klp_signals_sent = false;
	__atomic_store_n(&klp_updates_enabled, true, __ATOMIC_SEQ_CST);
	if (!klp_worker)
		klp_worker = kit_task_create("klp_work", klp_work_fn, NULL,
					     KIT_TASK_KTHREAD);
}

/**
 * klp_cancel_transition - back out of a transition to the patched state
 * that never started (pre_patch callback or redirection failed)
 */
void klp_cancel_transition(void)
{
	if (klp_target_state != KLP_PATCHED)
		return;
	kit_printk("kit: livepatch: '%s': canceling patching transition, going to unpatch\n",
		   klp_transition_patch->name);
	__atomic_store_n(&klp_target_state, KLP_UNPATCHED, __ATOMIC_SEQ_CST);
	klp_complete_transition();
}

/**
 * klp_reverse_transition - the patch is disabled (enabled) mid-way
 *
 * Tasks already switched go back; the others are already there.
 */
void klp_reverse_transition(void)
{
	kit_printk("kit: livepatch: '%s': reversing transition from %s\n",
		   klp_transition_patch->name, klp_target_state == KLP_PATCHED ?
		   "patching to unpatching" : "unpatching to patching");
	__atomic_store_n(&klp_updates_enabled, false, __ATOMIC_SEQ_CST);
	klp_synchronize_transition();
	klp_transition_patch->enabled = !klp_transition_patch->enabled;
	__atomic_store_n(&klp_target_state, !klp_target_state, __ATOMIC_SEQ_CST);
	klp_start_transition();
}

/**
 * klp_force_transition - mark every pending task switched, unchecked
 *
 * The modules of the patches involved can never be unloaded afterwards:
 * a task may still run their code.
 */
void klp_force_transition(void)
{
	struct klp_patch *p;
	struct task *t;

	kit_mutex_lock(&klp_mutex);
	if (!klp_transition_patch)
		goto out;
	kit_printk("kit: livepatch: forcing remaining tasks to the patched state\n");
	kit_tasklist_lock();
	kit_for_each_task(t)
		if (klp_switch_task(t, klp_target_state))
			klp_stats.forced++;
	kit_tasklist_unlock();
	for (p = klp_patches; p; p = p->next)
		klp_note_forced(p);
	klp_note_forced(klp_transition_patch);
	klp_try_complete_transition();
out:
	kit_mutex_unlock(&klp_mutex);
}

/**
 * klp_copy_process - a new task takes its parent's patch state
 * @child: the task being created, not running yet
 * @parent: the task creating it, or NULL for a thread the kit did not
 *          create (the control thread), which follows the target state
 *
 * As upstream's copy_process(): a task created during a transition runs
 * the same functions as the one that created it until it switches.
 */
void klp_copy_process(struct task *child, const struct task *parent)
{
	int state = parent ? __atomic_load_n(&parent->patch_state, __ATOMIC_SEQ_CST) :
		    __atomic_load_n(&klp_target_state, __ATOMIC_SEQ_CST);

	__atomic_store_n(&child->patch_state, state, __ATOMIC_SEQ_CST);
}

bool klp_transition_running(void)
{
	return __atomic_load_n(&klp_transition_patch, __ATOMIC_SEQ_CST) != NULL;
}

/**
 * klp_transition_wait - wait for the running transition to complete
 * @timeout_ms: how long at most
 */
int klp_transition_wait(unsigned long timeout_ms)
{
	uint64_t end = kit_clock_ns() + timeout_ms * MS;

	while (klp_transition_running()) {
		if (kit_clock_ns() >= end)
			return -ETIMEDOUT;
		kit_sleep_ns(MS);
	}
	/*
	 * klp_transition_patch is cleared before klp_patch_done() retires
	 * the replaced patches, both under klp_mutex: once the mutex is
	 * ours, the completion is over (a caller saw klp_modpatch still
	 * listed after an atomic replace had completed).
	 */
	kit_mutex_lock(&klp_mutex);
	kit_mutex_unlock(&klp_mutex);
	return 0;
}

/**
 * klp_transition_get_stats - what the running or last transition did
 * @st: filled in
 */
void klp_transition_get_stats(struct klp_transition_stats *st)
{
	*st = klp_stats;
	if (klp_transition_running())
		st->ns = kit_clock_ns() - klp_start_ns;
}
