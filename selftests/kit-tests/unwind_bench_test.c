// SPDX-License-Identifier: GPL-2.0
/*
 * unwind_bench: not a test but the measurement behind `make bench-unwind`
 * (bench/unwind/run.sh): ns per frame of this image's reliable unwinder
 * (ORC or FP) from the current context at several depths.  Each run walks
 * a chain of `depth` recursive frames (plus the few of the harness) WALKS
 * times; RUNS runs give the median, min and max.  Lines for the script:
 *   # bench unwinder=orc depth=8 frames=12 median=... min=... max=...
 */
#include <kit/frame_record.h>
#include <kit/kernel.h>
#include <kit/printk.h>
#include <kit/sched.h>
#include <kit/selftest.h>
#include <kit/sort.h>
#include <kit/stacktrace.h>

struct task;
void kit_task_trampoline(unsigned long stack_top, void (*fn)(struct task *),
			 struct task *arg);

#define BENCH_STACK	(256 * 1024)
#define RUNS		15
#define WALKS		200

static unsigned char bench_stack[BENCH_STACK] __attribute__((aligned(4096)));
static const unsigned int depths[] = { 8, 32, 128 };
static unsigned long store[512];
static volatile int bench_sink;

struct bench_result {
	unsigned int depth;
	int frames, raw_frames;
	bool truth_ok, raw_truth_ok;
	uint64_t ps_per_frame[RUNS];	/* picoseconds, to keep integer math */
	uint64_t raw_ps_per_frame[RUNS];	/* the floor: frame records, no checks */
};
/* truth[0]: bench_measure's return address, then one per recursion level */
static unsigned long truth[160];
static struct bench_result results[ARRAY_SIZE(depths)];
static unsigned int cur;

/*
 * The floor: follow the compiler's frame chain (kit/frame_record.h) with
 * no check at all.  Stops where the chain ends.
 */
static noinline __attribute__((noipa)) int raw_fp_walk(unsigned long *out, unsigned int size)
{
	unsigned long fp = (unsigned long)__builtin_frame_address(0), next, ra, cfa;
	unsigned int n = 0;

	while (fp && n < size && arch_frame_record_step(fp, NULL, NULL, &next, &ra, &cfa)) {
		out[n++] = ra;
		fp = next;
	}
	return n;
}

/* truth[0..len) appears contiguously in trace[0..n) */
static bool has_truth(const unsigned long *trace, int n, unsigned int len)
{
	for (int k = 0; k + (int)len <= n; k++) {
		unsigned int i = 0;

		while (i < len && trace[k + i] == truth[i])
			i++;
		if (i == len)
			return true;
	}
	return false;
}

static noinline __attribute__((noipa)) void bench_measure(void)
{
	struct bench_result *r = &results[cur];

	truth[0] = (unsigned long)__builtin_return_address(0);
	r->truth_ok = has_truth(store, kit_stack_trace_save_reliable(store, ARRAY_SIZE(store)),
				r->depth + 2);
	r->raw_truth_ok = has_truth(store, raw_fp_walk(store, ARRAY_SIZE(store)), r->depth + 2);

	for (int run = 0; run < RUNS; run++) {
		uint64_t t0 = kit_clock_ns(), dt;
		int n = 0;

		for (int w = 0; w < WALKS; w++)
			n = kit_stack_trace_save_reliable(store, ARRAY_SIZE(store));
		dt = kit_clock_ns() - t0;
		r->frames = n;
		r->ps_per_frame[run] = n > 0 ? dt * 1000 / ((uint64_t)WALKS * n) : 0;
		t0 = kit_clock_ns();
		for (int w = 0; w < WALKS; w++)
			n = raw_fp_walk(store, ARRAY_SIZE(store));
		dt = kit_clock_ns() - t0;
		r->raw_frames = n;
		r->raw_ps_per_frame[run] = n > 0 ? dt * 1000 / ((uint64_t)WALKS * n) : 0;
	}
}

static noinline __attribute__((noipa)) int bench_recurse(unsigned int depth)
{
	truth[depth + 1] = (unsigned long)__builtin_return_address(0);
	if (!depth) {
		bench_measure();
		return 0;
	}
	int r = bench_recurse(depth - 1);

	barrier();	/* one real frame per level: no tail call, no loop */
	bench_sink++;
	return r + 1;
}

static void bench_entry(struct task *unused)
{
	(void)unused;
	bench_sink += bench_recurse(results[cur].depth);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

KIT_SELFTEST(unwind_bench)
{
	unsigned long hi = (unsigned long)bench_stack + BENCH_STACK;

	kit_stack_trace_set_stack((unsigned long)bench_stack, hi);
	for (cur = 0; cur < ARRAY_SIZE(depths); cur++) {
		struct bench_result *r = &results[cur];
		uint64_t *v = r->ps_per_frame, *rv = r->raw_ps_per_frame;

		r->depth = depths[cur];
		kit_task_trampoline(hi, bench_entry, NULL);
		kit_sort(v, RUNS, sizeof(*v), cmp_u64, NULL);
		kit_sort(rv, RUNS, sizeof(*rv), cmp_u64, NULL);
		kit_report(r->frames > (int)r->depth && r->truth_ok,
			   "%s: depth %u walks reliably (%d frames), the chain's return addresses included",
			   kit_unwinder_name, r->depth, r->frames);
		kit_report(r->raw_frames > (int)r->depth && r->raw_truth_ok,
			   "fp-raw: depth %u: the unchecked chain walk sees the same return addresses (%d frames)",
			   r->depth, r->raw_frames);
		kit_report_info("bench unwinder=fp-raw depth=%u frames=%d truth=%s median=%llu.%03llu min=%llu.%03llu max=%llu.%03llu",
				r->depth, r->raw_frames, r->raw_truth_ok ? "ok" : "wrong",
				(unsigned long long)rv[RUNS / 2] / 1000,
				(unsigned long long)rv[RUNS / 2] % 1000,
				(unsigned long long)rv[0] / 1000, (unsigned long long)rv[0] % 1000,
				(unsigned long long)rv[RUNS - 1] / 1000,
				(unsigned long long)rv[RUNS - 1] % 1000);
		kit_report_info("bench unwinder=%s depth=%u frames=%d median=%llu.%03llu min=%llu.%03llu max=%llu.%03llu",
				kit_unwinder_name, r->depth, r->frames,
				(unsigned long long)v[RUNS / 2] / 1000,
				(unsigned long long)v[RUNS / 2] % 1000,
				(unsigned long long)v[0] / 1000, (unsigned long long)v[0] % 1000,
				(unsigned long long)v[RUNS - 1] / 1000,
				(unsigned long long)v[RUNS - 1] % 1000);
	}
	kit_stack_trace_set_stack(0, 0);
}
