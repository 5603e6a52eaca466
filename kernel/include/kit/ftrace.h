/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Dynamic ftrace with regs: every kit function (and every asm function with
 * FENTRY_SITE) has a call site at its entry that is a NOP until an ftrace_ops
 * asks for it; then it calls the arch trampoline, which saves a full
 * struct pt_regs, runs the ops attached to the function and continues at
 * regs' instruction pointer, which an IPMODIFY ops may have changed.
 *
 * Addresses: a function is named by its entry address (its symbol value),
 * on every arch.  Callbacks get that address as @ip, whatever the arch's
 * site layout (the call may be the entry's first instruction or follow
 * other NOPs; arch_ftrace_site_to_func() knows).
 */
#ifndef _KIT_FTRACE_H
#define _KIT_FTRACE_H

#include <stdbool.h>
#include <stddef.h>

#include <asm/ftrace.h>	/* notrace: how this arch's compiler makes sites */
#include <asm/ptrace.h>
#include <kit/arch.h>	/* arch_ftrace_*, arch_text_patch_* */

struct kit_ftrace_ops;

typedef void (*kit_ftrace_func_t)(unsigned long ip, unsigned long parent_ip,
				  struct kit_ftrace_ops *ops,
				  struct pt_regs *regs);

/* The ops changes regs' instruction pointer: one such ops per function. */
#define KIT_FTRACE_OPS_FL_IPMODIFY	(1U << 0)
/* Set by the core while the ops is registered. */
#define KIT_FTRACE_OPS_FL_ENABLED	(1U << 1)
/*
 * The ops must keep being called (upstream's FTRACE_OPS_FL_PERMANENT,
 * livepatch's): it cannot be registered while ftrace_enabled is off
 * (-EBUSY), and ftrace_enabled cannot be turned off while it is.
 */
#define KIT_FTRACE_OPS_FL_PERMANENT	(1U << 2)

struct kit_ftrace_ops {
	kit_ftrace_func_t func;
	unsigned int flags;
	void *private;			/* the owner's, untouched by the core */

	/* the filter: entry addresses; private to the core */
	unsigned long *filter;
	size_t nr_filter, filter_cap;
	struct kit_ftrace_ops *next;	/* registered ops */
};

/*
 * Filter building (before registration only): add the function whose entry
 * is @addr, or the one called @name (through kallsyms: @name must be
 * unique, -EEXIST otherwise; use the address for static duplicates).
 * -ENOENT when it has no ftrace site, -EBUSY when the ops is registered.
 * An empty filter matches nothing.
 */
int kit_ftrace_set_filter_ip(struct kit_ftrace_ops *ops, unsigned long addr);
int kit_ftrace_set_filter_name(struct kit_ftrace_ops *ops, const char *name);
/* Forget the filter (and free it); the ops must not be registered. */
void kit_ftrace_reset_filter(struct kit_ftrace_ops *ops);

/*
 * Attach @ops to every function of its filter and patch their sites to
 * call the trampoline.  -EBUSY (with a message naming the function) when
 * @ops is IPMODIFY and another IPMODIFY ops already owns one of them;
 * nothing is changed then.  After kit_ftrace_unregister() returns, the
 * callback is not running and will not run again.
 */
int kit_ftrace_register(struct kit_ftrace_ops *ops);
int kit_ftrace_unregister(struct kit_ftrace_ops *ops);

/*
 * Call sites of a loaded module (its relocated __mcount_loc or
 * __patchable_function_entries, as the port's compiler makes them): each is made a NOP and gets a
 * record.  @sites is the handle for release, which drops the records
 * (disabling any site still enabled).  Ops keep the addresses in their
 * filters: unregister them before the module goes.
 */
int kit_ftrace_module_init(const unsigned long *sites, size_t n);
void kit_ftrace_module_release(const unsigned long *sites, size_t n);

/*
 * ftrace_enabled, upstream's kernel.ftrace_enabled sysctl (the tree's
 * proc/sys/kernel/ftrace_enabled): while it is off no ops is called.
 * Turning it off is -EBUSY while a PERMANENT ops is registered.
 */
int kit_ftrace_set_enabled(bool on);
bool kit_ftrace_is_enabled(void);

/* Is @addr the entry of a function with an ftrace site? */
bool kit_ftrace_location(unsigned long addr);
/* The number of call-site records (image and modules), and of enabled ones. */
size_t kit_ftrace_nr_records(void);
size_t kit_ftrace_nr_enabled(void);
/* Entry address of record @i: modules first, then the image, each sorted. */
unsigned long kit_ftrace_record_addr(size_t i);

/* --- the generic dispatcher, called by the arch trampoline ------------ */
void kit_ftrace_dispatch(unsigned long ip, unsigned long parent_ip,
			 struct pt_regs *regs);

#endif /* _KIT_FTRACE_H */
