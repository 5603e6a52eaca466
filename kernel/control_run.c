// SPDX-License-Identifier: GPL-2.0
/*
 * `kit run`: boot, start the workload the command line asks for, then
 * take control commands from the socket (kit_plat_control_serve) or from
 * a script (--script FILE), until shutdown.  docs/klpctl.md.
 *
 * The workload's tasks call their function through the syscall gate
 * (user tasks: kit_syscall -> kit_work_level1..3 -> kit_work_hook, the
 * path the kit's tests and the demo use, so they cross the kernel/user
 * boundary on every call) or directly between checkpoints (kthreads).
 * Each publishes its calls and last return value as run/<task>/calls and
 * run/<task>/last, so a patch's effect is seen through the tree.
 */
#include <kit/control.h>
#include <kit/init.h>
#include <kit/kallsyms.h>
#include <kit/kernel.h>
#include <kit/parser.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/run.h>
#include <kit/sched.h>
#include <kit/string.h>
#include <kit/syscall.h>
#include <kit/task.h>

#define RUN_MAX_TASKS		32
#define RUN_REPLY_CAP		(256 * 1024)
#define RUN_SLEEPER_MS		100
#define RUN_USER_PAUSE_NS	(1000 * 1000)	/* between calls: let others run */

enum run_kind { RUN_USER, RUN_KTHREAD, RUN_SLEEPER, RUN_BLOCKER };

struct run_worker {
	char name[KIT_TASK_COMM_LEN];
	enum run_kind kind;
	struct kit_run_call call;	/* fn NULL: the getpid syscall */
	unsigned long long sleep_ns;
	struct task *t;
	unsigned long calls;		/* atomic */
	long last;			/* atomic */
};

static struct run_worker workers[RUN_MAX_TASKS];
static int nr_workers;

/*
 * The blockers' gate: a mutex the control tree holds while run/blocked
 * is 1, which a blocker takes and drops at once to pass.  A mutex, not a
 * wait queue: a fake signal must not end the sleep (it would take the
 * task out of its function and let the transition finish on its own).
 * Its state is changed by one thread only, the one serving commands.
 */
struct run_gate {
	struct kit_mutex lock;
	bool closed;
};
static struct run_gate gate = { .lock = KIT_MUTEX_INIT };

void kit_run_gate_pass(long arg)
{
	struct run_gate *g = (struct run_gate *)arg;

	kit_mutex_lock(&g->lock);
	kit_mutex_unlock(&g->lock);
}

static void gate_set(bool closed)
{
	if (closed == gate.closed)
		return;
	if (closed)
		kit_mutex_lock(&gate.lock);
	else
		kit_mutex_unlock(&gate.lock);
	gate.closed = closed;
}

static int blocked_show(const struct kit_control_call *c, char *buf, size_t size)
{
	(void)c;
	return kit_snprintf(buf, size, "%d\n", gate.closed);
}

/* Any kstrtobool form, as livepatch's own files take. */
static int blocked_store(const struct kit_control_call *c, const char *value)
{
	bool closed;

	(void)c;
	if (kit_kstrtobool(value, &closed))
		return -EINVAL;
	gate_set(closed);
	return 0;
}

long kit_run_call(long arg)
{
	const struct kit_run_call *c = (const struct kit_run_call *)arg;

	return c->fn(c->arg);
}

static void run_note(struct run_worker *w, long value)
{
	__atomic_store_n(&w->last, value, __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&w->calls, 1, __ATOMIC_SEQ_CST);
}

static int run_user_fn(void *arg)
{
	struct run_worker *w = arg;

	while (!kit_task_should_exit()) {
		if (w->call.fn)
			run_note(w, kit_syscall(KIT_SYS_work, KIT_WORK_CALL, &w->call));
		else
			run_note(w, kit_syscall(KIT_SYS_getpid));
		kit_syscall(KIT_SYS_sleep, RUN_USER_PAUSE_NS);
	}
	return 0;
}

static int run_kthread_fn(void *arg)
{
	struct run_worker *w = arg;

	while (!kit_task_should_exit()) {
		kit_kthread_checkpoint();
		run_note(w, w->call.fn(w->call.arg));
		kit_sleep_ns(RUN_USER_PAUSE_NS);
	}
	return 0;
}

static int run_sleeper_fn(void *arg)
{
	struct run_worker *w = arg;

	while (!kit_task_should_exit())
		run_note(w, kit_syscall(KIT_SYS_sleep, w->sleep_ns));
	return 0;
}

