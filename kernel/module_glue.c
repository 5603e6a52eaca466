// SPDX-License-Identifier: GPL-2.0
/*
 * The loader's links to the rest of the kit: symbol lookup through
 * kallsyms, and registration of a module's ORC tables and ftrace sites.
 * The livepatch core is above the loader: it hooks itself in at boot
 * (kit_module_coming_hook), the loader never names it.
 */
#include <stdint.h>

#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/printk.h>

#include "module_internal.h"

#include <kit/ftrace.h>
#include <kit/kallsyms.h>
#include <kit/orc.h>

/* Set by the livepatch core at boot; NULL in a kit without it. */
int (*kit_module_coming_hook)(struct kit_module *mod);
void (*kit_module_going_hook)(struct kit_module *mod);

int kit_modcoming(struct kit_module *mod)
{
	return kit_module_coming_hook ? kit_module_coming_hook(mod) : 0;
}

void kit_modgoing(struct kit_module *mod)
{
	if (kit_module_going_hook)
		kit_module_going_hook(mod);
}

/*
 * The kit image's address of @name.  @sympos 0 from a normal undefined
 * symbol: the unique symbol of that name, or else its one global
 * definition (static functions elsewhere may share the name).  @sympos
 * n >= 1 (livepatch): the n-th symbol of that name.  0 when not found.
 */
uintptr_t kit_modlookup(const char *name, unsigned long sympos)
{
	const struct kit_ksym *sym, *global = NULL;
	unsigned long addr;
	int err;

	err = kit_kallsyms_lookup_name(name, sympos, &addr);
	if (!err)
		return addr;
	if (err != -EEXIST || sympos)
		return 0;
	for (unsigned long pos = 1; (sym = kit_kallsyms_find(name, pos, NULL)); pos++) {
		if (!sym->global)
			continue;
		if (global)
			return 0;
		global = sym;
	}
	return global ? global->addr : 0;
}

int kit_modregister(struct kit_module *mod)
{
	int err;

	if (mod->nr_orc) {
		err = orc_register_module(mod, mod->text_start, mod->text_end,
					  mod->orc_ip, mod->orc, mod->nr_orc);
		if (err) {
			kit_printk("kit: module %s: ORC registration failed: %s\n",
				   mod->name, kit_errname(err));
			return err;
		}
		mod->orc_registered = true;
	}
	if (mod->nr_mcount) {
		err = kit_ftrace_module_init(mod->mcount, mod->nr_mcount);
		if (err) {
			kit_printk("kit: module %s: ftrace sites not accepted: %s\n",
				   mod->name, kit_errname(err));
			kit_modunregister(mod);
			return err;
		}
		mod->ftrace_registered = true;
	}
	return 0;
}

void kit_modunregister(struct kit_module *mod)
{
	if (mod->ftrace_registered)
		kit_ftrace_module_release(mod->mcount, mod->nr_mcount);
	mod->ftrace_registered = false;
	if (mod->orc_registered)
		orc_unregister_module(mod);
	mod->orc_registered = false;
}
