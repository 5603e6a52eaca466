// SPDX-License-Identifier: GPL-2.0
/*
 * A patch of the module klpmod_target that reaches one of its static
 * functions through a livepatch relocation: klp_moddata holds the address of
 * .klp.sym.klpmod_target.klpmod_target_secret,0, to be applied when that
 * module is loaded.  As with modklp.c, the compiler cannot emit livepatch
 * ELF; livepatch_module_test.c converts the file in memory as klp-convert
 * would, renaming .relaklp_moddata to one of the names the empty sections
 * below put in the string table.  Not named klp_data: the damage
 * generator (selftests/kit/module_damage.c) converts a module's klp_data
 * for vmlinux, which this one does not patch.
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>

__asm__(
"	.section .klp.rela.klpmod_target.klp_moddata, \"\", %progbits\n"
"	.section .klp.rela.othermod.klp_moddata, \"\", %progbits\n"
"	.section klp_moddata, \"aw\", %progbits\n"
"	.balign 8\n"
"	.globl modrela_secret; .type modrela_secret, %object\n"
"modrela_secret:	.quad \".klp.sym.klpmod_target.klpmod_target_secret,0\"\n"
"	.size modrela_secret, 8\n"
"	.text\n");

extern long (*const modrela_secret)(long);

static noinline long modrela_value(long x)
{
	return modrela_secret(x) + 1000;
}

static struct klp_func funcs[] = {
	{ .old_name = "klpmod_target_value", .new_func = modrela_value },
	{ }
};

static struct klp_object objs[] = {
	{ .name = "klpmod_target", .funcs = funcs },
	{ }
};

static struct klp_patch patch = {
	.name = "klp_modrela",
	.objs = objs,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
