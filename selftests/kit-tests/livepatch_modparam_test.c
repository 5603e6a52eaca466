// SPDX-License-Identifier: GPL-2.0
/*
 * Module parameters, which upstream's livepatch test modules are driven by
 * (pre_patch_ret=, block_transition=...): selftests/kit-modules/modparam.c
 * loaded with "name=value" words; its init records what it saw.  Every
 * type, the defaults, a bare bool, and the refusals: an unknown name, a
 * bad value for each type, a missing value; a refused load leaves nothing.
 */
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/selftest.h>
#include <kit/string.h>

struct seen {
	int depth;
	bool verbose;
	char label[32];
};

/* Load modparam with @args; 0 and what its init saw, or the error. */
static int load_with(const char *args, struct seen *seen)
{
	struct kit_module *mod;
	char path[256];
	int err;

	err = kit_module_load_file_args(kit_plat_module_path("modparam", path, sizeof(path)),
					args, &mod);
	if (err)
		return err;
	seen->depth = *(int *)kit_module_symbol(mod, "modparam_seen_depth");
	seen->verbose = *(bool *)kit_module_symbol(mod, "modparam_seen_verbose");
	kit_strscpy(seen->label, kit_module_symbol(mod, "modparam_seen_label"),
		    sizeof(seen->label));
	kit_module_unload(mod);
	return 0;
}

static void refused(const char *args, int want)
{
	unsigned int n = kit_module_count();
	size_t bytes = kit_module_bytes();
	struct seen s;
	int err = load_with(args, &s);

	kit_report(err == want && kit_module_count() == n && kit_module_bytes() == bytes,
		   "\"%s\" refused with %s, nothing left loaded (%s)", args, kit_errname(want),
		   kit_errname(err));
}

KIT_SELFTEST(module_params)
{
	struct seen s;
	int err;

	err = load_with(NULL, &s);
	kit_report(!err && s.depth == 3 && !s.verbose && !kit_strcmp(s.label, "none"),
		   "no parameters: the defaults (%d: %d %d %s)", err, s.depth, s.verbose, s.label);
	err = load_with("depth=-7 verbose label=hello", &s);
	kit_report(!err && s.depth == -7 && s.verbose && !kit_strcmp(s.label, "hello"),
		   "int, bare bool and charp set before init (%d: %d %d %s)", err, s.depth,
		   s.verbose, s.label);
	err = load_with("verbose=y  depth=0x10 verbose=n", &s);
	kit_report(!err && s.depth == 16 && !s.verbose && !kit_strcmp(s.label, "none"),
		   "hex int, bool values, the last one wins (%d: %d %d %s)", err, s.depth,
		   s.verbose, s.label);
	refused("nosuch=1", -ENOENT);
	refused("depth=1 Depth=2", -ENOENT);
	refused("depth=abc", -EINVAL);
	refused("depth=4294967296", -EINVAL);
	refused("depth", -EINVAL);
	refused("verbose=maybe", -EINVAL);
	refused("label", -EINVAL);
}
