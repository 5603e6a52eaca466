/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the kit-unwind selftests (unwind_test.c, unwind_task_test.c). */
#ifndef _KIT_UNWIND_TEST_H
#define _KIT_UNWIND_TEST_H

#include <stdbool.h>

struct unwind_test_func {
	unsigned long addr;
	const char *name;
};

/* pc lies in f (kallsyms, or the nearest start among all[n]) */
bool unwind_test_pc_in(unsigned long pc, const struct unwind_test_func *f,
		       const struct unwind_test_func *all, unsigned int n);
/* trace is exactly funcs[0..n), innermost first; prints it when not */
bool unwind_test_check_chain(const unsigned long *trace, int nr,
			     const struct unwind_test_func *funcs, unsigned int n,
			     bool verbose);

/* (c): tasks sampled at random points (a skip without kit tasks) */
void unwind_task_test(void);

#endif
