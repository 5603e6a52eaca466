// SPDX-License-Identifier: GPL-2.0
/*
 * The --wrap side of alloc_track.h: an open-addressing set of the live
 * blocks the wrapped objects allocated.  Deletions leave a tombstone, and
 * the set is rebuilt at twice the size when live + tombstones pass half.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_track.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);

#define TOMB ((void *)1)

static void **set;
static size_t set_size, set_used, set_live, set_peak;
static bool tracking = true;

static size_t slot_of(const void *p, size_t size)
{
	uint64_t h = (uintptr_t)p * 0x9e3779b97f4a7c15ull;

	return (h >> 17) & (size - 1);
}

static void set_put_raw(void **tab, size_t size, void *p)
{
	size_t i = slot_of(p, size);

	while (tab[i] && tab[i] != TOMB)
		i = (i + 1) & (size - 1);
	tab[i] = p;
}

static void set_grow(void)
{
	size_t nsize = set_size ? set_size * 2 : 1024;
	void **ntab;

	while (set_live * 4 >= nsize)
		nsize *= 2;
	ntab = __real_calloc(nsize, sizeof(*ntab));
	if (!ntab) {
		fputs("fuzz: allocation tracker out of memory\n", stderr);
		abort();
	}
	for (size_t i = 0; i < set_size; i++)
		if (set[i] && set[i] != TOMB)
			set_put_raw(ntab, nsize, set[i]);
	__real_free(set);
	set = ntab;
	set_size = nsize;
	set_used = set_live;
}

static void set_add(void *p)
{
	if (!p || !tracking)
		return;
	if ((set_used + 1) * 2 > set_size)
		set_grow();
	set_put_raw(set, set_size, p);
	set_used++;
	set_live++;
	if (set_live > set_peak)
		set_peak = set_live;
}

static void set_del(void *p)
{
	size_t i;

	if (!p || !set_size)
		return;
	for (i = slot_of(p, set_size); set[i]; i = (i + 1) & (set_size - 1)) {
		if (set[i] == p) {
			set[i] = TOMB;
			set_live--;
			return;
		}
	}
}

void fz_alloc_track(bool on)
{
	tracking = on;
}

size_t fz_alloc_sweep(void)
{
	size_t n = 0;

	for (size_t i = 0; i < set_size; i++) {
		if (set[i] && set[i] != TOMB) {
			__real_free(set[i]);
			n++;
		}
		set[i] = NULL;
	}
	set_used = set_live = 0;
	/*
	 * The sweep visits every slot: one input with many blocks must not
	 * make every later run pay for its table.  Sized again on demand.
	 */
	if (set_size > 1024 && set_peak * 16 < set_size) {
		__real_free(set);
		set = NULL;
		set_size = 0;
	}
	set_peak = 0;
	return n;
}

void *__wrap_malloc(size_t n)
{
	void *p = __real_malloc(n);

	set_add(p);
	return p;
}

void *__wrap_calloc(size_t n, size_t m)
{
	void *p = __real_calloc(n, m);

	set_add(p);
	return p;
}

void *__wrap_realloc(void *old, size_t n)
{
	void *p = __real_realloc(old, n);

	/* a failed realloc leaves the old block live and tracked */
	if (p || !n) {
		set_del(old);
		set_add(p);
	}
	return p;
}

void __wrap_free(void *p)
{
	set_del(p);
	__real_free(p);
}

char *__wrap_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = __wrap_malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

char *__wrap_strndup(const char *s, size_t max)
{
	size_t n = strnlen(s, max);
	char *p = __wrap_malloc(n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

int __wrap_asprintf(char **out, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(out, fmt, ap);
	va_end(ap);
	if (n >= 0)
		set_add(*out);
	return n;
}
