// SPDX-License-Identifier: GPL-2.0
/*
 * The classic livepatch shape, written for klpkit's real-kernel harness:
 * cmdline_proc_show(), the function behind /proc/cmdline, is replaced by
 * one that prints a fixed line, so a reader of /proc/cmdline in the guest
 * sees at once whether the patch is in force.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/seq_file.h>

/* noinline and a distinct name: the patched code is a function of ours
 * with its own ORC, which is what the harness checks objtool for. */
static noinline int klp_cmdline_show(struct seq_file *m, void *v)
{
	seq_puts(m, "this has been live patched\n");
	return 0;
}

static struct klp_func klp_cmdline_funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = klp_cmdline_show },
	{ }
};

/* A NULL object name means vmlinux. */
static struct klp_object klp_cmdline_objs[] = {
	{ .funcs = klp_cmdline_funcs },
	{ }
};

static struct klp_patch klp_cmdline_patch = {
	.mod = THIS_MODULE,
	.objs = klp_cmdline_objs,
};

static int __init klp_cmdline_init(void)
{
	return klp_enable_patch(&klp_cmdline_patch);
}

static void __exit klp_cmdline_exit(void)
{
}

module_init(klp_cmdline_init);
module_exit(klp_cmdline_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klpkit: /proc/cmdline replaced by a live patch");
MODULE_INFO(livepatch, "Y");
