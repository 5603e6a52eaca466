// SPDX-License-Identifier: GPL-2.0
/* A function with an ftrace site in module memory, hand-assembled. */
#include <string.h>

#include <kit/arch_test.h>

/* int f(int x) { return x + 1; } as -fpatchable-function-entry=2 makes it */
size_t arch_test_make_traced_func(uint8_t *p)
{
	static const uint32_t insns[] = {
		0xd503201f, 0xd503201f,	/* nop; nop */
		0x11000400,		/* add w0, w0, #1 */
		0xd65f03c0,		/* ret */
	};

	memcpy(p, insns, sizeof(insns));
	__builtin___clear_cache((char *)p, (char *)p + sizeof(insns));
	return sizeof(insns);
}
