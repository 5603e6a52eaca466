// SPDX-License-Identifier: GPL-2.0
/*
 * Byte-at-a-time string and memory functions.  Portable C on purpose: the
 * arch may later supply faster versions in arch/<a>/lib/, and these remain
 * the reference they are tested against.  The Makefile builds the kit with
 * -fno-tree-loop-distribute-patterns so gcc cannot turn the loops below
 * back into calls to memset()/memcpy().
 */
#include <kit/kernel.h>
#include <kit/string.h>

size_t kit_strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t kit_strnlen(const char *s, size_t max)
{
	const char *p = s;

	while (max-- && *p)
		p++;
	return p - s;
}

int kit_strcmp(const char *a, const char *b)
{
	unsigned char c1, c2;

	do {
		c1 = *a++;
		c2 = *b++;
		if (c1 != c2)
			return c1 < c2 ? -1 : 1;
	} while (c1);
	return 0;
}

int kit_strncmp(const char *a, const char *b, size_t n)
{
	unsigned char c1, c2;

	while (n--) {
		c1 = *a++;
		c2 = *b++;
		if (c1 != c2)
			return c1 < c2 ? -1 : 1;
		if (!c1)
			break;
	}
	return 0;
}

char *kit_strchr(const char *s, int c)
{
	for (; *s != (char)c; s++)
		if (!*s)
			return NULL;
	return (char *)s;
}

/* The first @needle in @hay, or NULL; an empty needle is found at @hay. */
char *kit_strstr(const char *hay, const char *needle)
{
	size_t n = kit_strlen(needle);

	for (; *hay; hay++)
		if (!kit_strncmp(hay, needle, n))
			return (char *)hay;
	return n ? NULL : (char *)hay;
}

char *kit_strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

/*
 * Copy a C string into a sized buffer, always NUL-terminating it.  Returns
 * the length copied, or -E2BIG when @src did not fit (the result is then
 * truncated): callers can tell truncation apart, unlike with strncpy().
 */
long kit_strscpy(char *dst, const char *src, size_t size)
{
	size_t i;

	if (unlikely(size == 0))
		return -E2BIG;
	for (i = 0; i < size; i++) {
		dst[i] = src[i];
		if (!src[i])
			return i;
	}
	dst[size - 1] = '\0';
	return -E2BIG;
}

/* Split off the next token of *@s at any of @delims; NULL when done. */
char *kit_strsep(char **s, const char *delims)
{
	char *start = *s, *end;

	if (!start)
		return NULL;
	for (end = start; *end; end++) {
		if (kit_strchr(delims, *end)) {
			*end = '\0';
			*s = end + 1;
			return start;
		}
	}
	*s = NULL;
	return start;
}

/*
 * Word-sized copies when both pointers are aligned alike: the kit copies
 * module images and patch payloads with this, which is worth a fast path.
 */
void *kit_memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((((uintptr_t)d | (uintptr_t)s) & (sizeof(long) - 1)) == 0) {
		for (; n >= sizeof(long); n -= sizeof(long)) {
			*(long *)(void *)d = *(const long *)(const void *)s;
			d += sizeof(long);
			s += sizeof(long);
		}
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *kit_memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return kit_memcpy(dst, src, n);
	/* Overlap with the destination above the source: copy backwards. */
	d += n;
	s += n;
	while (n--)
		*--d = *--s;
	return dst;
}

void *kit_memset(void *s, int c, size_t n)
{
	unsigned char *p = s;

	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

int kit_memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p < *q ? -1 : 1;
	return 0;
}

void *kit_memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}
