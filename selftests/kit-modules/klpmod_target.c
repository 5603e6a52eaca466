// SPDX-License-Identifier: GPL-2.0
/*
 * A module a livepatch targets (klp_modpatch.c patches it as the object
 * "klpmod_target"): its init calls the function that gets patched and
 * keeps the result, so the test sees whether the patch was applied before
 * init ran, as upstream's klp_module_coming() does.
 */
#include <kit/kernel.h>
#include <kit/printk.h>

long klpmod_target_init_saw;
long klpmod_target_secret_saw;

/* static, and not cloned: klp_modrela.c reaches it by name through a
 * livepatch relocation */
static noinline __attribute__((noclone)) long klpmod_target_secret(long x)
{
	barrier();
	return x * 7;
}

noinline long klpmod_target_value(long x)
{
	barrier();
	return x + 1;
}

int kit_module_init(void)
{
	klpmod_target_init_saw = klpmod_target_value(10);
	/* not a constant: gcc would fold a constant into the static function */
	klpmod_target_secret_saw = klpmod_target_secret(klpmod_target_secret_saw + 1);
	kit_printk("klpmod_target: klpmod_target_init\n");
	return 0;
}

void kit_module_exit(void)
{
	kit_printk("klpmod_target: klpmod_target_exit\n");
}
