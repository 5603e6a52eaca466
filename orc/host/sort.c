// SPDX-License-Identifier: GPL-2.0
/*
 * orc-sort: sort the ORC tables of a linked kit image in place, as Linux's
 * scripts/sorttable does for vmlinux, so the runtime can binary-search
 * them without sorting at boot.
 *
 *   orc-sort IMAGE
 *
 * .orc_unwind_ip holds s32 self-relative addresses; moving one to another
 * slot changes its value by the distance moved.  .orc_unwind is permuted
 * with it.  At equal addresses an UNDEFINED entry (a section terminator)
 * sorts first, so that "rightmost ip <= pc" finds the real entry of the
 * section that starts there.  Checks before writing: ELF64 executable of
 * a machine some port has an ORC format for (orc_formats[], generated
 * from the ports), in that format's byte order, consistent table sizes,
 * and every 20-byte .orc_header record equal to that format's.  Entries
 * move as opaque bytes; only the s32 ips are read and rewritten, in the
 * image's byte order, and the port's format reads an entry's type.
 * The result is written to a temporary and renamed over IMAGE: a failure
 * leaves IMAGE as it was.  Exit 0 on success, 1 with a message otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdarg.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "orc/orc_format.h"

/* s32 ips in the image's byte order */
static int32_t get_s32(const uint8_t *p, bool be)
{
	uint32_t v = be ? (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]
			: (uint32_t)p[3] << 24 | p[2] << 16 | p[1] << 8 | p[0];

	return (int32_t)v;
}

static void put_s32(uint8_t *p, int32_t v, bool be)
{
	uint32_t u = (uint32_t)v;

	for (int i = 0; i < 4; i++)
		p[be ? 3 - i : i] = u >> (8 * i);
}

static const char *prog = "orc-sort";
static const char *path;

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: %s: ", prog, path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

struct table {
	GElf_Shdr ip_sh, orc_sh, hdr_sh;
	int have_ip, have_orc, have_hdr;
};

struct sort_item {
	uint64_t addr;
	uint32_t index;
	uint8_t undefined;
};

static int cmp_item(const void *a, const void *b)
{
	const struct sort_item *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	if (x->undefined != y->undefined)
		return x->undefined ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int find_tables(Elf *elf, struct table *t)
{
	size_t shstrndx;
	Elf_Scn *scn = NULL;

	if (elf_getshdrstrndx(elf, &shstrndx))
		return fail("no section name table: %s", elf_errmsg(-1));
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			return fail("bad section header: %s", elf_errmsg(-1));
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (!name)
			continue;
		if (!strcmp(name, ".orc_unwind_ip"))
			t->ip_sh = sh, t->have_ip++;
		else if (!strcmp(name, ".orc_unwind"))
			t->orc_sh = sh, t->have_orc++;
		else if (!strcmp(name, ".orc_header"))
			t->hdr_sh = sh, t->have_hdr++;
	}
	if (!t->have_ip && !t->have_orc)
		return fail("no ORC tables (.orc_unwind_ip, .orc_unwind)");
	if (t->have_ip != 1 || t->have_orc != 1)
		return fail("expected one .orc_unwind_ip and one .orc_unwind, found %d and %d",
			    t->have_ip, t->have_orc);
	if (t->have_hdr != 1)
		return fail("expected one .orc_header, found %d", t->have_hdr);
	return 0;
}

static int in_file(const GElf_Shdr *sh, size_t file_size, const char *what)
{
	if (sh->sh_type != SHT_PROGBITS)
		return fail("%s is not PROGBITS (type %u)", what, sh->sh_type);
	if (sh->sh_offset > file_size || sh->sh_size > file_size - sh->sh_offset)
		return fail("%s lies outside the file (offset 0x%lx size 0x%lx)", what,
			    (unsigned long)sh->sh_offset, (unsigned long)sh->sh_size);
	return 0;
}

static int check_format(const struct orc_format *a, const struct table *t,
			uint8_t *buf, size_t size, size_t *nr)
{
	size_t n;

	if (in_file(&t->ip_sh, size, ".orc_unwind_ip") ||
	    in_file(&t->orc_sh, size, ".orc_unwind") ||
	    in_file(&t->hdr_sh, size, ".orc_header"))
		return -1;
	if (t->ip_sh.sh_size % 4)
		return fail(".orc_unwind_ip size %lu is not a multiple of 4",
			    (unsigned long)t->ip_sh.sh_size);
	n = t->ip_sh.sh_size / 4;
	if (t->orc_sh.sh_size != n * a->entry_size)
		return fail(".orc_unwind size %lu does not match %zu ips of %zu-byte %s entries",
			    (unsigned long)t->orc_sh.sh_size, n, a->entry_size, a->name);
	if (!n)
		return fail("empty ORC tables");
	if (n > UINT32_MAX)
		return fail("%zu ORC entries: too many", n);
	if (!t->hdr_sh.sh_size || t->hdr_sh.sh_size % ORC_HEADER_SIZE)
		return fail(".orc_header size %lu is not a multiple of %d",
			    (unsigned long)t->hdr_sh.sh_size, ORC_HEADER_SIZE);
	for (size_t off = 0; off < t->hdr_sh.sh_size; off += ORC_HEADER_SIZE)
		if (memcmp(buf + t->hdr_sh.sh_offset + off, a->header, ORC_HEADER_SIZE))
			return fail(".orc_header record at +0x%zx is not the %s ORC format this tool knows",
				    off, a->name);
	*nr = n;
	return 0;
}

