// SPDX-License-Identifier: GPL-2.0
/*
 * Bad input for objtool-lite: each case takes a real object (a kit object,
 * a kernel module, or one the wrapper made with the toolchain), breaks one
 * thing in it, runs objtool-lite on the result and checks rule 4 of the
 * project: a clear error and exit status 1, never a crash, never a
 * half-written file.  Per case:
 *
 *   - the exit status is the expected one (1 for every bad input) and no
 *     signal ended the run (valgrind's status 99 means a memory error);
 *   - stderr holds the key words that name the problem, and the file name;
 *   - the input is byte-identical afterwards;
 *   - its directory holds nothing but the input (no *.objtool-* temporary).
 *
 * Usage: badinput [--valgrind] SRCDIR WORKDIR PORT...
 *   SRCDIR holds the sources the wrapper (badinput.sh) prepared, for the
 *   host and for each PORT, WORKDIR gets one directory per case; OBJTOOL
 *   names the tool.  With --valgrind, the cases marked for it also run
 *   under valgrind --error-exitcode=99.
 */
#define _GNU_SOURCE	/* asprintf */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../lib/ktap.h"

struct buf {
	uint8_t *p;
	size_t n;
};

static const char *srcdir, *workdir, *objtool;
static bool use_valgrind;

/* ---- bytes in and out -------------------------------------------------- */

static bool load(const char *path, struct buf *b)
{
	struct stat st;
	int fd = open(path, O_RDONLY);

	b->p = NULL;
	b->n = 0;
	if (fd < 0 || fstat(fd, &st)) {
		report_info("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return false;
	}
	b->n = st.st_size;
	b->p = malloc(b->n ?: 1);
	if (!b->p || read(fd, b->p, b->n) != (ssize_t)b->n) {
		report_info("%s: short read", path);
		close(fd);
		return false;
	}
	close(fd);
	return true;
}

static bool save(const char *path, const struct buf *b)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	bool ok = fd >= 0 && write(fd, b->p, b->n) == (ssize_t)b->n;

	if (fd >= 0)
		close(fd);
	return ok;
}

/* ---- the (trusted, 64-bit little-endian) source objects --------------- */

static Elf64_Ehdr *ehdr(struct buf *b)
{
	return (Elf64_Ehdr *)b->p;
}

static Elf64_Shdr *shdr(struct buf *b, unsigned int i)
{
	return (Elf64_Shdr *)(b->p + ehdr(b)->e_shoff) + i;
}

static const char *sec_name(struct buf *b, unsigned int i)
{
	return (const char *)b->p + shdr(b, ehdr(b)->e_shstrndx)->sh_offset +
	       shdr(b, i)->sh_name;
}

static int find_sec(struct buf *b, const char *name)
{
	for (unsigned int i = 1; i < ehdr(b)->e_shnum; i++)
		if (!strcmp(sec_name(b, i), name))
			return i;
	report_info("source has no section %s", name);
	return -1;
}

static int find_type(struct buf *b, uint32_t type)
{
	for (unsigned int i = 1; i < ehdr(b)->e_shnum; i++)
		if (shdr(b, i)->sh_type == type)
			return i;
	report_info("source has no section of type %u", type);
	return -1;
}

static void *sec_data(struct buf *b, unsigned int i)
{
	return b->p + shdr(b, i)->sh_offset;
}

/* The first STT_FUNC symbol, the one most passes look at. */
static Elf64_Sym *first_func(struct buf *b)
{
	int s = find_type(b, SHT_SYMTAB);
	Elf64_Sym *sym;

	if (s < 0)
		return NULL;
	sym = sec_data(b, s);
	for (size_t i = 0; i < shdr(b, s)->sh_size / sizeof(*sym); i++)
		if (ELF64_ST_TYPE(sym[i].st_info) == STT_FUNC && sym[i].st_shndx)
			return &sym[i];
	report_info("source has no function symbol");
	return NULL;
}

