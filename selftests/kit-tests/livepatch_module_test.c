// SPDX-License-Identifier: GPL-2.0
/*
 * Patches of module objects (livepatch-glue/object.c): klp_modpatch
 * patches klpmod_target_value in the module klpmod_target.  The target
 * loaded first, then the patch: enabled like any patch, callbacks with the
 * module LIVE.  The target unloaded under the patch: reverted as it goes
 * (GOING), the patch stays.  The target loaded again: patched as it comes,
 * before its init (COMING).  A failing pre_patch (the patch module's
 * parameter pre_patch_ret) refuses the enable, or the module when it
 * comes.  selftests/kit-tests/livepatch_log.sh compares the log lines
 * with upstream's test-callbacks.sh.
 */
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/livepatch.h>
#include <kit/module.h>
#include <kit/platform.h>
#include <kit/selftest.h>
#include <kit/string.h>

#include "klp_victims.h"

#define MS	1000000ull
/* what upstream's callback test passes as pre_patch_ret: -ENODEV (the kit has no name for it) */
#define PRE_PATCH_RET	(-19)

static int load(const char *name, const char *args, struct kit_module **mod)
{
	char path[256];

	return kit_module_load_file_args(kit_plat_module_path(name, path, sizeof(path)), args,
					 mod);
}

static long (*target_value)(long);
static long *target_init_saw;

static int load_target(struct kit_module **t)
{
	int err = load("klpmod_target", NULL, t);

	if (err)
		return err;
	target_value = kit_module_symbol(*t, "klpmod_target_value");
	target_init_saw = kit_module_symbol(*t, "klpmod_target_init_saw");
	return target_value && target_init_saw ? 0 : -ENOENT;
}

static bool logged(const char *want)
{
	bool ok = !kit_strcmp(klp_victim_log_buf, want);

	if (!ok)
		kit_report_info("callbacks: '%s', expected '%s'", klp_victim_log_buf, want);
	klp_victim_log_buf[0] = '\0';
	return ok;
}

KIT_SELFTEST(livepatch_module)
{
	struct kit_module *t = NULL, *p = NULL, *m;
	size_t ftrace_base = kit_ftrace_nr_enabled();
	unsigned int nmod = kit_module_count();
	int err;

	klp_victim_log_buf[0] = '\0';
	/* 1. the target first, then the patch */
	err = load_target(&t);
	kit_report(!err && target_value(10) == 11 && *target_init_saw == 11,
		   "klpmod_target loads unpatched (%d)", err);
	if (err)
		return;
	err = load("klp_modpatch", NULL, &p);
	kit_report(!err && !klp_transition_wait(5000 * MS), "klp_modpatch enables (%d)", err);
	if (err)
		goto out;
	kit_report(target_value(10) == 110 && logged("pre_patch:LIVE post_patch:LIVE"),
		   "the module's function is patched (110), callbacks with the module live");

	/* 2. the target goes under the patch: reverted, the patch stays */
	kit_module_unload(t);
	t = NULL;
	kit_report(logged("pre_unpatch:GOING post_unpatch:GOING") &&
		   kit_ftrace_nr_enabled() == ftrace_base,
		   "unloading the target reverts the patch on it (callbacks GOING, no ftrace site left)");
	kit_report(klp_find_patch("klp_modpatch") && klp_find_patch("klp_modpatch")->enabled &&
		   !klp_find_patch("klp_modpatch")->objs[0].patched,
		   "the patch stays enabled, its object unpatched");
	kit_report(klp_module_unload(p) == -EBUSY, "the enabled patch's module cannot go");

	/* 3. the target comes back: patched before its init */
	err = load_target(&t);
	kit_report(!err && *target_init_saw == 110 && target_value(10) == 110 &&
		   logged("pre_patch:COMING post_patch:COMING"),
		   "loaded after the patch: patched as it comes, before its init (%d)", err);

	/* 4. disable: unpatched, callbacks with the module live */
	err = klp_control("klp_modpatch/enabled", "0");
	kit_report(!err && !klp_transition_wait(5000 * MS) && target_value(10) == 11 &&
		   logged("pre_unpatch:LIVE post_unpatch:LIVE"), "disable reverts the module (%d)",
		   err);
	kit_report(!klp_module_unload(p), "then the patch module unloads");
	p = NULL;

	/* 5. a failing pre_patch for a loaded module refuses the enable */
	err = load("klp_modpatch", "pre_patch_ret=-19", &m);
	kit_report(err == PRE_PATCH_RET && !klp_find_patch("klp_modpatch") && target_value(10) == 11 &&
		   logged("pre_patch:LIVE"), "pre_patch_ret=-19: the enable fails (%d)", err);

	/* 6. ... and, the patch enabled first, the module when it comes */
	kit_module_unload(t);
	t = NULL;
	err = load("klp_modpatch", "pre_patch_ret=-19", &p);
	kit_report(!err && !klp_transition_wait(5000 * MS) && logged(""),
		   "pre_patch_ret=-19 with no target loaded: enabled, no callback (%d)", err);
	err = load_target(&t);
	kit_report(err == PRE_PATCH_RET && !kit_module_find("klpmod_target") && logged("pre_patch:COMING") &&
		   kit_ftrace_nr_enabled() == ftrace_base,
		   "the target is refused as it comes, nothing left patched (%d)", err);
	t = NULL;
	err = klp_control("klp_modpatch/enabled", "0");
	kit_report(!err && !klp_transition_wait(5000 * MS) && !klp_module_unload(p),
		   "disable and unload the patch (%d)", err);
	p = NULL;
out:
	if (p && !klp_control("klp_modpatch/enabled", "0"))
		klp_transition_wait(5000 * MS);
	if (p)
		klp_module_unload(p);
	if (t)
		kit_module_unload(t);
	kit_report(kit_module_count() == nmod, "no module left");
}
