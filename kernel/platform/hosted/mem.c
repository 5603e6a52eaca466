// SPDX-License-Identifier: GPL-2.0
/*
 * Hosted memory services: module memory is mapped right after the kit's
 * image (the first free hole above it, searched with MAP_FIXED_NOREPLACE),
 * and the image's text is remapped writable in place.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include <asm/module.h>
#include <kit/mm.h>

extern char _end[];

static uintptr_t page_align(uintptr_t x)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);

	return (x + page - 1) & ~(page - 1);
}

void *kit_module_alloc(size_t size)
{
	/* stay within the port's direct-call reach of the image */
	uintptr_t hint = page_align((uintptr_t)_end) + (1UL << 20);
	uintptr_t limit = (uintptr_t)__executable_start + ARCH_MODULE_NEAR;

	size = page_align(size);
	for (; hint + size < limit; hint += 1UL << 20) {
		void *p = mmap((void *)hint, size, PROT_READ | PROT_WRITE | PROT_EXEC,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

		if (p == (void *)hint)
			return p;
		if (p != MAP_FAILED)
			munmap(p, size);	/* old kernels ignore the flag */
	}
	return NULL;
}

void kit_module_free(void *addr, size_t size)
{
	if (addr)
		munmap(addr, page_align(size));
}

int kit_text_make_writable(void)
{
	uintptr_t start = (uintptr_t)__executable_start & ~(uintptr_t)(sysconf(_SC_PAGESIZE) - 1);
	uintptr_t end = page_align((uintptr_t)etext);

	if (mprotect((void *)start, end - start, PROT_READ | PROT_WRITE | PROT_EXEC))
		return -errno;
	return 0;
}
