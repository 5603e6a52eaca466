// SPDX-License-Identifier: GPL-2.0
/*
 * ORC lookup scaling (bench item 5): ns per lookup as the table grows
 * (1K .. 10M entries), with and without the block index, for random and
 * sequential query patterns.
 *
 * The lookup code is the kit's own: this file includes kernel/orc_lookup.c
 * unchanged, so the timed functions are its orc_find_kit_idx() (block
 * index: one u32 per 256 bytes of covered text, then orc_search_idx()
 * between the block's entries) and orc_find_table() (no index: a binary
 * search of the whole table, the path module tables take).  The kit's
 * static index holds at most ORC_MAX_BLOCKS blocks (16 MiB of text); for
 * bigger synthetic tables the harness builds the same index in a
 * malloc'ed array and runs the same ten lines as orc_find_kit_idx() over
 * it, calling the kit's orc_search_idx() (reported as impl "harness-index").
 *
 * Synthetic tables: x86_64 layout (s32 self-relative ips, 6-byte entries),
 * sorted ips with random gaps of 1..2*GAP-1 bytes (mean GAP, default 28:
 * the mean over Debian's xfs.ko ORC table), the last entry an UNDEFINED
 * terminator as objtool-lite writes.  Every result is checked against a
 * plain binary search over absolute ips before it is timed.
 *
 * Usage: lookup [-r reps] [-q queries] [-g gap] [-s sizes,...]
 * Output: one JSON object on stdout.
 */
