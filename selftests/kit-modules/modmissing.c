// SPDX-License-Identifier: GPL-2.0
/* A module that calls a function the kit does not have: never loads. */
int kit_modtest_no_such_function(int x);

int kit_module_init(void)
{
	return kit_modtest_no_such_function(1);
}
