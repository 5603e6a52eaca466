// SPDX-License-Identifier: GPL-2.0
/*
 * The function the patch author's sample (samples/livepatch/klp_sample.c)
 * replaces: a kit image function a workload task of `kit run` can call
 * (`--user N:klp_sample_answer:ARG`), so the patch's effect is seen in
 * run/<task>/last.  Kept apart from the demo's victims so that the sample
 * and the demo can be changed without each other.
 */
#include <kit/kernel.h>
#include <kit/run.h>

/* The original: the argument back, unchanged. */
noinline long klp_sample_answer(long arg)
{
	barrier();
	return arg;
}

/*
 * A function a `kit run --blocker N:klp_sample_sleep` task sleeps in
 * while run/blocked is 1: a patch replacing it cannot switch that task
 * until the gate opens.  The original returns 1.  Not a tail call: the
 * work after the gate keeps this function's frame on the stack.
 */
noinline long klp_sample_sleep(long gate)
{
	kit_run_gate_pass(gate);
	barrier();
	return 1;
}
