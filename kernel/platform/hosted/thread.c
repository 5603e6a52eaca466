// SPDX-License-Identifier: GPL-2.0
/*
 * Hosted platform services for tasks: threads that enter their kit stack
 * through the arch trampoline, the stop signal and its alternate stack,
 * memory, futexes and the clock.  Whatever a task may block in or be
 * interrupted in goes through kit_raw_syscall6, never through libc, so a
 * task's stack holds only kit frames.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <kit/ftrace.h>
#include <kit/init.h>
#include <kit/kernel.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/task.h>

/* glibc keeps SIGRTMIN and SIGRTMIN+1 for itself; QEMU user mode relays
 * guest real-time signals to host ones, so stay low in the range. */
#define KIT_STOP_SIGNAL		(SIGRTMIN + 2)

void *kit_zalloc(size_t size)
{
	return calloc(1, size);
}

void kit_free(void *p)
{
	free(p);
}

void *kit_pages_alloc(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

void kit_pages_free(void *p, size_t size)
{
	if (p)
		munmap(p, size);
}

void kit_pages_protect_none(void *p, size_t size)
{
	mprotect(p, size, PROT_NONE);
}

const void *kit_plat_image(size_t *size)
{
	static const void *image;
	static size_t image_size;
	struct stat st;
	int fd;

	if (image) {
		*size = image_size;
		return image;
	}
	fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || st.st_size <= 0) {
		close(fd);
		return NULL;
	}
	image = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (image == MAP_FAILED) {
		image = NULL;
		return NULL;
	}
	image_size = st.st_size;
	*size = image_size;
	return image;
}

int kit_futex_wait(uint32_t *word, uint32_t val, uint64_t timeout_ns)
{
	struct timespec ts = {
		.tv_sec = timeout_ns / 1000000000u,
		.tv_nsec = timeout_ns % 1000000000u,
	};

	return kit_raw_syscall6(SYS_futex, (long)word, FUTEX_WAIT_PRIVATE, val,
				timeout_ns ? (long)&ts : 0, 0, 0);
}

int kit_futex_wake(uint32_t *word, int n)
{
	return kit_raw_syscall6(SYS_futex, (long)word, FUTEX_WAKE_PRIVATE, n,
				0, 0, 0);
}

uint64_t kit_plat_clock_ns(void)
{
	struct timespec ts;

	if (kit_raw_syscall6(SYS_clock_gettime, CLOCK_MONOTONIC, (long)&ts,
			     0, 0, 0, 0))
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

void kit_plat_yield(void)
{
	kit_raw_syscall6(SYS_sched_yield, 0, 0, 0, 0, 0, 0);
}

/* Raw, like the futex calls: the tracer's callback may ask from any thread. */
notrace int kit_plat_thread_id(void)
{
	return (int)kit_raw_syscall6(SYS_gettid, 0, 0, 0, 0, 0, 0);
}

static void *task_thread(void *arg)
{
	struct task *t = arg;
	stack_t ss = { .ss_sp = t->altstack, .ss_size = t->altstack_size };
	stack_t off = { .ss_flags = SS_DISABLE };

	if (sigaltstack(&ss, NULL))
		kit_panic("task %s: sigaltstack failed", t->name);
	t->tid = kit_plat_thread_id();
	kit_current_task = t;
	kit_task_trampoline(t->entry_sp, kit_task_entry, t);

	/* the stop handler never runs from here on: kit_task_stop sees exited */
	__atomic_store_n(&t->exited, 1, __ATOMIC_SEQ_CST);
	sigaltstack(&off, NULL);
	kit_futex_wake(&t->exited, 1 << 30);
	return NULL;
}

int kit_plat_thread_start(struct task *t)
{
	pthread_attr_t attr;
	pthread_t thread;
	int err;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 << 10);
	err = pthread_create(&thread, &attr, task_thread, t);
	pthread_attr_destroy(&attr);
	if (err)
		return -err;
	t->thread = (unsigned long)thread;
	return 0;
}

void kit_plat_thread_reap(struct task *t)
{
	pthread_join((pthread_t)t->thread, NULL);
}

int kit_plat_stop_signal(struct task *t)
{
	long ret = kit_raw_syscall6(SYS_tgkill, getpid(), t->tid, KIT_STOP_SIGNAL,
				    0, 0, 0);

	return (int)ret;
}

static void stop_handler(int sig, siginfo_t *info, void *uc)
{
	struct task *t = kit_current_task;
	struct pt_regs regs;

	(void)sig;
	(void)info;
	if (!t)
		return;		/* not a kit task: stray signal */
	arch_ucontext_to_regs(uc, &regs);
	kit_task_stop_handler(t, &regs);
}

int kit_plat_signals_init(void)
{
	struct sigaction sa = {
		.sa_sigaction = stop_handler,
		.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART,
	};

	if (KIT_STOP_SIGNAL > SIGRTMAX)
		return -EINVAL;
	sigemptyset(&sa.sa_mask);
	if (sigaction(KIT_STOP_SIGNAL, &sa, NULL))
		return -EINVAL;
	return 0;
}
