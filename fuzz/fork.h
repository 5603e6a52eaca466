/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running one fuzz input in a forked child without losing coverage.
 *
 * A tool whose process-wide state cannot be reset between runs (caches
 * in its objects keyed by pointers that repeat from run to run) runs each
 * input in a child.  libFuzzer reads its coverage counters in the parent,
 * so the child copies its counters into shared memory before it exits and
 * the parent takes them over: the fuzzer stays coverage-guided.  A child
 * that does not exit 0 (a sanitizer report, a signal, a timeout) makes
 * the parent abort, so libFuzzer keeps the input as a crash.
 */
#ifndef FUZZ_FORK_H
#define FUZZ_FORK_H

/* Once, from LLVMFuzzerInitialize(). */
void fz_fork_init(void);
/* Run fn(arg) in a child; returns when it has exited cleanly. */
void fz_fork_run(void (*fn)(void *arg), void *arg);

#endif
