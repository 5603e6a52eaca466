/* SPDX-License-Identifier: GPL-2.0 */
/*
 * String and memory functions of the kit kernel.  They carry a kit_ prefix
 * because in hosted mode the kit shares its process with libc: defining
 * memcpy() here would silently replace libc's for the whole process.
 */
#ifndef KIT_STRING_H
#define KIT_STRING_H

#include <stddef.h>

#include <kit/arch.h>	/* kit_memset_arch */

size_t kit_strlen(const char *s);
size_t kit_strnlen(const char *s, size_t max);
int kit_strcmp(const char *a, const char *b);
int kit_strncmp(const char *a, const char *b, size_t n);
char *kit_strchr(const char *s, int c);
char *kit_strrchr(const char *s, int c);
char *kit_strstr(const char *hay, const char *needle);
long kit_strscpy(char *dst, const char *src, size_t size);
char *kit_strsep(char **s, const char *delims);
void *kit_memcpy(void *dst, const void *src, size_t n);
void *kit_memmove(void *dst, const void *src, size_t n);
void *kit_memset(void *s, int c, size_t n);
/* kit_memset_arch(): the same, hand-written per arch, in <kit/arch.h> */
int kit_memcmp(const void *a, const void *b, size_t n);
void *kit_memchr(const void *s, int c, size_t n);

#endif /* KIT_STRING_H */
