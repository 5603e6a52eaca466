// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the kit's ORC runtime (kernel/orc_lookup.c), built for
 * the host, on tables of any port's entry format.
 *
 * Input: one byte picks the format (orc_formats[], generated from the
 * ports), a little-endian u32 the entry count n, then n s32 self-relative
 * ips, n entries, and the rest s32 lookup offsets from the first ip.  The
 * tables become the image's (as the linker would place them, checked and
 * indexed by orc_init()), then, with the image's gone, a copy of them a
 * module's (orc_register_module(), which sorts it in place).  Every lookup is
 * checked against a linear search: "the rightmost ip <= pc inside the
 * covered text", and the sorted module table against its order; a
 * difference aborts.  All of orc_lookup.c's state is reset between runs.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kit/ftrace.h>
#include <kit/init.h>
#include <kit/kernel.h>
#include <kit/orc.h>
#include <kit/printk.h>
#include <kit/sort.h>

#include "orc/orc_format.h"

/* The arch hooks the lookup uses, from the format picked per input. */
static const struct orc_format *fz_fmt;
#define arch_orc_entry_size	(fz_fmt->entry_size)
#define arch_orc_type(e)	(fz_fmt->type((const uint8_t *)(e)))

/*
 * The image's table bounds, linker symbols in the kit, become pointers set
 * per input: orc_lookup.c's "extern int32_t __start_orc_unwind_ip[]"
 * then declares these (a pointer to an array, dereferenced).
 */
static int32_t (*fz_ip_start)[], (*fz_ip_stop)[];
static char (*fz_orc_start)[], (*fz_orc_stop)[];
#define __start_orc_unwind_ip	(*fz_ip_start)
#define __stop_orc_unwind_ip	(*fz_ip_stop)
#define __start_orc_unwind	(*fz_orc_start)
#define __stop_orc_unwind	(*fz_orc_stop)
#include "../kernel/orc_lookup.c"
#undef __start_orc_unwind_ip
#undef __stop_orc_unwind_ip
#undef __start_orc_unwind
#undef __stop_orc_unwind

#define MAX_ENTRIES	(1u << 16)

static unsigned int nr_formats;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	while (orc_formats[nr_formats])
		nr_formats++;
	return 0;
}

static void reset_lookup(void)
{
	kit_table = (struct orc_table){ 0 };
	/* orc_init() writes blocks 0..orc_nr_blocks only: 256 KiB, thrice a run */
	memset(orc_lookup, 0, (orc_nr_blocks + 1) * sizeof(orc_lookup[0]));
	orc_nr_blocks = 0;
	orc_lookup_start = 0;
	memset(mod_tables, 0, sizeof(mod_tables));
	mod_slots_used = 0;
	memset(orc_hint, 0, sizeof(orc_hint));
	orc_kit_ip = NULL;
	orc_kit_orc = NULL;
	orc_kit_num = 0;
	orc_kit_text_lo = orc_kit_text_hi = 0;
}

static void fail(const char *what, unsigned long ip)
{
	fprintf(stderr, "fuzz-orc-lookup: %s (format %s, ip %#lx)\n", what,
		fz_fmt->name, ip);
	abort();
}

/*
 * The harness's own checks are not code under test: built without
 * coverage, so that their loops (a linear search per lookup) neither cost
 * a compare hook per step nor give the fuzzer features to chase.
 */
#define harness_only __attribute__((no_sanitize("coverage"))) noinline

/* The entry a linear search finds: rightmost ip[i] <= pc, pc in [lo, hi). */
static harness_only const void *expected(const int32_t *ip, const char *orc, size_t n,
			    unsigned long pc, unsigned long lo, unsigned long hi)
{
	const void *e = NULL;

	if (pc < lo || pc >= hi)
		return NULL;
	for (size_t i = 0; i < n && orc_ip(&ip[i]) <= pc; i++)
		e = orc + i * fz_fmt->entry_size;
	return e;
}

/*
 * Lookups at the input's offsets from the first ip, for the one table
 * registered (the image's, or a module's covering [lo, hi)).
 */
