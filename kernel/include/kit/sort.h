/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KIT_SORT_H
#define KIT_SORT_H

#include <stddef.h>

typedef int (*kit_cmp_func_t)(const void *a, const void *b);
typedef void (*kit_swap_func_t)(void *a, void *b, size_t size);

/*
 * Sort @num elements of @size bytes in place, without allocating and in
 * O(n log n) worst case (heapsort), as kernel code may call it from any
 * context.  @swap may be NULL for the generic byte swap.
 */
void kit_sort(void *base, size_t num, size_t size, kit_cmp_func_t cmp,
	      kit_swap_func_t swap);
/* Stable insertion sort for short arrays, e.g. per-object relocation lists. */
void kit_sort_small(void *base, size_t num, size_t size, kit_cmp_func_t cmp);
void *kit_bsearch(const void *key, const void *base, size_t num, size_t size,
		  kit_cmp_func_t cmp);

#endif /* KIT_SORT_H */
