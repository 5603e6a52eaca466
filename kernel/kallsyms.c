// SPDX-License-Identifier: GPL-2.0
/*
 * kallsyms, hosted: the kit image's own ELF symbol table, read at boot
 * from the image file (kit_plat_image), kept as two arrays: the symbols
 * in address order, and an index of them in (name, address) order that
 * numbers duplicates (old_sympos) and answers lookups by name.  The ELF
 * reader is the minimum needed: the section headers, one SHT_SYMTAB and
 * its string table, every offset checked against the file size.
 */
#include <elf.h>

#include <kit/init.h>
#include <kit/kallsyms.h>
#include <kit/kernel.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/sort.h>
#include <kit/string.h>

static struct kit_ksym *syms;		/* address order */
static unsigned int *by_name;		/* indices into syms, (name, addr) order */
static unsigned long nr_syms;

/* How far back an address lookup looks past uncovering (zero-sized or
 * ended) symbols for one that covers the address. */
#define LOOKUP_BACK	64

static bool in_file(size_t size, uint64_t off, uint64_t len)
{
	return off <= size && len <= size - off;
}

static bool keep(const Elf64_Sym *s, const char *name)
{
	unsigned int type = ELF64_ST_TYPE(s->st_info);
	unsigned int bind = ELF64_ST_BIND(s->st_info);

	if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE)
		return false;
	if (bind != STB_LOCAL && bind != STB_GLOBAL && bind != STB_WEAK)
		return false;
	if (s->st_shndx == SHN_UNDEF || s->st_shndx >= SHN_LORESERVE)
		return false;
	/* no anonymous, mapping ($x, $d) or assembler-local symbols */
	return name[0] && name[0] != '$' && kit_strncmp(name, ".L", 2);
}

static int cmp_addr(const void *a, const void *b)
{
	const struct kit_ksym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	/* same address: the preferred kind first (FUNC, OBJECT, NOTYPE) */
	if (x->type != y->type)
		return x->type > y->type ? -1 : 1;
	if (x->global != y->global)
		return x->global ? -1 : 1;
	return kit_strcmp(x->name, y->name);
}

static int cmp_name(const void *a, const void *b)
{
	const struct kit_ksym *x = &syms[*(const unsigned int *)a];
	const struct kit_ksym *y = &syms[*(const unsigned int *)b];
	int c = kit_strcmp(x->name, y->name);

	if (c)
		return c;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	/* same name and address (rare): keep address order's tie-break */
	return x < y ? -1 : x > y;
}

static int read_symtab(const unsigned char *img, size_t size)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img;
	const Elf64_Shdr *sh, *symtab = NULL, *strtab;
	const Elf64_Sym *esyms;
	const char *strs;
	unsigned long n, kept = 0;

	if (size < sizeof(*eh) || kit_memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_shentsize != sizeof(Elf64_Shdr) ||
	    !in_file(size, eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(*sh)))
		return -EINVAL;
	sh = (const Elf64_Shdr *)(img + eh->e_shoff);
	for (unsigned int i = 0; i < eh->e_shnum; i++)
		if (sh[i].sh_type == SHT_SYMTAB) {
			symtab = &sh[i];
			break;
		}
	if (!symtab)
		return -ENOENT;		/* a stripped image */
	if (symtab->sh_link >= eh->e_shnum ||
	    symtab->sh_entsize != sizeof(Elf64_Sym) ||
	    !in_file(size, symtab->sh_offset, symtab->sh_size))
		return -EINVAL;
	strtab = &sh[symtab->sh_link];
	if (!in_file(size, strtab->sh_offset, strtab->sh_size) || !strtab->sh_size ||
	    img[strtab->sh_offset + strtab->sh_size - 1] != '\0')
		return -EINVAL;
	esyms = (const Elf64_Sym *)(img + symtab->sh_offset);
	strs = (const char *)img + strtab->sh_offset;
	n = symtab->sh_size / sizeof(Elf64_Sym);

	syms = kit_zalloc(n * sizeof(*syms));
	by_name = kit_zalloc(n * sizeof(*by_name));
	if (!syms || !by_name)
		return -ENOMEM;
	for (unsigned long i = 1; i < n; i++) {
		const Elf64_Sym *s = &esyms[i];
		const char *name;

		if (s->st_name >= strtab->sh_size)
			return -EINVAL;
		name = strs + s->st_name;
		if (!keep(s, name))
			continue;
		syms[kept] = (struct kit_ksym) {
			.addr = s->st_value,
			.size = s->st_size,
			.name = name,
			.type = ELF64_ST_TYPE(s->st_info) == STT_FUNC ? KIT_KSYM_FUNC :
				ELF64_ST_TYPE(s->st_info) == STT_OBJECT ? KIT_KSYM_OBJECT :
				KIT_KSYM_NOTYPE,
			.global = ELF64_ST_BIND(s->st_info) != STB_LOCAL,
		};
		kept++;
	}
	nr_syms = kept;
	return 0;
}

