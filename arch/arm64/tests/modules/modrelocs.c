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
"	.balign 16\n"
"	.globl modrel_q; .type modrel_q, %object\n"
"modrel_q:	.quad 0x1111222233334444, 0x5555666677778888\n"
"	.size modrel_q, 16\n"
"	.globl modrel_x; .type modrel_x, %object\n"
"modrel_x:	.quad 0x0123456789abcdef\n"
"	.size modrel_x, 8\n"
"	.globl modrel_w; .type modrel_w, %object\n"
"modrel_w:	.long 0x89abcdef\n"
"	.size modrel_w, 4\n"
"	.globl modrel_h; .type modrel_h, %object\n"
"modrel_h:	.short 0xbeef\n"
"	.size modrel_h, 2\n"
"	.globl modrel_b; .type modrel_b, %object\n"
"modrel_b:	.byte 0x5a\n"
"	.size modrel_b, 1\n"
"	.balign 8\n"
/* R_AARCH64_PREL64, PREL32, ABS32 in data */
"	.globl modrel_prel64; .type modrel_prel64, %object\n"
"modrel_prel64:	.quad kit_memcpy - .\n"
"	.size modrel_prel64, 8\n"
"	.globl modrel_prel32; .type modrel_prel32, %object\n"
"modrel_prel32:	.long kit_memcpy - .\n"
"	.size modrel_prel32, 4\n"
"	.globl modrel_abs32; .type modrel_abs32, %object\n"
"modrel_abs32:	.long kit_memcpy\n"
"	.size modrel_abs32, 4\n"

"	.text\n"
/* ADR_PREL_PG_HI21 + ADD_ABS_LO12_NC */
"	.globl modrel_adrp; .type modrel_adrp, %function; .balign 4\n"
"modrel_adrp:\n"
"	adrp x0, kit_memcpy\n"
"	add x0, x0, :lo12:kit_memcpy\n"
"	ret\n"
"	.size modrel_adrp, . - modrel_adrp\n"
/* ADR_PREL_PG_HI21_NC */
"	.globl modrel_adrp_nc; .type modrel_adrp_nc, %function; .balign 4\n"
"modrel_adrp_nc:\n"
"	adrp x0, :pg_hi21_nc:kit_memcpy\n"
"	add x0, x0, :lo12:kit_memcpy\n"
"	ret\n"
"	.size modrel_adrp_nc, . - modrel_adrp_nc\n"
/* LDST8/16/32/64/128_ABS_LO12_NC */
"	.globl modrel_ld8; .type modrel_ld8, %function; .balign 4\n"
"modrel_ld8:\n"
"	adrp x1, modrel_b\n"
"	ldrb w0, [x1, :lo12:modrel_b]\n"
"	ret\n"
"	.size modrel_ld8, . - modrel_ld8\n"
"	.globl modrel_ld16; .type modrel_ld16, %function; .balign 4\n"
"modrel_ld16:\n"
"	adrp x1, modrel_h\n"
"	ldrh w0, [x1, :lo12:modrel_h]\n"
"	ret\n"
"	.size modrel_ld16, . - modrel_ld16\n"
"	.globl modrel_ld32; .type modrel_ld32, %function; .balign 4\n"
"modrel_ld32:\n"
"	adrp x1, modrel_w\n"
"	ldr w0, [x1, :lo12:modrel_w]\n"
"	ret\n"
"	.size modrel_ld32, . - modrel_ld32\n"
"	.globl modrel_ld64; .type modrel_ld64, %function; .balign 4\n"
"modrel_ld64:\n"
"	adrp x1, modrel_x\n"
"	ldr x0, [x1, :lo12:modrel_x]\n"
"	ret\n"
"	.size modrel_ld64, . - modrel_ld64\n"
"	.globl modrel_ld128; .type modrel_ld128, %function; .balign 4\n"
"modrel_ld128:\n"
"	adrp x1, modrel_q\n"
"	ldr q0, [x1, :lo12:modrel_q]\n"
"	mov x0, v0.d[1]\n"
"	ret\n"
"	.size modrel_ld128, . - modrel_ld128\n"
/* MOVW_UABS_G3 + G2_NC + G1_NC + G0_NC */
"	.globl modrel_movw; .type modrel_movw, %function; .balign 4\n"
"modrel_movw:\n"
"	movz x0, #:abs_g3:kit_memcpy\n"
"	movk x0, #:abs_g2_nc:kit_memcpy\n"
"	movk x0, #:abs_g1_nc:kit_memcpy\n"
"	movk x0, #:abs_g0_nc:kit_memcpy\n"
"	ret\n"
"	.size modrel_movw, . - modrel_movw\n"
/* MOVW_UABS_G1 (checked) + G0_NC */
"	.globl modrel_movw_g1; .type modrel_movw_g1, %function; .balign 4\n"
"modrel_movw_g1:\n"
"	movz x0, #:abs_g1:kit_memcpy\n"
"	movk x0, #:abs_g0_nc:kit_memcpy\n"
"	ret\n"
"	.size modrel_movw_g1, . - modrel_movw_g1\n"
/* MOVW_UABS_G2 (checked) + G1_NC + G0_NC */
"	.globl modrel_movw_g2; .type modrel_movw_g2, %function; .balign 4\n"
"modrel_movw_g2:\n"
"	movz x0, #:abs_g2:kit_memcpy\n"
"	movk x0, #:abs_g1_nc:kit_memcpy\n"
"	movk x0, #:abs_g0_nc:kit_memcpy\n"
"	ret\n"
"	.size modrel_movw_g2, . - modrel_movw_g2\n"
/* CONDBR19, TSTBR14 and JUMP26 to another section: x0 = 0 -> 42 */
"	.globl modrel_cbz; .type modrel_cbz, %function; .balign 4\n"
"modrel_cbz:\n"
"	cbz x0, modrel_ret42\n"
"	mov x0, #1\n"
"	ret\n"
"	.size modrel_cbz, . - modrel_cbz\n"
"	.globl modrel_tbz; .type modrel_tbz, %function; .balign 4\n"
"modrel_tbz:\n"
"	tbz x0, #0, modrel_ret42\n"
"	mov x0, #1\n"
"	ret\n"
"	.size modrel_tbz, . - modrel_tbz\n"
"	.type modrel_jump, %function; .balign 4\n"
"	.globl modrel_jump\n"
"modrel_jump:\n"
"	b modrel_ret42\n"
"	.size modrel_jump, . - modrel_jump\n"
"	.section .text.modrel_far, \"ax\", %progbits\n"
"	.globl modrel_ret42; .type modrel_ret42, %function; .balign 4\n"
"modrel_ret42:\n"
"	mov x0, #42\n"
"	ret\n"
"	.size modrel_ret42, . - modrel_ret42\n"
"	.text\n");

/* a call from compiled code, which every port relocates */
size_t modrel_call_strlen(const char *s)
{
	return kit_strlen(s) + 1;
}