/* The first relocation of the first SHT_RELA section applying to text. */
static Elf64_Rela *first_text_rela(struct buf *b)
{
	for (unsigned int i = 1; i < ehdr(b)->e_shnum; i++) {
		Elf64_Shdr *sh = shdr(b, i);

		if (sh->sh_type == SHT_RELA && sh->sh_size &&
		    shdr(b, sh->sh_info)->sh_flags & SHF_EXECINSTR)
			return sec_data(b, i);
	}
	report_info("source has no text relocations");
	return NULL;
}

static int largest_section(struct buf *b)
{
	int best = -1;

	for (unsigned int i = 1; i < ehdr(b)->e_shnum; i++)
		if (shdr(b, i)->sh_type != SHT_NOBITS &&
		    (best < 0 || shdr(b, i)->sh_size > shdr(b, best)->sh_size))
			best = i;
	return best;
}

/* ---- mutations: each breaks one thing; false when not applicable ------- */

typedef bool (*mutate_fn)(struct buf *b);

static bool cut(struct buf *b, size_t at)
{
	if (at >= b->n)
		return false;
	b->n = at;
	return true;
}

static bool m_none(struct buf *b) { (void)b; return true; }
static bool m_empty(struct buf *b) { b->n = 0; return true; }
static bool m_cut_ident(struct buf *b) { return cut(b, 12); }
static bool m_cut_ehdr(struct buf *b) { return cut(b, sizeof(Elf64_Ehdr) - 10); }
static bool m_cut_shdrs(struct buf *b)
{
	return cut(b, ehdr(b)->e_shoff + 3 * sizeof(Elf64_Shdr) + 20);
}
static bool m_cut_shdrs_end(struct buf *b) { return cut(b, b->n - 1); }

/*
 * Truncation inside a section's data with the section headers intact: move
 * the header table to the front (shifting the rest by a multiple of every
 * alignment), then cut the largest section in half.
 */
static bool m_cut_data(struct buf *b)
{
	Elf64_Ehdr *eh = ehdr(b);
	size_t table = (size_t)eh->e_shnum * sizeof(Elf64_Shdr), shift = 4096;
	uint8_t *p;
	int big;

	while (shift < table)
		shift += 4096;
	p = calloc(1, b->n + shift);
	if (!p)
		return false;
	memcpy(p, b->p, sizeof(*eh));
	memcpy(p + sizeof(*eh), b->p + eh->e_shoff, table);
	memcpy(p + sizeof(*eh) + shift, b->p + sizeof(*eh), b->n - sizeof(*eh));
	free(b->p);
	b->p = p;
	b->n += shift;
	ehdr(b)->e_shoff = sizeof(*eh);
	for (unsigned int i = 1; i < ehdr(b)->e_shnum; i++)
		if (shdr(b, i)->sh_type != SHT_NOBITS && shdr(b, i)->sh_offset)
			shdr(b, i)->sh_offset += shift;
	big = largest_section(b);
	return big > 0 && cut(b, shdr(b, big)->sh_offset + shdr(b, big)->sh_size / 2);
}

static bool m_text(struct buf *b)
{
	static const char txt[] = "this is not an object file\n";

	free(b->p);
	b->p = (uint8_t *)strdup(txt);
	b->n = strlen(txt);
	return true;
}

static bool m_class32(struct buf *b) { b->p[EI_CLASS] = ELFCLASS32; return true; }
static bool m_bad_data(struct buf *b) { b->p[EI_DATA] = 7; return true; }
static bool m_riscv(struct buf *b) { ehdr(b)->e_machine = 243; return true; }
static bool m_shoff(struct buf *b) { ehdr(b)->e_shoff = 0x7ffffff0; return true; }
static bool m_shnum(struct buf *b) { ehdr(b)->e_shnum = 0xfe00; return true; }
static bool m_shentsize(struct buf *b) { ehdr(b)->e_shentsize = 17; return true; }
static bool m_shstrndx(struct buf *b)
{
	ehdr(b)->e_shstrndx = ehdr(b)->e_shnum + 3;
	return true;
}

static bool m_no_symtab(struct buf *b)
{
	int s = find_type(b, SHT_SYMTAB);

	return s > 0 && (shdr(b, s)->sh_type = SHT_PROGBITS);
}

