// SPDX-License-Identifier: GPL-2.0
/*
 * Module parameters: a module declares kit_module_param(var, type) and the
 * loader sets those variables from "name=value ..." given at load time,
 * after relocation and before the module's init runs (upstream's
 * parse_args() on a module's __param section).  The table is the module's
 * own data, so it is checked like any other part of an untrusted file:
 * each entry's name and variable inside module memory, its type known.
 * A name the module does not declare, or a value its type does not take,
 * refuses the load.
 */
#include <elf.h>
#include <limits.h>

#include <kit/control.h>
#include <kit/kernel.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/module.h>
#include <kit/parser.h>
#include <kit/string.h>

#include "module_internal.h"

static bool in_module(const struct kit_module *mod, uintptr_t addr, size_t len)
{
	uintptr_t lo = (uintptr_t)mod->base;

	return addr >= lo && len <= mod->size && addr - lo <= mod->size - len;
}

static size_t param_size(unsigned int type)
{
	switch (type) {
	case KIT_PARAM_INT:
		return sizeof(int);
	case KIT_PARAM_BOOL:
		return sizeof(bool);
	case KIT_PARAM_CHARP:
		return sizeof(char *);
	default:
		return 0;
	}
}

/* The name of entry @p when it is a string inside module memory, else NULL. */
static const char *param_name(const struct kit_module *mod, const struct kit_module_param *p)
{
	uintptr_t a = (uintptr_t)p->name, end = (uintptr_t)mod->base + mod->size;

	if (!in_module(mod, a, 1))
		return NULL;
	for (const char *c = p->name; (uintptr_t)c < end; c++)
		if (!*c)
			return c == p->name ? NULL : p->name;
	return NULL;
}

/* The table's section: shape on the file, entries once relocated. */
static int find_table(struct load_info *info, struct kit_module *mod,
		      const struct kit_module_param **tab, size_t *n)
{
	*tab = NULL;
	*n = 0;
	for (unsigned int i = 1; i < info->shnum; i++) {
		const Elf64_Shdr *s = &info->sh[i];

		if (kit_strcmp(kit_modsec_name(info, i), KIT_MODPARAM_SECTION))
			continue;
		if (*tab || s->sh_type != SHT_PROGBITS || !info->sec_addr[i] ||
		    s->sh_size % sizeof(**tab) || s->sh_addralign < _Alignof(struct kit_module_param))
			return kit_modfail(info, -EINVAL,
					   "malformed object: %s is not one loaded, aligned table of parameters",
					   KIT_MODPARAM_SECTION);
		*tab = (const void *)info->sec_addr[i];
		*n = s->sh_size / sizeof(**tab);
	}
	for (size_t k = 0; k < *n; k++) {
		const struct kit_module_param *p = &(*tab)[k];
		size_t size = param_size(p->type);

		if (!param_name(mod, p) || !size || !in_module(mod, (uintptr_t)p->addr, size))
			return kit_modfail(info, -EINVAL,
					   "malformed object: parameter %zu of %s has its name, type (%u) or variable outside the module",
					   k, KIT_MODPARAM_SECTION, p->type);
	}
	return 0;
}

static int set_param(struct load_info *info, const struct kit_module_param *p,
		     const char *name, char *val)
{
	long long v;
	bool b;

	switch (p->type) {
	case KIT_PARAM_INT:
		if (!val || kit_kstrtoll(val, 0, &v) || v < INT_MIN || v > INT_MAX)
			break;
		*(int *)p->addr = (int)v;
		return 0;
	case KIT_PARAM_BOOL:
		if (val && kit_kstrtobool(val, &b))
			break;
		*(bool *)p->addr = val ? b : true;	/* a bare name sets it */
		return 0;
	case KIT_PARAM_CHARP:
		if (!val)
			break;
		*(char **)p->addr = val;	/* in mod->param_args: lives as long as mod */
		return 0;
	}
	return kit_modfail(info, -EINVAL, "'%s' invalid for parameter '%s'", val ? val : "",
			   name);
}

