/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Selftests that run inside the kit kernel (`kit selftest NAME...`), in the
 * style of kvm-unit-tests: a test calls kit_report() for each assertion,
 * saying exactly what was checked; the runner prints KTAP.
 */
#ifndef _KIT_SELFTEST_H
#define _KIT_SELFTEST_H

#include <stdbool.h>
#include <stdint.h>

#include <kit/compiler.h>

struct kit_selftest {
	const char *name;
	void (*fn)(void);
};

#define KIT_SELFTEST(name_)							\
	static void kit_selftest_##name_(void);					\
	static const struct kit_selftest __kit_selftest_##name_			\
	__attribute__((used, section("kit_selftests"), aligned(8))) =		\
		{ .name = #name_, .fn = kit_selftest_##name_ };			\
	static void kit_selftest_##name_(void)

void kit_report(bool pass, const char *fmt, ...) __printf(2, 3);
void kit_report_skip(const char *fmt, ...) __printf(1, 2);
/* Lines of context for the log, as KTAP diagnostics ("# ..."). */
void kit_report_info(const char *fmt, ...) __printf(1, 2);
/*
 * Poll cond(arg) every millisecond until it holds (true) or @ns pass
 * (false).  For what other tasks must do "soon": how soon depends on
 * the host's load, so a test waits for it rather than sleeping a fixed
 * time and hoping.
 */
bool kit_wait_until(bool (*cond)(void *arg), void *arg, uint64_t ns);

#endif
