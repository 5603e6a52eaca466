/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Services of the platform (hosted today: kernel/platform/hosted/) that
 * the core kit kernel uses, and the arch hooks behind them.  Core code
 * (the files of kernel/) calls only these; a bare-metal platform provides the
 * same.
 */
#ifndef _KIT_PLATFORM_H
#define _KIT_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <asm/ptrace.h>
#include <kit/arch.h>	/* kit_task_trampoline, kit_raw_syscall6, arch_*ucontext* */

struct task;

/* Zeroed memory (hosted: calloc/free).  kit_zalloc returns NULL on failure. */
void *kit_zalloc(size_t size);
void kit_free(void *p);

/* Page-granular anonymous memory, read-write (hosted: mmap). */
void *kit_pages_alloc(size_t size);
void kit_pages_free(void *p, size_t size);
/* Make pages inaccessible (a stack guard). */
void kit_pages_protect_none(void *p, size_t size);

/*
 * The kit image's own file contents, read-only, whole (hosted: mmap of
 * /proc/self/exe); NULL on failure.  Stays mapped for the process' life.
 */
const void *kit_plat_image(size_t *size);

/*
 * A whole file (hosted: a file of the host; bare-metal: a blob of its
 * initrd) in fresh memory from kit_zalloc(), freed with kit_free().
 * 0 or -errno (-EINVAL: not a regular file of a sane size).
 */
int kit_plat_read_file(const char *path, void **data, size_t *size);
/*
 * Where the build put module @name (hosted: $KIT_MODULE_DIR/<name>.ko,
 * else $O/<arch>/modules/<name>.ko, O defaulting to "build").
 */
const char *kit_plat_module_path(const char *name, char *buf, size_t size);

/* Futex-style blocking on a 32-bit word, in kit code only. */
/* Sleep while *word == val, up to timeout_ns (0: forever); 0 / -errno
 * (-EAGAIN value changed, -EINTR signal, -ETIMEDOUT). */
int kit_futex_wait(uint32_t *word, uint32_t val, uint64_t timeout_ns);
/* Wake up to n sleepers on word; returns how many woke or -errno. */
int kit_futex_wake(uint32_t *word, int n);
uint64_t kit_plat_clock_ns(void);
void kit_plat_yield(void);
/*
 * The id of the calling thread, task or not (hosted: gettid), for trace
 * entries.  notrace: the function tracer's callback may call it.
 */
int kit_plat_thread_id(void);

/*
 * Tasks' threads.  kit_plat_thread_start() creates the thread that sets up
 * its alternate signal stack, sets kit_current_task = t and enters
 * kit_task_trampoline(entry_sp, kit_task_entry, t).  kit_task_entry()
 * (kernel/task.c) runs fn and returns; the thread then exits and sets
 * t->exited (futex-woken).  0 or -errno.
 */
int kit_plat_thread_start(struct task *t);
/* After t->exited: reclaim the thread (hosted: pthread_join). */
void kit_plat_thread_reap(struct task *t);
/* Send the stop signal to t's thread (hosted: tgkill). 0 or -errno. */
int kit_plat_stop_signal(struct task *t);
/* Installs the stop signal's handler; called once at boot. */
int kit_plat_signals_init(void);
/* The core's part of the stop handler: publish regs, wait for resume. */
void kit_task_stop_handler(struct task *t, const struct pt_regs *regs);
void kit_task_entry(struct task *t);

/*
 * Breakpoint traps (text patching that plants a breakpoint while a site
 * is rewritten, on ports that need it).  kit_plat_breakpoint_init()
 * routes them to the kit (hosted: a SIGTRAP handler); on each trap the
 * platform calls kit_trap_breakpoint() with the trapping context as the
 * CPU reports it (ip at or just past the breakpoint, as the port's
 * arch_text_poke_trap() expects), and resumes at whatever regs say
 * afterwards.  A trap the kit does not claim (false) goes on to whoever
 * handled it before (hosted: the previous SIGTRAP action).
 * Everything on this path is notrace: the trap may come from a site being
 * patched, and a traced function here would trap again.
 */
int kit_plat_breakpoint_init(void);
/* kernel/ftrace.c: text patching, which ftrace drives, owns them. */
bool kit_trap_breakpoint(struct pt_regs *regs);

/*
 * Cross-modifying code: make every other core that may run the kit's text
 * execute a context-synchronising event before kit_plat_sync_cores()
 * returns, so none keeps running stale instructions (hosted:
 * membarrier(2)).  kit_plat_sync_cores_init() says how strong that is;
 * until it was called, and at KIT_SYNC_CORES_NONE, sync_cores is a full
 * memory barrier only.
 */
enum kit_sync_cores {
	KIT_SYNC_CORES_NONE,		/* no cross-core serialisation */
	KIT_SYNC_CORES_IPI,		/* an IPI to each core, no core sync */
	KIT_SYNC_CORES_FULL,		/* core serialising on every core */
};
enum kit_sync_cores kit_plat_sync_cores_init(void);
void kit_plat_sync_cores(void);

#endif /* _KIT_PLATFORM_H */
