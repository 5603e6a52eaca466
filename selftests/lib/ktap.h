/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny KTAP reporter for klpkit's C test programs, header-only so a test
 * is one .c file:
 *
 *	ktap_plan(n);			optional "1..N" up front
 *	report(cond, "what %d", x);	ok N - what  /  not ok N - what
 *	report_skip("why %s", s);	ok N - why # SKIP
 *	report_info("fmt", ...);	# a diagnostic line
 *	return report_summary();	totals; exit code 0, 1 (a failure) or
 *					77 (nothing ran but skips)
 *
 * A failed report() also prints where it was made, so a log line leads
 * straight to the assertion.  stdout is line buffered, so the runner's log
 * keeps the order even when a test crashes half-way.
 */
#ifndef KLPKIT_KTAP_H
#define KLPKIT_KTAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

static struct {
	unsigned int nr, pass, fail, skip;
	bool started, planned;
} ktap;

static inline void ktap_start(void)
{
	if (ktap.started)
		return;
	ktap.started = true;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("KTAP version 1\n");
}

static inline void ktap_plan(unsigned int n)
{
	ktap_start();
	printf("1..%u\n", n);
	ktap.planned = true;
}

static inline void report_vinfo(const char *fmt, va_list ap)
{
	ktap_start();
	printf("# ");
	vprintf(fmt, ap);
	printf("\n");
}

static inline __attribute__((format(printf, 1, 2)))
void report_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_vinfo(fmt, ap);
	va_end(ap);
}

static inline __attribute__((format(printf, 4, 5)))
bool __report(const char *file, int line, bool pass, const char *fmt, ...)
{
	va_list ap;

	ktap_start();
	ktap.nr++;
	printf("%sok %u - ", pass ? "" : "not ", ktap.nr);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (pass) {
		ktap.pass++;
	} else {
		ktap.fail++;
		printf("# failed at %s:%d\n", file, line);
	}
	return pass;
}

/* Returns @cond, so a test can stop early: if (!report(...)) return ... */
#define report(cond, fmt, ...) \
	__report(__FILE__, __LINE__, !!(cond), fmt, ##__VA_ARGS__)

static inline __attribute__((format(printf, 1, 2)))
void report_skip(const char *fmt, ...)
{
	va_list ap;

	ktap_start();
	ktap.nr++;
	ktap.skip++;
	printf("ok %u - ", ktap.nr);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" # SKIP\n");
}

/* Print the totals (and the trailing plan if none was given); exit code. */
static inline int report_summary(void)
{
	ktap_start();
	if (!ktap.planned)
		printf("1..%u\n", ktap.nr);
	printf("# totals: pass:%u fail:%u skip:%u\n", ktap.pass, ktap.fail,
	       ktap.skip);
	if (ktap.fail)
		return 1;
	if (ktap.skip && !ktap.pass)
		return 77;
	return 0;
}

#endif /* KLPKIT_KTAP_H */
