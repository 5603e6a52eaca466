// SPDX-License-Identifier: GPL-2.0
/*
 * The other half of kallsyms' duplicate-name test: a static function and a
 * static object with the same names as in kallsyms_test.c.
 */
#include <kit/compiler.h>

static int kallsyms_dup_data = 2;

static noinline int kallsyms_dup_fn(int x)
{
	barrier();
	return x * 3 + kallsyms_dup_data;
}

void *kallsyms_dup_fn_b(void);
void *kallsyms_dup_data_b(void);

void *kallsyms_dup_fn_b(void)
{
	return (void *)kallsyms_dup_fn;
}

void *kallsyms_dup_data_b(void)
{
	return &kallsyms_dup_data;
}