static bool m_text_offset(struct buf *b)
{
	int s = find_sec(b, ".text");

	return s > 0 && (shdr(b, s)->sh_offset = b->n + 0x1000);
}

static bool m_text_size(struct buf *b)
{
	int s = find_sec(b, ".text");

	return s > 0 && (shdr(b, s)->sh_size = 0x7fffffff);
}

static bool m_shname(struct buf *b)
{
	int s = find_sec(b, ".text");

	return s > 0 && (shdr(b, s)->sh_name = 0x7fffffff);
}

static bool m_rela_link(struct buf *b)
{
	int s = find_type(b, SHT_RELA);

	return s > 0 && (shdr(b, s)->sh_link = ehdr(b)->e_shnum + 100);
}

static bool m_rela_info(struct buf *b)
{
	int s = find_type(b, SHT_RELA);

	return s > 0 && (shdr(b, s)->sh_info = ehdr(b)->e_shnum + 100);
}

static bool m_rela_size(struct buf *b)
{
	int s = find_type(b, SHT_RELA);

	return s > 0 && (shdr(b, s)->sh_size -= 5);
}

static bool m_symtab_entsize(struct buf *b)
{
	int s = find_type(b, SHT_SYMTAB);

	return s > 0 && (shdr(b, s)->sh_entsize = 16);
}

static bool m_symtab_size(struct buf *b)
{
	int s = find_type(b, SHT_SYMTAB);

	return s > 0 && (shdr(b, s)->sh_size -= 7);
}

static bool m_symtab_link(struct buf *b)
{
	int s = find_type(b, SHT_SYMTAB), t = find_sec(b, ".text");

	return s > 0 && t > 0 && (shdr(b, s)->sh_link = t);
}

static bool m_symtab_info(struct buf *b)
{
	int s = find_type(b, SHT_SYMTAB);

	return s > 0 && (shdr(b, s)->sh_info = 0x100000);
}

static bool m_st_shndx(struct buf *b)
{
	Elf64_Sym *sym = first_func(b);

	return sym && (sym->st_shndx = ehdr(b)->e_shnum + 7);
}

static bool m_st_name(struct buf *b)
{
	Elf64_Sym *sym = first_func(b);

	return sym && (sym->st_name = 0x7fffffff);
}

static bool m_st_size(struct buf *b)
{
	Elf64_Sym *sym = first_func(b);

	return sym && (sym->st_size = 0x7fffffffffffUL);
}

static bool m_r_sym(struct buf *b)
{
	Elf64_Rela *r = first_text_rela(b);

	return r && (r->r_info = ELF64_R_INFO(0xfffff0, ELF64_R_TYPE(r->r_info)));
}

static bool m_r_offset(struct buf *b)
{
	Elf64_Rela *r = first_text_rela(b);

	return r && (r->r_offset = 0x7ffffff0);
}

/*
 * Every text relocation's addend near INT64_MAX: read in either byte
 * order it is beyond any branch's reach, and adding it to a symbol offset
 * in a long overflowed (a UBSan finding of the objtool:mcount target).
 */
static bool m_r_addends(struct buf *b)
{
	bool any = false;

	for (unsigned int i = 1; i < ehdr(b)->e_shnum; i++) {
		Elf64_Shdr *sh = shdr(b, i);
		Elf64_Rela *r = sec_data(b, i);

		if (sh->sh_type != SHT_RELA || !(shdr(b, sh->sh_info)->sh_flags & SHF_EXECINSTR))
			continue;
		for (size_t j = 0; j < sh->sh_size / sizeof(*r); j++, any = true)
			r[j].r_addend = INT64_MAX - 3;
	}
	return any;
}

static bool shrink(struct buf *b, const char *name, size_t by)
{
	int s = find_sec(b, name);

	if (s < 0 || shdr(b, s)->sh_size < by)
		return false;
	shdr(b, s)->sh_size -= by;
	return true;
}

