// SPDX-License-Identifier: GPL-2.0
/*
 * A patch in the sample's shape for the function `kit run --blocker`
 * tasks sleep in (klp_sample_sleep) and for klp_sample_answer: while the
 * blockers sleep in the old klp_sample_sleep the transition cannot
 * finish, and the user tasks that did switch already see the new
 * klp_sample_answer.
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>
#include <kit/run.h>

static noinline long block_sleep(long gate)
{
	kit_run_gate_pass(gate);
	barrier();
	return 2;
}

static noinline long block_answer(long arg)
{
	barrier();
	return arg + 2000;
}

static struct klp_func funcs[] = {
	{ .old_name = "klp_sample_sleep", .new_func = block_sleep },
	{ .old_name = "klp_sample_answer", .new_func = block_answer },
	{ }
};

static struct klp_object objs[] = { { .funcs = funcs }, { } };

static struct klp_patch patch = {
	.name = "klp_sample_block",
	.objs = objs,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
