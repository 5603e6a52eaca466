// SPDX-License-Identifier: GPL-2.0
/*
 * Livepatch relocations (Documentation/livepatch/module-elf-format.rst).
 * A patch module refers to symbols of the object it patches, local ones
 * included, through sections `.klp.rela.<objname>.<section>` whose
 * symbols are `.klp.sym.<objname>.<symname>,<sympos>` with st_shndx
 * SHN_LIVEPATCH.  They are applied once <objname> is present: the kit
 * image ("vmlinux") always is, so the loader applies those right after
 * the normal relocations, with the same arch code; those for a kit module
 * are applied by the livepatch core when that module is loaded (before
 * the patch is enabled, or as the module comes), against its symbols.
 */
#include <elf.h>

#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/parser.h>
#include <kit/printk.h>
#include <kit/string.h>

#include "module_internal.h"

#define KLP_NAME_MAX	128

/*
 * Split ".klp.sym.<obj>.<name>,<pos>" into its parts; the object name has
 * no '.', the symbol name may have some, the position is decimal.
 */
static bool parse_klp_sym(const char *s, char *obj, size_t objsz, char *name,
			  size_t namesz, unsigned long *pos)
{
	const char *dot, *comma;
	unsigned long long p;
	char num[24];

	if (kit_strncmp(s, ".klp.sym.", 9))
		return false;
	s += 9;
	dot = kit_strchr(s, '.');
	comma = kit_strrchr(s, ',');
	if (!dot || !comma || comma < dot || dot == s || comma == dot + 1 ||
	    (size_t)(dot - s) >= objsz || (size_t)(comma - dot - 1) >= namesz ||
	    kit_strlen(comma + 1) >= sizeof(num) || !comma[1])
		return false;
	kit_memcpy(obj, s, dot - s);
	obj[dot - s] = '\0';
	kit_memcpy(name, dot + 1, comma - dot - 1);
	name[comma - dot - 1] = '\0';
	kit_strscpy(num, comma + 1, sizeof(num));
	if (kit_kstrtoull(num, 10, &p))
		return false;
	*pos = p;
	return true;
}

static int klp_value(struct load_info *info, unsigned int symi, uint64_t *val,
		     const void *arg)
{
	const char *objname = arg;
	const Elf64_Sym *sym = &info->sym[symi];
	const char *full = kit_modsym_name(info, symi);
	char obj[KLP_NAME_MAX], name[KLP_NAME_MAX];
	unsigned long pos;

	if (sym->st_shndx == SHN_UNDEF) {
		*val = kit_modlookup(full, 0);
		if (!*val && ELF64_ST_BIND(sym->st_info) != STB_WEAK)
			return kit_modfail(info, -ENOENT, "missing symbol %s", full);
		return 0;
	}
	if (sym->st_shndx == SHN_ABS) {
		*val = sym->st_value;
		return 0;
	}
	if (sym->st_shndx != KIT_SHN_LIVEPATCH) {
		if (!info->sec_addr[sym->st_shndx])
			return kit_modfail(info, -EINVAL,
					   "malformed object: relocation against %s in unloaded section %s",
					   full, kit_modsec_name(info, sym->st_shndx));
		*val = info->sec_addr[sym->st_shndx] + sym->st_value;
		return 0;
	}
	if (!parse_klp_sym(full, obj, sizeof(obj), name, sizeof(name), &pos))
		return kit_modfail(info, -EINVAL,
				   "malformed object: livepatch symbol '%s' is not .klp.sym.<obj>.<name>,<pos>",
				   full);
	if (kit_strcmp(obj, objname))
		return kit_modfail(info, -EINVAL,
				   "livepatch symbol %s belongs to %s, not %s", full, obj, objname);
	if (kit_strcmp(objname, "vmlinux")) {
		struct kit_module *target = kit_module_find(objname);
		const struct kit_module_sym *ms = NULL;

		*val = target && !kit_module_find_sym(target, name, pos, &ms) ? ms->addr : 0;
	} else {
		*val = kit_modlookup(name, pos);
	}
	if (!*val)
		return kit_modfail(info, -ENOENT, "missing symbol %s (position %lu in %s)",
				   name, pos, objname);
	return 0;
}