static bool m_hints_size(struct buf *b) { return shrink(b, ".discard.unwind_hints", 1); }
static bool m_hints_norela(struct buf *b)
{
	return shrink(b, ".rela.discard.unwind_hints", sizeof(Elf64_Rela));
}
static bool m_orc_size(struct buf *b) { return shrink(b, ".orc_unwind", 2); }
static bool m_orc_norela(struct buf *b)
{
	return shrink(b, ".rela.orc_unwind_ip", sizeof(Elf64_Rela));
}
static bool m_orc_ip_only(struct buf *b)
{
	int s = find_sec(b, ".orc_unwind");

	/* rename .orc_unwind to the tail of its own name: "_unwind" */
	return s > 0 && (shdr(b, s)->sh_name += 4);
}

/* ---- running objtool-lite ---------------------------------------------- */

#define MAX_ARGS 16

/* Is there a temporary (*.objtool-*) in @dir? */
static bool temp_in(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool hit = false;

	while (d && !hit && (e = readdir(d)))
		hit = strstr(e->d_name, ".objtool-") != NULL;
	if (d)
		closedir(d);
	return hit;
}

/*
 * Run the tool on @path, stderr into @errpath; returns the wait status.
 * @kill_dir: send SIGTERM as soon as a temporary shows up in that directory.
 */
static int run(const char *args, const char *path, const char *errpath, bool vg,
	       const char *kill_dir)
{
	char *argv[MAX_ARGS + 8], *copy = strdup(args), *tok;
	int n = 0, status;
	pid_t pid;

	if (vg) {
		argv[n++] = "valgrind";
		argv[n++] = "-q";
		argv[n++] = "--error-exitcode=99";
	}
	argv[n++] = (char *)objtool;
	for (tok = strtok(copy, " "); tok && n < MAX_ARGS; tok = strtok(NULL, " "))
		argv[n++] = tok;
	argv[n++] = (char *)path;
	argv[n] = NULL;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int err = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		dup2(null, 1);
		dup2(err, 2);
		alarm(vg ? 300 : 60);	/* a hang is a failure too */
		execvp(argv[0], argv);
		_exit(127);
	}
	free(copy);
	while (pid > 0 && kill_dir) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return status;	/* ended before the temporary was seen */
		if (temp_in(kill_dir)) {
			kill(pid, SIGTERM);
			break;
		}
		usleep(200);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return status;
}

static bool contains(const char *file, const char *what)
{
	struct buf b;
	bool hit;

	if (!load(file, &b))
		return false;
	b.p = realloc(b.p, b.n + 1);
	b.p[b.n] = 0;
	hit = strstr((char *)b.p, what) != NULL;
	free(b.p);
	return hit;
}

/* Files in @dir other than @keep: a leftover temporary, for one. */
static int strays(const char *dir, const char *keep)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
		    !strcmp(e->d_name, keep))
			continue;
		report_info("stray file %s/%s", dir, e->d_name);
		n++;
	}
	closedir(d);
	return n;
}

static void show_stderr(const char *errpath)
{
	char line[512];
	FILE *f = fopen(errpath, "r");
	int n = 0;

	if (!f)
		return;
	while (n++ < 6 && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		report_info("  stderr: %s", line);
	}
	fclose(f);
}

/* ---- the cases ------------------------------------------------------- */

enum { SAME = 0, CHANGED = 1 };

struct kase {
	const char *name;
	const char *src;	/* file in SRCDIR, NULL: none (built by @mutate) */
	mutate_fn mutate;
	const char *args;
	int rc;			/* expected exit status */
	const char *expect;	/* key words on stderr */
	int after;		/* SAME: input untouched; CHANGED: rewritten */
	bool valgrind;		/* also under valgrind, when asked */
	bool interrupt;		/* SIGTERM while the temporary exists */
};

#define ACT "--stackval --orc --mcount"
/* every source object gets these */

