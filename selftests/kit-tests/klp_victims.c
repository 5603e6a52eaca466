// SPDX-License-Identifier: GPL-2.0
/*
 * Functions the livepatch tests replace (selftests/kit-modules/klp_*.c):
 * global, noinline, each with an ftrace site.  USER tasks reach them
 * through KIT_SYS_work (KIT_WORK_CALL), kthreads call them directly.
 * klp_victim_block() sleeps inside itself until its flag is set: a task
 * there holds the function on its stack.  The log lets patch modules'
 * callbacks report their order to the test.
 */
#include <kit/kernel.h>
#include <kit/printk.h>
#include <kit/sched.h>
#include <kit/string.h>
#include <kit/syscall.h>

DEFINE_KIT_WAITQ(klp_victim_waitq);
int klp_victim_block_entered;
char klp_victim_log_buf[512];
static DEFINE_KIT_MUTEX(log_lock);

noinline long klp_victim_value(long x)
{
	barrier();
	return x + 1;
}

noinline long klp_victim_other(long x)
{
	barrier();
	return x + 2;
}

/* 1 once *(int *)arg is set; -ERESTARTSYS when a fake signal cuts the wait */
noinline long klp_victim_block(long arg)
{
	__atomic_add_fetch(&klp_victim_block_entered, 1, __ATOMIC_SEQ_CST);
	if (kit_wait_event(&klp_victim_waitq,
			   __atomic_load_n((const int *)arg, __ATOMIC_SEQ_CST)))
		return -ERESTARTSYS;
	return 1;
}

/* Append a word to the log (callbacks of the patch modules). */
void klp_victim_log(const char *word)
{
	size_t len;

	kit_mutex_lock(&log_lock);
	len = kit_strlen(klp_victim_log_buf);
	kit_snprintf(klp_victim_log_buf + len, sizeof(klp_victim_log_buf) - len, "%s%s",
		     len ? " " : "", word);
	kit_mutex_unlock(&log_lock);
}
