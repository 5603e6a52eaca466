// SPDX-License-Identifier: GPL-2.0
/*
 * A livepatch-format module, in the making: its section klp_data refers to
 * symbols of the kit image by name and position, spelled the way
 * Documentation/livepatch/module-elf-format.rst says
 * (.klp.sym.vmlinux.<name>,<pos>).  The compiler cannot mark them
 * SHN_LIVEPATCH nor name the relocation section .klp.rela.vmlinux.klp_data;
 * the test does both in memory, as klp-convert would, renaming the
 * section to the name the empty section below puts in the string table.
 * Loaded unconverted, it must fail: those symbols do not exist as such.
 */
/* %object: the spelling every assembler takes ("@" is a comment on some) */
#define PTR ".quad"
#define REL32 ".long"
#define OBJ "%object"

__asm__(
"	.section .klp.rela.vmlinux.klp_data, \"\", %progbits\n"
"	.section klp_data, \"aw\", %progbits\n"
"	.balign 8\n"
"	.globl modklp_pos1; .type modklp_pos1, " OBJ "\n"
"modklp_pos1:	" PTR " \".klp.sym.vmlinux.kit_modtest_dup,1\"\n"
"	.size modklp_pos1, 8\n"
"	.globl modklp_pos2; .type modklp_pos2, " OBJ "\n"
"modklp_pos2:	" PTR " \".klp.sym.vmlinux.kit_modtest_dup,2\"\n"
"	.size modklp_pos2, 8\n"
"	.globl modklp_unique; .type modklp_unique, " OBJ "\n"
"modklp_unique:	" PTR " \".klp.sym.vmlinux.kit_memcpy,0\"\n"
"	.size modklp_unique, 8\n"
"	.globl modklp_rel2; .type modklp_rel2, " OBJ "\n"
"modklp_rel2:	" REL32 " \".klp.sym.vmlinux.kit_modtest_dup,2\" - .\n"
"	.size modklp_rel2, 4\n"
"	.text\n");

extern int (*const modklp_pos1)(void), (*const modklp_pos2)(void);

/* Call the kit's static kit_modtest_dup number @pos through the patch. */
int modklp_call(int pos)
{
	return pos == 1 ? modklp_pos1() : modklp_pos2();
}
