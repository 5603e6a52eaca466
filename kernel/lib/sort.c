// SPDX-License-Identifier: GPL-2.0
/*
 * Sorting without allocation.  kit_sort() is a bottom-up heapsort: O(n log n)
 * worst case and constant stack, which matters for code that may run on a
 * small task stack (kallsyms and the ORC table sort at boot, the module
 * loader at load time).  kit_sort_small() is stable and keeps the element
 * being inserted in a variable-length array: a frame whose size is known
 * only at run time, so the compiler must address it through the frame
 * pointer, which is one of the shapes the validator has to follow.
 */
#include <kit/kernel.h>
#include <kit/sort.h>
#include <kit/string.h>

/* Largest element kit_sort_small() accepts: bounds the VLA. */
#define SORT_SMALL_MAX_SIZE	256

static void swap_words_64(void *a, void *b, size_t n)
{
	do {
		uint64_t t = *(uint64_t *)(a + (n -= 8));

		*(uint64_t *)(a + n) = *(uint64_t *)(b + n);
		*(uint64_t *)(b + n) = t;
	} while (n);
}

static void swap_words_32(void *a, void *b, size_t n)
{
	do {
		uint32_t t = *(uint32_t *)(a + (n -= 4));

		*(uint32_t *)(a + n) = *(uint32_t *)(b + n);
		*(uint32_t *)(b + n) = t;
	} while (n);
}

static void swap_bytes(void *a, void *b, size_t n)
{
	do {
		char t = ((char *)a)[--n];

		((char *)a)[n] = ((char *)b)[n];
		((char *)b)[n] = t;
	} while (n);
}

static bool aligned_for(const void *base, size_t size, size_t align)
{
	return ((uintptr_t)base | size) % align == 0;
}

static kit_swap_func_t pick_swap(const void *base, size_t size)
{
	if (aligned_for(base, size, 8))
		return swap_words_64;
	if (aligned_for(base, size, 4))
		return swap_words_32;
	return swap_bytes;
}

/* Index of the child of @i that starts the path down a heap of @n. */
static size_t leaf_walk(void *base, size_t i, size_t n, size_t size,
			kit_cmp_func_t cmp)
{
	size_t c;

	while ((c = 2 * i + 2) < n) {
		if (cmp(base + c * size, base + (c - 1) * size) < 0)
			c--;
		i = c;
	}
	if (2 * i + 1 < n)
		i = 2 * i + 1;
	return i;
}

/*
 * Sift the element at @root down: walk to a leaf along the larger
 * children, back up to where the root belongs, then rotate.  Fewer
 * comparisons than the textbook sift-down (Floyd's bottom-up variant).
 */
static void sift_down(void *base, size_t root, size_t n, size_t size,
		      kit_cmp_func_t cmp, kit_swap_func_t swap)
{
	size_t b = leaf_walk(base, root, n, size, cmp);

	while (b != root && cmp(base + root * size, base + b * size) > 0)
		b = (b - 1) / 2;
	while (b != root) {
		size_t parent = (b - 1) / 2;

		swap(base + root * size, base + b * size, size);
		b = parent;
	}
}

void kit_sort(void *base, size_t num, size_t size, kit_cmp_func_t cmp,
	      kit_swap_func_t swap)
{
	size_t i;

	if (num < 2 || size == 0)
		return;
	BUG_ON(!cmp);
	if (!swap)
		swap = pick_swap(base, size);

	for (i = num / 2; i-- > 0;)
		sift_down(base, i, num, size, cmp, swap);
	for (i = num - 1; i > 0; i--) {
		swap(base, base + i * size, size);
		sift_down(base, 0, i, size, cmp, swap);
	}
}

void kit_sort_small(void *base, size_t num, size_t size, kit_cmp_func_t cmp)
{
	size_t i, j;

	if (num < 2 || size == 0)
		return;
	if (unlikely(size > SORT_SMALL_MAX_SIZE))
		kit_panic("kit_sort_small: element of %zu bytes", size);

	char tmp[size];

	for (i = 1; i < num; i++) {
		kit_memcpy(tmp, base + i * size, size);
		for (j = i; j > 0 && cmp(base + (j - 1) * size, tmp) > 0; j--)
			kit_memcpy(base + j * size, base + (j - 1) * size, size);
		if (j != i)
			kit_memcpy(base + j * size, tmp, size);
	}
}

void *kit_bsearch(const void *key, const void *base, size_t num, size_t size,
		  kit_cmp_func_t cmp)
{
	while (num) {
		const void *mid = base + (num / 2) * size;
		int r = cmp(key, mid);

		if (r == 0)
			return (void *)mid;
		if (r > 0) {
			base = mid + size;
			num -= num / 2 + 1;
		} else {
			num /= 2;
		}
	}
	return NULL;
}
