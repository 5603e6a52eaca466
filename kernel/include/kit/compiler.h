/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compiler attributes the kit kernel uses, spelled once.  The kit is built
 * -ffreestanding: only the compiler's own headers (stddef.h, stdint.h,
 * stdarg.h, stdbool.h) are available, never libc's.
 */
#ifndef KIT_COMPILER_H
#define KIT_COMPILER_H

/*
 * Guarded: the kit's library tests build these sources as ordinary programs
 * beside libc headers, some of which define the same names.
 */
#ifndef likely
#define likely(x)	__builtin_expect(!!(x), 1)
#endif
#ifndef unlikely
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif
#ifndef __noreturn
#define __noreturn	__attribute__((__noreturn__))
#endif
#ifndef __cold
#define __cold		__attribute__((__cold__))
#endif
#ifndef __printf
#define __printf(a, b)	__attribute__((__format__(printf, a, b)))
#endif
#ifndef __maybe_unused
#define __maybe_unused	__attribute__((__unused__))
#endif
#ifndef __always_inline
#define __always_inline	inline __attribute__((__always_inline__))
#endif
#ifndef noinline
#define noinline	__attribute__((__noinline__))
#endif

/* Keep the compiler from caching or merging accesses across this point. */
#define barrier()	__asm__ __volatile__("" : : : "memory")

#endif /* KIT_COMPILER_H */