#define ELF_CASES(tag, obj, args, vg)							\
	{ "truncated-ident-" tag, obj, m_cut_ident, args, 1, "not an ELF", SAME, vg }, \
	{ "truncated-ehdr-" tag, obj, m_cut_ehdr, args, 1, "truncated", SAME, vg }, \
	{ "truncated-shdrs-" tag, obj, m_cut_shdrs, args, 1, "truncated", SAME, vg }, \
	{ "truncated-last-byte-" tag, obj, m_cut_shdrs_end, args, 1, "truncated", SAME, vg }, \
	{ "truncated-data-" tag, obj, m_cut_data, args, 1, "truncated", SAME, vg }, \
	{ "class32-" tag, obj, m_class32, args, 1, "64-bit", SAME, vg },	\
	{ "bad-byte-order-" tag, obj, m_bad_data, args, 1, "byte order", SAME, vg }, \
	{ "machine-riscv-" tag, obj, m_riscv, args, 1, "unsupported machine", SAME, vg }, \
	{ "no-symtab-" tag, obj, m_no_symtab, args, 1, "missing symbol table", SAME, vg }, \
	{ "e_shoff-" tag, obj, m_shoff, args, 1, "outside the file", SAME, vg }, \
	{ "e_shnum-" tag, obj, m_shnum, args, 1, "outside the file", SAME, vg }, \
	{ "e_shentsize-" tag, obj, m_shentsize, args, 1, "section header size", SAME, vg }, \
	{ "e_shstrndx-" tag, obj, m_shstrndx, args, 1, "section name table", SAME, vg }, \
	{ "sh_offset-" tag, obj, m_text_offset, args, 1, "outside the file", SAME, vg }, \
	{ "sh_size-" tag, obj, m_text_size, args, 1, "outside the file", SAME, vg }, \
	{ "sh_name-" tag, obj, m_shname, args, 1, "bad name offset", SAME, vg }, \
	{ "sh_link-" tag, obj, m_rela_link, args, 1, "missing section", SAME, vg }, \
	{ "rela-sh_info-" tag, obj, m_rela_info, args, 1, "applies to missing section", SAME, vg }, \
	{ "rela-size-" tag, obj, m_rela_size, args, 1, "not a multiple", SAME, vg }, \
	{ "symtab-entsize-" tag, obj, m_symtab_entsize, args, 1, "malformed symbol table", SAME, vg }, \
	{ "symtab-size-" tag, obj, m_symtab_size, args, 1, "not a multiple", SAME, vg }, \
	{ "symtab-sh_link-" tag, obj, m_symtab_link, args, 1, "no string table", SAME, vg }, \
	{ "symtab-sh_info-" tag, obj, m_symtab_info, args, 1, "first global", SAME, vg }, \
	{ "st_shndx-" tag, obj, m_st_shndx, args, 1, "missing section", SAME, vg }, \
	{ "st_name-" tag, obj, m_st_name, args, 1, "bad name offset", SAME, vg }, \
	{ "st_size-" tag, obj, m_st_size, args, 1, "outside section", SAME, vg }, \
	{ "r_sym-" tag, obj, m_r_sym, args, 1, "missing symbol", SAME, vg }, \
	{ "r_offset-" tag, obj, m_r_offset, args, 1, "outside", SAME, vg }, \
	{ "r_addend-" tag, obj, m_r_addends, args, 1, "branch relocation to", SAME, vg }, \
	{ "orc-present-" tag, obj, m_none, "--orc", 1, "already has .orc_unwind", SAME, vg }, \
	{ "dump-orc-size-" tag, obj, m_orc_size, "--dump=orc", 1, "malformed ORC table", SAME, vg }, \
	{ "dump-orc-reloc-" tag, obj, m_orc_norela, "--dump=orc", 1, "has no relocation", SAME, vg }, \
	{ "dump-orc-ip-only-" tag, obj, m_orc_ip_only, "--dump=orc", 1, "must both exist", SAME, vg }

