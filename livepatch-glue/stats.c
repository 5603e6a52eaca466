// SPDX-License-Identifier: GPL-2.0
/*
 * debug/livepatch/transition_stats (0444): klp_transition_get_stats() for
 * a reader outside the kit (klpctl, scripts), one "name value" line per
 * counter, as /proc/vmstat.  Upstream has no such file; a kernel would
 * keep it in debugfs, hence debug/ and not livepatch/, which holds only
 * upstream's files.  The counters are those of the running transition,
 * else of the last one; a transition in progress is read without a lock,
 * so its counters may be a moment apart from each other.
 */
#include <kit/control.h>
#include <kit/init.h>
#include <kit/kernel.h>
#include <kit/printk.h>

#include "klp_internal.h"

static int transition_stats_show(const struct kit_control_call *c, char *buf,
				 size_t size)
{
	struct klp_transition_stats st;

	(void)c;
	klp_transition_get_stats(&st);
	return kit_snprintf(buf, size,
			    "running %d\ntasks %lu\nns %llu\npass_ns %llu\nattempts %lu\n"
			    "boundary %lu\ncheckpoint %lu\nstack %lu\nsignalled %lu\n"
			    "forced %lu\nexited %lu\nstack_refused %lu\nstack_busy %lu\n"
			    "stop_failed %lu\nsignals %lu\nsignal_rounds %lu\n",
			    klp_transition_running(), st.tasks, st.ns, st.pass_ns, st.attempts,
			    st.boundary, st.checkpoint, st.stack, st.signalled,
			    st.forced, st.exited, st.stack_refused, st.stack_busy,
			    st.stop_failed, st.signals, st.signal_rounds);
}

static int klp_stats_init(void)
{
	struct kit_control_node *debug = kit_control_dir(NULL, "debug"), *dir;

	/* NULL as a parent is the root: check before going down */
	dir = debug ? kit_control_dir(debug, "livepatch") : NULL;
	if (!dir)
		return -ENOMEM;
	return kit_control_file(dir, "transition_stats", 0444, transition_stats_show,
				NULL, NULL);
}
KIT_INITCALL(KIT_INIT_LATE, klp_stats_init);
