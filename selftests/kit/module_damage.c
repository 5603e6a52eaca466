// SPDX-License-Identifier: GPL-2.0
/*
 * Damaged copies of kit modules, by recipe, for selftests/kit/module-damage.sh.
 *
 *   module-damage OUTDIR [+]MODULE.ko... [--random N]
 *
 * For each module, each structured corruption the loader must refuse is
 * applied to a fresh copy, written to OUTDIR/<module>-<case>.ko, and
 * described on stdout as "<name> <errname> <what the message must say>".
 * A '+' before a path says the module loads as it is: only then are the
 * cases that need the load to get as far as relocation made (a module that
 * stops at a missing symbol would stop there first).  A module with a
 * livepatch relocation section in the making (klp_data, see
 * selftests/kit-modules/modklp.c; unconverted, it cannot load) is also
 * converted as klp-convert would, expected to load ("-"), and damaged in
 * its livepatch parts.  --random N
 * adds N copies of each module with random bytes changed, expected "?"
 * (loaded or refused, never a crash, never a leak).
 *
 * Works on any ELF64 relocatable object in its own byte order (it is
 * built for the port and run where the kit runs); it knows no port.
 */
#include <elf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ELF structures are read as they lie: objects of this program's byte order */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define ELFDATA_NATIVE		ELFDATA2MSB
#define ELFDATA_OTHER		ELFDATA2LSB
#define ENDIAN_NATIVE		"big-endian"
#else
#define ELFDATA_NATIVE		ELFDATA2LSB
#define ELFDATA_OTHER		ELFDATA2MSB
#define ENDIAN_NATIVE		"little-endian"
#endif

#define SHN_LIVEPATCH		0xff20
#define SHF_RELA_LIVEPATCH	0x00100000

struct img {
	uint8_t *p;
	size_t size;
};

static const char *outdir, *base;
static char expect_err[32], expect_msg[256];

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "module-damage: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

static Elf64_Ehdr *eh(struct img *m) { return (Elf64_Ehdr *)m->p; }
static Elf64_Shdr *sh(struct img *m, unsigned int i)
{
	return (Elf64_Shdr *)(m->p + eh(m)->e_shoff) + i;
}
static unsigned int shnum(struct img *m) { return eh(m)->e_shnum; }

static const char *secname(struct img *m, unsigned int i)
{
	return (const char *)m->p + sh(m, eh(m)->e_shstrndx)->sh_offset + sh(m, i)->sh_name;
}

static int find_sec(struct img *m, const char *name)
{
	for (unsigned int i = 1; i < shnum(m); i++)
		if (!strcmp(secname(m, i), name))
			return i;
	return 0;
}

static int find_type(struct img *m, unsigned int type)
{
	for (unsigned int i = 1; i < shnum(m); i++)
		if (sh(m, i)->sh_type == type)
			return i;
	return 0;
}

static int find_mcount(struct img *m)
{
	int i = find_sec(m, "__mcount_loc");

	return i ? i : find_sec(m, "__patchable_function_entries");
}

static Elf64_Sym *syms(struct img *m, unsigned int *n)
{
	Elf64_Shdr *s = sh(m, find_type(m, SHT_SYMTAB));

	*n = s->sh_size / sizeof(Elf64_Sym);
	return (Elf64_Sym *)(m->p + s->sh_offset);
}

static const char *symname(struct img *m, const Elf64_Sym *s)
{
	return (const char *)m->p + sh(m, sh(m, find_type(m, SHT_SYMTAB))->sh_link)->sh_offset +
	       s->st_name;
}

/* Append @len bytes (zeros if @data is NULL) at an 8-aligned end; their offset. */
static uint64_t append(struct img *m, const void *data, size_t len)
{
	size_t off = (m->size + 7) & ~(size_t)7;

	m->p = realloc(m->p, off + len);
	if (!m->p)
		die("out of memory");
	memset(m->p + m->size, 0, off - m->size);
	if (data)
		memcpy(m->p + off, data, len);
	else
		memset(m->p + off, 0, len);
	m->size = off + len;
	return off;
}

