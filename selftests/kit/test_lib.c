// SPDX-License-Identifier: GPL-2.0
/*
 * Behaviour of the kit kernel library (kernel/lib/), built for the target
 * arch as an ordinary program around the kit sources and run natively or
 * under qemu-user.  The kit functions are kit_-prefixed, so they live
 * beside libc without clashing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ktap.h"

#include <kit/kernel.h>
#include <kit/parser.h>
#include <kit/printk.h>
#include <kit/sort.h>
#include <kit/string.h>

/*
 * The asm memset against the C one, on every length and offset around a
 * word, with guard bytes either side.  It starts with an ftrace site:
 * __fentry__ below stands in for the tracer where the compiler calls one
 * (elsewhere the sites are NOPs).
 */
void __fentry__(void);
void __fentry__(void)
{
}

static void test_memset_arch(void)
{
	unsigned char a[48], b[48];
	bool same = true, ret_ok = true;

	for (size_t off = 0; off < 9; off++) {
		for (size_t n = 0; n < 20; n++) {
			memset(a, 0xee, sizeof(a));
			memset(b, 0xee, sizeof(b));
			ret_ok &= kit_memset_arch(a + off, 0x1c3, n) == a + off;
			kit_memset(b + off, 0x1c3, n);
			same &= !memcmp(a, b, sizeof(a));
		}
	}
	report(same, "asm memset matches the C one (offsets 0-8, lengths 0-19)");
	report(ret_ok, "asm memset returns its first argument");
}