static int sort_tables(const struct orc_format *a, const struct table *t,
		       uint8_t *buf, size_t n)
{
	uint8_t *ipb = buf + t->ip_sh.sh_offset, *orcb = buf + t->orc_sh.sh_offset;
	uint64_t base = t->ip_sh.sh_addr;
	struct sort_item *items = calloc(n, sizeof(*items));
	uint8_t *orc_copy = malloc(n * a->entry_size);

	if (!items || !orc_copy) {
		free(items);
		free(orc_copy);
		return fail("out of memory");
	}
	memcpy(orc_copy, orcb, n * a->entry_size);
	for (size_t i = 0; i < n; i++) {
		int32_t rel = get_s32(ipb + 4 * i, a->big_endian);

		items[i].addr = base + 4 * i + (int64_t)rel;
		items[i].index = i;
		items[i].undefined = a->type(orc_copy + i * a->entry_size) == ORC_TYPE_UNDEFINED;
	}
	qsort(items, n, sizeof(*items), cmp_item);
	for (size_t i = 0; i < n; i++) {
		int64_t rel = (int64_t)(items[i].addr - (base + 4 * i));
		int32_t r32 = (int32_t)rel;

		if (rel != r32) {
			unsigned long addr = (unsigned long)items[i].addr;

			free(items);
			free(orc_copy);
			return fail("ip 0x%lx out of s32 range of its slot", addr);
		}
		put_s32(ipb + 4 * i, r32, a->big_endian);
		memcpy(orcb + i * a->entry_size, orc_copy + items[i].index * a->entry_size,
		       a->entry_size);
	}
	free(items);
	free(orc_copy);
	return 0;
}

static int write_atomic(const uint8_t *buf, size_t size, mode_t mode)
{
	char *tmp;
	int fd;
	size_t done = 0;

	if (asprintf(&tmp, "%s.orc-sort.XXXXXX", path) < 0)
		return fail("out of memory");
	fd = mkstemp(tmp);
	if (fd < 0) {
		fail("cannot create temporary %s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	while (done < size) {
		ssize_t w = write(fd, buf + done, size - done);

		if (w <= 0)
			break;
		done += w;
	}
	if (done != size || fchmod(fd, mode) || fsync(fd) || close(fd) ||
	    rename(tmp, path)) {
		fail("cannot write %s: %s", tmp, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

static int run(void)
{
	struct table t = { 0 };
	const struct orc_format *a = NULL;
	struct stat st;
	uint8_t *buf;
	Elf *elf;
	GElf_Ehdr eh;
	size_t n = 0;
	int fd, ret = -1;

	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st))
		return fail("%s", strerror(errno));
	buf = malloc(st.st_size ? st.st_size : 1);
	if (!buf || pread(fd, buf, st.st_size, 0) != st.st_size) {
		close(fd);
		free(buf);
		return fail("cannot read: %s", strerror(errno));
	}
	close(fd);
	elf = elf_memory((char *)buf, st.st_size);
	if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh)) {
		fail("not an ELF file");
		goto out;
	}
	if (eh.e_ident[EI_CLASS] != ELFCLASS64) {
		fail("not an ELF64 file");
		goto out;
	}
	if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) {
		fail("not a linked image (ELF type %u): modules are sorted at load", eh.e_type);
		goto out;
	}
	for (const struct orc_format *const *f = orc_formats; *f; f++)
		if ((*f)->e_machine == eh.e_machine)
			a = *f;
	if (!a) {
		fail("no ORC format for ELF machine %u", eh.e_machine);
		goto out;
	}
	if (eh.e_ident[EI_DATA] != (a->big_endian ? ELFDATA2MSB : ELFDATA2LSB)) {
		fail("not a %s-endian file, as %s ORC tables are",
		     a->big_endian ? "big" : "little", a->name);
		goto out;
	}
	if (find_tables(elf, &t) || check_format(a, &t, buf, st.st_size, &n))
		goto out;
	/* elf_memory() reads the buffer in place: done with it before writing */
	elf_end(elf);
	elf = NULL;
	if (sort_tables(a, &t, buf, n) || write_atomic(buf, st.st_size, st.st_mode & 07777))
		goto out;
	ret = 0;
out:
	if (elf)
		elf_end(elf);
	free(buf);
	return ret;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s IMAGE\n", prog);
		return 2;
	}
	path = argv[1];
	if (elf_version(EV_CURRENT) == EV_NONE)
		return fail("libelf: %s", elf_errmsg(-1)) ? 1 : 1;
	return run() ? 1 : 0;
}