/* A string table @idx with @s added at its end: its offset in the new table. */
static uint32_t add_string(struct img *m, unsigned int idx, const char *s)
{
	uint64_t old = sh(m, idx)->sh_offset, size = sh(m, idx)->sh_size;
	size_t len = strlen(s) + 1;
	uint8_t *buf = malloc(size + len);
	uint64_t off;

	memcpy(buf, m->p + old, size);
	memcpy(buf + size, s, len);
	off = append(m, buf, size + len);
	free(buf);
	sh(m, idx)->sh_offset = off;
	sh(m, idx)->sh_size = size + len;
	return size;
}

/* (add_string() may move the image: take pointers into it after the call) */
static void rename_sec(struct img *m, unsigned int i, const char *name)
{
	uint32_t off = add_string(m, eh(m)->e_shstrndx, name);

	sh(m, i)->sh_name = off;
}

static void rename_sym(struct img *m, Elf64_Sym *s, const char *name)
{
	size_t k = s - syms(m, &(unsigned int){ 0 });
	uint32_t off = add_string(m, sh(m, find_type(m, SHT_SYMTAB))->sh_link, name);

	syms(m, &(unsigned int){ 0 })[k].st_name = off;	/* the table may have moved */
}

/* The first RELA section that relocates a loaded section (0: none). */
static int loaded_rela(struct img *m)
{
	for (unsigned int i = 1; i < shnum(m); i++)
		if (sh(m, i)->sh_type == SHT_RELA && sh(m, i)->sh_info < shnum(m) &&
		    (sh(m, sh(m, i)->sh_info)->sh_flags & SHF_ALLOC) &&
		    strncmp(secname(m, i), ".klp.rela.", 10) && sh(m, i)->sh_size)
			return i;
	return 0;
}

static Elf64_Rela *rela(struct img *m, unsigned int i)
{
	return (Elf64_Rela *)(m->p + sh(m, i)->sh_offset);
}

/* The first RELA entry of section @i whose r_offset is @off (NULL: none). */
static Elf64_Rela *rela_at(struct img *m, unsigned int i, uint64_t off)
{
	for (size_t k = 0; k < sh(m, i)->sh_size / sizeof(Elf64_Rela); k++)
		if (rela(m, i)[k].r_offset == off)
			return &rela(m, i)[k];
	return NULL;
}

/* The RELA section for section @target (0: none). */
static int rela_for(struct img *m, unsigned int target)
{
	for (unsigned int i = 1; i < shnum(m); i++)
		if (sh(m, i)->sh_type == SHT_RELA && sh(m, i)->sh_info == target)
			return i;
	return 0;
}

/* The first section with @flags set (mask) and content. */
static int find_flags(struct img *m, uint64_t mask, uint64_t want, bool progbits)
{
	for (unsigned int i = 1; i < shnum(m); i++)
		if ((sh(m, i)->sh_flags & mask) == want && sh(m, i)->sh_size &&
		    (!progbits || sh(m, i)->sh_type == SHT_PROGBITS))
			return i;
	return 0;
}

/* The smallest section with contents. */
static int smallest(struct img *m)
{
	int best = 0;

	for (unsigned int i = 1; i < shnum(m); i++)
		if (sh(m, i)->sh_type != SHT_NOBITS && sh(m, i)->sh_size &&
		    (!best || sh(m, i)->sh_size < sh(m, best)->sh_size))
			best = i;
	return best;
}

/* A defined, named symbol of a real section (NULL: none). */
static Elf64_Sym *defined_sym(struct img *m)
{
	unsigned int n;
	Elf64_Sym *s = syms(m, &n);

	for (unsigned int k = 1; k < n; k++)
		if (s[k].st_name && s[k].st_shndx && s[k].st_shndx < shnum(m) &&
		    ELF64_ST_TYPE(s[k].st_info) != STT_SECTION)
			return &s[k];
	return NULL;
}

