/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Blocking primitives of the kit kernel.  Hosted, they block in futex(2)
 * issued by kit asm (kit_raw_syscall6, arch/<arch>/lib/syscall.S), so a
 * blocked task's stack holds only kit frames, all covered by kit unwind
 * data: ... -> kit_sleep_ns / kit_waitq_block -> kit_futex_wait ->
 * kit_raw_syscall6 (interrupted at/after its syscall instruction).
 *
 * All of them return early with -EINTR when current has a fake signal
 * pending (task->fake_signal) or has been asked to exit.
 */
#ifndef _KIT_SCHED_H
#define _KIT_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include <kit/compiler.h>

/* Sleep for ns nanoseconds: 0, or -EINTR (fake signal / exit request). */
int kit_sleep_ns(uint64_t ns);

/* Monotonic clock, in ns. */
uint64_t kit_clock_ns(void);

/* A wait queue: a sequence number waiters sleep on, bumped by wake-ups. */
struct kit_waitq {
	uint32_t seq;
};
#define KIT_WAITQ_INIT		{ .seq = 0 }
#define DEFINE_KIT_WAITQ(name)	struct kit_waitq name = KIT_WAITQ_INIT

/* Wake every waiter of wq (they recheck their condition). */
void kit_wake_up(struct kit_waitq *wq);

/*
 * Block until wq is woken after seq was read, a fake signal or an exit
 * request (-EINTR), or the timeout passes (timeout_ns 0: none; -ETIMEDOUT
 * is not distinguished: returns 0).  Building block of kit_wait_event().
 */
int kit_waitq_block(struct kit_waitq *wq, uint32_t seq, uint64_t timeout_ns);

static inline uint32_t kit_waitq_seq(struct kit_waitq *wq)
{
	return __atomic_load_n(&wq->seq, __ATOMIC_SEQ_CST);
}

/*
 * Wait until cond is true: 0, or -EINTR as above.  cond is evaluated in
 * the caller, after reading the queue's sequence, so a kit_wake_up() that
 * follows making cond true is never missed.
 */
#define kit_wait_event(wq, cond)					\
({									\
	int __ret = 0;							\
	for (;;) {							\
		uint32_t __seq = kit_waitq_seq(wq);			\
		if (cond)						\
			break;						\
		__ret = kit_waitq_block((wq), __seq, 0);		\
		if (__ret)						\
			break;						\
	}								\
	__ret;								\
})

/*
 * A sleeping lock on futex (no owner tracking, not recursive).  Blocking
 * in it is not interruptible by fake signals.
 */
struct kit_mutex {
	uint32_t state;		/* 0 free, 1 locked, 2 locked with waiters */
};
#define KIT_MUTEX_INIT		{ .state = 0 }
#define DEFINE_KIT_MUTEX(name)	struct kit_mutex name = KIT_MUTEX_INIT
void kit_mutex_lock(struct kit_mutex *m);
void kit_mutex_unlock(struct kit_mutex *m);
bool kit_mutex_trylock(struct kit_mutex *m);

/* Yield the CPU (sched_yield). */
void kit_cond_resched(void);

#endif /* _KIT_SCHED_H */
