// SPDX-License-Identifier: GPL-2.0
/*
 * The module loader: a relocatable ELF object (ET_REL) is checked field by
 * field (the file is never trusted), its SHF_ALLOC sections laid out in one
 * block of module memory within branch range of kit text, its undefined
 * symbols resolved through kallsyms, its relocations applied by the arch,
 * its livepatch relocations for the kit image applied after those, its ORC
 * and ftrace sites registered, and its init function run.  Any failure
 * undoes every step and prints one message that names the problem.
 *
 * Called from the control thread only: the module list (module_list.c)
 * has no lock.
 */
#include <elf.h>

#include <kit/kernel.h>
#include <kit/mm.h>
#include <kit/module.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/string.h>

#include "module_internal.h"

static size_t module_bytes;

static const struct kit_module_alloc_ops default_alloc_ops = {
	.alloc = kit_module_alloc,
	.free = kit_module_free,
};

static bool is_klp_rela(const struct load_info *info, unsigned int idx)
{
	return !kit_strncmp(kit_modsec_name(info, idx), ".klp.rela.", 10);
}

static size_t align_up(size_t x, size_t a)
{
	return a > 1 ? (x + a - 1) & ~(a - 1) : x;
}

/*
 * Give every SHF_ALLOC section an offset: code, then read-only data, then
 * data, then bss, then the PLT, counted here so it never runs out.
 */
static size_t layout(struct load_info *info, struct kit_module *mod, size_t *plt_off)
{
	static const struct {
		uint64_t mask, want;
		bool nobits;
	} passes[] = {
		{ SHF_EXECINSTR, SHF_EXECINSTR, false },
		{ SHF_EXECINSTR | SHF_WRITE, 0, false },
		{ SHF_EXECINSTR | SHF_WRITE, SHF_WRITE, false },
		{ 0, 0, true },
	};
	size_t off = 0;

	for (unsigned int p = 0; p < ARRAY_SIZE(passes); p++) {
		for (unsigned int i = 1; i < info->shnum; i++) {
			const Elf64_Shdr *s = &info->sh[i];

			if (!(s->sh_flags & SHF_ALLOC) || info->sec_off[i] != (size_t)-1)
				continue;
			if ((s->sh_type == SHT_NOBITS) != passes[p].nobits ||
			    (!passes[p].nobits && (s->sh_flags & passes[p].mask) != passes[p].want))
				continue;
			off = align_up(off, kit_modtable_align(info, i));
			info->sec_off[i] = off;
			off += s->sh_size;
		}
	}

	mod->plt_max = 0;
	if (arch_module_plt_entry_size) {
		for (unsigned int i = 1; i < info->shnum; i++) {
			const Elf64_Shdr *s = &info->sh[i];
			const Elf64_Rela *r;

			if (s->sh_type != SHT_RELA)
				continue;	/* only RELA offsets were checked */
			r = (const void *)(info->img + s->sh_offset);
			for (size_t k = 0; k < s->sh_size / sizeof(*r); k++)
				mod->plt_max += arch_module_plt_entries(ELF64_R_TYPE(r[k].r_info));
		}
	}
	off = align_up(off, 16);
	*plt_off = off;
	return off + (size_t)mod->plt_max * arch_module_plt_entry_size;
}

static int copy_sections(struct load_info *info, struct kit_module *mod)
{
	for (unsigned int i = 1; i < info->shnum; i++) {
		const Elf64_Shdr *s = &info->sh[i];
		char *dst;

		if (info->sec_off[i] == (size_t)-1)
			continue;
		dst = (char *)mod->base + info->sec_off[i];
		info->sec_addr[i] = (uintptr_t)dst;
		if (s->sh_type == SHT_NOBITS)
			kit_memset(dst, 0, s->sh_size);
		else
			kit_memcpy(dst, info->img + s->sh_offset, s->sh_size);
		arch_module_section(mod, kit_modsec_name(info, i), (uintptr_t)dst, s->sh_size);
		if (s->sh_flags & SHF_EXECINSTR) {
			if (!mod->text_start || (uintptr_t)dst < mod->text_start)
				mod->text_start = (uintptr_t)dst;
			if ((uintptr_t)dst + s->sh_size > mod->text_end)
				mod->text_end = (uintptr_t)dst + s->sh_size;
		}
	}
	return 0;
}

