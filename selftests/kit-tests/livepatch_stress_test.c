// SPDX-License-Identifier: GPL-2.0
/*
 * Livepatch under load (make check-full): 1000 cycles of loading the patch
 * module klp_stress (which enables its patch of klp_stress_victim),
 * disabling it and unloading it, while 64 tasks (48 user tasks through
 * the syscall gate, 16 kthreads) call the victim back to back.
 *
 * Every call records, in the body of whichever version ran, which
 * version that is and its task's patch_state at that moment, and checks
 * the consistency model there and then: a task in KLP_PATCHED runs the
 * new function, one in KLP_UNPATCHED the old one; outside a transition
 * (KLP_UNDEFINED) every task runs the version the last transition left,
 * checked while the controller's phase says which that is (a call that
 * sees the phase change under it is counted, not checked).  The version
 * cannot change under a running call: its task has the function on its
 * stack or is in the trampoline, where the stack check refuses.
 *
 * At the end: no violation, no transition left, every task back at
 * KLP_UNDEFINED and still calling, the module gone.
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>
#include <kit/module.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/sched.h>
#include <kit/selftest.h>
#include <kit/syscall.h>
#include <kit/task.h>

#include "klp_load.h"

#define MS		1000000ull
#define CYCLES		1000
#define NR_USER		48
#define NR_KTHREAD	16
#define NR_TASKS	(NR_USER + NR_KTHREAD)
#define PAUSE_NS	(100 * 1000ull)	/* between a task's calls */

enum { PHASE_OLD, PHASE_NEW, PHASE_MOVING };

static int phase = PHASE_OLD;
static unsigned long checked, unchecked, violations;

int klp_stress_phase(void)
{
	return __atomic_load_n(&phase, __ATOMIC_SEQ_CST);
}

/*
 * Both versions of klp_stress_victim read their task's patch_state and
 * the phase first thing, in their own body (where the stack check finds
 * them: reading it later, in a function they tail-call, would let a
 * transition switch the task in between, legitimately), then come here.
 */
long klp_stress_check(int version, int state, int ph)
{
	int want = -1;

	if (state == KLP_PATCHED)
		want = 2;
	else if (state == KLP_UNPATCHED)
		want = 1;
	else if (ph != PHASE_MOVING)
		want = ph == PHASE_NEW ? 2 : 1;
	if (want < 0) {
		__atomic_add_fetch(&unchecked, 1, __ATOMIC_RELAXED);
	} else if (want != version) {
		if (!__atomic_fetch_add(&violations, 1, __ATOMIC_SEQ_CST))
			kit_printk("livepatch_stress: version %d ran in patch_state %d, phase %d\n",
				   version, state, ph);
	} else {
		__atomic_add_fetch(&checked, 1, __ATOMIC_RELAXED);
	}
	return version;
}

noinline long klp_stress_victim(long x)
{
	struct task *t = current;	/* NULL on the control thread */
	int state = t ? __atomic_load_n(&t->patch_state, __ATOMIC_SEQ_CST) : KLP_UNDEFINED;

	(void)x;
	return klp_stress_check(1, state, klp_stress_phase());
}

KIT_SELFTEST(livepatch_stress)
{
	struct klp_load *load;
	char path[256];
	int cycles = 0, err = 0;
	bool undefined = true;
	uint64_t t0;

	load = klp_load_start(NR_USER, NR_KTHREAD, klp_stress_victim, PAUSE_NS);
	kit_report(load && load->started == NR_TASKS, "%d tasks call klp_stress_victim",
		   load ? load->started : 0);
	if (!load)
		return;
	kit_report(klp_load_all_moving(load, 50 * MS), "every task is calling it");
	kit_plat_module_path("klp_stress", path, sizeof(path));
	t0 = kit_clock_ns();
	for (; cycles < CYCLES && !err; cycles++) {
		struct kit_module *mod;

		__atomic_store_n(&phase, PHASE_MOVING, __ATOMIC_SEQ_CST);
		err = kit_module_load_file(path, &mod);
		if (!err)
			err = klp_transition_wait(20000);
		if (err)
			break;
		__atomic_store_n(&phase, PHASE_NEW, __ATOMIC_SEQ_CST);
		kit_sleep_ns(MS);	/* calls outside a transition, checked too */
		__atomic_store_n(&phase, PHASE_MOVING, __ATOMIC_SEQ_CST);
		err = klp_control("klp_stress/enabled", "0");
		if (!err)
			err = klp_transition_wait(20000);
		__atomic_store_n(&phase, PHASE_OLD, __ATOMIC_SEQ_CST);
		if (!err)
			err = klp_module_unload(mod);
		kit_sleep_ns(MS);
		if ((cycles + 1) % 100 == 0)
			kit_report_info("%d cycles, %llu ms, %lu calls checked", cycles + 1,
					(unsigned long long)((kit_clock_ns() - t0) / MS),
					__atomic_load_n(&checked, __ATOMIC_RELAXED));
	}
	kit_report(!err && cycles == CYCLES,
		   "%d enable/disable cycles of klp_stress in %llu ms (%s)", cycles,
		   (unsigned long long)((kit_clock_ns() - t0) / MS), err ? kit_errname(err) : "ok");
	kit_report(!violations, "every call ran the version its task's state says: %lu checked, %lu violations, %lu made while the phase moved",
		   checked, violations, unchecked);
	kit_report(checked > 100000, "and there were many (%lu checked)", checked);
	kit_report(!klp_transition_running() && !klp_find_patch("klp_stress") &&
		   !kit_module_find("klp_stress"), "no transition, patch or module left");
	for (int i = 0; i < NR_TASKS; i++)
		if (load->tasks[i] && load->tasks[i]->patch_state != KLP_UNDEFINED)
			undefined = false;
	kit_report(undefined, "every task is back at KLP_UNDEFINED");
	kit_report(klp_load_all_moving(load, 50 * MS),
		   "and every one still calls (none left behind)");
	kit_report(klp_stress_victim(0) == 1, "the victim is the original again");
	klp_load_stop(load);
}
