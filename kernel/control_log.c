// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel log as the control socket's `log` serves it: everything
 * printed goes on to the console as before, and a copy goes into a ring
 * of the last KIT_LOG_RING bytes, numbered by a running sequence so a
 * follower can tell what it has seen.
 *
 * printk runs on any thread, sometimes where sleeping is wrong, so the
 * ring is guarded by a spin lock that gives up after a bounded number
 * of tries: a line may miss the ring under heavy contention (it still
 * reaches the console), but printk never blocks on a reader.
 */
#include <kit/control.h>
#include <kit/kernel.h>
#include <kit/sched.h>
#include <kit/string.h>

#define LOG_SPINS	100000

static char ring[KIT_LOG_RING];
static unsigned long long ring_end;		/* bytes ever written */
static int ring_lock;
static void (*ring_console)(const char *s, size_t len);

static bool ring_trylock(void)
{
	for (int i = 0; i < LOG_SPINS; i++) {
		if (!__atomic_exchange_n(&ring_lock, 1, __ATOMIC_ACQUIRE))
			return true;
		if (i > 100)
			kit_cond_resched();
	}
	return false;
}

static void ring_unlock(void)
{
	__atomic_store_n(&ring_lock, 0, __ATOMIC_RELEASE);
}

static void ring_write(const char *s, size_t len)
{
	if (ring_console)
		ring_console(s, len);
	if (!ring_trylock())
		return;
	for (size_t i = 0; i < len; i++)
		ring[(ring_end + i) % KIT_LOG_RING] = s[i];
	__atomic_store_n(&ring_end, ring_end + len, __ATOMIC_RELEASE);
	ring_unlock();
}

void kit_log_ring_start(void)
{
	if (kit_console_write == ring_write)
		return;
	ring_console = kit_console_write;
	kit_console_write = ring_write;
}

size_t kit_log_ring_read(unsigned long long *pos, char *buf, size_t size)
{
	size_t n = 0;

	if (!ring_trylock())
		return 0;
	if (ring_end > KIT_LOG_RING && *pos < ring_end - KIT_LOG_RING)
		*pos = ring_end - KIT_LOG_RING;
	while (*pos < ring_end && n < size)
		buf[n++] = ring[(*pos)++ % KIT_LOG_RING];
	ring_unlock();
	return n;
}

unsigned long long kit_log_ring_end(void)
{
	return __atomic_load_n(&ring_end, __ATOMIC_ACQUIRE);
}

/* Output that must not land in the ring itself (replies of `log`). */
void kit_console_raw(const char *s, size_t len)
{
	void (*w)(const char *, size_t) = kit_console_write == ring_write ?
		ring_console : kit_console_write;

	if (w)
		w(s, len);
}
