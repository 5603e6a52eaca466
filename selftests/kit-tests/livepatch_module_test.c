// SPDX-License-Identifier: GPL-2.0
/*
 * Patches of module objects (livepatch-glue/object.c): klp_modpatch
 * patches klpmod_target_value in the module klpmod_target.  The target
 * loaded first, then the patch: enabled like any patch, callbacks with the
 * module LIVE.  The target unloaded under the patch: reverted as it goes
 * (GOING), the patch stays.  The target loaded again: patched as it comes,
 * before its init (COMING).  A failing pre_patch (the patch module's
 * parameter pre_patch_ret) refuses the enable, or the module when it
 * comes.  klp_modrela's .klp.rela.klpmod_target section is applied each
 * time the module comes, and one for an object the patch does not name
 * refuses the patch.  selftests/kit-tests/livepatch_log.sh compares the
 * log lines with upstream's test-callbacks.sh.
 */
#include <elf.h>

#include <kit/control.h>
#include <kit/task.h>
#include <kit/sched.h>
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/livepatch.h>
#include <kit/module.h>
#include <kit/platform.h>
#include <kit/selftest.h>
#include <kit/string.h>

#include "klp_victims.h"

#define MS	1000000ull
#define ENOEXEC_KIT	8	/* the converted file is not what klp_modrela.c makes */
/* what upstream's callback test passes as pre_patch_ret */
#define PRE_PATCH_RET	(-ENODEV)

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

/*
 * klp-convert in miniature, on a private copy of klp_modrela.ko: the
 * relocations of klp_moddata move to the section name @objsec, flagged
 * livepatch, and the .klp.sym symbols become SHN_LIVEPATCH.  NULL when
 * the file is not the one expected.
 */
static void *klp_modrela_image(const char *objsec, size_t *size)
{
	char path[256];
	uint8_t *img;
	Elf64_Ehdr *eh;
	Elf64_Shdr *sh;
	int rela = 0, named = 0;

	if (kit_plat_read_file(kit_plat_module_path("klp_modrela", path, sizeof(path)),
			       (void **)&img, size))
		return NULL;
	eh = (Elf64_Ehdr *)img;
	sh = (Elf64_Shdr *)(img + eh->e_shoff);
	for (unsigned int i = 1; i < eh->e_shnum; i++) {
		const char *n = (const char *)img + sh[eh->e_shstrndx].sh_offset + sh[i].sh_name;

		rela = !kit_strcmp(n, ".relaklp_moddata") ? (int)i : rela;
		named = !kit_strcmp(n, objsec) ? (int)i : named;
	}
	for (unsigned int i = 1; i < eh->e_shnum; i++) {
		Elf64_Sym *sym = (Elf64_Sym *)(img + sh[i].sh_offset);
		const char *str = (const char *)img + sh[sh[i].sh_link].sh_offset;

		if (sh[i].sh_type != SHT_SYMTAB)
			continue;
		for (size_t k = 0; k < sh[i].sh_size / sizeof(*sym); k++)
			if (!kit_strncmp(str + sym[k].st_name, ".klp.sym.", 9))
				sym[k].st_shndx = KIT_SHN_LIVEPATCH;
	}
	if (!rela || !named) {
		kit_free(img);
		return NULL;
	}
	sh[rela].sh_name = sh[named].sh_name;
	sh[rela].sh_flags |= KIT_SHF_RELA_LIVEPATCH;
	return img;
}

static int load_modrela(const char *objsec, struct kit_module **mod)
{
	size_t size;
	void *img = klp_modrela_image(objsec, &size);
	int err;

	if (!img)
		return -ENOEXEC_KIT;
	err = kit_module_load("klp_modrela", img, size, mod);
	kit_free(img);
	return err;
}

/* The address klpmod_target's static klpmod_target_secret has now. */
static uintptr_t target_secret(struct kit_module *t)
{
	const struct kit_module_sym *sym;

	return t && !kit_module_find_sym(t, "klpmod_target_secret", 0, &sym) ? sym->addr : 0;
}