static void test_string(void)
{
	char buf[16], big[64], *s, *tok;
	long r;

	report(kit_strlen("") == 0 && kit_strlen("kgraft") == 6, "strlen");
	report(kit_strnlen("kpatch", 3) == 3 && kit_strnlen("ab", 9) == 2, "strnlen");
	report(kit_strcmp("abc", "abd") < 0 && kit_strcmp("b", "a") > 0 &&
	       kit_strcmp("x", "x") == 0 && kit_strcmp("\xff", "a") > 0,
	       "strcmp orders as unsigned char");
	report(kit_strncmp("klp_enable", "klp_disable", 4) == 0 &&
	       kit_strncmp("ab", "ac", 2) < 0, "strncmp");
	s = "a.b.c";
	report(kit_strchr(s, '.') == s + 1 && kit_strrchr(s, '.') == s + 3 &&
	       kit_strchr(s, 'z') == NULL && kit_strchr(s, '\0') == s + 5,
	       "strchr/strrchr, including the terminator");
	s = "is live patched now";
	report(kit_strstr(s, "live patched") == s + 3 && kit_strstr(s, "now") == s + 16 &&
	       kit_strstr(s, "nowhere") == NULL && kit_strstr(s, "") == s &&
	       kit_strstr("", "x") == NULL, "strstr: first match, no match, empty needle");
	s = "aab";
	report(kit_strstr(s, "ab") == s + 1, "strstr: a match after a partial one");
	r = kit_strscpy(buf, "livepatch", sizeof(buf));
	report(r == 9 && !strcmp(buf, "livepatch"), "strscpy fits: %ld", r);
	r = kit_strscpy(buf, "a string longer than sixteen", sizeof(buf));
	report(r == -E2BIG && strlen(buf) == 15, "strscpy truncates with -E2BIG");

	strcpy(big, "vmlinux,kit,,patch");
	s = big;
	tok = kit_strsep(&s, ",");
	report(tok && !strcmp(tok, "vmlinux"), "strsep first token");
	kit_strsep(&s, ",");
	tok = kit_strsep(&s, ",");
	report(tok && !strcmp(tok, ""), "strsep empty token");
	tok = kit_strsep(&s, ",");
	report(tok && !strcmp(tok, "patch") && s == NULL, "strsep last token");

	for (int i = 0; i < 64; i++)
		big[i] = (char)i;
	kit_memmove(big + 4, big, 32);
	report(big[4] == 0 && big[35] == 31, "memmove overlapping upwards");
	kit_memmove(big, big + 4, 32);
	report(big[0] == 0 && big[31] == 31, "memmove overlapping downwards");
	kit_memset(big, 0x5a, 40);
	report(big[39] == 0x5a && big[40] == 40, "memset stops at n");
	uint64_t words[4] = { 1, 2, 3, 4 }, copy[4];
	kit_memcpy(copy, words, sizeof(words));
	report(!kit_memcmp(copy, words, sizeof(words)), "memcpy aligned words");
	kit_memcpy((char *)copy + 1, "xyz", 3);
	report(!memcmp((char *)copy + 1, "xyz", 3), "memcpy unaligned bytes");
	report(kit_memchr("abc", 'c', 3) != NULL && kit_memchr("abc", 'c', 2) == NULL,
	       "memchr respects n");
	test_memset_arch();
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int cmp_7bytes(const void *a, const void *b)
{
	return memcmp(a, b, 7);
}

struct rec { int key; int seq; };

static int cmp_rec(const void *a, const void *b)
{
	return cmp_int(&((const struct rec *)a)->key, &((const struct rec *)b)->key);
}

static void test_sort(void)
{
	int v[1000], i, sorted = 1, *hit;
	struct rec r[50];
	unsigned int seed = 12345;
	char odd[7 * 20];

	for (i = 0; i < 1000; i++) {
		seed = seed * 1103515245 + 12345;
		v[i] = (int)(seed >> 8) % 5000 - 2500;
	}
	kit_sort(v, 1000, sizeof(int), cmp_int, NULL);
	for (i = 1; i < 1000; i++)
		sorted &= v[i - 1] <= v[i];
	report(sorted, "heapsort of 1000 ints");
	hit = kit_bsearch(&v[617], v, 1000, sizeof(int), cmp_int);
	report(hit && *hit == v[617], "bsearch finds an element");
	i = 99999;
	report(!kit_bsearch(&i, v, 1000, sizeof(int), cmp_int), "bsearch misses");

	for (i = 0; i < 50; i++)
		r[i] = (struct rec){ .key = (i * 7) % 5, .seq = i };
	kit_sort_small(r, 50, sizeof(r[0]), cmp_rec);
	sorted = 1;
	for (i = 1; i < 50; i++)
		sorted &= r[i - 1].key < r[i].key ||
			  (r[i - 1].key == r[i].key && r[i - 1].seq < r[i].seq);
	report(sorted, "insertion sort is stable");

	/* Odd element size: the byte-swap path. */
	for (i = 0; i < 20; i++)
		memset(odd + 7 * i, 'a' + (19 - i), 7);
	kit_sort(odd, 20, 7, cmp_7bytes, NULL);
	sorted = 1;
	for (i = 0; i < 20; i++)
		sorted &= odd[7 * i] == 'a' + i && odd[7 * i + 6] == 'a' + i;
	report(sorted, "heapsort of 7-byte elements (byte swap)");
}

static char console[256];
static size_t console_len;

static void console_capture(const char *s, size_t len)
{
	if (console_len + len < sizeof(console)) {
		memcpy(console + console_len, s, len);
		console_len += len;
		console[console_len] = '\0';
	}
}

static size_t fake_symbolize(unsigned long addr, char *buf, size_t size)
{
	if (addr != 0x1234)
		return 0;
	return kit_snprintf(buf, size, "klp_func+0x%lx/0x40", addr - 0x1200);
}

#define CHECK_FMT(want, fmt, ...) do {					\
	char _b[128];							\
	int _n = kit_snprintf(_b, sizeof(_b), fmt, ##__VA_ARGS__);	\
	report(!strcmp(_b, want) && _n == (int)strlen(want),		\
	       "printf \"%s\" -> \"%s\"", fmt, _b);			\
} while (0)

/* Through variables, so gcc's format checks let these edge cases pass. */
static const char *volatile null_str;
static const char *volatile unknown_conv = "%q";

static void test_printf(void)
{
	char small[8];
	int n;

	CHECK_FMT("42", "%d", 42);
	CHECK_FMT("-42", "%i", -42);
	CHECK_FMT("-9223372036854775808", "%lld", (long long)INT64_MIN);
	CHECK_FMT("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
	CHECK_FMT("ff FF 0xff 0XFF", "%x %X %#x %#X", 255, 255, 255, 255);
	CHECK_FMT("017 0", "%#o %#o", 15, 0);
	CHECK_FMT("[   42][42   ][00042]", "[%5d][%-5d][%05d]", 42, 42, 42);
	CHECK_FMT("[+7][ 7][-0007]", "[%+d][% d][%05d]", 7, 7, -7);
	CHECK_FMT("[  abc][ab]", "[%5s][%.2s]", "abc", "abcdef");
	CHECK_FMT("[ab   ]", "[%-5s]", "ab");
	CHECK_FMT("[  007]", "[%5.3d]", 7);
	CHECK_FMT("(null)", "%s", null_str);
	CHECK_FMT("x%%y 100%", "x%%%%y %d%%", 100);
	CHECK_FMT("c=A", "c=%c", 'A');
	CHECK_FMT("[   *]", "[%*c]", 4, '*');
	CHECK_FMT("size 4096", "size %zu", (size_t)4096);
	CHECK_FMT("hh -1 255", "hh %hhd %hhu", 255, 255);
	CHECK_FMT("0x1000", "%p", (void *)0x1000);
	CHECK_FMT("ENOMEM", "%pE", (void *)(long)-ENOMEM);
	CHECK_FMT("%q", unknown_conv);

	kit_symbolize = fake_symbolize;
	CHECK_FMT("klp_func+0x34/0x40", "%pS", (void *)0x1234);
	CHECK_FMT("0x99", "%pS", (void *)0x99);
	kit_symbolize = NULL;

	n = kit_snprintf(small, sizeof(small), "%s", "truncated output");
	report(n == 16 && !strcmp(small, "truncat"),
	       "snprintf truncates and returns the full length (%d)", n);
	n = kit_snprintf(NULL, 0, "%d", 12345);
	report(n == 5, "snprintf with size 0 only counts (%d)", n);

	kit_console_write = console_capture;
	n = kit_printk("task %d: %s\n", 7, "switched");
	report(n == 17 && !strcmp(console, "task 7: switched\n"),
	       "printk reaches the console");
	kit_console_write = NULL;
}

/*
 * Upstream's kstrtobool() (lib/kstrtox.c) decides on the first character,
 * or on the second after 'o'/'O', and ignores the rest; anything else is
 * -EINVAL and leaves the result alone.
 */
static void kstrtobool_forms(void)
{
	static const char *const yes[] = { "1", "y", "Y", "yes", "on", "ON", "oN", "10", "y\n" };
	static const char *const no[] = { "0", "n", "N", "no", "off", "OFF", "of", "Of", "0x" };
	static const char *const bad[] = { "", "2", "maybe", "o", "ox", "t", "true", " 1", "-1" };
	bool all = true, b;

	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		b = false;
		all &= !kit_kstrtobool(yes[i], &b) && b;
	}
	report(all, "kstrtobool: 1 y Y yes on ON oN 10 are true");
	all = true;
	for (size_t i = 0; i < ARRAY_SIZE(no); i++) {
		b = true;
		all &= !kit_kstrtobool(no[i], &b) && !b;
	}
	report(all, "kstrtobool: 0 n N no off OFF of Of are false");
	all = true;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		b = true;
		all &= kit_kstrtobool(bad[i], &b) == -EINVAL && b;
	}
	report(all, "kstrtobool: empty, 2, maybe, o, ox, t, true, ' 1', -1 are -EINVAL");
}

