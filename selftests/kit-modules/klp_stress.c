// SPDX-License-Identifier: GPL-2.0
/*
 * The patch of the livepatch stress test (livepatch_stress_test.c):
 * klp_stress_victim returns 2, recording in its body that version 2 ran
 * and in which patch state.
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>

#include <kit/task.h>

int klp_stress_phase(void);
long klp_stress_check(int version, int state, int phase);

static noinline long stress_victim_v2(long x)
{
	int state = __atomic_load_n(&current->patch_state, __ATOMIC_SEQ_CST);

	(void)x;
	return klp_stress_check(2, state, klp_stress_phase());
}

static struct klp_func funcs[] = {
	{ .old_name = "klp_stress_victim", .new_func = stress_victim_v2 },
	{ }
};

static struct klp_object objs[] = { { .funcs = funcs }, { } };

static struct klp_patch patch = {
	.name = "klp_stress",
	.objs = objs,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