/* Cases on files that are not a port's objects, or on the host's. */
static const struct kase cases[] = {
	{ "empty-file", NULL, m_empty, ACT, 1, "empty", SAME, true },
	{ "text-file", NULL, m_text, ACT, 1, "not an ELF", SAME, true },
	{ "missing-file", NULL, NULL, ACT, 1, "can't open", SAME, false },
	ELF_CASES("module", "module.ko", "--orc --mcount --module", false),
	{ "gcc-m32", "m32.o", m_none, ACT, 1, "64-bit", SAME, true },
	{ "stripped", "stripped.o", m_none, ACT, 1, "missing symbol table", SAME, true },
	{ "executable", "exec", m_none, ACT, 1, "not a relocatable object", SAME, true },
	{ "pie", "pie", m_none, ACT, 1, "not a relocatable object", SAME, false },
	{ "shared-object", "shared.so", m_none, ACT, 1, "not a relocatable object", SAME, false },
	{ "orc-written-module", "noorc-module.ko", m_none, "--orc --module", 0, NULL, CHANGED, false },
	/* killed while writing: the temporary goes, the input stays */
	{ "interrupted-module", "noorc-module.ko", m_none, "--orc --module", 0, NULL, SAME, false, true },
};

/*
 * Cases every port gets, on the objects badinput.sh made for it: "%s" in
 * the name and the source file is the port's name.
 */
static const struct kase port_cases[] = {
	ELF_CASES("%s", "%s.o", ACT, true),
	/* unwind hints: the good object passes, each break is named */
	{ "hints-good-%s", "hints-%s.o", m_none, ACT, 0, NULL, CHANGED, true },
	{ "hints-size-%s", "hints-%s.o", m_hints_size, ACT, 1, "unwind_hint size mismatch", SAME, true },
	{ "hints-reloc-%s", "hints-%s.o", m_hints_norela, ACT, 1, "can't find reloc for unwind_hints", SAME, true },
	/* --werror: a warning fails the run and nothing is written */
	{ "werror-%s", "fallthrough-%s.o", m_none, ACT " --werror", 1, "falls through to next function", SAME, true },
	/* good input, written: the rewrite leaves no temporary behind */
	{ "orc-written-%s", "noorc-%s.o", m_none, "--stackval --orc", 0, NULL, CHANGED, true },
};

static bool same(const struct buf *a, const struct buf *b)
{
	return a->n == b->n && !memcmp(a->p, b->p, a->n);
}

static bool has_section(const char *path, const char *name)
{
	struct buf b;
	bool hit = false;

	if (!load(path, &b))
		return false;
	if (b.n >= sizeof(Elf64_Ehdr) && !memcmp(b.p, ELFMAG, SELFMAG))
		for (unsigned int i = 1; i < ehdr(&b)->e_shnum; i++)
			hit |= !strcmp(sec_name(&b, i), name);
	free(b.p);
	return hit;
}

static void run_case(const struct kase *k, bool vg)
{
	char dir[4096], path[4096 + 64], errpath[4096 + 64], src[4096];
	const char *base = k->src ?: "input.o";
	struct buf in = { 0 }, out = { 0 };
	int status, code = -1, nstray;
	bool ok = true;

	snprintf(dir, sizeof(dir), "%s/%s%s", workdir, k->name, vg ? ".valgrind" : "");
	snprintf(path, sizeof(path), "%s/%s", dir, base);
	snprintf(errpath, sizeof(errpath), "%s.stderr", dir);
	mkdir(dir, 0755);
	unlink(path);

	if (k->src) {
		snprintf(src, sizeof(src), "%s/%s", srcdir, k->src);
		if (!load(src, &in)) {
			report(false, "%s: source %s", k->name, src);
			return;
		}
	}
	if (k->mutate) {
		if (!k->mutate(&in)) {
			report(false, "%s: mutation does not apply to %s", k->name, base);
			return;
		}
		if (!save(path, &in)) {
			report(false, "%s: writing %s", k->name, path);
			return;
		}
	}

	status = run(k->args, path, errpath, vg, k->interrupt ? dir : NULL);
	if (k->interrupt) {
		if (status == -1 || !WIFSIGNALED(status) || WTERMSIG(status) != SIGTERM) {
			report_info("%s: not ended by SIGTERM (finished too early?)", k->name);
			ok = false;
		}
		code = 128 + SIGTERM;
	} else if (status == -1 || !WIFEXITED(status)) {
		report_info("%s: killed by signal %d", k->name,
			    status == -1 ? -1 : WTERMSIG(status));
		ok = false;
	} else {
		code = WEXITSTATUS(status);
		if (code != k->rc) {
			report_info("%s: exit status %d, expected %d%s", k->name, code,
				    k->rc, code == 99 ? " (valgrind found a memory error)" : "");
			ok = false;
		}
	}
	if (k->expect && !contains(errpath, k->expect)) {
		report_info("%s: stderr lacks \"%s\"", k->name, k->expect);
		ok = false;
	}
	if (k->rc && !contains(errpath, base)) {
		report_info("%s: the message does not name the file %s", k->name, base);
		ok = false;
	}
	if (k->mutate) {
		if (!load(path, &out)) {
			report_info("%s: the input is gone", k->name);
			ok = false;
		} else if (k->after == SAME && !same(&in, &out)) {
			report_info("%s: the input was modified", k->name);
			ok = false;
		} else if (k->after == CHANGED &&
			   (same(&in, &out) || !has_section(path, ".orc_unwind"))) {
			report_info("%s: the input was not rewritten with ORC", k->name);
			ok = false;
		}
	}
	nstray = strays(dir, base);
	if (nstray) {
		report_info("%s: %d file(s) left next to the input", k->name, nstray);
		ok = false;
	}
	if (!ok)
		show_stderr(errpath);
	report(ok, "%s%s: %s%s%s -> exit %d", k->name, vg ? " (valgrind)" : "",
	       k->args, k->expect ? ", \"" : "", k->expect ?: "", code);
	free(in.p);
	free(out.p);
}

