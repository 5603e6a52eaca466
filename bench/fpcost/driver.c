// SPDX-License-Identifier: GPL-2.0
/*
 * Frame-pointer cost of the kit's own code (bench item 4): a driver that
 * works the kit's library (kernel/lib: sort.c, vsprintf.c, string.c,
 * parser.c) hard.  bench/fpcost/run.sh builds the library and this driver
 * twice per arch, with the kit's flags and -fno-omit-frame-pointer or
 * -fomit-frame-pointer, and measures instructions, wall time and text.
 *
 * Usage: fpcost-driver ITERATIONS     prints a checksum (the same for both
 * builds: the builds are checked to compute the same thing).
 */
#include <stdio.h>
#include <stdlib.h>

#include <kit/kernel.h>
#include <kit/parser.h>
#include <kit/printk.h>
#include <kit/sort.h>
#include <kit/string.h>

/* kernel/lib/sort.c's one outside need (kernel/lib/panic.c needs the platform) */
void kit_panic(const char *fmt, ...)
{
	fprintf(stderr, "kit_panic: %s\n", fmt);
	abort();
}

struct rec {
	unsigned int key;
	unsigned int val;
	char name[24];
};

static unsigned int seed = 12345;
static unsigned int rnd(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

static int cmp_u32(const void *a, const void *b)
{
	unsigned int x = *(const unsigned int *)a, y = *(const unsigned int *)b;

	return x < y ? -1 : x > y;
}

static int cmp_rec(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return kit_strcmp(x->name, y->name);
}

#define NSORT 2048
#define NREC 256

static unsigned long work_sort(void)
{
	static unsigned int a[NSORT];
	static struct rec r[NREC];
	unsigned long sum = 0;

	for (int i = 0; i < NSORT; i++)
		a[i] = rnd() % 100000;
	kit_sort(a, NSORT, sizeof(a[0]), cmp_u32, NULL);
	for (int i = 0; i < 256; i++) {
		unsigned int k = rnd() % 100000;
		unsigned int *p = kit_bsearch(&k, a, NSORT, sizeof(a[0]), cmp_u32);

		sum += p ? (unsigned long)(p - a) : 1;
	}
	for (int i = 0; i < NREC; i++) {
		r[i].key = rnd() % 64;
		r[i].val = i;
		kit_snprintf(r[i].name, sizeof(r[i].name), "sym_%x", rnd() % 4096);
	}
	kit_sort(r, NREC, sizeof(r[0]), cmp_rec, NULL);
	/* short arrays: the stable insertion sort */
	for (int i = 0; i + 16 <= NREC; i += 16)
		kit_sort_small(&r[i], 16, sizeof(r[0]), cmp_rec);
	for (int i = 0; i < NREC; i += 37)
		sum += r[i].val;
	return sum + a[NSORT / 2];
}

static unsigned long work_printf(void)
{
	char buf[256];
	unsigned long sum = 0;

	for (int i = 0; i < 512; i++) {
		unsigned int x = rnd();

		sum += kit_snprintf(buf, sizeof(buf), "%s+%#lx/%#x [%5d] %-8s|%08llx %c %zu %ld%%",
				    "kit_func", (unsigned long)x * 977, x & 0xfff, (int)(x % 20000) - 10000,
				    "mod", (unsigned long long)x << 20, 'a' + (int)(x % 26),
				    (size_t)x, -(long)x);
		sum += buf[i % 32];
		sum += kit_snprintf(buf, 16, "%u:%u:%u:%u:%u:%u", x, x >> 1, x >> 2, x >> 3, x >> 4, x >> 5);
	}
	return sum;
}

static unsigned long work_string(void)
{
	static char a[4096], b[4096];
	unsigned long sum = 0;

	for (int i = 0; i < 64; i++) {
		size_t n = 64 + rnd() % 3000;

		kit_memset(a, 'a' + i % 26, n);
		a[n] = 0;
		kit_memcpy(b, a, n + 1);
		kit_memmove(b + 1, b, n / 2);
		sum += kit_strlen(a) + kit_strnlen(b, 2000) + (unsigned long)kit_strcmp(a, b) +
		       (unsigned long)kit_memcmp(a, b, n) + (unsigned long)kit_strncmp(a, b, 32);
		sum += kit_strchr(a, 'z') ? 1 : 0;
		sum += kit_strrchr(b, a[0]) ? 2 : 0;
		sum += kit_memchr(a, 0, n + 1) ? 3 : 0;
		sum += kit_strscpy(b, a, 100);
	}
	return sum;
}

static unsigned long work_parser(void)
{
	static const char *const nums[] = { "12345", "0x1f2e3d", "0777", "-42", "18446744073709551615",
					    "99999999999999999999", "0b101", "  7", "123abc" };
	static const char *const pats[] = { "kit_*", "*_test*", "livepatch?core", "*", "[a-c]*x" };
	static const char *const strs[] = { "kit_sort", "unwind_test_frame", "livepatch_core",
					    "ftrace_caller", "abcx", "orc_find_kit_idx" };
	unsigned long sum = 0;
	char line[256], *argv[16];

	for (int i = 0; i < 256; i++) {
		unsigned long long u;
		long long s;
		bool b;

		sum += kit_kstrtoull(nums[i % 9], 0, &u) == 0 ? u & 0xffff : 7;
		sum += kit_kstrtoll(nums[(i + 3) % 9], 10, &s) == 0 ? (unsigned long)s & 0xff : 11;
		sum += kit_kstrtobool(i & 1 ? "yes" : "0", &b) == 0 ? b : 13;
		for (int p = 0; p < 5; p++)
			for (int t = 0; t < 6; t++)
				sum += kit_glob_match(pats[p], strs[t]);
		kit_strscpy(line, "  echo 1 > /sys/kernel/livepatch/kit_patch/enabled   now  ", sizeof(line));
		sum += kit_split_args(line, argv, 16);
		char *l = line, *tok;

		kit_strscpy(line, "a,b;c,,d;efg,h", sizeof(line));
		while ((tok = kit_strsep(&l, ",;")))
			sum += kit_strlen(tok);
	}
	return sum;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100;
	unsigned long sum = 0;

	for (long i = 0; i < n; i++)
		sum = sum * 31 + work_sort() + work_printf() + work_string() + work_parser();
	printf("%lu\n", sum);
	return 0;
}
