// SPDX-License-Identifier: GPL-2.0
/*
 * The function tracer: the ftrace machinery on its own, with no livepatch
 * above it.  The ring buffer is lock-free for writers (any thread, in the
 * trampoline): a writer claims a slot with one atomic increment and
 * publishes it with its sequence number; the reader takes published
 * slots in order and counts the ones overwritten before it got there.
 * An entry names the thread (tid) and, on kit tasks, the task.
 */
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/sched.h>
#include <kit/task.h>
#include <kit/trace.h>

#define TRACE_BUF_ORDER	14
#define TRACE_BUF_SIZE	(1UL << TRACE_BUF_ORDER)

struct trace_slot {
	unsigned long seq;		/* index + 1 once written */
	struct kit_trace_entry e;
};

static struct trace_slot trace_buf[TRACE_BUF_SIZE];
static unsigned long trace_head;	/* next index to claim */
static unsigned long trace_tail;	/* next index to read */
static unsigned long trace_lost;
static unsigned long trace_start;	/* trace_head at the last enable */
static DEFINE_KIT_MUTEX(trace_lock);
static struct kit_ftrace_ops trace_ops;
static __thread int trace_tid;

static notrace int current_tid(void)
{
	if (!trace_tid)
		trace_tid = kit_plat_thread_id();
	return trace_tid;
}

static notrace void trace_func(unsigned long ip, unsigned long parent_ip,
			       struct kit_ftrace_ops *ops, struct pt_regs *regs)
{
	unsigned long i = __atomic_fetch_add(&trace_head, 1, __ATOMIC_RELAXED);
	struct trace_slot *s = &trace_buf[i & (TRACE_BUF_SIZE - 1)];

	(void)ops;
	(void)regs;
	__atomic_store_n(&s->seq, 0, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	s->e.ip = ip;
	s->e.parent_ip = parent_ip;
	s->e.tid = current_tid();
	s->e.task = kit_get_current();
	__atomic_store_n(&s->seq, i + 1, __ATOMIC_RELEASE);
}

static int set_filter(const char *const *names, const unsigned long *addrs, size_t n)
{
	int err = 0;

	kit_mutex_lock(&trace_lock);
	if (trace_ops.flags & KIT_FTRACE_OPS_FL_ENABLED) {
		err = -EBUSY;
		goto out;
	}
	kit_ftrace_reset_filter(&trace_ops);
	for (size_t i = 0; i < n && !err; i++) {
		err = names ? kit_ftrace_set_filter_name(&trace_ops, names[i])
			    : kit_ftrace_set_filter_ip(&trace_ops, addrs[i]);
		if (err)
			kit_printk("kit: trace: cannot trace %s%s: %pE\n",
				   names ? names[i] : "", names ? "" : "that address",
				   (void *)(long)err);
	}
	if (err)
		kit_ftrace_reset_filter(&trace_ops);
out:
	kit_mutex_unlock(&trace_lock);
	return err;
}

int kit_trace_set_filter(const char *const *names, size_t n)
{
	return set_filter(names, NULL, n);
}

int kit_trace_set_filter_ip(const unsigned long *addrs, size_t n)
{
	return set_filter(NULL, addrs, n);
}

int kit_trace_enable(void)
{
	int err;

	kit_mutex_lock(&trace_lock);
	trace_ops.func = trace_func;
	__atomic_store_n(&trace_tail, __atomic_load_n(&trace_head, __ATOMIC_SEQ_CST),
			 __ATOMIC_SEQ_CST);
	trace_lost = 0;
	trace_start = trace_tail;
	err = kit_ftrace_register(&trace_ops);
	kit_mutex_unlock(&trace_lock);
	return err;
}

int kit_trace_disable(void)
{
	int err;

	kit_mutex_lock(&trace_lock);
	err = kit_ftrace_unregister(&trace_ops);
	kit_mutex_unlock(&trace_lock);
	return err;
}

size_t kit_trace_read(struct kit_trace_entry *out, size_t max)
{
	size_t n = 0;

	kit_mutex_lock(&trace_lock);
	while (n < max) {
		unsigned long head = __atomic_load_n(&trace_head, __ATOMIC_ACQUIRE);
		unsigned long t = trace_tail;
		struct trace_slot *s;
		unsigned long seq;

		if (t == head)
			break;
		if (head - t > TRACE_BUF_SIZE) {	/* overwritten */
			trace_lost += head - t - TRACE_BUF_SIZE;
			trace_tail = head - TRACE_BUF_SIZE;
			continue;
		}
		s = &trace_buf[t & (TRACE_BUF_SIZE - 1)];
		seq = __atomic_load_n(&s->seq, __ATOMIC_ACQUIRE);
		if (seq != t + 1) {
			if (seq > t + 1 || (trace_ops.flags & KIT_FTRACE_OPS_FL_ENABLED)) {
				/* being written now, or already reused */
				if (seq > t + 1) {
					trace_lost++;
					trace_tail = t + 1;
					continue;
				}
				break;
			}
			trace_lost++;		/* a writer that never finished */
			trace_tail = t + 1;
			continue;
		}
		out[n] = s->e;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (__atomic_load_n(&s->seq, __ATOMIC_RELAXED) != seq) {
			trace_lost++;		/* overwritten while copied */
			trace_tail = t + 1;
			continue;
		}
		n++;
		trace_tail = t + 1;
	}
	kit_mutex_unlock(&trace_lock);
	return n;
}

unsigned long kit_trace_lost(void)
{
	return trace_lost;
}

unsigned long kit_trace_hits(void)
{
	return __atomic_load_n(&trace_head, __ATOMIC_RELAXED) - trace_start;
}

void kit_trace_print(void)
{
	struct kit_trace_entry e[64];
	size_t n;

	while ((n = kit_trace_read(e, ARRAY_SIZE(e))))
		for (size_t i = 0; i < n; i++)
			kit_printk("%6d %-15s %pS <- %pS\n", e[i].tid,
				   e[i].task ? e[i].task->name : "-", (void *)e[i].ip,
				   (void *)e[i].parent_ip);
}
