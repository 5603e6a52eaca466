// SPDX-License-Identifier: GPL-2.0
/*
 * `kit load [--init|--no-init] PATH [NAME=VALUE...]...`: load modules one
 * gives the kit, each a .ko file of the host, named after its file
 * (dir/x.ko -> x), in order, with the module parameters that follow its
 * path (kit_module_param; with --no-init they are checked and set too).  --init (the default) runs each module's init; a module with a
 * kit_module_exit is then unloaded (its exit run), one without stays
 * loaded until the kit ends, as upstream keeps a module it cannot unload
 * (a livepatch module's init enables its patch, and its code stays in
 * use).  --no-init runs no module code at all: each is loaded and
 * unloaded by kit_module_try_load(), what a damaged module is tried with.
 * An option applies to the paths after it.  The result lines of a path:
 *
 *   load: NAME: loaded (SIZE bytes, N ORC entries, M ftrace sites)
 *   load: NAME: unloaded   or   load: NAME: stays loaded (no kit_module_exit)
 *   load: NAME: loaded and unloaded (no module code run)      (--no-init)
 *   load: NAME: refused: ERRNAME      (after the loader's own message)
 *   load: NAME: LEAKED: ...           (the loader kept state: a kit bug)
 *
 * Exit status: 0 every module loaded, 1 some were refused or unreadable,
 * 2 usage, 3 the loader leaked.  A good module after a bad one shows the
 * bad one left the kit as it found it.
 */
#include <kit/ftrace.h>
#include <kit/init.h>
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/string.h>

#include "module_internal.h"

/* What the loader holds: the same before and after each load. */
struct loader_state {
	unsigned int modules;
	size_t bytes, ftrace_records;
};

static void loader_state(struct loader_state *st)
{
	st->modules = kit_module_count();
	st->bytes = kit_module_bytes();
	st->ftrace_records = kit_ftrace_nr_records();
}

/* Is the loader's state @a plus what @kept (a module still loaded) holds? */
static bool loader_same(const char *name, const struct loader_state *a,
			const struct kit_module *kept)
{
	struct loader_state b;

	loader_state(&b);
	if (a->modules + !!kept == b.modules && a->bytes + (kept ? kept->size : 0) == b.bytes &&
	    a->ftrace_records + (kept && kept->ftrace_registered ? kept->nr_mcount : 0) ==
	    b.ftrace_records)
		return true;
	kit_printk("load: %s: LEAKED: %u -> %u modules, %zu -> %zu bytes, %zu -> %zu ftrace records\n",
		   name, a->modules, b.modules, a->bytes, b.bytes, a->ftrace_records,
		   b.ftrace_records);
	return false;
}

/* Load one module, run its init, and unload it if it can be; @kept: it stays. */
static int load_run(const char *name, const void *img, size_t size, const char *args,
		    struct kit_module **kept)
{
	struct kit_module *mod;
	int err = kit_module_load_args(name, img, size, args, &mod);

	*kept = NULL;
	if (err)
		return err;
	kit_printk("load: %s: loaded (%zu bytes, %zu ORC entries, %zu ftrace sites)\n", name,
		   mod->size, mod->nr_orc, mod->nr_mcount);
	if (!mod->exit) {
		kit_printk("load: %s: stays loaded (no kit_module_exit)\n", name);
		*kept = mod;
		return 0;
	}
	kit_module_unload(mod);
	kit_printk("load: %s: unloaded\n", name);
	return 0;
}

static int load_one(const char *path, const char *args, bool run)
{
	char name[KIT_MODULE_NAME_LEN];
	struct kit_module *kept = NULL;
	struct loader_state before;
	size_t size;
	void *img;
	int err;

	kit_modname_from_path(path, name, sizeof(name));
	err = kit_plat_read_file(path, &img, &size);
	if (err) {
		kit_printk("load: %s: cannot read %s: %s\n", name, path, kit_errname(err));
		return 1;
	}
	loader_state(&before);
	err = run ? load_run(name, img, size, args, &kept) :
		    kit_module_try_load_args(name, img, size, args);
	kit_free(img);
	if (!err && !run)
		kit_printk("load: %s: loaded and unloaded (no module code run)\n", name);
	else if (err)
		kit_printk("load: %s: refused: %s\n", name, kit_errname(err));
	if (!loader_same(name, &before, kept))
		return 3;
	return err ? 1 : 0;
}

static int kit_load_main(int argc, char **argv)
{
	bool run = true, any = false;
	int status = 0;

	for (int i = 0; i < argc; i++) {
		char args[512] = "";
		size_t len = 0;
		int rc;

		if (!kit_strcmp(argv[i], "--init") || !kit_strcmp(argv[i], "--no-init")) {
			run = argv[i][2] == 'i';
			continue;
		}
		if (argv[i][0] == '-') {
			kit_printk("kit load: unknown option %s\n", argv[i]);
			return 2;
		}
		any = true;
		/* the NAME=VALUE words after the path are its parameters */
		for (int j = i + 1; j < argc && argv[j][0] != '-' && kit_strchr(argv[j], '='); j++) {
			size_t n = kit_strlen(argv[j]);

			if (len + n + 2 > sizeof(args)) {
				kit_printk("kit load: parameters of %s: longer than %zu bytes\n",
					   argv[i], sizeof(args) - 1);
				return 2;
			}
			if (len)
				args[len++] = ' ';
			kit_memcpy(args + len, argv[j], n + 1);
			len += n;
		}
		rc = load_one(argv[i], args, run);
		while (i + 1 < argc && argv[i + 1][0] != '-' && kit_strchr(argv[i + 1], '='))
			i++;
		if (rc > status)
			status = rc;
	}
	if (!any) {
		kit_printk("usage: kit load [--init|--no-init] PATH.ko [NAME=VALUE...]...\n");
		return 2;
	}
	return status;
}
KIT_COMMAND(load, "load [--init|--no-init] PATH.ko [NAME=VALUE...]...", kit_load_main);