static void lookups(const int32_t *ip, const char *orc, size_t n, const uint8_t *q,
		    size_t nq, unsigned long lo, unsigned long hi, bool image)
{
	struct orc_cache cache = { 0 };

	for (size_t k = 0; k + 4 <= nq; k += 4) {
		int32_t off;
		unsigned long pc;
		const void *want, *got;

		memcpy(&off, q + k, 4);
		pc = orc_ip(&ip[0]) + off;
		want = expected(ip, orc, n, pc, lo, hi);
		got = orc_find(pc);
		if (got != want)
			fail(image ? "orc_find differs from a linear search" :
			     "module lookup differs from a linear search", pc);
		if (orc_find_cached(pc, &cache) != got)
			fail("orc_find_cached differs from orc_find", pc);
		if (orc_find_cached_inline_sz(pc, &cache, fz_fmt->entry_size) != got)
			fail("the inline lookup differs from orc_find", pc);
		if (orc_in_text(pc) != (pc >= lo && pc < hi))
			fail("orc_in_text differs from the table's range", pc);
		(void)orc_ip_known(pc);
	}
}

/* A registered module table is sorted: ips ascending, UNDEFINED first at ties. */
static harness_only void check_sorted(const int32_t *ip, const char *orc, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		unsigned long a = orc_ip(&ip[i - 1]), b = orc_ip(&ip[i]);
		bool ua = arch_orc_type(orc + (i - 1) * fz_fmt->entry_size) == ORC_TYPE_UNDEFINED;
		bool ub = arch_orc_type(orc + i * fz_fmt->entry_size) == ORC_TYPE_UNDEFINED;

		if (a > b || (a == b && !ua && ub))
			fail("module table not sorted after registration", b);
	}
}

static void module_run(const int32_t *ip, const char *orc, size_t n,
		       const uint8_t *q, size_t nq)
{
	static char token;	/* the lookup only compares module pointers */
	struct kit_module *mod = (struct kit_module *)&token;
	size_t esz = fz_fmt->entry_size;
	int32_t *mip = malloc(n * 4);
	char *morc = malloc(n * esz);
	unsigned long lo = ULONG_MAX, hi = 0;

	if (!mip || !morc)
		abort();
	/* the same absolute ips from a new place: rebase each s32 */
	for (size_t i = 0; i < n; i++) {
		unsigned long a = orc_ip(&ip[i]);

		mip[i] = (int32_t)(a - (unsigned long)&mip[i]);
		if (orc_ip(&mip[i]) != a)
			goto out;	/* out of s32 reach from the copy */
		lo = a < lo ? a : lo;
		hi = a > hi ? a : hi;
	}
	memcpy(morc, orc, n * esz);
	orc_unregister_module(mod);
	if (!orc_register_module(mod, lo, hi + 1, mip, morc, n)) {
		check_sorted(mip, morc, n);
		lookups(mip, morc, n, q, nq, lo, hi + 1, false);
		orc_unregister_module(mod);
	}
out:
	free(mip);
	free(morc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n, esz, need;
	uint32_t n32;
	int32_t *ip;
	char *orc;

	if (size < 5)
		return -1;
	fz_fmt = orc_formats[data[0] % nr_formats];
	esz = fz_fmt->entry_size;
	memcpy(&n32, data + 1, 4);
	n = n32 % MAX_ENTRIES;
	need = 5 + n * (4 + esz);
	if (size < need)
		return -1;
	/* one block, ips then entries, as the linker lays them out */
	ip = malloc(n * 4 + n * esz + 1);
	if (!ip)
		abort();
	memcpy(ip, data + 5, n * 4);
	orc = (char *)(ip + n);
	memcpy(orc, data + 5 + n * 4, n * esz);
	fz_ip_start = (int32_t (*)[])ip;
	fz_ip_stop = (int32_t (*)[])(ip + n);
	fz_orc_start = (char (*)[])orc;
	fz_orc_stop = (char (*)[])(orc + n * esz);

	reset_lookup();
	if (!orc_init() && n) {
		/* the image covers [first ip, last ip): the last is a terminator */
		lookups(ip, orc, n, data + need, size - need, orc_ip(&ip[0]),
			orc_ip(&ip[n - 1]), true);
		/* the same tables as the only module's, sorted when registered */
		reset_lookup();
		module_run(ip, orc, n, data + need, size - need);
	}
	reset_lookup();
	free(ip);
	return 0;
}