/* 7. livepatch relocations for a module object, applied as it comes */
static void test_module_relocs(size_t ftrace_base)
{
	struct kit_module *t = NULL, *p = NULL, *bad = NULL, *spacer = NULL;
	long (*const *secret)(long);
	uintptr_t first = 0;
	int err;

	err = load_modrela(".klp.rela.othermod.klp_moddata", &bad);
	kit_report(err == -ENOENT && !bad && !klp_find_patch("klp_modrela"),
		   "relocations for an object the patch does not name refuse it (%d)", err);
	err = load_modrela(".klp.rela.klpmod_target.klp_moddata", &p);
	kit_report(!err && !klp_transition_wait(5000),
		   "klp_modrela enables with its target not loaded (%d)", err);
	if (err)
		return;
	secret = kit_module_symbol(p, "modrela_secret");
	kit_report(secret && !*secret, "its relocation for klpmod_target waits for the module");
	for (int round = 1; round <= 2; round++) {
		err = load_target(&t);
		if (round == 1)
			first = target_secret(t);
		else
			kit_report(target_secret(t) && target_secret(t) != first,
				   "with a module in its old place, the target lands elsewhere");
		kit_report(!err && (uintptr_t)*secret == target_secret(t) && *secret &&
			   target_value(10) == 1070 && *target_init_saw == 1070,
			   "load %d of the target: the relocation reaches its static function, the patch calls it, 1070 (%d: %lx %lx %ld %ld)",
			   round, err, (unsigned long)*secret, (unsigned long)target_secret(t),
			   t ? target_value(10) : 0, t ? *target_init_saw : 0);
		if (t)
			kit_module_unload(t);
		t = NULL;
		if (round == 1)
			load("modparam", NULL, &spacer);	/* takes the memory it had */
	}
	if (spacer)
		kit_module_unload(spacer);
	err = klp_control("klp_modrela/enabled", "0");
	kit_report(!err && !klp_transition_wait(5000) && !klp_module_unload(p) &&
		   kit_ftrace_nr_enabled() == ftrace_base, "klp_modrela disabled and unloaded (%d)",
		   err);
}

static bool logged(const char *want)
{
	bool ok = !kit_strcmp(klp_victim_log_buf, want);

	if (!ok)
		kit_report_info("callbacks: '%s', expected '%s'", klp_victim_log_buf, want);
	klp_victim_log_buf[0] = '\0';
	return ok;
}

/* 8. atomic replace of a patch with a module object the new one does not name */
static int replace_flag;
static long replace_seen = -1;
static unsigned long replace_iters;	/* the observer's loops so far */

static int replace_blocker(void *arg)
{
	(void)arg;
	klp_victim_block((long)&replace_flag);	/* holds the transition while asleep */
	while (!kit_task_should_exit())
		kit_sleep_ns(MS);
	return 0;
}

static int replace_observer(void *arg)
{
	(void)arg;
	while (!kit_task_should_exit()) {
		__atomic_store_n(&replace_seen, target_value(10), __ATOMIC_SEQ_CST);
		__atomic_add_fetch(&replace_iters, 1, __ATOMIC_SEQ_CST);
		kit_kthread_checkpoint();
		kit_sleep_ns(MS);
	}
	return 0;
}

/*
 * klp_modpatch patches klpmod_target (110); klp_replace_block replaces it
 * naming only vmlinux, so klpmod_target becomes a dynamic object of the
 * new patch with a nop for klpmod_target_value.  While a kthread asleep
 * in klp_victim_block holds the transition, another one that has switched
 * must already run the original (11): the nop applies to the module that
 * is loaded, not only to one that comes later.
 */
static bool blocker_inside(void *entered)
{
	return __atomic_load_n(&klp_victim_block_entered, __ATOMIC_SEQ_CST) >= *(int *)entered;
}

/* two loops from @since: the second computed its value after the switch */
static bool observed(void *since)
{
	return __atomic_load_n(&replace_iters, __ATOMIC_SEQ_CST) >= *(unsigned long *)since + 2;
}

static bool observer_switched(void *obs)
{
	return __atomic_load_n(&((struct task *)obs)->patch_state, __ATOMIC_SEQ_CST) == KLP_PATCHED;
}

