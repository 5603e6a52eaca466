// SPDX-License-Identifier: GPL-2.0
/*
 * One module per relocation family: small asm functions and data whose
 * only job is to carry one relocation type each, against a kit function
 * (kit_memcpy) or the module's own data.  The test calls each function and
 * compares what it returns with the address it must have been linked to.
 * No init or exit: the bad-module tests also load corrupted copies of it.
 * Every port has one, named modrelocs, with its own families
 * (arch/<arch>/tests/module_test.c checks them) and the compiled call
 * below, which the common test checks.
 */
#include <kit/string.h>

__asm__(
"	.data\n"
"	.balign 8\n"
"	.globl modrel_x; .type modrel_x, @object\n"
"modrel_x:	.quad 0x0123456789abcdef\n"
"	.size modrel_x, 8\n"
"	.globl modrel_w; .type modrel_w, @object\n"
"modrel_w:	.long 0x89abcdef\n"
"	.size modrel_w, 4\n"
"	.balign 8\n"
/* R_390_64, PC64, PC32 in data */
"	.globl modrel_abs64; .type modrel_abs64, @object\n"
"modrel_abs64:	.quad kit_memcpy\n"
"	.size modrel_abs64, 8\n"
"	.globl modrel_pc64; .type modrel_pc64, @object\n"
"modrel_pc64:	.quad kit_memcpy - .\n"
"	.size modrel_pc64, 8\n"
"	.globl modrel_pc32; .type modrel_pc32, @object\n"
"modrel_pc32:	.long kit_memcpy - .\n"
"	.size modrel_pc32, 4\n"

"	.text\n"
/* PC32DBL: larl of a kit function */
"	.globl modrel_larl; .type modrel_larl, @function; .balign 8\n"
"modrel_larl:\n"
"	larl %r2,kit_memcpy\n"
"	br %r14\n"
"	.size modrel_larl, . - modrel_larl\n"
/* GOTENT: the address loaded from a GOT slot */
"	.globl modrel_gotent; .type modrel_gotent, @function; .balign 8\n"
"modrel_gotent:\n"
"	lgrl %r2,kit_memcpy@GOTENT\n"
"	br %r14\n"
"	.size modrel_gotent, . - modrel_gotent\n"
/* PC32DBL: lgrl/lrl of the module's own data */
"	.globl modrel_lgrl; .type modrel_lgrl, @function; .balign 8\n"
"modrel_lgrl:\n"
"	lgrl %r2,modrel_x\n"
"	br %r14\n"
"	.size modrel_lgrl, . - modrel_lgrl\n"
"	.globl modrel_lrl; .type modrel_lrl, @function; .balign 8\n"
"modrel_lrl:\n"
"	lrl %r2,modrel_w\n"
"	llgfr %r2,%r2\n"
"	br %r14\n"
"	.size modrel_lrl, . - modrel_lrl\n"
/* PC16DBL and PC32DBL branches to another section: r2 = 0 -> 42 */
"	.globl modrel_j; .type modrel_j, @function; .balign 8\n"
"modrel_j:\n"
"	cghi %r2,0\n"
"	je modrel_ret42\n"
"	lghi %r2,1\n"
"	br %r14\n"
"	.size modrel_j, . - modrel_j\n"
"	.globl modrel_jg; .type modrel_jg, @function; .balign 8\n"
"modrel_jg:\n"
"	jg modrel_ret42\n"
"	.size modrel_jg, . - modrel_jg\n"
"	.section .text.modrel_far, \"ax\", @progbits\n"
"	.globl modrel_ret42; .type modrel_ret42, @function; .balign 8\n"
"modrel_ret42:\n"
"	lghi %r2,42\n"
"	br %r14\n"
"	.size modrel_ret42, . - modrel_ret42\n"
"	.text\n");

/* a call from compiled code (PLT32DBL), which every port relocates */
size_t modrel_call_strlen(const char *s)
{
	return kit_strlen(s) + 1;
}
