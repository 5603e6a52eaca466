/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The function tracer: an ftrace_ops over a filter of functions that
 * records (ip, parent_ip, thread) for every call into a ring buffer.
 * Usage: set the filter, enable, run, disable, read.
 */
#ifndef _KIT_TRACE_H
#define _KIT_TRACE_H

#include <stddef.h>

struct task;

struct kit_trace_entry {
	unsigned long ip;		/* the traced function's entry */
	unsigned long parent_ip;	/* where it returns to */
	int tid;			/* the calling thread */
	struct task *task;		/* its kit task, NULL on other threads */
};

/* Trace the functions named (kallsyms) or given by entry address. */
int kit_trace_set_filter(const char *const *names, size_t n);
int kit_trace_set_filter_ip(const unsigned long *addrs, size_t n);
/* Start and stop tracing; enabling clears the buffer. */
int kit_trace_enable(void);
int kit_trace_disable(void);
/*
 * Take up to @max entries, oldest first, out of the buffer; returns how
 * many.  Entries overwritten before they were read are counted as lost.
 */
size_t kit_trace_read(struct kit_trace_entry *out, size_t max);
unsigned long kit_trace_lost(void);
/* Calls recorded since the last enable (read or not). */
unsigned long kit_trace_hits(void);
/* Print the buffer (consuming it) as "tid: func <- parent" lines. */
void kit_trace_print(void);

#endif
