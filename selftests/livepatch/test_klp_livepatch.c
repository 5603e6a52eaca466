// SPDX-License-Identifier: GPL-2.0
/*
 * The patch of upstream's test-livepatch.sh scenarios, for the kit: the
 * shape of samples/livepatch/livepatch-sample.c (a klp_func array, a
 * klp_object for vmlinux, a klp_patch enabled from the module init).
 * proc/cmdline then reads "test_klp_livepatch: this has been live
 * patched" (selftests/kit-tests/klp_proc_victims.c has the original).
 */
#include <kit/control.h>
#include <kit/kernel.h>
#include <kit/livepatch.h>
#include <kit/printk.h>

#define NAME	"test_klp_livepatch"

static noinline int livepatch_cmdline_proc_show(const struct kit_control_call *c, char *buf,
						size_t size)
{
	(void)c;
	return kit_snprintf(buf, size, "%s: this has been live patched\n", NAME);
}

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = livepatch_cmdline_proc_show },
	{ }
};

static struct klp_object objs[] = { { .funcs = funcs }, { } };

static struct klp_patch patch = {
	.name = NAME,
	.objs = objs,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