int kit_modparams(struct load_info *info, struct kit_module *mod, const char *args)
{
	const struct kit_module_param *tab;
	char *argv[KIT_MODPARAM_MAX];
	int argc, err;
	size_t n;

	err = find_table(info, mod, &tab, &n);
	if (err)
		return err;
	mod->params = tab;
	mod->nr_params = n;
	if (!args || !*args)
		return 0;
	mod->param_args = kit_zalloc(kit_strlen(args) + 1);
	if (!mod->param_args)
		return kit_modfail(info, -ENOMEM, "out of memory for its parameters");
	kit_memcpy(mod->param_args, args, kit_strlen(args));
	argc = kit_split_args(mod->param_args, argv, KIT_MODPARAM_MAX);
	if (argc < 0)
		return kit_modfail(info, -E2BIG, "more than %d parameters", KIT_MODPARAM_MAX);
	for (int i = 0; i < argc; i++) {
		char *eq = kit_strchr(argv[i], '=');
		const struct kit_module_param *p = NULL;

		if (eq)
			*eq = '\0';
		for (size_t k = 0; k < n && !p; k++)
			if (!kit_strcmp(tab[k].name, argv[i]))
				p = &tab[k];
		if (!p)
			return kit_modfail(info, -ENOENT, "unknown parameter '%s'", argv[i]);
		err = set_param(info, p, argv[i], eq ? eq + 1 : NULL);
		if (err)
			return err;
	}
	return 0;
}

/*
 * module/<name>/parameters/<param>, as upstream's /sys/module: int and
 * bool parameters 0644 (a write sets the variable the module reads),
 * charp 0444 (its text lives in the load's argument copy).  Values as
 * upstream prints them: an int in decimal, a bool Y or N.
 */
static int param_show(const struct kit_control_call *c, char *buf, size_t size)
{
	const struct kit_module_param *p = c->priv;

	switch (p->type) {
	case KIT_PARAM_INT:
		return kit_snprintf(buf, size, "%d\n", *(const int *)p->addr);
	case KIT_PARAM_BOOL:
		return kit_snprintf(buf, size, "%c\n", *(const bool *)p->addr ? 'Y' : 'N');
	default:
		return kit_snprintf(buf, size, "%s\n",
				    *(char *const *)p->addr ? *(char *const *)p->addr : "(null)");
	}
}

static int param_store(const struct kit_control_call *c, const char *value)
{
	const struct kit_module_param *p = c->priv;
	long long v;
	bool b;

	if (p->type == KIT_PARAM_INT) {
		if (kit_kstrtoll(value, 0, &v) || v < INT_MIN || v > INT_MAX)
			return -EINVAL;
		__atomic_store_n((int *)p->addr, (int)v, __ATOMIC_RELAXED);
		return 0;
	}
	if (kit_kstrtobool(value, &b))
		return -EINVAL;
	__atomic_store_n((bool *)p->addr, b, __ATOMIC_RELAXED);
	return 0;
}

void kit_modparams_publish(struct kit_module *mod)
{
	struct kit_control_node *mods, *params;

	if (!mod->nr_params)
		return;		/* upstream has no parameters directory then */
	mods = kit_control_dir(NULL, "module");
	mod->param_dir = mods ? kit_control_dir(mods, mod->name) : NULL;
	params = mod->param_dir ? kit_control_dir(mod->param_dir, "parameters") : NULL;
	if (!params) {
		kit_printk("kit: module %s: no room for module/%s/parameters\n", mod->name,
			   mod->name);
		return;
	}
	for (size_t i = 0; i < mod->nr_params; i++) {
		const struct kit_module_param *p = &mod->params[i];
		bool rw = p->type != KIT_PARAM_CHARP;

		if (kit_control_file(params, p->name, rw ? 0644 : 0444, param_show,
				     rw ? param_store : NULL, (void *)p))
			kit_printk("kit: module %s: parameter %s not in the control tree\n",
				   mod->name, p->name);
	}
}

void kit_modparams_unpublish(struct kit_module *mod)
{
	kit_control_remove(mod->param_dir);
	mod->param_dir = NULL;
}
