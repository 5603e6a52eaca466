// SPDX-License-Identifier: GPL-2.0
/* A function with an ftrace site in module memory, hand-assembled. */
#include <string.h>

#include <kit/arch_test.h>
#include <asm/text-patching.h>

/* int f(int x) { return x + 1; } as -pg -mprofile-kernel makes it (no TOC) */
size_t arch_test_make_traced_func(uint8_t *p)
{
	static const uint32_t insns[] = {
		0x7c0802a6,		/* mflr r0 */
		0x60000000,		/* nop (the site, disabled) */
		0x38630001,		/* addi r3,r3,1 */
		0x7c6307b4,		/* extsw r3,r3 */
		0x4e800020,		/* blr */
	};

	memcpy(p, insns, sizeof(insns));
	ppc64le_flush_icache(p, sizeof(insns));
	return sizeof(insns);
}
