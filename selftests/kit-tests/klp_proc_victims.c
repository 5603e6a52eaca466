// SPDX-License-Identifier: GPL-2.0
/*
 * The kit's stand-ins for the two procfs files upstream's livepatch
 * selftests patch: control-tree files proc/cmdline and proc/meminfo,
 * shown by functions named as upstream's (cmdline_proc_show and
 * meminfo_proc_show), so that the test patches in selftests/livepatch/
 * replace them by those names and a test reads the effect with cat or
 * kmsg-grep, as upstream's read /proc/cmdline.  And console_loglevel, the
 * system state upstream's test_klp_state patches change and restore
 * (proc/loglevel shows it).
 */
#include <kit/control.h>
#include <kit/init.h>
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/printk.h>
#include <kit/stacktrace.h>

noinline int cmdline_proc_show(const struct kit_control_call *c, char *buf, size_t size)
{
	(void)c;
	return kit_snprintf(buf, size, "BOOT_IMAGE=kit-%s\n", kit_unwinder_name);
}

noinline int meminfo_proc_show(const struct kit_control_call *c, char *buf, size_t size)
{
	(void)c;
	return kit_snprintf(buf, size, "Modules:        %8zu kB\nModulesLoaded:  %8u\n",
			    kit_module_bytes() / 1024, kit_module_count());
}

int console_loglevel = 7;

static int loglevel_show(const struct kit_control_call *c, char *buf, size_t size)
{
	(void)c;
	return kit_snprintf(buf, size, "%d\n", __atomic_load_n(&console_loglevel, __ATOMIC_RELAXED));
}

static int klp_proc_init(void)
{
	struct kit_control_node *proc = kit_control_dir(NULL, "proc");

	if (!proc || kit_control_file(proc, "cmdline", 0444, cmdline_proc_show, NULL, NULL) ||
	    kit_control_file(proc, "meminfo", 0444, meminfo_proc_show, NULL, NULL) ||
	    kit_control_file(proc, "loglevel", 0444, loglevel_show, NULL, NULL))
		return -ENOMEM;
	return 0;
}
KIT_INITCALL(KIT_INIT_LATE, klp_proc_init);
