// SPDX-License-Identifier: GPL-2.0
/*
 * A patch naming a function two objects of the kit image define
 * (kallsyms_dup_fn, static in kallsyms_test.c and kallsyms_test_dup.c).
 * Its old_sympos is the module parameter sympos: 0 (none given) is
 * upstream's "unresolvable ambiguity" (-EINVAL), 3 is beyond the two
 * (-EINVAL), 2 patches the second (its directory "kallsyms_dup_fn,2").
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>
#include <kit/module.h>

static int sympos;
kit_module_param(sympos, INT);

static noinline int dup_fn(int x)
{
	barrier();
	return x + 100;
}

static struct klp_func funcs[] = {
	{ .old_name = "kallsyms_dup_fn", .new_func = dup_fn },
	{ }
};

static struct klp_object objs[] = { { .funcs = funcs }, { } };

static struct klp_patch patch = {
	.name = "klp_bad_sympos",
	.objs = objs,
};

int kit_module_init(void)
{
	funcs[0].old_sympos = sympos;
	return klp_enable_patch(&patch);
}