#include "../../kernel/orc_lookup.c"
#include <asm/orc_types.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* what kernel/orc_lookup.c needs from the rest of the kit (orc_init() is never run here) */
int32_t __start_orc_unwind_ip[1], __stop_orc_unwind_ip[1];
char __start_orc_unwind[1], __stop_orc_unwind[1];
const size_t arch_orc_entry_size = ORC_X86_ENTRY_SIZE;
unsigned int arch_orc_type(const void *entry)
{
	const struct orc_entry_x86 *e = entry;

	return ORC_X86_TYPE(e);
}
int kit_printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stderr, fmt, ap);
	va_end(ap);
	return n;
}
void kit_sort(void *base, size_t num, size_t size, kit_cmp_func_t cmp, kit_swap_func_t swap)
{
	(void)base; (void)num; (void)size; (void)cmp; (void)swap;
	abort();	/* module registration is not exercised */
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* the harness index for tables beyond ORC_MAX_BLOCKS: built as orc_init() builds it */
static uint32_t *big_lookup;
static unsigned long big_nr_blocks;

/* orc_find_kit_idx() over big_lookup: the same lines, the kit's orc_search_idx() */
static inline long big_find_idx(unsigned long ip)
{
	unsigned long block;
	size_t lo, hi;

	if (ip < kit_table.text_start || ip >= kit_table.text_end)
		return -1;
	block = (ip - orc_lookup_start) >> ORC_BLOCK_SHIFT;
	lo = big_lookup[block];
	hi = (size_t)big_lookup[block + 1] + 1;
	if (hi > kit_table.num)
		hi = kit_table.num;
	return orc_search_idx(&kit_table, lo, hi, ip);
}

enum mode { IDX_KIT, IDX_BIG, NOIDX };

static long lookup(enum mode m, unsigned long ip)
{
	switch (m) {
	case IDX_KIT:
		return orc_find_kit_idx(ip);
	case IDX_BIG:
		return big_find_idx(ip);
	default: {
		const char *e = orc_find_table(&kit_table, ip);

		return e ? (e - kit_table.orc) / (long)arch_orc_entry_size : -1;
	}
	}
}

/* reference: rightmost abs[i] <= ip */
static long ref_idx(const uint64_t *abs, size_t n, uint64_t ip)
{
	size_t lo = 0, hi = n;

	if (ip < abs[0])
		return -1;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (abs[mid] <= ip)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static volatile long sink;

/* ns per lookup over the query array, one timed pass */
static noinline double time_pass(enum mode m, const uint64_t *q, size_t nq)
{
	long acc = 0;
	double t0 = now_ns();

	for (size_t k = 0; k < nq; k++)
		acc += lookup(m, q[k]);
	double t1 = now_ns();
	sink = acc;
	return (t1 - t0) / nq;
}

int main(int argc, char **argv)
{
	size_t sizes[16] = { 1000, 10000, 100000, 1000000, 10000000 }, nsizes = 5;
	int reps = 7, opt;
	size_t nq = 1 << 20;
	unsigned gap = 28;

	while ((opt = getopt(argc, argv, "r:q:g:s:")) != -1) {
		switch (opt) {
		case 'r': reps = atoi(optarg); break;
		case 'q': nq = strtoul(optarg, NULL, 0); break;
		case 'g': gap = atoi(optarg); break;
		case 's': {
			char *s = optarg;

			nsizes = 0;
			while (*s && nsizes < 16) {
				sizes[nsizes++] = strtoul(s, &s, 0);
				if (*s == ',')
					s++;
			}
			break;
		}
		default:
			fprintf(stderr, "usage: %s [-r reps] [-q queries] [-g gap] [-s sizes]\n", argv[0]);
			return 2;
		}
	}

	uint64_t *qr = malloc(nq * sizeof(*qr)), *qs = malloc(nq * sizeof(*qs));
	double *t = malloc(reps * sizeof(*t));

	printf("{\"gap_mean_bytes\": %u, \"queries_per_pass\": %zu, \"passes\": %d, "
	       "\"block_bytes\": %d, \"kit_max_blocks\": %u,\n \"results\": [\n",
	       gap, nq, reps, 1 << ORC_BLOCK_SHIFT, ORC_MAX_BLOCKS);
	int first = 1, bad = 0;

	for (size_t si = 0; si < nsizes; si++) {
		size_t n = sizes[si];
		int32_t *ip = malloc(n * sizeof(*ip));
		char *orc = malloc(n * ORC_X86_ENTRY_SIZE);
		uint64_t *abs = malloc(n * sizeof(*abs));
		/* text starts 1 MiB past the ip array: all offsets fit an s32 */
		uint64_t a = (((uintptr_t)ip + n * sizeof(*ip)) & ~0xfffull) + (1 << 20) + 0x40;

		for (size_t i = 0; i < n; i++) {
			struct orc_entry_x86 e = {
				.sp_offset = 8 + 8 * (rnd() % 8), .bp_offset = -16,
				.regs_type = ORC_X86_REG_SP | (ORC_X86_REG_BP << 4) |
					     ((i + 1 == n ? ORC_TYPE_UNDEFINED : ORC_TYPE_CALL) << 8),
			};

			abs[i] = a;
			ip[i] = (int32_t)(a - (uintptr_t)&ip[i]);
			memcpy(orc + i * ORC_X86_ENTRY_SIZE, &e, sizeof(e));
			a += 1 + rnd() % (2 * gap - 1);
		}
		/* the kit image table, as orc_init() sets it up */
		kit_table = (struct orc_table){ .ip = ip, .orc = orc, .num = n };
		unsigned long first_ip = orc_ip(&ip[0]), last = orc_ip(&ip[n - 1]);

		orc_lookup_start = first_ip & ~((1UL << ORC_BLOCK_SHIFT) - 1);
		unsigned long blocks = ((last - orc_lookup_start) >> ORC_BLOCK_SHIFT) + 1;
		enum mode idx_mode = blocks <= ORC_MAX_BLOCKS ? IDX_KIT : IDX_BIG;
		uint32_t *lk = orc_lookup;

		if (idx_mode == IDX_BIG) {
			big_lookup = lk = malloc((blocks + 1) * sizeof(*lk));
			big_nr_blocks = blocks;
			orc_nr_blocks = 0;
		} else {
			orc_nr_blocks = blocks;
		}
		for (size_t b = 0, i = 0; b <= blocks; b++) {
			unsigned long addr = orc_lookup_start + (b << ORC_BLOCK_SHIFT);

			while (i + 1 < n && orc_ip(&ip[i + 1]) <= addr)
				i++;
			lk[b] = i;
		}
		kit_table.text_start = first_ip;
		kit_table.text_end = last;

		/* queries: random ips in the covered text; sequential: the text in address order */
		uint64_t span = last - first_ip, stride = span / nq ? span / nq : 1;

		for (size_t k = 0; k < nq; k++) {
			qr[k] = first_ip + rnd() % span;
			qs[k] = first_ip + (k * stride + rnd() % stride) % span;
		}
		/* check every query of both patterns on both paths */
		for (size_t k = 0; k < nq; k++) {
			for (int p = 0; p < 2; p++) {
				uint64_t x = p ? qs[k] : qr[k];
				long r = ref_idx(abs, n, x);

				if (lookup(idx_mode, x) != r || lookup(NOIDX, x) != r) {
					if (bad++ < 5)
						fprintf(stderr, "n=%zu ip=%#llx: index %ld, no index %ld, ref %ld\n",
							n, (unsigned long long)x, lookup(idx_mode, x),
							lookup(NOIDX, x), r);
				}
			}
		}
		const enum mode modes[2] = { idx_mode, NOIDX };

		for (int mi = 0; mi < 2; mi++) {
			for (int p = 0; p < 2; p++) {
				const uint64_t *q = p ? qs : qr;

				time_pass(modes[mi], q, nq);	/* warm */
				for (int r = 0; r < reps; r++)
					t[r] = time_pass(modes[mi], q, nq);
				qsort(t, reps, sizeof(*t), cmp_double);
				printf("%s  {\"entries\": %zu, \"text_bytes\": %llu, \"index\": %s, \"impl\": \"%s\", "
				       "\"index_bytes\": %lu, \"pattern\": \"%s\", \"ns_per_lookup\": "
				       "{\"median\": %.3f, \"min\": %.3f, \"max\": %.3f, \"runs\": %d}, \"checked\": %s}",
				       first ? "" : ",\n", n, (unsigned long long)span,
				       mi == 0 ? "true" : "false",
				       mi ? "orc_find_table (kit)" : idx_mode == IDX_KIT ?
					"orc_find_kit_idx (kit)" : "harness-index + orc_search_idx (kit)",
				       mi == 0 ? (blocks + 1) * 4 : 0, p ? "sequential" : "random",
				       t[reps / 2], t[0], t[reps - 1], reps, bad ? "false" : "true");
				first = 0;
				fflush(stdout);
			}
		}
		if (idx_mode == IDX_BIG)
			free(big_lookup);
		free(ip); free(orc); free(abs);
	}
	printf("\n ], \"all_checked\": %s}\n", bad ? "false" : "true");
	return bad != 0;
}