/* Resolve every symbol of the normal (non-livepatch) kind to an address. */
static int resolve_symbols(struct load_info *info, const struct kit_module *mod)
{
	for (unsigned int i = 1; i < info->nsyms; i++) {
		const Elf64_Sym *sym = &info->sym[i];
		const char *name = info->str + sym->st_name;

		switch (sym->st_shndx) {
		case SHN_UNDEF:
			if (!*name || arch_module_symbol(mod, name, &info->symval[i]))
				continue;
			info->symval[i] = kit_modlookup(name, 0);
			if (!info->symval[i] && ELF64_ST_BIND(sym->st_info) != STB_WEAK)
				return kit_modfail(info, -ENOENT, "missing symbol %s", name);
			break;
		case SHN_ABS:
			info->symval[i] = sym->st_value;
			break;
		case KIT_SHN_LIVEPATCH:
			break;	/* resolved by kit_klp_apply_relocs */
		default:
			if (info->sec_addr[sym->st_shndx])
				info->symval[i] = info->sec_addr[sym->st_shndx] + sym->st_value;
			break;
		}
	}
	return 0;
}

static int normal_value(struct load_info *info, unsigned int symi, uint64_t *val,
			const void *arg)
{
	const Elf64_Sym *sym = &info->sym[symi];

	(void)arg;
	if (sym->st_shndx == KIT_SHN_LIVEPATCH)
		return kit_modfail(info, -EINVAL,
				   "malformed object: livepatch symbol %s in a normal relocation section",
				   kit_modsym_name(info, symi));
	if (sym->st_shndx != SHN_UNDEF && sym->st_shndx != SHN_ABS &&
	    !info->sec_addr[sym->st_shndx])
		return kit_modfail(info, -EINVAL,
				   "malformed object: relocation against %s in unloaded section %s",
				   kit_modsym_name(info, symi), kit_modsec_name(info, sym->st_shndx));
	*val = info->symval[symi];
	return 0;
}

static int apply_relocations(struct load_info *info, struct kit_module *mod)
{
	for (unsigned int i = 1; i < info->shnum; i++) {
		int err;

		if (info->sh[i].sh_type != SHT_RELA)
			continue;
		if (is_klp_rela(info, i)) {
			mod->livepatch = true;
			continue;
		}
		/* debug info and other unloaded sections are not relocated */
		if (!(info->sh[info->sh[i].sh_info].sh_flags & SHF_ALLOC))
			continue;
		err = kit_modapply_rela(info, mod, i, normal_value, NULL);
		if (err)
			return err;
	}
	return 0;
}

/* Copy out the symbols the module defines, for lookups after load. */
static int keep_symbols(struct load_info *info, struct kit_module *mod)
{
	unsigned int n = 0;

	mod->strtab = kit_zalloc(info->str_size);
	mod->syms = kit_zalloc(info->nsyms * sizeof(*mod->syms));
	if (!mod->strtab || !mod->syms)
		return kit_modfail(info, -ENOMEM, "out of memory for the symbol table");
	kit_memcpy(mod->strtab, info->str, info->str_size);
	for (unsigned int i = 1; i < info->nsyms; i++) {
		const Elf64_Sym *sym = &info->sym[i];
		unsigned int type = ELF64_ST_TYPE(sym->st_info);
		unsigned int bind = ELF64_ST_BIND(sym->st_info);

		if ((type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE) ||
		    !sym->st_name || sym->st_shndx == SHN_UNDEF || sym->st_shndx >= info->shnum ||
		    !info->sec_addr[sym->st_shndx])
			continue;
		mod->syms[n].name = mod->strtab + sym->st_name;
		mod->syms[n].addr = info->symval[i];
		mod->syms[n].size = (uint32_t)sym->st_size;
		mod->syms[n].global = bind == STB_GLOBAL || bind == STB_WEAK;
		mod->syms[n].func = type == STT_FUNC;
		n++;
	}
	mod->nr_syms = n;
	return 0;
}

