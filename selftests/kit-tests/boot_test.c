// SPDX-License-Identifier: GPL-2.0
/* The boot sequence itself: initcalls run once each, level by level. */
#include <kit/init.h>
#include <kit/selftest.h>

static int order[KIT_NR_INIT_LEVELS], next_slot = 1;

static int probe_core(void)
{
	order[KIT_INIT_CORE] = next_slot++;
	return 0;
}
KIT_INITCALL(KIT_INIT_CORE, probe_core);

static int probe_late(void)
{
	order[KIT_INIT_LATE] = next_slot++;
	return 0;
}
KIT_INITCALL(KIT_INIT_LATE, probe_late);

static int probe_platform(void)
{
	order[KIT_INIT_PLATFORM] = next_slot++;
	return 0;
}
KIT_INITCALL(KIT_INIT_PLATFORM, probe_platform);

KIT_SELFTEST(boot)
{
	kit_report(order[KIT_INIT_PLATFORM] == 1 && order[KIT_INIT_CORE] == 2 &&
		   order[KIT_INIT_LATE] == 3,
		   "initcalls ran by level, not by link order (%d %d %d)",
		   order[KIT_INIT_PLATFORM], order[KIT_INIT_CORE],
		   order[KIT_INIT_LATE]);
}