/* Does section @idx read ".klp.rela.<objname>.<something>"? */
static bool klp_rela_for(const struct load_info *info, unsigned int idx,
			 const char *objname)
{
	const char *n = kit_modsec_name(info, idx);
	size_t len = kit_strlen(objname);

	return !kit_strncmp(n, ".klp.rela.", 10) && !kit_strncmp(n + 10, objname, len) &&
	       n[10 + len] == '.' && n[11 + len];
}

/*
 * At load, before anything is allocated: every livepatch relocation
 * section names its object, .klp.rela.<object>.<section>, the object a
 * name a module can have (no '.', shorter than a module name).  Those for
 * a module are applied once a patch of this module names it (the
 * livepatch core checks that every one is named); a module loaded without
 * its init (@run false) enables no patch, so it can only have vmlinux's.
 */
int kit_klp_check(const struct load_info *info, bool run)
{
	for (unsigned int i = 1; i < info->shnum; i++) {
		const char *n = kit_modsec_name(info, i), *dot;

		if (info->sh[i].sh_type != SHT_RELA || kit_strncmp(n, ".klp.rela.", 10))
			continue;
		dot = kit_strchr(n + 10, '.');
		if (!dot || dot == n + 10 || !dot[1])
			return kit_modfail(info, -EINVAL,
					   "malformed object: livepatch relocation section %s is not .klp.rela.<object>.<section>",
					   n);
		if (dot - n - 10 >= KIT_MODULE_NAME_LEN)
			return kit_modfail(info, -EINVAL,
					   "malformed object: livepatch relocation section %s names an object longer than a module name",
					   n);
		if (!run && !klp_rela_for(info, i, "vmlinux"))
			return kit_modfail(info, -ENOENT,
					   "livepatch relocations %s for object %.*s: only vmlinux, with no init run to enable a patch naming it",
					   n, (int)(dot - n - 10), n + 10);
	}
	return 0;
}

int kit_klp_objects(const struct kit_module *mod, bool (*named)(const char *obj, void *arg),
		    void *arg)
{
	struct load_info info = {
		.name = mod->name,
		.img = mod->klp.image,
		.size = mod->klp.size,
	};
	char obj[KIT_MODULE_NAME_LEN];
	int err;

	if (!mod->klp.image)
		return 0;
	err = kit_modcheck(&info);
	if (err)
		return err;
	for (unsigned int i = 1; i < info.shnum; i++) {
		const char *n = kit_modsec_name(&info, i), *dot;

		if (info.sh[i].sh_type != SHT_RELA || kit_strncmp(n, ".klp.rela.", 10))
			continue;
		dot = kit_strchr(n + 10, '.');	/* kit_klp_check made sure */
		kit_memcpy(obj, n + 10, dot - n - 10);
		obj[dot - n - 10] = '\0';
		if (kit_strcmp(obj, "vmlinux") && !named(obj, arg))
			return kit_modfail(&info, -ENOENT,
					   "livepatch relocations %s for object %s, which no patch of it names",
					   n, obj);
	}
	return 0;
}

int kit_klp_apply_relocs(struct kit_module *mod, const char *objname)
{
	struct load_info info = {
		.name = mod->name,
		.img = mod->klp.image,
		.size = mod->klp.size,
	};
	int err;

	if (!mod->klp.image)
		return kit_modfail(&info, -EINVAL, "not a livepatch module");
	if (kit_strcmp(objname, "vmlinux") && !kit_module_find(objname))
		return kit_modfail(&info, -ENOENT,
				   "livepatch object %s is not loaded (only vmlinux and loaded modules can be)",
				   objname);
	err = kit_modcheck(&info);
	if (err)
		return err;
	info.sec_addr = mod->klp.sec_addr;
	for (unsigned int i = 1; i < info.shnum; i++) {
		if (info.sh[i].sh_type != SHT_RELA || !klp_rela_for(&info, i, objname))
			continue;
		if (!(info.sh[info.sh[i].sh_info].sh_flags & SHF_ALLOC))
			return kit_modfail(&info, -EINVAL,
					   "malformed object: %s relocates an unloaded section",
					   kit_modsec_name(&info, i));
		err = kit_modapply_rela(&info, mod, i, klp_value, objname);
		if (err)
			return err;
	}
	arch_module_flush(mod->base, mod->size);
	return 0;
}