/* Number duplicates: 1, 2, ... per name, in address order. */
static void number_duplicates(void)
{
	for (unsigned long i = 0; i < nr_syms; i++)
		by_name[i] = i;
	kit_sort(by_name, nr_syms, sizeof(*by_name), cmp_name, NULL);
	for (unsigned long i = 0, j; i < nr_syms; i = j) {
		const char *name = syms[by_name[i]].name;

		for (j = i; j < nr_syms && !kit_strcmp(syms[by_name[j]].name, name); j++)
			syms[by_name[j]].sympos = j - i + 1;
		for (unsigned long k = i; k < j; k++)
			syms[by_name[k]].nr_same = j - i;
	}
}

/* The first index in by_name whose name is name, or nr_syms. */
static unsigned long first_by_name(const char *name)
{
	unsigned long lo = 0, hi = nr_syms;

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (kit_strcmp(syms[by_name[mid]].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct kit_ksym *kit_kallsyms_find(const char *name, unsigned long sympos,
					 int *err)
{
	const struct kit_ksym *s;
	unsigned long i;
	int e = 0;

	if (!nr_syms) {
		e = -ENODATA;
		goto out;
	}
	i = first_by_name(name);
	if (i == nr_syms || kit_strcmp(syms[by_name[i]].name, name)) {
		e = -ENOENT;
		goto out;
	}
	s = &syms[by_name[i]];
	if (!sympos) {
		if (s->nr_same > 1)
			e = -EEXIST;
	} else if (sympos > s->nr_same) {
		e = -ENOENT;
	} else {
		s = &syms[by_name[i + sympos - 1]];
	}
	if (!e) {
		if (err)
			*err = 0;
		return s;
	}
out:
	if (err)
		*err = e;
	return NULL;
}

int kit_kallsyms_lookup_name(const char *name, unsigned long sympos,
			     unsigned long *addr)
{
	int err;
	const struct kit_ksym *s = kit_kallsyms_find(name, sympos, &err);

	if (s && addr)
		*addr = s->addr;
	return err;
}

static bool covers(const struct kit_ksym *s, unsigned long addr)
{
	return addr == s->addr || addr - s->addr < s->size;
}

const struct kit_ksym *kit_kallsyms_lookup_sym(unsigned long addr)
{
	unsigned long lo = 0, hi = nr_syms, stop;

	/* the first symbol starting above addr */
	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	/*
	 * Walk down from the largest start <= addr; at one address the
	 * array already holds the preferred kind first, so the first
	 * covering symbol at the largest covering start is the answer.
	 */
	stop = lo > LOOKUP_BACK ? lo - LOOKUP_BACK : 0;
	for (unsigned long i = lo; i-- > stop;) {
		const struct kit_ksym *s = &syms[i];

		if (!covers(s, addr))
			continue;
		while (i > 0 && syms[i - 1].addr == s->addr &&
		       covers(&syms[i - 1], addr))
			s = &syms[--i];
		return s;
	}
	return NULL;
}

int kit_kallsyms_lookup(unsigned long addr, unsigned long *offset,
			unsigned long *size, const char **name)
{
	const struct kit_ksym *s = kit_kallsyms_lookup_sym(addr);

	if (!s)
		return -ENOENT;
	if (offset)
		*offset = addr - s->addr;
	if (size)
		*size = s->size;
	if (name)
		*name = s->name;
	return 0;
}

int kit_kallsyms_on_each(int (*fn)(void *data, const struct kit_ksym *sym),
			 void *data)
{
	for (unsigned long i = 0; i < nr_syms; i++) {
		int ret = fn(data, &syms[i]);

		if (ret)
			return ret;
	}
	return 0;
}

unsigned long kit_kallsyms_count(void)
{
	return nr_syms;
}

/* printk's %pS */
static size_t symbolize(unsigned long addr, char *buf, size_t size)
{
	const struct kit_ksym *s = kit_kallsyms_lookup_sym(addr);
	int n;

	if (!s)
		return 0;
	n = kit_snprintf(buf, size, "%s+0x%lx/0x%lx", s->name, addr - s->addr,
			 s->size);
	return n < 0 ? 0 : (size_t)n;
}

static int kallsyms_init(void)
{
	const void *img;
	size_t size;
	int err;

	img = kit_plat_image(&size);
	if (!img) {
		kit_printk("kallsyms: cannot read the kit image\n");
		return -ENOENT;
	}
	err = read_symtab(img, size);
	if (err) {
		kit_printk("kallsyms: bad symbol table: %s\n", kit_errname(err));
		kit_free(syms);
		kit_free(by_name);
		syms = NULL;
		by_name = NULL;
		nr_syms = 0;
		return err;
	}
	kit_sort(syms, nr_syms, sizeof(*syms), cmp_addr, NULL);
	number_duplicates();
	kit_symbolize = symbolize;
	return 0;
}
KIT_INITCALL(KIT_INIT_CORE, kallsyms_init);
