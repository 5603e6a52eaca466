/* SPDX-License-Identifier: GPL-2.0 */
/* Small helpers every kit file wants: sizes, min/max, panic and BUG. */
#ifndef KIT_KERNEL_H
#define KIT_KERNEL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <kit/compiler.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Type-checked, single-evaluation min/max, as kernel code expects. */
#define min(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); \
		     (void)(&_a == &_b); _a < _b ? _a : _b; })
#define max(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); \
		     (void)(&_a == &_b); _a > _b ? _a : _b; })

/* Error numbers the kit returns (negated), matching Linux's values. */
#define EPERM		1
#define ENOENT		2
#define ESRCH		3
#define EINTR		4
#define EIO		5
#define E2BIG		7
#define EAGAIN		11
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define ENODEV		19
#define ENOTDIR		20
#define EISDIR		21
#define EINVAL		22
#define ENOSPC		28
#define ERANGE		34
#define ENOSYS		38
#define ENOTEMPTY	39
#define ENODATA		61
#define EOVERFLOW	75
#define ETIMEDOUT	110

/*
 * Where console output goes.  The platform (hosted: a write(2) wrapper;
 * bare-metal: a UART driver) installs it; until then output is dropped.
 */
extern void (*kit_console_write)(const char *s, size_t len);

/*
 * Stop the kit kernel.  Never returns: callers are dead ends for the
 * stack validator, and the compiler moves the paths leading here out of
 * line (foo.cold), which is exactly the shape objtool must follow.
 */
void kit_panic(const char *fmt, ...) __noreturn __cold __printf(1, 2);

#define BUG() kit_panic("BUG at %s:%d", __FILE__, __LINE__)
#define BUG_ON(cond) do { if (unlikely(cond)) BUG(); } while (0)

#endif /* KIT_KERNEL_H */