/* --- run/<task>/{calls,last} ------------------------------------------- */

int kit_run_show_counter(const struct kit_control_call *c, char *buf, size_t size,
			const unsigned long *calls, const long *last)
{
	if (!kit_strcmp(kit_strrchr(c->path, '/') + 1, "calls"))
		return kit_snprintf(buf, size, "%lu\n", __atomic_load_n(calls, __ATOMIC_SEQ_CST));
	return kit_snprintf(buf, size, "%ld\n", __atomic_load_n(last, __ATOMIC_SEQ_CST));
}

static int worker_show(const struct kit_control_call *c, char *buf, size_t size)
{
	const struct run_worker *w = c->priv;

	return kit_run_show_counter(c, buf, size, &w->calls, &w->last);
}

/* --- workloads registered elsewhere (kit run --NAME) -------------------- */

extern const struct kit_run_workload __start_kit_run_workloads[] __attribute__((weak));
extern const struct kit_run_workload __stop_kit_run_workloads[] __attribute__((weak));

#define for_each_run_workload(wl) \
	for (const struct kit_run_workload *wl = __start_kit_run_workloads; \
	     wl < __stop_kit_run_workloads; wl++)

/* The workloads asked for, in command-line order; each at most once. */
static const struct kit_run_workload *chosen[8];
static int nr_chosen, nr_started, nr_chosen_tasks;

static const struct kit_run_workload *find_workload(const char *arg)
{
	if (arg[0] != '-' || arg[1] != '-')
		return NULL;
	for_each_run_workload(wl)
		if (!kit_strcmp(wl->name, arg + 2))
			return wl;
	return NULL;
}

static int choose_workload(const struct kit_run_workload *wl)
{
	for (int i = 0; i < nr_chosen; i++)
		if (chosen[i] == wl)
			return 0;
	if (nr_chosen == (int)ARRAY_SIZE(chosen))
		return -E2BIG;
	chosen[nr_chosen++] = wl;
	return 0;
}

/* --- the command line ------------------------------------------------ */

static int run_usage(void)
{
	kit_printk("usage: kit run [--user N[:FUNC[:ARG]]] [--kthread N:FUNC[:ARG]]\n"
		   "               [--sleeper N[:MS]] [--blocker N:FUNC] [--script FILE]\n");
	for_each_run_workload(wl)
		kit_printk("               [--%s]: %s\n", wl->name, wl->what);
	return 2;
}

/* "N[:FUNC[:ARG]]" in place: the count, FUNC (NULL when absent), ARG. */
static int parse_spec(char *spec, unsigned long long *n, char **func, long long *arg)
{
	char *colon = kit_strchr(spec, ':');

	*func = NULL;
	*arg = 0;
	if (colon) {
		char *colon2;

		*colon = '\0';
		*func = colon + 1;
		colon2 = kit_strchr(*func, ':');
		if (colon2) {
			*colon2 = '\0';
			if (kit_kstrtoll(colon2 + 1, 0, arg))
				return -EINVAL;
		}
		if (!**func)
			return -EINVAL;
	}
	if (kit_kstrtoull(spec, 10, n) || !*n || *n > RUN_MAX_TASKS)
		return -EINVAL;
	return 0;
}