static void expect(const char *err, const char *fmt, ...)
{
	va_list ap;

	snprintf(expect_err, sizeof(expect_err), "%s", err);
	va_start(ap, fmt);
	vsnprintf(expect_msg, sizeof(expect_msg), fmt, ap);
	va_end(ap);
}

#include "module_damage_cases.h"

static void write_case(const struct img *m, const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s-%s.ko", outdir, base, name);
	f = fopen(path, "wb");
	if (!f || fwrite(m->p, 1, m->size, f) != m->size || fclose(f))
		die("cannot write %s", path);
	printf("%s-%s %s %s\n", base, name, expect_err, expect_msg);
}

static struct img copy(const struct img *m)
{
	struct img c = { malloc(m->size), m->size };

	if (!c.p)
		die("out of memory");
	memcpy(c.p, m->p, m->size);
	return c;
}

static void run_cases(const struct img *good, const struct dcase *cases, size_t n, bool loads)
{
	for (size_t i = 0; i < n; i++) {
		struct img c;

		if (cases[i].needs_load && !loads)
			continue;
		c = copy(good);
		if (cases[i].fn(&c))
			write_case(&c, cases[i].name);
		free(c.p);
	}
}

static void random_copies(const struct img *good, unsigned int n)
{
	uint32_t seed = 2166136261u;

	for (const char *s = base; *s; s++)
		seed = (seed ^ (uint8_t)*s) * 16777619u;
	for (unsigned int r = 0; r < n; r++) {
		struct img c = copy(good);
		char name[32];

		for (int k = 0; k < 4; k++) {
			seed = seed * 1103515245u + 12345u;
			c.p[(seed >> 4) % c.size] ^= 1 + (seed >> 24) % 255;
		}
		snprintf(name, sizeof(name), "rnd%u", r);
		expect("?", "(random damage: loads or is refused, never a crash or a leak)");
		write_case(&c, name);
		free(c.p);
	}
}

static struct img read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct img m = { 0 };
	long len;

	if (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		die("cannot read %s", path);
	m.size = len;
	m.p = malloc(len ? len : 1);
	if (!m.p || fread(m.p, 1, len, f) != (size_t)len)
		die("cannot read %s", path);
	fclose(f);
	if (m.size < sizeof(Elf64_Ehdr) || memcmp(m.p, ELFMAG, SELFMAG) ||
	    m.p[EI_CLASS] != ELFCLASS64 || m.p[EI_DATA] != ELFDATA_NATIVE ||
	    eh(&m)->e_shoff + (uint64_t)shnum(&m) * sizeof(Elf64_Shdr) > m.size ||
	    !find_type(&m, SHT_SYMTAB))
		die("%s: not an ELF64 " ENDIAN_NATIVE " object with a symbol table", path);
	return m;
}

int main(int argc, char **argv)
{
	unsigned int nrandom = 0;

	if (argc < 3)
		die("usage: module-damage OUTDIR [+]MODULE.ko... [--random N]");
	outdir = argv[1];
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--random") && i + 1 < argc)
			nrandom = strtoul(argv[++i], NULL, 0);
	}
	for (int i = 2; i < argc; i++) {
		bool loads = argv[i][0] == '+';
		const char *path = argv[i] + loads;
		char name[256], *dot;
		struct img good;

		if (!strcmp(argv[i], "--random")) {
			i++;
			continue;
		}
		good = read_file(path);
		snprintf(name, sizeof(name), "%s", strrchr(path, '/') ? strrchr(path, '/') + 1 : path);
		dot = strstr(name, ".ko");
		if (dot)
			*dot = '\0';
		base = name;
		run_cases(&good, cases, sizeof(cases) / sizeof(cases[0]), loads);
		random_copies(&good, nrandom);
		if (klp_convert(&good)) {
			/* the converted module is a module of its own */
			char kname[300];

			snprintf(kname, sizeof(kname), "%s-klp", name);
			expect("-", "(klp-converted: loads)");
			write_case(&good, "klp");
			base = kname;
			run_cases(&good, klp_cases, sizeof(klp_cases) / sizeof(klp_cases[0]), true);
		}
		free(good.p);
	}
	return 0;
}
