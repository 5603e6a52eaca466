// SPDX-License-Identifier: GPL-2.0
/*
 * unwind_bench: not a test but the measurement behind `make bench-unwind`
 * (bench/unwind/run.sh): ns per frame of this image's reliable unwinder
 * (ORC or FP) from the current context at several depths.  Each run walks
 * a chain of `depth` recursive frames (plus the few of the harness) WALKS
 * times; RUNS runs give the median, min and max.  Lines for the script:
 *   # bench unwinder=orc depth=8 frames=12 median=... min=... max=...
 */
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
	int frames;
	uint64_t ps_per_frame[RUNS];	/* picoseconds, to keep integer math */
};
static struct bench_result results[ARRAY_SIZE(depths)];
static unsigned int cur;

static noinline __attribute__((noipa)) void bench_measure(void)
{
	struct bench_result *r = &results[cur];

	for (int run = 0; run < RUNS; run++) {
		uint64_t t0 = kit_clock_ns(), dt;
		int n = 0;

		for (int w = 0; w < WALKS; w++)
			n = kit_stack_trace_save_reliable(store, ARRAY_SIZE(store));
		dt = kit_clock_ns() - t0;
		r->frames = n;
		r->ps_per_frame[run] = n > 0 ? dt * 1000 / ((uint64_t)WALKS * n) : 0;
	}
}

static noinline __attribute__((noipa)) int bench_recurse(unsigned int depth)
{
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
		uint64_t *v = r->ps_per_frame;

		r->depth = depths[cur];
		kit_task_trampoline(hi, bench_entry, NULL);
		kit_sort(v, RUNS, sizeof(*v), cmp_u64, NULL);
		kit_report(r->frames > (int)r->depth,
			   "%s: depth %u walks reliably (%d frames)", kit_unwinder_name,
			   r->depth, r->frames);
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
