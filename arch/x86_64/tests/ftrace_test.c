// SPDX-License-Identifier: GPL-2.0
/* A function with an ftrace site in module memory, hand-assembled. */
#include <string.h>

#include <asm/ftrace.h>
#include <kit/arch_test.h>

/* int f(int x) { return x + 1; } as gcc -pg -mfentry makes it */
size_t arch_test_make_traced_func(uint8_t *p)
{
	int32_t rel = (int32_t)((uintptr_t)__fentry__ - ((uintptr_t)p + 5));

	p[0] = 0xe8;			/* call __fentry__ */
	memcpy(p + 1, &rel, 4);
	memcpy(p + 5, "\x8d\x47\x01\xc3", 4);	/* lea 0x1(%rdi),%eax; ret */
	return 9;
}
