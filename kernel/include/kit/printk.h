/* SPDX-License-Identifier: GPL-2.0 */
/*
 * printf-lite: the conversions kernel code uses (%d %i %u %x %X %o %c %s %p
 * %%, with l/ll/z/h/hh, width, precision, '-', '0', '+', ' ' and '#'), and
 * two kit extensions: %pS prints a code address as symbol+offset/size
 * through kit_symbolize, %pE an error number by name.
 */
#ifndef KIT_PRINTK_H
#define KIT_PRINTK_H

#include <stdarg.h>
#include <stddef.h>

#include <kit/compiler.h>

int kit_vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
	__printf(3, 0);
int kit_snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int kit_printk(const char *fmt, ...) __printf(1, 2);
int kit_vprintk(const char *fmt, va_list args) __printf(1, 0);

/*
 * Installed by kallsyms once it exists: write "name+0xoff/0xsize" for @addr
 * into @buf and return its length, or 0 when the address is not known.
 */
extern size_t (*kit_symbolize)(unsigned long addr, char *buf, size_t size);

const char *kit_errname(int err);

#endif /* KIT_PRINTK_H */
