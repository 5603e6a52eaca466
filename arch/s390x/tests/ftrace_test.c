// SPDX-License-Identifier: GPL-2.0
/* A function with an ftrace site in module memory, hand-assembled. */
#include <string.h>

#include <kit/arch_test.h>

/* int f(int x) { return x + 1; } as -pg -mfentry -mnop-mcount makes it */
size_t arch_test_make_traced_func(uint8_t *p)
{
	static const uint8_t insns[] = {
		0xc0, 0x04, 0x00, 0x00, 0x00, 0x00,	/* brcl 0,0 (the site) */
		0xa7, 0x2a, 0x00, 0x01,			/* ahi %r2,1 */
		0xb9, 0x14, 0x00, 0x22,			/* lgfr %r2,%r2 */
		0x07, 0xfe,				/* br %r14 */
	};

	memcpy(p, insns, sizeof(insns));
	__asm__ __volatile__("bcr 14,0" ::: "memory");	/* serialise */
	return sizeof(insns);
}