static void test_parser(void)
{
	unsigned long long u;
	long long s;
	bool b;
	char line[] = "  enable  patch1\tnow \n";
	char *argv[4];

	report(!kit_kstrtoull("1234", 10, &u) && u == 1234, "kstrtoull decimal");
	report(!kit_kstrtoull("0x1f\n", 0, &u) && u == 31, "kstrtoull hex, trailing newline");
	report(!kit_kstrtoull("0755", 0, &u) && u == 0755, "kstrtoull octal");
	report(!kit_kstrtoull("ff", 16, &u) && u == 255, "kstrtoull base 16");
	report(kit_kstrtoull("18446744073709551616", 10, &u) == -ERANGE, "kstrtoull overflow");
	report(kit_kstrtoull("12x", 10, &u) == -EINVAL, "kstrtoull trailing junk");
	report(kit_kstrtoull("", 10, &u) == -EINVAL, "kstrtoull empty");
	report(!kit_kstrtoll("-9223372036854775808", 10, &s) && s == INT64_MIN, "kstrtoll min");
	report(kit_kstrtoll("9223372036854775808", 10, &s) == -ERANGE, "kstrtoll overflow");
	report(!kit_kstrtobool("on", &b) && b && !kit_kstrtobool("N", &b) && !b &&
	       kit_kstrtobool("maybe", &b) == -EINVAL, "kstrtobool");
	kstrtobool_forms();

	report(kit_glob_match("klp_*", "klp_enable_patch"), "glob star");
	report(kit_glob_match("*_patch", "klp_enable_patch"), "glob leading star");
	report(!kit_glob_match("klp_?", "klp_ab"), "glob question mark");
	report(kit_glob_match("vm[a-z]inux", "vmlinux") &&
	       !kit_glob_match("vm[!l]inux", "vmlinux"), "glob classes");
	report(kit_glob_match("a\\*b", "a*b") && !kit_glob_match("a\\*b", "axb"),
	       "glob escape");
	report(kit_glob_match("*a*a*a*", "banana_a") && !kit_glob_match("*a*a*a*b", "aaaa"),
	       "glob backtracking");

	report(kit_split_args(line, argv, 4) == 3 && !strcmp(argv[0], "enable") &&
	       !strcmp(argv[1], "patch1") && !strcmp(argv[2], "now"), "split_args");
}

int main(void)
{
	test_string();
	test_sort();
	test_printf();
	test_parser();
	return report_summary();
}