static uintptr_t find_func(const struct kit_module *mod, const char *name)
{
	for (unsigned int i = 0; i < mod->nr_syms; i++)
		if (mod->syms[i].global && mod->syms[i].func && !kit_strcmp(mod->syms[i].name, name))
			return mod->syms[i].addr;
	return 0;
}

static void free_module(struct kit_module *mod, const struct kit_module_alloc_ops *ops)
{
	if (mod->base) {
		ops->free(mod->base, mod->size);
		module_bytes -= mod->size;
	}
	kit_free(mod->klp.image);
	kit_free(mod->klp.sec_addr);
	kit_free(mod->param_args);
	kit_free(mod->syms);
	kit_free(mod->strtab);
	kit_free(mod);
}

static const struct kit_module_alloc_ops *mod_ops(const struct kit_module *mod)
{
	return mod->alloc_ops ? mod->alloc_ops : &default_alloc_ops;
}

static int do_load(struct load_info *info, struct kit_module *mod,
		   const struct kit_module_alloc_ops *ops)
{
	size_t plt_off;
	int err;

	/* everything the file alone can tell, before anything is allocated */
	if ((err = kit_modcheck(info)) || (err = kit_modcheck_tables(info)) ||
	    (err = kit_klp_check(info, info->run)))
		return err;

	info->sec_off = kit_zalloc(info->shnum * sizeof(*info->sec_off));
	info->sec_addr = kit_zalloc(info->shnum * sizeof(*info->sec_addr));
	info->symval = kit_zalloc(info->nsyms * sizeof(*info->symval));
	if (!info->sec_off || !info->sec_addr || !info->symval)
		return kit_modfail(info, -ENOMEM, "out of memory");
	kit_memset(info->sec_off, 0xff, info->shnum * sizeof(*info->sec_off));

	mod->size = layout(info, mod, &plt_off);
	if (!mod->size)
		return kit_modfail(info, -EINVAL, "malformed object: nothing to load");
	/* each section is at most 1 GiB (module_elf.c), but not their sum */
	if (mod->size > KIT_MODULE_MAX_SIZE)
		return kit_modfail(info, -E2BIG,
				   "malformed object: its sections need %zu bytes of module memory (at most %lu)",
				   mod->size, KIT_MODULE_MAX_SIZE);
	mod->base = ops->alloc(mod->size);
	if (!mod->base)
		return kit_modfail(info, -ENOMEM,
				   "no module memory (%zu bytes) within branch range of kit text",
				   mod->size);
	module_bytes += mod->size;
	mod->plt = (char *)mod->base + plt_off;

	if ((err = copy_sections(info, mod)) || (err = resolve_symbols(info, mod)) ||
	    (err = apply_relocations(info, mod)))
		return err;
	if (mod->livepatch) {
		mod->klp.image = (void *)info->img;	/* kept: owned by mod now */
		mod->klp.size = info->size;
		mod->klp.sec_addr = info->sec_addr;
		info->img_owned = false;
		info->sec_addr_owned = false;
		err = kit_klp_apply_relocs(mod, "vmlinux");
		if (err)
			return err;
	}
	if ((err = keep_symbols(info, mod)) || (err = kit_modfind_tables(info, mod)) ||
	    (err = kit_modparams(info, mod, info->args)))
		return err;
	arch_module_flush(mod->base, mod->size);
	mod->init = (int (*)(void))find_func(mod, "kit_module_init");
	mod->exit = (void (*)(void))find_func(mod, "kit_module_exit");
	return 0;
}

/* Load, register and (when @run) run the init of the module in @image. */
static int load_image(const char *name, const void *image, size_t size,
		      const struct kit_module_alloc_ops *ops, const char *args, bool run,
		      struct kit_module **out)
{
	struct load_info info = { .name = name, .args = args, .run = run, .size = size };
	struct kit_module *mod;
	void *copy;
	int err;

