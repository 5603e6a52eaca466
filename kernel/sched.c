// SPDX-License-Identifier: GPL-2.0
/*
 * Blocking primitives: sleeping, wait queues and a mutex, all blocking in
 * the platform's futex (kit_futex_wait -> kit_raw_syscall6), so that a
 * blocked task has only kit frames on its stack.  A fake signal or an exit
 * request wakes a sleeper through task->blocked_on (kernel/task.c: kick).
 */
#include <kit/kernel.h>
#include <kit/platform.h>
#include <kit/sched.h>
#include <kit/task.h>

uint64_t kit_clock_ns(void)
{
	return kit_plat_clock_ns();
}

void kit_cond_resched(void)
{
	kit_plat_yield();
}

static bool interrupted(struct task *t)
{
	return t && (__atomic_load_n(&t->fake_signal, __ATOMIC_SEQ_CST) ||
		     __atomic_load_n(&t->should_exit, __ATOMIC_SEQ_CST));
}

/*
 * Sleep on *word while it equals val.  blocked_on is published before the
 * interruption check, and kick() sets the flag before reading blocked_on
 * (both sequentially consistent): either this sees the flag, or the kick
 * bumps *word after val was read and the futex does not sleep.
 */
static noinline int block_on(struct task *t, uint32_t *word, uint32_t val,
			     uint64_t timeout_ns)
{
	int ret = 0;

	if (t) {
		t->blocked_on = word;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (interrupted(t)) {
			t->blocked_on = NULL;
			return -EINTR;
		}
		__atomic_store_n(&t->state, KIT_TASK_BLOCKED, __ATOMIC_SEQ_CST);
	}
	kit_futex_wait(word, val, timeout_ns);
	if (t) {
		__atomic_store_n(&t->state, KIT_TASK_RUNNING, __ATOMIC_SEQ_CST);
		t->blocked_on = NULL;
		if (interrupted(t))
			ret = -EINTR;
	}
	return ret;
}

int kit_sleep_ns(uint64_t ns)
{
	struct task *t = current;
	uint64_t now = kit_clock_ns(), deadline = now + ns;
	uint32_t local = 0, *word = t ? &t->wake_seq : &local;

	while (now < deadline) {
		uint32_t val = __atomic_load_n(word, __ATOMIC_SEQ_CST);
		int err = block_on(t, word, val, deadline - now);

		if (err)
			return err;
		now = kit_clock_ns();
	}
	return 0;
}

void kit_wake_up(struct kit_waitq *wq)
{
	__atomic_add_fetch(&wq->seq, 1, __ATOMIC_SEQ_CST);
	kit_futex_wake(&wq->seq, 1 << 30);
}

int kit_waitq_block(struct kit_waitq *wq, uint32_t seq, uint64_t timeout_ns)
{
	return block_on(current, &wq->seq, seq, timeout_ns);
}

bool kit_mutex_trylock(struct kit_mutex *m)
{
	uint32_t free = 0;

	return __atomic_compare_exchange_n(&m->state, &free, 1, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* Three states (0 free, 1 locked, 2 contended): unlock wakes only if 2. */
void kit_mutex_lock(struct kit_mutex *m)
{
	uint32_t c = 0;

	if (__atomic_compare_exchange_n(&m->state, &c, 1, false,
					__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	if (c != 2)
		c = __atomic_exchange_n(&m->state, 2, __ATOMIC_ACQUIRE);
	while (c) {
		kit_futex_wait(&m->state, 2, 0);
		c = __atomic_exchange_n(&m->state, 2, __ATOMIC_ACQUIRE);
	}
}

void kit_mutex_unlock(struct kit_mutex *m)
{
	if (__atomic_fetch_sub(&m->state, 1, __ATOMIC_RELEASE) != 1) {
		__atomic_store_n(&m->state, 0, __ATOMIC_RELEASE);
		kit_futex_wake(&m->state, 1);
	}
}
