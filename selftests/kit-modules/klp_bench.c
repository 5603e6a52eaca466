// SPDX-License-Identifier: GPL-2.0
/*
 * The patch of the livepatch benchmark (livepatch_bench_test.c): the same
 * body as klp_bench_victim, returning x + 2 instead of x + 1, so a
 * patched call costs what the redirection adds and no more, and the
 * benchmark can see which version ran.
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>

static noinline long bench_victim_v2(long x)
{
	barrier();
	return x + 2;
}

static struct klp_func funcs[] = {
	{ .old_name = "klp_bench_victim", .new_func = bench_victim_v2 },
	{ }
};

static struct klp_object objs[] = { { .funcs = funcs }, { } };

static struct klp_patch patch = {
	.name = "klp_bench",
	.objs = objs,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