	*out = NULL;
	if (kit_module_find(name)) {
		kit_printk("kit: module %s: already loaded\n", name);
		return -EEXIST;
	}
	mod = kit_zalloc(sizeof(*mod));
	/* an aligned private copy: the caller's buffer may be anything */
	copy = kit_zalloc(size ? size : 1);
	if (!mod || !copy) {
		kit_free(mod);
		kit_free(copy);
		return kit_modfail(&info, -ENOMEM, "out of memory");
	}
	kit_memcpy(copy, image, size);
	info.img = copy;
	info.img_owned = info.sec_addr_owned = true;
	kit_strscpy(mod->name, name, sizeof(mod->name));
	mod->alloc_ops = ops == &default_alloc_ops ? NULL : ops;

	err = do_load(&info, mod, ops);
	if (!err)
		err = kit_modregister(mod);
	if (!err && run) {
		/* listed while coming, as upstream: a patch it enables finds it */
		mod->state = KIT_MODULE_STATE_COMING;
		kit_modlist_add(mod);
		err = kit_modcoming(mod);
		if (!err && mod->init) {
			err = mod->init();
			if (err) {
				kit_printk("kit: module %s: kit_module_init failed: %s\n", name,
					   kit_errname(err));
				mod->state = KIT_MODULE_STATE_GOING;
				kit_modgoing(mod);
			}
		}
		kit_modlist_del(mod);
		if (err)
			kit_modunregister(mod);
	}
	if (info.img_owned)
		kit_free(copy);
	if (info.sec_addr_owned)
		kit_free(info.sec_addr);
	kit_free(info.sec_off);
	kit_free(info.symval);
	if (err) {
		free_module(mod, ops);
		return err;
	}
	mod->state = KIT_MODULE_STATE_LIVE;
	kit_modlist_add(mod);
	if (run)
		kit_modparams_publish(mod);
	*out = mod;
	return 0;
}

int kit_module_load_ops(const char *name, const void *image, size_t size,
			const struct kit_module_alloc_ops *ops, struct kit_module **out)
{
	return load_image(name, image, size, ops, NULL, true, out);
}

int kit_module_load_args(const char *name, const void *image, size_t size,
			 const char *args, struct kit_module **out)
{
	return load_image(name, image, size, &default_alloc_ops, args, true, out);
}

int kit_module_load(const char *name, const void *image, size_t size,
		    struct kit_module **out)
{
	return kit_module_load_ops(name, image, size, &default_alloc_ops, out);
}

void kit_modname_from_path(const char *path, char *name, size_t size)
{
	const char *base = kit_strrchr(path, '/');
	size_t len;

	kit_strscpy(name, base ? base + 1 : path, size);
	len = kit_strlen(name);
	if (len > 3 && !kit_strcmp(name + len - 3, ".ko"))
		name[len - 3] = '\0';
}

int kit_module_load_file(const char *path, struct kit_module **out)
{
	return kit_module_load_file_args(path, NULL, out);
}

int kit_module_load_file_args(const char *path, const char *args, struct kit_module **out)
{
	char name[KIT_MODULE_NAME_LEN];
	size_t size;
	void *data;
	int err;

	*out = NULL;
	kit_modname_from_path(path, name, sizeof(name));
	err = kit_plat_read_file(path, &data, &size);
	if (err) {
		kit_printk("kit: module %s: cannot read %s: %s\n", name, path, kit_errname(err));
		return err;
	}
	err = kit_module_load_args(name, data, size, args, out);
	kit_free(data);
	return err;
}

static void unload(struct kit_module *mod, bool run)
{
	if (!kit_module_listed(mod))
		return;
	mod->state = KIT_MODULE_STATE_GOING;
	kit_modparams_unpublish(mod);
	if (run && mod->exit)
		mod->exit();
	if (run)
		kit_modgoing(mod);
	kit_modunregister(mod);
	kit_modlist_del(mod);
	free_module(mod, mod_ops(mod));
}

void kit_module_unload(struct kit_module *mod)
{
	unload(mod, true);
}

int kit_module_try_load(const char *name, const void *image, size_t size)
{
	return kit_module_try_load_args(name, image, size, NULL);
}

int kit_module_try_load_args(const char *name, const void *image, size_t size,
			     const char *args)
{
	struct kit_module *mod;
	int err = load_image(name, image, size, &default_alloc_ops, args, false, &mod);

	if (!err)
		unload(mod, false);
	return err;
}

size_t kit_module_bytes(void)
{
	return module_bytes;
}
