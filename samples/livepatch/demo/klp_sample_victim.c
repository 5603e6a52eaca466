// SPDX-License-Identifier: GPL-2.0
/*
 * The function the patch author's sample (samples/livepatch/klp_sample.c)
 * replaces: a kit image function a workload task of `kit run` can call
 * (`--user N:klp_sample_answer:ARG`), so the patch's effect is seen in
 * run/<task>/last.  Kept apart from the demo's victims so that the sample
 * and the demo can be changed without each other.
 */
#include <kit/kernel.h>

/* The original: the argument back, unchanged. */
noinline long klp_sample_answer(long arg)
{
	barrier();
	return arg;
}
