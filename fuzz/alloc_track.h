/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Allocation tracking for in-process fuzz targets around one-shot tools.
 *
 * objtool-lite and orc-sort leave their memory to exit(); run a million
 * times in one process they would grow without bound.  The fuzz binaries
 * are linked with --wrap for malloc and friends (fuzz/fuzz.mk), so every
 * block the tool's own objects allocate is recorded, and fz_alloc_sweep()
 * frees what a run left behind.  Blocks that libraries (libelf, libdw)
 * allocate for themselves are not seen, and pointers this file never
 * handed out are passed to the real free() untouched.
 */
#ifndef FUZZ_ALLOC_TRACK_H
#define FUZZ_ALLOC_TRACK_H

#include <stdbool.h>
#include <stddef.h>

/* Free every tracked block still live; returns how many there were. */
size_t fz_alloc_sweep(void);
/* While off, new blocks are not tracked (for state that must outlive a run). */
void fz_alloc_track(bool on);

#endif