static int add_workers(enum run_kind kind, char *spec)
{
	static const char *const prefix[] = { "user", "kthread", "sleeper", "blocker" };
	unsigned long long n;
	long long arg;
	char *func;
	long (*fn)(long) = NULL;

	/* A blocker's argument is the gate: one given is a mistake to name. */
	bool blocker_arg = kind == RUN_BLOCKER && kit_strchr(spec, ':') &&
			   kit_strchr(kit_strchr(spec, ':') + 1, ':');

	if (parse_spec(spec, &n, &func, &arg)) {
		kit_printk("kit run: bad workload '%s' (N[:FUNC[:ARG]], N 1..%d)\n", spec,
			   RUN_MAX_TASKS);
		return -EINVAL;
	}
	if (kind == RUN_KTHREAD && !func) {
		kit_printk("kit run: --kthread needs a function (N:FUNC[:ARG])\n");
		return -EINVAL;
	}
	if (kind == RUN_BLOCKER && (!func || blocker_arg)) {
		kit_printk("kit run: --blocker needs a function and no argument (N:FUNC)\n");
		return -EINVAL;
	}
	if (kind == RUN_SLEEPER && func) {
		unsigned long long ms;

		if (kit_kstrtoull(func, 10, &ms) || ms > 10000) {
			kit_printk("kit run: bad sleeper time '%s' (ms, 0..10000)\n", func);
			return -EINVAL;
		}
		arg = (long long)ms;
		func = NULL;
	} else if (kind == RUN_SLEEPER) {
		arg = RUN_SLEEPER_MS;
	}
	if (func) {
		int err = 0;
		const struct kit_ksym *sym = kit_kallsyms_find(func, 0, &err);

		if (!sym || sym->type != KIT_KSYM_FUNC) {
			kit_printk("kit run: %s: %s\n", func,
				   sym ? "not a function" :
				   err == -EEXIST ? "several symbols have this name" :
				   "no such function");
			return -EINVAL;
		}
		fn = (long (*)(long))sym->addr;
	}
	if (nr_workers + n > RUN_MAX_TASKS) {
		kit_printk("kit run: at most %d workload tasks\n", RUN_MAX_TASKS);
		return -EINVAL;
	}
	for (unsigned long long i = 0; i < n; i++) {
		struct run_worker *w = &workers[nr_workers];
		int same = 0;

		for (int j = 0; j < nr_workers; j++)
			same += workers[j].kind == kind;
		kit_snprintf(w->name, sizeof(w->name), "%s%d", prefix[kind], same);
		w->kind = kind;
		w->call.fn = fn;
		w->call.arg = kind == RUN_SLEEPER ? 0 : kind == RUN_BLOCKER ? (long)&gate : arg;
		w->sleep_ns = (unsigned long long)arg * 1000 * 1000;
		nr_workers++;
	}
	return 0;
}

static int start_workers(void)
{
	struct kit_control_node *run = kit_control_dir(NULL, "run");

	if (!run)
		return -ENOMEM;
	kit_work_hook = kit_run_call;
	for (int i = 0; i < nr_workers; i++) {
		if (workers[i].kind != RUN_BLOCKER)
			continue;
		/* Closed from the start: the first call already sleeps. */
		gate_set(true);
		if (kit_control_file(run, "blocked", 0644, blocked_show, blocked_store, NULL))
			return -ENOMEM;
		break;
	}
	for (int i = 0; i < nr_workers; i++) {
		struct run_worker *w = &workers[i];
		struct kit_control_node *dir = kit_control_dir(run, w->name);
		int (*body)(void *) = w->kind == RUN_KTHREAD ? run_kthread_fn :
				      w->kind == RUN_SLEEPER ? run_sleeper_fn : run_user_fn;

		if (!dir || kit_control_file(dir, "calls", 0444, worker_show, NULL, w) ||
		    kit_control_file(dir, "last", 0444, worker_show, NULL, w))
			return -ENOMEM;
		w->t = kit_task_create(w->name, body, w,
				       w->kind == RUN_KTHREAD ? KIT_TASK_KTHREAD : KIT_TASK_USER);
		if (!w->t) {
			kit_printk("kit run: cannot start task %s\n", w->name);
			return -ENOMEM;
		}
	}
	for (int i = 0; i < nr_chosen; i++) {
		int n = chosen[i]->start(run);

		if (n < 0) {
			kit_printk("kit run: cannot start the workload --%s\n", chosen[i]->name);
			return n;
		}
		nr_started++;
		nr_chosen_tasks += n;
	}
	return 0;
}

static void stop_workers(void)
{
	gate_set(false);	/* a blocker asked to exit must get out of its function */
	while (nr_started)
		chosen[--nr_started]->stop();
	for (int i = 0; i < nr_workers; i++)
		if (workers[i].t)
			kit_task_request_exit(workers[i].t);
	for (int i = 0; i < nr_workers; i++)
		if (workers[i].t)
			kit_task_join(workers[i].t);
	kit_work_hook = NULL;
}

/* --- scripts ------------------------------------------------------------ */

static void ms_sleep(unsigned long long ms)
{
	uint32_t word = 0;

	if (ms)
		kit_futex_wait(&word, 0, ms * 1000 * 1000);
}

static void console_out(void *ctx, const char *s, size_t len)
{
	(void)ctx;
	kit_console_raw(s, len);
}

/* Time the server would give a wait or sleep, spent here (a script has no one else). */
static void script_after(enum kit_control_after after, unsigned long long ms,
			 struct kit_control_reply *r)
{
	uint64_t end = kit_clock_ns() + ms * 1000 * 1000;

