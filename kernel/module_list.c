// SPDX-License-Identifier: GPL-2.0
/*
 * The loaded modules and their symbols: what the loader (module.c), the
 * livepatch relocations (module_klp.c), kallsyms and the unwinders look
 * up.  Kept apart from the loader so that module_klp.c, which module.c
 * calls, needs nothing back from it.  Control thread only, no lock.
 */
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/string.h>

#include "module_internal.h"

static struct kit_module *modules;
static unsigned int nr_modules;

void kit_modlist_add(struct kit_module *mod)
{
	mod->next = modules;
	modules = mod;
	nr_modules++;
}

void kit_modlist_del(struct kit_module *mod)
{
	for (struct kit_module **pp = &modules; *pp; pp = &(*pp)->next) {
		if (*pp == mod) {
			*pp = mod->next;
			nr_modules--;
			return;
		}
	}
}

bool kit_module_listed(const struct kit_module *mod)
{
	for (const struct kit_module *m = modules; m; m = m->next)
		if (m == mod)
			return true;
	return false;
}

struct kit_module *kit_module_find(const char *name)
{
	for (struct kit_module *m = modules; m; m = m->next)
		if (!kit_strcmp(m->name, name))
			return m;
	return NULL;
}

struct kit_module *kit_module_at(uintptr_t addr)
{
	for (struct kit_module *m = modules; m; m = m->next)
		if (addr >= (uintptr_t)m->base && addr < (uintptr_t)m->base + m->size)
			return m;
	return NULL;
}

unsigned int kit_module_count(void)
{
	return nr_modules;
}

void *kit_module_symbol(const struct kit_module *mod, const char *name)
{
	void *local = NULL;

	for (unsigned int i = 0; i < mod->nr_syms; i++) {
		if (kit_strcmp(mod->syms[i].name, name))
			continue;
		if (mod->syms[i].global)
			return (void *)mod->syms[i].addr;
		if (!local)
			local = (void *)mod->syms[i].addr;
	}
	return local;
}

int kit_module_find_sym(const struct kit_module *mod, const char *name, unsigned long sympos,
			const struct kit_module_sym **out)
{
	unsigned long n = 0;

	*out = NULL;
	for (unsigned int i = 0; i < mod->nr_syms; i++) {
		if (kit_strcmp(mod->syms[i].name, name))
			continue;
		if (++n == sympos || (!sympos && n == 1))
			*out = &mod->syms[i];
	}
	if (!sympos && n > 1)
		return -EEXIST;
	return *out ? 0 : -ENOENT;
}

/*
 * A sized symbol covering @addr; a symbol without a size only where it
 * starts, and never a mapping symbol ("$x", "$d": they mark code and data,
 * they name nothing).
 */
const struct kit_module_sym *kit_module_sym_at(uintptr_t addr)
{
	const struct kit_module *m = kit_module_at(addr);
	const struct kit_module_sym *at = NULL;

	for (unsigned int i = 0; m && i < m->nr_syms; i++) {
		const struct kit_module_sym *sym = &m->syms[i];

		if (sym->size && addr >= sym->addr && addr - sym->addr < sym->size)
			return sym;
		if (!sym->size && sym->addr == addr && sym->name[0] != '$' && !at)
			at = sym;
	}
	return at;
}

int kit_module_lookup_func(const char *name, uintptr_t *addr)
{
	const struct kit_module_sym *found = NULL, *sym;

	for (const struct kit_module *m = modules; m; m = m->next) {
		int err = kit_module_find_sym(m, name, 0, &sym);

		if (err == -EEXIST || (!err && sym->func && found))
			return -EEXIST;
		if (!err && sym->func)
			found = sym;
	}
	if (!found)
		return -ENOENT;
	*addr = found->addr;
	return 0;
}
