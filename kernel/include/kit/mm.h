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
 * Read-write-execute memory within ARCH_MODULE_NEAR (<asm/module.h>) of
 * kit text, where a module's direct calls reach it; NULL when nothing that
 * close is free.
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
