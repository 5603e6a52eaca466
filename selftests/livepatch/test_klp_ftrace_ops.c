// SPDX-License-Identifier: GPL-2.0
/*
 * The kit's stand-in for upstream's test_klp_kprobe module: another user
 * of ftrace on cmdline_proc_show.  Upstream's module puts a kprobe there;
 * with a post handler the kprobe's ftrace ops is IPMODIFY, and only one
 * IPMODIFY ops may own a function, so a live patch of it must then fail
 * (-EBUSY), while without one they share it.  The kit has no kprobes; this
 * module registers the ftrace ops such a kprobe would, IPMODIFY when
 * ipmodify=1 (upstream's has_post_handler=true), and counts the calls it
 * sees in module/test_klp_ftrace_ops/parameters/calls.
 */
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/printk.h>

#define NAME	"test_klp_ftrace_ops"

static bool ipmodify;
kit_module_param(ipmodify, BOOL);
static int calls;
kit_module_param(calls, INT);

static notrace void seen(unsigned long ip, unsigned long parent_ip,
			 struct kit_ftrace_ops *ops, struct pt_regs *regs)
{
	(void)ip;
	(void)parent_ip;
	(void)ops;
	(void)regs;
	__atomic_fetch_add(&calls, 1, __ATOMIC_RELAXED);
}

static struct kit_ftrace_ops ops = { .func = seen };

int kit_module_init(void)
{
	int err;

	if (ipmodify)
		ops.flags |= KIT_FTRACE_OPS_FL_IPMODIFY;
	err = kit_ftrace_set_filter_name(&ops, "cmdline_proc_show");
	if (!err)
		err = kit_ftrace_register(&ops);
	if (err) {
		kit_printk(NAME ": cannot attach to cmdline_proc_show: %pE\n", (void *)(long)err);
		kit_ftrace_reset_filter(&ops);
	}
	return err;
}

void kit_module_exit(void)
{
	kit_ftrace_unregister(&ops);
	kit_ftrace_reset_filter(&ops);
}
