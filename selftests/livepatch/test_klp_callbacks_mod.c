// SPDX-License-Identifier: GPL-2.0
/*
 * The target module of upstream's callback tests, for the kit: nothing
 * but an init and an exit that say they ran, so the log shows where a
 * patch's callbacks for it run relative to them.
 */
#include <kit/kernel.h>
#include <kit/printk.h>

int kit_module_init(void)
{
	kit_printk("test_klp_callbacks_mod: test_klp_callbacks_mod_init\n");
	return 0;
}

void kit_module_exit(void)
{
	kit_printk("test_klp_callbacks_mod: test_klp_callbacks_mod_exit\n");
}
