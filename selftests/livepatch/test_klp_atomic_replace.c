// SPDX-License-Identifier: GPL-2.0
/*
 * The second patch of upstream's test-livepatch.sh: proc/meminfo reads
 * "test_klp_atomic_replace: this has been live patched".  Its parameter
 * replace (as upstream's module has) makes it an atomic replace patch,
 * which takes over from every older patch; replace=0 stacks it on them.
 */
#include <kit/control.h>
#include <kit/kernel.h>
#include <kit/livepatch.h>
#include <kit/module.h>
#include <kit/printk.h>

#define NAME	"test_klp_atomic_replace"

static bool replace;
kit_module_param(replace, BOOL);

static noinline int livepatch_meminfo_proc_show(const struct kit_control_call *c, char *buf,
						size_t size)
{
	(void)c;
	return kit_snprintf(buf, size, "%s: this has been live patched\n", NAME);
}

static struct klp_func funcs[] = {
	{ .old_name = "meminfo_proc_show", .new_func = livepatch_meminfo_proc_show },
	{ }
};

static struct klp_object objs[] = { { .funcs = funcs }, { } };

static struct klp_patch patch = {
	.name = NAME,
	.objs = objs,
};

int kit_module_init(void)
{
	patch.replace = replace;
	return klp_enable_patch(&patch);
}
