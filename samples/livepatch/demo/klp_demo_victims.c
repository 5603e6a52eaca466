// SPDX-License-Identifier: GPL-2.0
/*
 * The functions `kit demo` patches (selftests/kit-modules/klp_demo_v*.c),
 * and the leaf its spinning kthread lives in.  USER tasks reach the
 * victims through KIT_SYS_work (KIT_WORK_CALL).
 */
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/syscall.h>

#include "klp_demo.h"

DEFINE_KIT_WAITQ(klp_demo_waitq);
int klp_demo_wait_entered;

/* The original: a busy loop (the task is often inside), then version 1. */
noinline long klp_demo_work(long iters)
{
	for (long i = 0; i < iters; i++)
		barrier();
	return 1;
}

noinline long klp_demo_wait(long flag)
{
	__atomic_add_fetch(&klp_demo_wait_entered, 1, __ATOMIC_SEQ_CST);
	if (kit_wait_event(&klp_demo_waitq, __atomic_load_n((int *)flag, __ATOMIC_SEQ_CST)))
		return -ERESTARTSYS;
	__atomic_store_n((int *)flag, 0, __ATOMIC_SEQ_CST);
	return 1;
}

/*
 * A leaf function with no frame record on any port (gcc gives leaves none
 * where the return address is in a register; elsewhere the frame pointer
 * is omitted here on purpose):
 * ORC describes every instruction of it, frame pointers cannot be
 * believed anywhere in it.  notrace: no ftrace site, it is never patched.
 */
__attribute__((optimize("omit-frame-pointer"))) noinline notrace
void klp_demo_spin(unsigned long iters)
{
	for (unsigned long i = 0; i < iters; i++)
		barrier();
}
