/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory services of the platform that the kernel parts need: memory for
 * module code within branch range of the kit's text, and permission to
 * write the kit's own text (ftrace, livepatch).  Hosted: mmap/mprotect.
 */
#ifndef _KIT_MM_H
#define _KIT_MM_H

#include <stddef.h>

/* The kit image's text, as linked. */
extern char __executable_start[], etext[];

/*
 * Read-write-execute memory within 2 GiB (x86 rel32) and, where possible,
 * 128 MiB (arm64 b/bl) of kit text; NULL when nothing that close is free.
 */
void *kit_module_alloc(size_t size);
void kit_module_free(void *addr, size_t size);

/*
 * Make the kit image's text writable for text patching.  Writes go
 * through the executing mapping: QEMU user mode does not see writes made
 * through a second alias of the same pages.
 */
int kit_text_make_writable(void);

#endif
