// SPDX-License-Identifier: GPL-2.0
/*
 * The function tracer: upstream's "function" tracer, in the tree's
 * tracing/ directory as in tracefs (current_tracer, set_ftrace_filter,
 * trace).  It is an ordinary ftrace ops, not IPMODIFY, so it can share a
 * function with a live patch: on a patched function it sees the call
 * enter the old function's site, and the new function too when that one
 * is in its filter.  That sharing is what upstream's test-ftrace.sh
 * checks, and what an IPMODIFY user (a kprobe with a post handler) cannot
 * do.
 *
 * Each call is recorded in a ring of the last TRACE_ENTRIES calls: a
 * writer (any thread) claims a slot with one atomic add and stores its
 * sequence number last; the reader (the control thread) keeps a slot only
 * if its sequence number is the one it expects before and after the copy.
 * Names are looked up when the trace is read, not in the traced call.
 */
#include <stdint.h>

#include <kit/control.h>
#include <kit/ftrace.h>
#include <kit/init.h>
#include <kit/kallsyms.h>
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/printk.h>
#include <kit/sched.h>
#include <kit/string.h>
#include <kit/task.h>

#define TRACE_ENTRIES	256
#define FILTER_MAX	16
#define NAME_MAX_LEN	64

struct trace_entry {
	unsigned long seq;		/* claim index + 1 once written; 0 while written */
	unsigned long ip, parent_ip;
	uint64_t ns;
	int task_id;
	char comm[KIT_TASK_COMM_LEN];
};

static struct trace_entry ring[TRACE_ENTRIES];
static unsigned long ring_head;			/* atomic: slots claimed */
/*
 * Recording stops while the trace is read, as upstream's does while its
 * trace file is open: with every function traced, the writers would
 * otherwise lap the ring before the reader has named one entry.
 */
static bool paused;				/* atomic access */

/* Control thread only: what the files set. */
static bool tracing;				/* current_tracer is "function" */
static char filter_names[FILTER_MAX][NAME_MAX_LEN];
static unsigned int nr_filter_names;
static struct kit_ftrace_ops trace_ops;

static notrace void trace_call(unsigned long ip, unsigned long parent_ip,
			       struct kit_ftrace_ops *ops, struct pt_regs *regs)
{
	struct trace_entry *e;
	unsigned long idx;
	struct task *t;

