/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `kit demo` (kernel/demo.c): its victims (kernel/klp_demo_victims.c) and
 * the callback its patch modules (selftests/kit-modules/klp_demo_v*.c)
 * report through.
 */
#ifndef _KIT_KLP_DEMO_H
#define _KIT_KLP_DEMO_H

#include <kit/sched.h>

#define KLP_DEMO_WORK_ITERS	2000	/* the busy loop of klp_demo_work() */

extern struct kit_waitq klp_demo_waitq;
extern int klp_demo_wait_entered;

/* A syscall's work: a short busy loop, then the version: 1 (original). */
long klp_demo_work(long iters);
/* Sleeps until *(int *)flag, consumes it; 1 (original), -ERESTARTSYS on a fake signal. */
long klp_demo_wait(long flag);
/* A leaf without a frame record (never patched): iters turns of a loop. */
void klp_demo_spin(unsigned long iters);

/* A patch module's callback ran (for the demo's event log). */
void klp_demo_callback(const char *patch, const char *what);

#endif
