// SPDX-License-Identifier: GPL-2.0
/*
 * The loader's view of one untrusted ELF file: every header, section,
 * symbol and RELA field is checked before use, and one RELA section is
 * applied through the arch with a caller-given symbol resolution.  Both
 * the loader (module.c, normal relocations) and the livepatch relocation
 * code (module_klp.c) build on it; it calls neither, so the loader calls
 * module_klp.c one way only.
 */
#include <elf.h>
#include <stdarg.h>

#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/sort.h>
#include <kit/string.h>

#include "module_internal.h"

int kit_modfail(const struct load_info *info, int err, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	kit_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	kit_printk("kit: module %s: %s\n", info->name, buf);
	return err;
}

/* Section @idx's name; "?" for an index or offset the file got wrong. */
const char *kit_modsec_name(const struct load_info *info, unsigned int idx)
{
	if (idx >= info->shnum || info->sh[idx].sh_name >= info->shstr_size)
		return "?";
	return info->shstr + info->sh[idx].sh_name;
}

/* Symbol @idx's name, already checked to lie inside the string table. */
const char *kit_modsym_name(const struct load_info *info, unsigned int idx)
{
	const Elf64_Sym *s = &info->sym[idx];

	if (ELF64_ST_TYPE(s->st_info) == STT_SECTION)
		return kit_modsec_name(info, s->st_shndx);
	return info->str + s->st_name;
}

static bool range_ok(uint64_t off, uint64_t len, uint64_t size)
{
	return off <= size && len <= size - off;
}

/* A string table must end in NUL, so every offset into it is a C string. */
static int check_strtab(const struct load_info *info, unsigned int idx,
			const char *what)
{
	const Elf64_Shdr *s = &info->sh[idx];

	if (s->sh_type != SHT_STRTAB || !s->sh_size ||
	    info->img[s->sh_offset + s->sh_size - 1] != '\0')
		return kit_modfail(info, -EINVAL,
				   "malformed object: %s (section %u) is not a NUL-terminated string table",
				   what, idx);
	return 0;
}

/* The loader reads ELF structures as they lie: in the kit's own byte order. */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define KIT_ELFDATA	ELFDATA2MSB
#define KIT_ENDIAN	"big-endian"
#else
#define KIT_ELFDATA	ELFDATA2LSB
#define KIT_ENDIAN	"little-endian"
#endif

static int check_header(struct load_info *info)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)info->img;

	if (info->size < sizeof(*eh) || kit_memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return kit_modfail(info, -EINVAL, "malformed object: not an ELF file (%zu bytes)",
				   info->size);
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != KIT_ELFDATA ||
	    eh->e_ident[EI_VERSION] != EV_CURRENT)
		return kit_modfail(info, -EINVAL,
				   "malformed object: not 64-bit " KIT_ENDIAN " ELF version 1 (class %u, data %u, version %u)",
				   eh->e_ident[EI_CLASS], eh->e_ident[EI_DATA],
				   eh->e_ident[EI_VERSION]);
	if (eh->e_type != ET_REL)
		return kit_modfail(info, -EINVAL,
				   "malformed object: ELF type %u, not relocatable (ET_REL)",
				   eh->e_type);
	if (eh->e_machine != arch_module_machine)
		return kit_modfail(info, -EINVAL, "wrong machine %u (this kit loads %u)",
				   eh->e_machine, arch_module_machine);
	if (eh->e_shentsize != sizeof(Elf64_Shdr))
		return kit_modfail(info, -EINVAL,
				   "malformed object: section headers of %u bytes, not %zu",
				   eh->e_shentsize, sizeof(Elf64_Shdr));
	/* e_shnum 0 means "more than 0xff00, see section 0": never a module */
	if (!eh->e_shnum || eh->e_shnum >= SHN_LORESERVE)
		return kit_modfail(info, -EINVAL, "malformed object: %u section headers",
				   eh->e_shnum);
	if (!range_ok(eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr), info->size) ||
	    eh->e_shoff % 8 || eh->e_shoff < sizeof(*eh))
		return kit_modfail(info, -EINVAL,
				   "malformed object: section header table (%u at 0x%llx) out of the file",
				   eh->e_shnum, (unsigned long long)eh->e_shoff);
	if (eh->e_shstrndx == SHN_UNDEF || eh->e_shstrndx >= eh->e_shnum)
		return kit_modfail(info, -EINVAL,
				   "malformed object: section name table index %u out of range",
				   eh->e_shstrndx);
	info->eh = eh;
	info->sh = (const Elf64_Shdr *)(info->img + eh->e_shoff);
	info->shnum = eh->e_shnum;
	return 0;
}