	(void)ops;
	(void)regs;
	if (__atomic_load_n(&paused, __ATOMIC_RELAXED))
		return;
	t = kit_current_task_get();
	idx = __atomic_fetch_add(&ring_head, 1, __ATOMIC_RELAXED);
	e = &ring[idx % TRACE_ENTRIES];
	__atomic_store_n(&e->seq, 0, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	e->ip = ip;
	e->parent_ip = parent_ip;
	e->ns = kit_clock_ns();
	e->task_id = t ? t->id : 0;
	/* the control thread, which runs the tree's commands, is no task */
	kit_strscpy(e->comm, t ? t->name : "<control>", sizeof(e->comm));
	__atomic_store_n(&e->seq, idx + 1, __ATOMIC_RELEASE);
}

/* A copy of the entry claimed as @idx, if it is complete and still that one. */
static bool read_entry(unsigned long idx, struct trace_entry *out)
{
	const struct trace_entry *e = &ring[idx % TRACE_ENTRIES];

	if (__atomic_load_n(&e->seq, __ATOMIC_ACQUIRE) != idx + 1)
		return false;
	*out = *e;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return __atomic_load_n(&e->seq, __ATOMIC_RELAXED) == idx + 1;
}

/* The function's name, image or module, or the address. */
static const char *func_name(unsigned long addr, char *buf, size_t size)
{
	const struct kit_ksym *ks = kit_kallsyms_lookup_sym(addr);
	const struct kit_module_sym *ms;

	if (ks)
		return ks->name;
	ms = kit_module_sym_at(addr);
	if (ms)
		return ms->name;
	kit_snprintf(buf, size, "0x%lx", addr);
	return buf;
}

static int format_entry(const struct trace_entry *e, char *buf, size_t size)
{
	char a[24], b[24];

	return kit_snprintf(buf, size, "%s-%d %llu.%06llu: %s <-%s\n", e->comm, e->task_id,
			    (unsigned long long)(e->ns / 1000000000ull),
			    (unsigned long long)(e->ns % 1000000000ull / 1000),
			    func_name(e->ip, a, sizeof(a)), func_name(e->parent_ip, b, sizeof(b)));
}

/*
 * trace: a header, then the newest calls that fit in one read, oldest
 * first (a file of the tree holds at most KIT_CONTROL_VALUE_MAX bytes).
 */
static int trace_show(const struct kit_control_call *c, char *buf, size_t size)
{
	unsigned long head, first, start;
	struct trace_entry e;
	char line[160];
	int n, len;
	size_t room;

	(void)c;
	len = kit_snprintf(buf, size, "# tracer: %s\n#\n", tracing ? "function" : "nop");
	if (len < 0 || (size_t)len >= size)
		return -ENOSPC;
	__atomic_store_n(&paused, true, __ATOMIC_SEQ_CST);
	head = __atomic_load_n(&ring_head, __ATOMIC_ACQUIRE);
	first = head > TRACE_ENTRIES ? head - TRACE_ENTRIES : 0;
	start = head;
	room = size - len;
	while (start > first) {
		if (read_entry(start - 1, &e)) {
			n = format_entry(&e, line, sizeof(line));
			if (n < 0 || (size_t)n >= room)
				break;
			room -= n;
		}
		start--;
	}
	for (unsigned long i = start; i < head; i++)
		if (read_entry(i, &e))
			len += format_entry(&e, buf + len, size - len);
	__atomic_store_n(&paused, false, __ATOMIC_RELEASE);
	return len;
}

/* Writing anything clears the trace, as "echo > trace" does. */
static int trace_store(const struct kit_control_call *c, const char *value)
{
	(void)c;
	(void)value;
	kit_memset(ring, 0, sizeof(ring));
	__atomic_store_n(&ring_head, 0, __ATOMIC_RELEASE);
	return 0;
}

static int tracer_show(const struct kit_control_call *c, char *buf, size_t size)
{
	(void)c;
	return kit_snprintf(buf, size, "%s\n", tracing ? "function" : "nop");
}

/* The filter's functions, by name: the image's first, then the modules'. */
static int filter_lookup(const char *name, unsigned long *addr)
{
	uintptr_t maddr;
	int err = kit_kallsyms_lookup_name(name, 0, addr);

	if (err != -ENOENT)
		return err;
	err = kit_module_lookup_func(name, &maddr);
	*addr = maddr;
	return err;
}

/*
 * Start the tracer on the filter's functions, or on every function with
 * an ftrace site when the filter is empty (upstream's default).
 */
static int tracer_start(void)
{
	unsigned long addr;
	int err = 0;

	for (unsigned int i = 0; !err && i < nr_filter_names; i++) {
		err = filter_lookup(filter_names[i], &addr);
		if (!err)
			err = kit_ftrace_set_filter_ip(&trace_ops, addr);
		if (err)
			kit_printk("kit: tracing: cannot trace '%s': %pE\n", filter_names[i],
				   (void *)(long)err);
	}
	for (size_t i = 0; !err && !nr_filter_names && i < kit_ftrace_nr_records(); i++)
		err = kit_ftrace_set_filter_ip(&trace_ops, kit_ftrace_record_addr(i));
	trace_store(NULL, NULL);
	if (!err)
		err = kit_ftrace_register(&trace_ops);
	if (err)
		kit_ftrace_reset_filter(&trace_ops);
	return err;
}

static void tracer_stop(void)
{
	kit_ftrace_unregister(&trace_ops);
	kit_ftrace_reset_filter(&trace_ops);
}

static int tracer_store(const struct kit_control_call *c, const char *value)
{
	int err = 0;

	(void)c;
	if (!kit_strcmp(value, "function")) {
		if (!tracing && !(err = tracer_start()))
			tracing = true;
	} else if (!kit_strcmp(value, "nop")) {
		if (tracing)
			tracer_stop();
		tracing = false;
	} else {
		err = -EINVAL;
	}
	return err;
}

static int filter_show(const struct kit_control_call *c, char *buf, size_t size)
{
	int len = 0;

	(void)c;
	if (!nr_filter_names)
		return kit_snprintf(buf, size, "#### all functions enabled ####\n");
	for (unsigned int i = 0; i < nr_filter_names && (size_t)len < size; i++)
		len += kit_snprintf(buf + len, size - len, "%s\n", filter_names[i]);
	return len;
}

/*
 * set_ftrace_filter: the functions to trace, by exact name, separated by
 * spaces; a write replaces the list ("!" alone empties it: every
 * function).  A name no function has is -EINVAL and nothing changes.  A
 * running tracer moves to the new list.
 */
static int filter_store(const struct kit_control_call *c, const char *value)
{
	char names[FILTER_MAX][NAME_MAX_LEN], saved[FILTER_MAX][NAME_MAX_LEN];
	unsigned int n = 0, nr_saved = nr_filter_names;
	unsigned long addr;
	const char *p = value;
	int err;

	(void)c;
	while (*p) {
		size_t len = 0;

		while (*p == ' ' || *p == '\t')
			p++;
		while (p[len] && p[len] != ' ' && p[len] != '\t')
			len++;
		if (!len)
			break;
		if (n == FILTER_MAX || len >= NAME_MAX_LEN)
			return -EINVAL;
		kit_memcpy(names[n], p, len);
		names[n][len] = '\0';
		if (kit_strcmp(names[n], "!")) {
			if (filter_lookup(names[n], &addr))
				return -EINVAL;
			n++;
		}
		p += len;
	}
	kit_memcpy(saved, filter_names, sizeof(saved));
	kit_memcpy(filter_names, names, sizeof(names));
	nr_filter_names = n;
	if (!tracing)
		return 0;
	tracer_stop();
	err = tracer_start();
	if (err) {
		kit_memcpy(filter_names, saved, sizeof(saved));
		nr_filter_names = nr_saved;
		if (tracer_start())
			tracing = false;
	}
	return err;
}

static int trace_function_init(void)
{
	struct kit_control_node *d = kit_control_dir(NULL, "tracing");

	trace_ops.func = trace_call;
	if (!d || kit_control_file(d, "current_tracer", 0644, tracer_show, tracer_store, NULL) ||
	    kit_control_file(d, "set_ftrace_filter", 0644, filter_show, filter_store, NULL) ||
	    kit_control_file(d, "trace", 0644, trace_show, trace_store, NULL))
		return -ENOMEM;
	return 0;
}
KIT_INITCALL(KIT_INIT_LATE, trace_function_init);
