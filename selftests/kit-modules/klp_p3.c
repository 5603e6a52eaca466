// SPDX-License-Identifier: GPL-2.0
/*
 * Livepatch test patch 3, not cumulative: replaces klp_victim_value
 * (x + 3000) on top of whatever is patched.  Its pre_unpatch callback logs
 * state 1 as the patches below it set it: klp_get_prev_state() must work
 * there (upstream starts the unpatching transition before pre_unpatch).
 * Called with x < 0 it stays inside until p3_release is set, deaf to fake
 * signals (a woken wait just waits again): a task the transition has to
 * keep signalling.
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>

#include "../kit-tests/klp_victims.h"

int p3_stubborn_entered, p3_release;

static noinline long p3_value(long x)
{
	barrier();
	if (x < 0) {
		__atomic_add_fetch(&p3_stubborn_entered, 1, __ATOMIC_SEQ_CST);
		while (!__atomic_load_n(&p3_release, __ATOMIC_SEQ_CST))
			kit_wait_event(&klp_victim_waitq,
				       __atomic_load_n(&p3_release, __ATOMIC_SEQ_CST));
	}
	return x + 3000;
}

static void p3_pre_unpatch(struct klp_object *obj)
{
	struct klp_state *prev = klp_get_prev_state(1);

	(void)obj;
	klp_victim_log(!prev ? "p3:unpatch_prev=none" : prev->version == 2 ?
		       "p3:unpatch_prev=2" : "p3:unpatch_prev=other");
}

static struct klp_func funcs[] = {
	{ .old_name = "klp_victim_value", .new_func = p3_value },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = { .pre_unpatch = p3_pre_unpatch },
	},
	{ }
};

static struct klp_patch patch = {
	.name = "klp_p3",
	.objs = objs,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
