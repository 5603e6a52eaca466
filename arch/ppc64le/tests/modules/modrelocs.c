// SPDX-License-Identifier: GPL-2.0
/*
 * One module per relocation family: small asm functions and data whose
 * only job is to carry one relocation type each, against a kit function
 * (kit_memcpy) or the module's own data, plus compiled code for what gcc
 * emits (the TOC setup, TOC-relative data, calls out through stubs).  The
 * test calls each function and compares what it returns with the address
 * it must have been linked to.  No init or exit: the bad-module tests
 * also load corrupted copies of it.
 */
#include <kit/string.h>

__asm__(
"	.data\n"
"	.balign 8\n"
"	.globl modrel_addr64; .type modrel_addr64, @object\n"
"modrel_addr64:	.quad kit_memcpy\n"
"	.size modrel_addr64, 8\n"
"	.globl modrel_rel64; .type modrel_rel64, @object\n"
"modrel_rel64:	.quad kit_memcpy - .\n"
"	.size modrel_rel64, 8\n"
"	.globl modrel_rel32; .type modrel_rel32, @object\n"
"modrel_rel32:	.long kit_memcpy - .\n"
"	.size modrel_rel32, 4\n"
"	.globl modrel_w; .type modrel_w, @object\n"
"modrel_w:	.long 0x89abcdef\n"
"	.size modrel_w, 4\n"
"	.balign 8\n"
"	.globl modrel_tocval; .type modrel_tocval, @object\n"
"modrel_tocval:	.quad .TOC.@tocbase\n"
"	.size modrel_tocval, 8\n"

"	.text\n"
/* ADDR16_HIGHEST/HIGHER/HI/LO: the absolute address of kit_memcpy */
"	.globl modrel_addr16; .type modrel_addr16, @function; .balign 16\n"
"modrel_addr16:\n"
"	lis 3, kit_memcpy@highest\n"
"	ori 3, 3, kit_memcpy@higher\n"
"	sldi 3, 3, 32\n"
"	oris 3, 3, kit_memcpy@h\n"
"	ori 3, 3, kit_memcpy@l\n"
"	blr\n"
"	.size modrel_addr16, . - modrel_addr16\n"
/* ADDR16_HA + ADDR16_LO: the low 32 bits, sign-adjusted */
"	.globl modrel_addr16_ha; .type modrel_addr16_ha, @function; .balign 16\n"
"modrel_addr16_ha:\n"
"	lis 3, kit_memcpy@ha\n"
"	addi 3, 3, kit_memcpy@l\n"
"	blr\n"
"	.size modrel_addr16_ha, . - modrel_addr16_ha\n"
/* REL14 to another section: x = 0 -> 42 */
"	.globl modrel_bc; .type modrel_bc, @function; .balign 16\n"
"modrel_bc:\n"
"	cmpdi 3, 0\n"
"	beq 0, modrel_ret42\n"
"	li 3, 1\n"
"	blr\n"
"	.size modrel_bc, . - modrel_bc\n"
/* REL24 b (not a call) to another section of the module */
"	.globl modrel_jump; .type modrel_jump, @function; .balign 16\n"
"modrel_jump:\n"
"	b modrel_ret42\n"
"	.size modrel_jump, . - modrel_jump\n"
"	.section .text.modrel_far, \"ax\", @progbits\n"
"	.globl modrel_ret42; .type modrel_ret42, @function; .balign 16\n"
"modrel_ret42:\n"
"	li 3, 42\n"
"	blr\n"
"	.size modrel_ret42, . - modrel_ret42\n"
"	.text\n");

/* TOC16_HA/LO: compiled access to the module's own data */
static unsigned long modrel_counter = 7;

unsigned long modrel_toc_data(unsigned long x)
{
	modrel_counter += x;
	return modrel_counter;
}

/* TOC16_HA/LO_DS through a .toc entry (ADDR64): the address of extern code */
void *modrel_toc_entry(void)
{
	return (void *)kit_memcpy;
}

/*
 * The module's TOC pointer itself, as the global entry computed it
 * (REL16_HA/LO): reading its data makes the function use the TOC.
 */
unsigned long modrel_r2(void)
{
	unsigned long r2, v = *(volatile unsigned long *)&modrel_counter;

	__asm__ volatile("mr %0, 2" : "=r"(r2) : "r"(v));
	return r2;
}

/* a call from compiled code, which every port relocates: a stub saving r2 */
size_t modrel_call_strlen(const char *s)
{
	return kit_strlen(s) + 1;
}
