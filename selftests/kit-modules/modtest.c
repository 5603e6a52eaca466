// SPDX-License-Identifier: GPL-2.0
/*
 * The loader's main test module: data, bss, string constants, calls into
 * the kit (kit_printk, kit_memcpy, kit_strlen), function pointers in data
 * and in a read-only table, a static function called from init, and
 * exported functions the test calls after load.
 */
#include <kit/kernel.h>
#include <kit/printk.h>
#include <kit/string.h>

int modtest_data = 42;			/* .data */
static int modtest_bss[64];		/* .bss */
int modtest_init_ran;
int modtest_exit_ran;
char modtest_buf[64];
static const char greeting[] = "hello from modtest";	/* .rodata */

static noinline int twice(int x) { return 2 * x; }
static noinline int square(int x) { return x * x; }
static noinline int add_one(int x) { return x + 1; }

/* absolute pointers: the port's 64-bit absolute relocation */
static int (*const table[])(int) = { twice, square };
int (*modtest_fp)(int) = add_one;
void *(*modtest_kit_memcpy)(void *, const void *, size_t) = kit_memcpy;
const char *modtest_greeting = greeting;

/* a static function called from init */
static noinline int fill(int seed)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(modtest_bss); i++)
		modtest_bss[i] = seed + i;
	return (int)ARRAY_SIZE(modtest_bss);
}

int kit_module_init(void)
{
	kit_memcpy(modtest_buf, greeting, sizeof(greeting));
	modtest_init_ran = fill(modtest_data);
	kit_printk("modtest: %s (%zu bytes)\n", modtest_buf, kit_strlen(modtest_buf));
	return 0;
}

void kit_module_exit(void)
{
	modtest_exit_ran++;
	kit_printk("modtest: exit\n");
}

/* 2x or x^2 through the table, +1 through a data pointer, + bss */
int modtest_call(int x)
{
	return table[x & 1](x) + modtest_fp(x) + modtest_bss[x & 63];
}

int modtest_sum_bss(void)
{
	int sum = 0;

	for (unsigned int i = 0; i < ARRAY_SIZE(modtest_bss); i++)
		sum += modtest_bss[i];
	return sum;
}

/* calls back into a kit function given by the test */
int modtest_callback(int (*fn)(int), int x)
{
	return fn(x) + 1;
}
