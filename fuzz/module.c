// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the kit's module loader (kernel/module*.c and the
 * port's relocations, arch/<port>/module.c), built for the host with one
 * port's headers: one binary per port (fuzz/fuzz.mk), each fed that
 * port's modules.
 *
 * The entry is kit_module_try_load(), the loader on untrusted bytes that
 * runs no module code.  Module memory and the kit's "text" (every symbol
 * kallsyms resolves) lie in one low mapping, so branches and PC-relative
 * relocations are in range as in the kit; registration with the ORC
 * runtime and ftrace (module_glue.c) is replaced by an accepting stub
 * (those have targets of their own).  Checked per run: every load is
 * undone (no module, no module memory, no leaked block: libFuzzer's leak
 * check is on for this target).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <kit/mm.h>
#include <kit/module.h>
#include <kit/platform.h>

#include "../kernel/module_internal.h"

#define REGION_ADDR	0x10000000UL
#define REGION_SIZE	(64UL << 20)
#define TEXT_SIZE	(1UL << 20)	/* the fake kit image: symbol addresses */

static char *region;
static size_t region_used;
static unsigned int live_allocs;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* low, as the kit's fixed-address image is: 32-bit absolute relocations fit */
	region = mmap((void *)REGION_ADDR, REGION_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	if (region == MAP_FAILED) {
		perror("fuzz-module: mmap");
		exit(2);
	}
	return 0;
}

/* Module memory: a bump allocator after the fake text, reset per run. */
void *kit_module_alloc(size_t size)
{
	size_t off = (TEXT_SIZE + region_used + 63) & ~63UL;

	if (size > REGION_SIZE - off)
		return NULL;
	region_used = off + size - TEXT_SIZE;
	live_allocs++;
	return region + off;
}

void kit_module_free(void *addr, size_t size)
{
	(void)size;
	if ((char *)addr < region + TEXT_SIZE || (char *)addr >= region + REGION_SIZE) {
		fprintf(stderr, "fuzz-module: freeing %p, not module memory\n", addr);
		abort();
	}
	live_allocs--;
}

void *kit_zalloc(size_t size)
{
	return calloc(1, size);
}

void kit_free(void *p)
{
	free(p);
}

/* kallsyms: every name but "missing*" is a kit symbol somewhere in TEXT. */
uintptr_t kit_modlookup(const char *name, unsigned long sympos)
{
	unsigned long h = 5381 + sympos;

	if (!strncmp(name, "missing", 7))
		return 0;
	while (*name)
		h = h * 33 + (unsigned char)*name++;
	return (uintptr_t)region + (h % (TEXT_SIZE / 16)) * 16;
}

int kit_modregister(struct kit_module *mod)
{
	(void)mod;
	return 0;
}

void kit_modunregister(struct kit_module *mod)
{
	(void)mod;
}

/* no livepatch core in the fuzzer: a module comes and goes unpatched */
int kit_modcoming(struct kit_module *mod)
{
	(void)mod;
	return 0;
}

void kit_modgoing(struct kit_module *mod)
{
	(void)mod;
}

int kit_plat_read_file(const char *path, void **data, size_t *size)
{
	(void)path;
	(void)data;
	(void)size;
	return -ENOENT;
}

/* The loader's entry, in one place: when it changes, only this does. */
static int load(const uint8_t *data, size_t size)
{
	return kit_module_try_load("fuzz", data, size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	load(data, size);
	if (kit_module_count() || kit_module_bytes() || live_allocs) {
		fprintf(stderr, "fuzz-module: a trial load left %u modules, %zu bytes, %u allocations\n",
			kit_module_count(), kit_module_bytes(), live_allocs);
		abort();
	}
	region_used = 0;
	return 0;
}