/* PORT's instance of a port case (its strings live as long as the run). */
static struct kase port_case(const struct kase *k, const char *port)
{
	struct kase c = *k;
	char *name, *src;

	if (asprintf(&name, k->name, port) < 0 || asprintf(&src, k->src, port) < 0) {
		perror("badinput");
		exit(2);
	}
	c.name = name;
	c.src = src;
	return c;
}

/*
 * The mutations read and write ELF fields in the host's byte order; a port
 * whose objects are in the other one is reported as skipped, not passed.
 */
static bool host_byte_order(const char *port)
{
	static const uint16_t one = 1;
	unsigned char want = *(const unsigned char *)&one ? ELFDATA2LSB : ELFDATA2MSB;
	char path[4096];
	struct buf b;
	bool ok;

	snprintf(path, sizeof(path), "%s/%s.o", srcdir, port);
	if (!load(path, &b))
		return true;	/* its cases will fail, naming the source */
	ok = b.n > EI_DATA && b.p[EI_DATA] == want;
	free(b.p);
	return ok;
}

static void run_all(bool vg, char **ports, int nports)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (!vg || cases[i].valgrind)
			run_case(&cases[i], vg);
	for (int p = 0; p < nports; p++) {
		if (!host_byte_order(ports[p])) {
			report_skip("%s%s: its objects are not in the host's byte order, "
				    "which the mutations assume", ports[p], vg ? " (valgrind)" : "");
			continue;
		}
		for (size_t i = 0; i < sizeof(port_cases) / sizeof(port_cases[0]); i++) {
			struct kase c;

			if (vg && !port_cases[i].valgrind)
				continue;
			c = port_case(&port_cases[i], ports[p]);
			run_case(&c, vg);
		}
	}
}

int main(int argc, char **argv)
{
	int first_port = 3;

	if (argc > 1 && !strcmp(argv[1], "--valgrind")) {
		use_valgrind = true;
		argv++;
		argc--;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: badinput [--valgrind] SRCDIR WORKDIR PORT...\n");
		return 2;
	}
	srcdir = argv[1];
	workdir = argv[2];
	objtool = getenv("OBJTOOL");
	if (!objtool) {
		fprintf(stderr, "badinput: OBJTOOL is not set\n");
		return 2;
	}
	mkdir(workdir, 0755);
	run_all(false, argv + first_port, argc - first_port);
	if (use_valgrind)
		run_all(true, argv + first_port, argc - first_port);
	else
		report_skip("valgrind runs: valgrind is not installed");
	return report_summary();
}
