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
"	.text\n"
/* R_X86_64_PC32 */
"	.globl modrel_pc32; .type modrel_pc32, @function\n"
"modrel_pc32:\n"
"	lea kit_memcpy(%rip), %rax\n"
"	ret\n"
"	.size modrel_pc32, . - modrel_pc32\n"
/* R_X86_64_32 */
"	.globl modrel_abs32; .type modrel_abs32, @function\n"
"modrel_abs32:\n"
"	mov $kit_memcpy, %eax\n"
"	ret\n"
"	.size modrel_abs32, . - modrel_abs32\n"
/* R_X86_64_32S */
"	.globl modrel_abs32s; .type modrel_abs32s, @function\n"
"modrel_abs32s:\n"
"	movq $kit_memcpy, %rax\n"
"	ret\n"
"	.size modrel_abs32s, . - modrel_abs32s\n"
/* R_X86_64_64 */
"	.globl modrel_abs64; .type modrel_abs64, @function\n"
"modrel_abs64:\n"
"	movabs $kit_memcpy, %rax\n"
"	ret\n"
"	.size modrel_abs64, . - modrel_abs64\n"
/* R_X86_64_PLT32: a tail call into the kit */
"	.globl modrel_plt32; .type modrel_plt32, @function\n"
"modrel_plt32:\n"
"	jmp kit_strlen@PLT\n"
"	.size modrel_plt32, . - modrel_plt32\n"
"	.data\n"
"	.balign 8\n"
/* R_X86_64_PC64 and R_X86_64_PC32 in data */
"	.globl modrel_pc64; .type modrel_pc64, @object\n"
"modrel_pc64:\n"
"	.quad kit_memcpy - .\n"
"	.size modrel_pc64, 8\n"
"	.globl modrel_pc32_data; .type modrel_pc32_data, @object\n"
"modrel_pc32_data:\n"
"	.long kit_memcpy - .\n"
"	.size modrel_pc32_data, 4\n"
"	.text\n");

/* a call from compiled code, which every port relocates */
size_t modrel_call_strlen(const char *s)
{
	return kit_strlen(s) + 1;
}