/* One byte range of the file: a section's contents, or a header. */
struct extent {
	uint64_t start, end;
	unsigned int idx;	/* section index; 0: ELF header, shnum: section headers */
};

static int extent_cmp(const void *a, const void *b)
{
	const struct extent *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static const char *extent_name(const struct load_info *info, unsigned int idx, char *buf,
			       size_t size)
{
	if (!idx)
		return "the ELF header";
	if (idx == info->shnum)
		return "the section header table";
	kit_snprintf(buf, size, "section %u", idx);
	return buf;
}

/*
 * No two pieces of the file share bytes: a section read as two things
 * (symbols and strings, relocations and code) is a damaged or hostile
 * file, whatever each reading would make of it.  Sorted, so O(n log n).
 */
static int check_overlaps(const struct load_info *info)
{
	struct extent *e = kit_zalloc((info->shnum + 1) * sizeof(*e));
	unsigned int n = 0;
	int err = 0;

	if (!e)
		return kit_modfail(info, -ENOMEM, "out of memory");
	e[n++] = (struct extent){ 0, sizeof(Elf64_Ehdr), 0 };
	e[n++] = (struct extent){ info->eh->e_shoff,
				  info->eh->e_shoff + info->shnum * sizeof(Elf64_Shdr), info->shnum };
	for (unsigned int i = 1; i < info->shnum; i++) {
		const Elf64_Shdr *s = &info->sh[i];

		if (s->sh_type != SHT_NOBITS && s->sh_type != SHT_NULL && s->sh_size)
			e[n++] = (struct extent){ s->sh_offset, s->sh_offset + s->sh_size, i };
	}
	kit_sort(e, n, sizeof(*e), extent_cmp, NULL);
	for (unsigned int k = 1; k < n && !err; k++) {
		char a[24], b[24];

		if (e[k].start < e[k - 1].end)
			err = kit_modfail(info, -EINVAL,
					  "malformed object: %s and %s overlap in the file (at 0x%llx)",
					  extent_name(info, e[k - 1].idx, a, sizeof(a)),
					  extent_name(info, e[k].idx, b, sizeof(b)),
					  (unsigned long long)e[k].start);
	}
	kit_free(e);
	return err;
}

static int check_sections(struct load_info *info)
{
	const Elf64_Shdr *shstr = &info->sh[info->eh->e_shstrndx];
	int err;

	for (unsigned int i = 1; i < info->shnum; i++) {
		const Elf64_Shdr *s = &info->sh[i];

		if (s->sh_type == SHT_NULL && (s->sh_flags & SHF_ALLOC))
			return kit_modfail(info, -EINVAL,
					   "malformed object: section %u has no type but is allocated", i);
		if (s->sh_type != SHT_NOBITS && s->sh_type != SHT_NULL &&
		    !range_ok(s->sh_offset, s->sh_size, info->size))
			return kit_modfail(info, -EINVAL,
					   "malformed object: section %u extends beyond the file", i);
		if (s->sh_addralign & (s->sh_addralign - 1) || s->sh_addralign > 4096)
			return kit_modfail(info, -EINVAL,
					   "malformed object: section %u has alignment %llu", i,
					   (unsigned long long)s->sh_addralign);
		if ((s->sh_flags & SHF_ALLOC) && s->sh_size > KIT_MODULE_MAX_SIZE)
			return kit_modfail(info, -EINVAL,
					   "malformed object: section %u is %llu bytes", i,
					   (unsigned long long)s->sh_size);
	}
	if (shstr->sh_type != SHT_STRTAB)
		return kit_modfail(info, -EINVAL, "malformed object: no section name table");
	err = check_overlaps(info);
	if (err)
		return err;
	err = check_strtab(info, info->eh->e_shstrndx, "section name table");
	if (err)
		return err;
	info->shstr = (const char *)info->img + shstr->sh_offset;
	info->shstr_size = shstr->sh_size;
	return 0;
}

static int check_symtab(struct load_info *info)
{
	const Elf64_Shdr *s = NULL;
	int err;

	for (unsigned int i = 1; i < info->shnum; i++) {
		if (info->sh[i].sh_type != SHT_SYMTAB)
			continue;
		if (s)
			return kit_modfail(info, -EINVAL, "malformed object: two symbol tables");
		s = &info->sh[i];
		info->symtab_idx = i;
	}
	if (!s)
		return kit_modfail(info, -EINVAL, "malformed object: no symbol table");
	if (s->sh_entsize != sizeof(Elf64_Sym) || s->sh_size % sizeof(Elf64_Sym) ||
	    s->sh_offset % 8 || !s->sh_size)
		return kit_modfail(info, -EINVAL,
				   "malformed object: symbol table (section %u) of %llu bytes at 0x%llx is not an aligned array of %zu-byte entries",
				   info->symtab_idx, (unsigned long long)s->sh_size,
				   (unsigned long long)s->sh_offset, sizeof(Elf64_Sym));
	if (s->sh_link == 0 || s->sh_link >= info->shnum)
		return kit_modfail(info, -EINVAL,
				   "malformed object: symbol table's string table index %u out of range",
				   s->sh_link);
	err = check_strtab(info, s->sh_link, "symbol string table");
	if (err)
		return err;
	info->sym = (const Elf64_Sym *)(info->img + s->sh_offset);
	info->nsyms = s->sh_size / sizeof(Elf64_Sym);
	info->str = (const char *)info->img + info->sh[s->sh_link].sh_offset;
	info->str_size = info->sh[s->sh_link].sh_size;

	/* symbol 0 is the null symbol: relocations may name it (S = 0) */
	if (info->nsyms) {
		static const Elf64_Sym null_sym;

		if (kit_memcmp(&info->sym[0], &null_sym, sizeof(null_sym)))
			return kit_modfail(info, -EINVAL,
					   "malformed object: symbol 0 is not the null symbol");
	}
	for (unsigned int i = 1; i < info->nsyms; i++) {
		const Elf64_Sym *sym = &info->sym[i];
		unsigned int shndx = sym->st_shndx;

		if (sym->st_name >= info->str_size)
			return kit_modfail(info, -EINVAL,
					   "malformed object: symbol %u's name is out of the string table", i);
		if (shndx == SHN_UNDEF || shndx == SHN_ABS || shndx == KIT_SHN_LIVEPATCH)
			continue;
		if (shndx == SHN_COMMON)
			return kit_modfail(info, -EINVAL,
					   "malformed object: common symbol %s (build with -fno-common)",
					   info->str + sym->st_name);
		if (shndx >= info->shnum)
			return kit_modfail(info, -EINVAL,
					   "malformed object: symbol %s in section %u of %u",
					   info->str + sym->st_name, shndx, info->shnum);
		if (sym->st_value > info->sh[shndx].sh_size)
			return kit_modfail(info, -EINVAL,
					   "malformed object: symbol %s lies outside its section",
					   info->str + sym->st_name);
	}
	return 0;
}

static int check_relas(struct load_info *info)
{
	for (unsigned int i = 1; i < info->shnum; i++) {
		const Elf64_Shdr *s = &info->sh[i];

		if (s->sh_type == SHT_REL)
			return kit_modfail(info, -EINVAL,
					   "malformed object: REL section %s (only RELA is supported)",
					   kit_modsec_name(info, i));
		if (s->sh_type != SHT_RELA)
			continue;
		if (s->sh_entsize != sizeof(Elf64_Rela) || s->sh_size % sizeof(Elf64_Rela) ||
		    s->sh_offset % 8)
			return kit_modfail(info, -EINVAL,
					   "malformed object: relocation section %s is not an aligned array of %zu-byte entries",
					   kit_modsec_name(info, i), sizeof(Elf64_Rela));
		if (s->sh_link != info->symtab_idx)
			return kit_modfail(info, -EINVAL,
					   "malformed object: relocation section %s links section %u, not the symbol table (%u)",
					   kit_modsec_name(info, i), s->sh_link, info->symtab_idx);
		if (s->sh_info == 0 || s->sh_info >= info->shnum)
			return kit_modfail(info, -EINVAL,
					   "malformed object: relocation section %s applies to section %u of %u",
					   kit_modsec_name(info, i), s->sh_info, info->shnum);
	}
	return 0;
}

int kit_modcheck(struct load_info *info)
{
	int err;

	if ((err = check_header(info)) || (err = check_sections(info)) ||
	    (err = check_symtab(info)) || (err = check_relas(info)))
		return err;
	return 0;
}

/*
 * Apply one RELA section.  @value gives S for a symbol index (normal or
 * livepatch resolution); the target section must be loaded.
 */
int kit_modapply_rela(struct load_info *info, struct kit_module *mod, unsigned int idx,
		      int (*value)(struct load_info *, unsigned int, uint64_t *, const void *),
		      const void *arg)
{
	const Elf64_Shdr *s = &info->sh[idx];
	const Elf64_Shdr *target = &info->sh[s->sh_info];
	const Elf64_Rela *rel = (const void *)(info->img + s->sh_offset);
	uintptr_t base = info->sec_addr[s->sh_info];

	if (!base || target->sh_type == SHT_NOBITS)
		return kit_modfail(info, -EINVAL,
				   "malformed object: %s relocates %s, which is not loaded data",
				   kit_modsec_name(info, idx), kit_modsec_name(info, s->sh_info));
	for (size_t k = 0; k < s->sh_size / sizeof(*rel); k++) {
		unsigned int symi = ELF64_R_SYM(rel[k].r_info);
		struct kit_reloc r = { .type = ELF64_R_TYPE(rel[k].r_info) };
		uint64_t sval;
		const char *tname;
		int err;

		if (symi >= info->nsyms)
			return kit_modfail(info, -EINVAL,
					   "malformed object: %s entry %zu: symbol %u of %u",
					   kit_modsec_name(info, idx), k, symi, info->nsyms);
		if (rel[k].r_offset >= target->sh_size)
			return kit_modfail(info, -EINVAL,
					   "malformed object: %s entry %zu: offset 0x%llx beyond %s",
					   kit_modsec_name(info, idx), k,
					   (unsigned long long)rel[k].r_offset,
					   kit_modsec_name(info, s->sh_info));
		err = value(info, symi, &sval, arg);
		if (err)
			return err;
		r.st_other = info->sym[symi].st_other;
		r.external = info->sym[symi].st_shndx == SHN_UNDEF ||
			     info->sym[symi].st_shndx == SHN_ABS ||
			     info->sym[symi].st_shndx == KIT_SHN_LIVEPATCH;
		r.loc = (void *)(base + rel[k].r_offset);
		r.room = target->sh_size - rel[k].r_offset;
		r.val = sval + rel[k].r_addend;
		err = arch_apply_relocation(mod, &r);
		if (!err)
			continue;
		tname = arch_reloc_name(r.type);
		if (err == -ENOSYS || !tname)
			return kit_modfail(info, -ENOSYS,
					   "unsupported relocation type %u in section %s",
					   r.type, kit_modsec_name(info, idx));
		return kit_modfail(info, err, "%s against %s at %s+0x%llx: %s", tname,
				   kit_modsym_name(info, symi), kit_modsec_name(info, s->sh_info),
				   (unsigned long long)rel[k].r_offset,
				   err == -ERANGE ? "value out of range" :
				   err == -ENOSPC ? "no PLT entry left" :
				   "field does not fit or holds an unexpected instruction");
	}
	return 0;
}