	if (after == KIT_CTL_SLEEP) {
		ms_sleep(ms);
	} else if (after == KIT_CTL_WAIT) {
		while (kit_control_busy && kit_control_busy() && kit_clock_ns() < end)
			ms_sleep(5);
		if (kit_control_busy && kit_control_busy())
			kit_reply_error(r, -ETIMEDOUT, "wait: the transition is still running after %llu ms",
					ms);
	} else if (after == KIT_CTL_FOLLOW) {
		kit_reply_error(r, -EINVAL, "log -f: only on the socket (a script never ends it)");
	}
}

/*
 * Each line: a command, "# comment" or empty.  A command prefixed by "!"
 * must fail (a test's expectation); the exit status says whether every
 * command did what its line expected.
 */
static int run_script(const char *path)
{
	struct kit_control_reply r = { .cap = RUN_REPLY_CAP };
	unsigned long long arg;
	size_t size, at = 0;
	int bad = 0, err;
	char *text;

	err = kit_plat_read_file(path, (void **)&text, &size);
	if (err) {
		kit_printk("kit run: script %s: %pE\n", path, (void *)(long)err);
		return 1;
	}
	r.buf = kit_zalloc(r.cap);
	if (!r.buf)
		return 1;
	while (at < size) {
		char *line = text + at, *nl = kit_memchr(line, '\n', size - at);
		size_t len = nl ? (size_t)(nl - line) : size - at;
		enum kit_control_after after;
		bool expect_fail = false;

		at += len + 1;
		line[len] = '\0';
		if (!len || line[0] == '#')
			continue;
		kit_console_raw("> ", 2);
		kit_console_raw(line, len);
		kit_console_raw("\n", 1);
		if (line[0] == '!') {
			expect_fail = true;
			line++;
		}
		if (len >= KIT_CONTROL_LINE_MAX) {
			kit_reply_error(&r, -EINVAL, "line longer than %d bytes", KIT_CONTROL_LINE_MAX - 1);
			after = KIT_CTL_DONE;
			r.len = 0;
			r.buf[0] = '\0';
		} else if (kit_control_check_line(line, kit_strlen(line))) {
			r.len = 0;
			r.buf[0] = '\0';
			kit_reply_error(&r, -EINVAL, "the line holds a byte that is not text");
			after = KIT_CTL_DONE;
		} else {
			after = kit_control_command(line, &r, &arg);
		}
		script_after(after, arg, &r);
		kit_control_print_reply(&r, console_out, NULL);
		if (!!r.err != expect_fail) {
			kit_printk("kit run: script line %s %s\n", line,
				   expect_fail ? "succeeded, expected to fail" : "failed");
			bad = 1;
		}
		if (after == KIT_CTL_SHUTDOWN)
			break;
	}
	kit_free(r.buf);
	kit_free(text);
	return bad;
}

static int kit_run_main(int argc, char **argv)
{
	const char *script = NULL;
	int ret, n;

	for (int i = 0; i < argc; i++) {
		const struct kit_run_workload *wl = find_workload(argv[i]);
		int err = 0;

		if (wl) {
			if (choose_workload(wl))
				return run_usage();
			continue;
		}
		if (i + 1 >= argc)
			return run_usage();
		if (!kit_strcmp(argv[i], "--user"))
			err = add_workers(RUN_USER, argv[++i]);
		else if (!kit_strcmp(argv[i], "--kthread"))
			err = add_workers(RUN_KTHREAD, argv[++i]);
		else if (!kit_strcmp(argv[i], "--sleeper"))
			err = add_workers(RUN_SLEEPER, argv[++i]);
		else if (!kit_strcmp(argv[i], "--blocker"))
			err = add_workers(RUN_BLOCKER, argv[++i]);
		else if (!kit_strcmp(argv[i], "--script"))
			script = argv[++i];
		else
			return run_usage();
		if (err)
			return 2;
	}
	kit_log_ring_start();
	if (start_workers()) {
		stop_workers();
		return 1;
	}
	n = nr_workers + nr_chosen_tasks;
	kit_printk("kit: running, %d workload task%s\n", n, n == 1 ? "" : "s");
	if (script)
		ret = run_script(script);
	else
		ret = kit_plat_control_serve() ? 1 : 0;
	stop_workers();
	kit_printk("kit: stopped\n");
	return ret;
}
KIT_COMMAND(run, "run [--user N[:FUNC[:ARG]]] [--kthread N:FUNC[:ARG]] [--sleeper N[:MS]] [--blocker N:FUNC] [--WORKLOAD] [--script FILE]",
	    kit_run_main);