static void test_replace_dynamic(void)
{
	struct kit_module *t = NULL, *p = NULL, *r = NULL;
	struct task *blk = NULL, *obs = NULL;
	char delay[32] = "";
	bool switched = false;
	unsigned long since;
	int entered;
	int err;

	kit_control_read("tunables/klp_signal_after_ms", delay, sizeof(delay));
	kit_control_write("tunables/klp_signal_after_ms", "600000");	/* no fake signals */
	err = load_target(&t);
	if (!err)
		err = load("klp_modpatch", NULL, &p);
	if (!err)
		err = klp_transition_wait(5000);
	kit_report(!err && target_value(10) == 110, "replace: klp_modpatch patches the loaded target (%d)",
		   err);
	if (err)
		goto out;
	__atomic_store_n(&replace_flag, 0, __ATOMIC_SEQ_CST);
	entered = __atomic_load_n(&klp_victim_block_entered, __ATOMIC_SEQ_CST) + 1;
	blk = kit_task_create("replace-blk", replace_blocker, NULL, KIT_TASK_KTHREAD);
	obs = kit_task_create("replace-obs", replace_observer, NULL, KIT_TASK_KTHREAD);
	/* the blocker must be inside before the patch comes */
	if (!kit_wait_until(blocker_inside, &entered, 3000 * MS))
		err = -ETIMEDOUT;
	if (!err)
		err = load("klp_replace_block", NULL, &r);
	kit_report(!err && klp_transition_running(),
		   "replace: klp_replace_block enables, its transition held by the sleeper (%d)", err);
	switched = !err && obs && kit_wait_until(observer_switched, obs, 3000 * MS);
	if (switched) {
		/* a value the observer computes after it switched */
		since = __atomic_load_n(&replace_iters, __ATOMIC_SEQ_CST);
		switched = kit_wait_until(observed, &since, 3000 * MS);
	}
	kit_report(switched && __atomic_load_n(&replace_seen, __ATOMIC_SEQ_CST) == 11 &&
		   klp_transition_running(),
		   "replace: mid-transition, a switched task runs the original module function (%ld)",
		   replace_seen);
	__atomic_store_n(&replace_flag, 1, __ATOMIC_SEQ_CST);
	kit_wake_up(&klp_victim_waitq);
	kit_report(!err && !klp_transition_wait(5000) && target_value(10) == 11 &&
		   !klp_find_patch("klp_modpatch"),
		   "replace: once done, the target is unpatched and klp_modpatch replaced");
out:
	for (struct task **tp = (struct task *[]){ blk, obs, NULL }; *tp; tp++) {
		kit_task_request_exit(*tp);
		kit_task_join(*tp);
	}
	if (r && !klp_control("klp_replace_block/enabled", "0"))
		klp_transition_wait(5000);
	if (r)
		klp_module_unload(r);
	if (p)
		klp_module_unload(p);
	if (t)
		kit_module_unload(t);
	if (*delay)
		kit_control_write("tunables/klp_signal_after_ms", delay);
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
	kit_report(!err && !klp_transition_wait(5000), "klp_modpatch enables (%d)", err);
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
	kit_report(!err && !klp_transition_wait(5000) && target_value(10) == 11 &&
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
	kit_report(!err && !klp_transition_wait(5000) && logged(""),
		   "pre_patch_ret=-19 with no target loaded: enabled, no callback (%d)", err);
	err = load_target(&t);
	kit_report(err == PRE_PATCH_RET && !kit_module_find("klpmod_target") && logged("pre_patch:COMING") &&
		   kit_ftrace_nr_enabled() == ftrace_base,
		   "the target is refused as it comes, nothing left patched (%d)", err);
	t = NULL;
	err = klp_control("klp_modpatch/enabled", "0");
	kit_report(!err && !klp_transition_wait(5000) && !klp_module_unload(p),
		   "disable and unload the patch (%d)", err);
	p = NULL;
	test_module_relocs(ftrace_base);
	test_replace_dynamic();
out:
	if (p && !klp_control("klp_modpatch/enabled", "0"))
		klp_transition_wait(5000);
	if (p)
		klp_module_unload(p);
	if (t)
		kit_module_unload(t);
	kit_report(kit_module_count() == nmod, "no module left");
}
