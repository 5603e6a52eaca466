// SPDX-License-Identifier: GPL-2.0
/*
 * The in-kit selftest runner: one KTAP subtest per selftest, one result
 * line per kit_report(), and a nonzero exit when anything failed.
 */
#include <stdarg.h>

#include <kit/init.h>
#include <kit/printk.h>
#include <kit/sched.h>
#include <kit/selftest.h>
#include <kit/string.h>

extern const struct kit_selftest __start_kit_selftests[], __stop_kit_selftests[];

static unsigned int nr_checks, nr_failed, nr_skipped;

enum line_kind { LINE_OK, LINE_NOT_OK, LINE_SKIP, LINE_INFO };

/* One KTAP line of the current subtest. */
static void report_line(enum line_kind kind, const char *fmt, va_list ap)
{
	char buf[512];

	kit_vsnprintf(buf, sizeof(buf), fmt, ap);
	switch (kind) {
	case LINE_INFO:
		kit_printk("    # %s\n", buf);
		return;
	case LINE_SKIP:
		nr_skipped++;
		kit_printk("    ok %u - %s # SKIP\n", ++nr_checks, buf);
		return;
	default:
		kit_printk("    %s %u - %s\n", kind == LINE_OK ? "ok" : "not ok",
			   ++nr_checks, buf);
	}
}

void kit_report(bool pass, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_line(pass ? LINE_OK : LINE_NOT_OK, fmt, ap);
	va_end(ap);
	if (!pass)
		nr_failed++;
}

void kit_report_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_line(LINE_SKIP, fmt, ap);
	va_end(ap);
}

void kit_report_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_line(LINE_INFO, fmt, ap);
	va_end(ap);
}

bool kit_wait_until(bool (*cond)(void *arg), void *arg, uint64_t ns)
{
	uint64_t end = kit_clock_ns() + ns;

	while (!cond(arg)) {
		if (kit_clock_ns() > end)
			return false;
		kit_sleep_ns(1000 * 1000);
	}
	return true;
}

static bool selected(const char *name, int argc, char **argv)
{
	if (!argc)
		return true;
	for (int i = 0; i < argc; i++)
		if (!kit_strcmp(argv[i], name))
			return true;
	return false;
}

static int kit_selftest_list(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	for (const struct kit_selftest *t = __start_kit_selftests;
	     t < __stop_kit_selftests; t++)
		kit_printk("%s\n", t->name);
	return 0;
}
KIT_COMMAND(list, "list", kit_selftest_list);

static int kit_selftest_main(int argc, char **argv)
{
	unsigned int n = 0, i = 0, failed_tests = 0;

	for (const struct kit_selftest *t = __start_kit_selftests;
	     t < __stop_kit_selftests; t++)
		n += selected(t->name, argc, argv);
	if (!n) {
		kit_printk("kit: no selftest matches\n");
		return 2;
	}
	kit_printk("KTAP version 1\n1..%u\n", n);
	for (const struct kit_selftest *t = __start_kit_selftests;
	     t < __stop_kit_selftests; t++) {
		unsigned int failed_before = nr_failed;

		if (!selected(t->name, argc, argv))
			continue;
		nr_checks = 0;
		kit_printk("    KTAP version 1\n    # Subtest: %s\n", t->name);
		t->fn();
		kit_printk("    1..%u\n", nr_checks);
		if (nr_failed != failed_before)
			failed_tests++;
		kit_printk("%s %u %s\n", nr_failed != failed_before ? "not ok" : "ok",
			   ++i, t->name);
	}
	kit_printk("# kit selftests: %u passed, %u failed\n", n - failed_tests,
		   failed_tests);
	return failed_tests ? 1 : 0;
}
KIT_COMMAND(selftest, "selftest [NAME...]", kit_selftest_main);
