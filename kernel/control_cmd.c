// SPDX-License-Identifier: GPL-2.0
/*
 * The control commands (docs/klpctl.md), the same for the socket and for
 * `kit run --script`: each parses its whole line first and changes
 * nothing when the line is wrong.  A command returns what the server has
 * to do after the reply (wait, sleep, follow the log, shut down), so the
 * server, not the command, owns the time a command takes.
 */
#include <kit/control.h>
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/parser.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/string.h>
#include <kit/task.h>

#define CMD_MAX_ARGS		16
#define CMD_WAIT_DEFAULT_MS	10000
#define CMD_WAIT_MAX_MS		600000

int (*kit_control_unload)(struct kit_module *mod);
bool (*kit_control_busy)(void);

void kit_reply_printf(struct kit_control_reply *r, const char *fmt, ...)
{
	va_list args;
	int n;

	if (r->overflow || r->len >= r->cap)
		return;
	va_start(args, fmt);
	n = kit_vsnprintf(r->buf + r->len, r->cap - r->len, fmt, args);
	va_end(args);
	if (n < 0 || (size_t)n >= r->cap - r->len) {
		r->overflow = true;
		r->buf[r->len] = '\0';
		return;
	}
	r->len += n;
}

int kit_reply_error(struct kit_control_reply *r, int err, const char *fmt, ...)
{
	va_list args;

	r->err = err;
	va_start(args, fmt);
	kit_vsnprintf(r->msg, sizeof(r->msg), fmt, args);
	va_end(args);
	return err;
}

int kit_control_check_line(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = line[i];

		if (c != '\t' && (c < 0x20 || c > 0x7e))
			return -EINVAL;
	}
	return 0;
}

/* The reply as the socket sends it (docs/klpctl.md), to the console. */
void kit_control_print_reply(const struct kit_control_reply *r,
			     void (*out)(void *ctx, const char *s, size_t len), void *ctx)
{
	const char *p = r->buf;
	char line[200];

	while (p && *p) {
		const char *nl = kit_strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : kit_strlen(p);

		out(ctx, "= ", 2);
		out(ctx, p, len);
		out(ctx, "\n", 1);
		p += len + (nl ? 1 : 0);
	}
	if (r->err)
		kit_snprintf(line, sizeof(line), "error %s: %s%s\n", kit_errname(r->err), r->msg,
			     r->overflow ? " (reply cut)" : "");
	else
		kit_snprintf(line, sizeof(line), "ok%s\n", r->overflow ? " (reply cut)" : "");
	out(ctx, line, kit_strlen(line));
}

/* --- the tree ------------------------------------------------------------ */

static void mode_string(unsigned int mode, bool dir, char out[11])
{
	static const char rwx[] = "rwxrwxrwx";

	out[0] = dir ? 'd' : '-';
	for (int i = 0; i < 9; i++)
		out[i + 1] = mode & (0400u >> i) ? rwx[i] : '-';
	out[10] = '\0';
}

static int ls_emit(void *arg, const struct kit_control_entry *e)
{
	char mode[11];

	mode_string(e->mode, e->dir, mode);
	kit_reply_printf(arg, "%s %s%s\n", mode, e->name, e->dir ? "/" : "");
	return 0;
}

static const char *what_failed(int err)
{
	switch (-err) {
	case ENOENT:	return "no such file or directory";
	case ENOTDIR:	return "not a directory";
	case EISDIR:	return "is a directory";
	case EACCES:	return "permission denied";
	case EINVAL:	return "invalid argument";
	case EBUSY:	return "busy";
	default:	return "failed";
	}
}

static int cmd_ls(int argc, char **argv, struct kit_control_reply *r)
{
	const char *path = argc > 1 ? argv[1] : "";
	int err;

	if (argc > 2)
		return kit_reply_error(r, -EINVAL, "usage: ls [PATH]");
	err = kit_control_list(path, ls_emit, r);
	if (err) {
		r->len = 0;
		return kit_reply_error(r, err, "ls %s: %s", path, what_failed(err));
	}
	return 0;
}

static int cmd_cat(int argc, char **argv, struct kit_control_reply *r)
{
	char *val;
	int n;

	if (argc != 2)
		return kit_reply_error(r, -EINVAL, "usage: cat PATH");
	val = kit_zalloc(KIT_CONTROL_VALUE_MAX);
	if (!val)
		return kit_reply_error(r, -ENOMEM, "cat: out of memory");
	n = kit_control_read(argv[1], val, KIT_CONTROL_VALUE_MAX);
	if (n < 0)
		kit_reply_error(r, n, "cat %s: %s", argv[1], what_failed(n));
	else
		kit_reply_printf(r, "%s%s", val,
				 n && val[min((size_t)n, (size_t)(KIT_CONTROL_VALUE_MAX - 1)) - 1] == '\n' ? "" : "\n");
	kit_free(val);
	return n < 0 ? n : 0;
}

/*
 * The first word of @s (NUL-terminated in place) and what follows it,
 * blanks skipped on both sides: "write PATH VALUE" and "kmsg-grep PATH
 * PATTERN" take their last argument as the rest of the line, blanks and all.
 */
static char *first_word(char *s, char **rest)
{
	char *word;

	while (*s == ' ' || *s == '\t')
		s++;
	word = s;
	while (*s && *s != ' ' && *s != '\t')
		s++;
	if (*s)
		*s++ = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	*rest = s;
	return word;
}

/* write PATH VALUE: VALUE is the rest of the line, as one sysfs write. */
static int cmd_write(char *rest, struct kit_control_reply *r)
{
	char *value, *path = first_word(rest, &value);
	int err;

	if (!*path || !*value)
		return kit_reply_error(r, -EINVAL, "usage: write PATH VALUE");
	err = kit_control_write(path, value);
	if (err)
		return kit_reply_error(r, err, "write %s: %s", path, what_failed(err));
	return 0;
}

/* --- modules and tasks ------------------------------------------------- */

/*
 * load FILE.ko [name=value...]: the words after the file are the module's
 * parameters, given to the loader as one "name=value ..." string (the
 * line is at most KIT_CONTROL_LINE_MAX bytes, so they fit in one that long).
 */
static int cmd_load(int argc, char **argv, struct kit_control_reply *r)
{
	char args[KIT_CONTROL_LINE_MAX];
	struct kit_module *mod;
	size_t len = 0;
	int err;

	if (argc < 2)
		return kit_reply_error(r, -EINVAL, "usage: load FILE.ko [param=value...]");
	args[0] = '\0';
	for (int i = 2; i < argc; i++) {
		size_t n = kit_strlen(argv[i]);

		if (len + n + 2 > sizeof(args))
			return kit_reply_error(r, -E2BIG, "load: parameters too long");
		if (len)
			args[len++] = ' ';
		kit_memcpy(args + len, argv[i], n + 1);
		len += n;
	}
	err = kit_module_load_file_args(argv[1], len ? args : NULL, &mod);
	if (err)
		return kit_reply_error(r, err, "load %s: %pE (see the log)", argv[1],
				       (void *)(long)err);
	kit_reply_printf(r, "%s\n", mod->name);
	return 0;
}

static int cmd_unload(int argc, char **argv, struct kit_control_reply *r)
{
	struct kit_module *mod;
	int err = 0;

	if (argc != 2)
		return kit_reply_error(r, -EINVAL, "usage: unload NAME");
	mod = kit_module_find(argv[1]);
	if (!mod)
		return kit_reply_error(r, -ENOENT, "unload %s: no such module", argv[1]);
	if (kit_control_unload)
		err = kit_control_unload(mod);
	else
		kit_module_unload(mod);
	if (err)
		return kit_reply_error(r, err, "unload %s: %s (a patch of it is in place)",
				       argv[1], what_failed(err));
	return 0;
}

static const char *task_kind(const struct task *t)
{
	if (t->flags & KIT_TASK_IDLE)
		return "idle";
	return t->flags & KIT_TASK_KTHREAD ? "kthread" : "user";
}

static int cmd_tasks(int argc, struct kit_control_reply *r)
{
	struct task *t;

	if (argc != 1)
		return kit_reply_error(r, -EINVAL, "usage: tasks");
	kit_reply_printf(r, "%-6s %-16s %-8s %s\n", "ID", "NAME", "KIND", "PATCH_STATE");
	kit_tasklist_lock();
	kit_for_each_task(t)
		kit_reply_printf(r, "%-6d %-16s %-8s %d\n", t->id, t->name, task_kind(t),
				 __atomic_load_n(&t->patch_state, __ATOMIC_RELAXED));
	kit_tasklist_unlock();
	return 0;
}

/* --- the kernel log, written: kmsg, kmsg-grep ----------------------------- */

/*
 * kmsg TEXT: TEXT as one line of the kernel log, as a write to /dev/kmsg
 * (upstream's livepatch selftests log each command they run that way, so
 * the log reads as their expected blocks do).
 */
static int cmd_kmsg(char *rest, struct kit_control_reply *r)
{
	if (!*rest)
		return kit_reply_error(r, -EINVAL, "usage: kmsg TEXT");
	kit_printk("%s\n", rest);
	return 0;
}

/*
 * kmsg-grep PATH PATTERN: each line of PATH's value that holds PATTERN (the
 * rest of the line, as fixed text) to the kernel log, as upstream's
 * `grep PATTERN FILE > /dev/kmsg`.  A file with no such line logs nothing.
 */
static int cmd_kmsg_grep(char *rest, struct kit_control_reply *r)
{
	char *pattern, *path = first_word(rest, &pattern), *val, *line, *nl;
	int n;

	if (!*path || !*pattern)
		return kit_reply_error(r, -EINVAL, "usage: kmsg-grep PATH PATTERN");
	val = kit_zalloc(KIT_CONTROL_VALUE_MAX);
	if (!val)
		return kit_reply_error(r, -ENOMEM, "kmsg-grep: out of memory");
	n = kit_control_read(path, val, KIT_CONTROL_VALUE_MAX);
	if (n < 0) {
		kit_reply_error(r, n, "kmsg-grep %s: %s", path, what_failed(n));
		kit_free(val);
		return n;
	}
	for (line = val; *line; line = nl ? nl + 1 : line + kit_strlen(line)) {
		nl = kit_strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (kit_strstr(line, pattern))
			kit_printk("%s\n", line);
		if (!nl)
			break;
	}
	kit_free(val);
	return 0;
}

/* --- time: wait, sleep, log -------------------------------------------- */

static int parse_ms(const char *s, unsigned long long *ms, struct kit_control_reply *r,
		    const char *cmd)
{
	if (kit_kstrtoull(s, 10, ms) || *ms > CMD_WAIT_MAX_MS)
		return kit_reply_error(r, -EINVAL, "%s: '%s' is not a time in ms (0..%d)",
				       cmd, s, CMD_WAIT_MAX_MS);
	return 0;
}

static void log_copy(struct kit_control_reply *r)
{
	unsigned long long pos = 0;
	size_t room = r->cap - r->len - 1;
	size_t n = kit_log_ring_read(&pos, r->buf + r->len, room);

	r->len += n;
	r->buf[r->len] = '\0';
	if (r->len && r->buf[r->len - 1] != '\n')
		kit_reply_printf(r, "\n");
}

static const char *const help_text =
	"load FILE.ko [param=value...]  load a module (a patch enables itself)\n"
	"unload NAME                    unload a module\n"
	"ls [PATH]                      list a directory of the control tree\n"
	"cat PATH                       read a file of the tree\n"
	"write PATH VALUE               write a file of the tree\n"
	"tasks                          tasks and their patch state\n"
	"log [-f]                       the kernel log (-f: and follow it)\n"
	"wait [MS]                      wait for the transition (default 10000)\n"
	"sleep MS                       do nothing for MS ms\n"
	"kmsg TEXT                      TEXT as a line of the kernel log\n"
	"kmsg-grep PATH PATTERN         PATH's lines holding PATTERN, to the log\n"
	"shutdown                       stop the workload and the kit\n";

enum kit_control_after kit_control_command(char *line, struct kit_control_reply *r,
					   unsigned long long *arg)
{
	char copy[KIT_CONTROL_LINE_MAX];
	char *argv[CMD_MAX_ARGS];
	int argc;

	r->len = 0;
	r->err = 0;
	r->msg[0] = '\0';
	r->overflow = false;
	if (r->cap)
		r->buf[0] = '\0';
	*arg = 0;
	kit_strscpy(copy, line, sizeof(copy));
	{
		/* kmsg and kmsg-grep take the rest of the line as it is, any number of words */
		char *rest, *cmd = first_word(copy, &rest);

		if (!kit_strcmp(cmd, "kmsg")) {
			cmd_kmsg(rest, r);
			return KIT_CTL_DONE;
		}
		if (!kit_strcmp(cmd, "kmsg-grep")) {
			cmd_kmsg_grep(rest, r);
			return KIT_CTL_DONE;
		}
		kit_strscpy(copy, line, sizeof(copy));
	}
	argc = kit_split_args(line, argv, CMD_MAX_ARGS);
	if (argc < 0) {
		kit_reply_error(r, -E2BIG, "more than %d words", CMD_MAX_ARGS);
		return KIT_CTL_DONE;
	}
	if (argc == 0) {
		kit_reply_error(r, -EINVAL, "empty command (try: help)");
		return KIT_CTL_DONE;
	}
	if (!kit_strcmp(argv[0], "help") && argc == 1) {
		kit_reply_printf(r, "%s", help_text);
	} else if (!kit_strcmp(argv[0], "ls")) {
		cmd_ls(argc, argv, r);
	} else if (!kit_strcmp(argv[0], "cat")) {
		cmd_cat(argc, argv, r);
	} else if (!kit_strcmp(argv[0], "write")) {
		cmd_write(copy + (argv[0] - line) + 5, r);
	} else if (!kit_strcmp(argv[0], "load")) {
		cmd_load(argc, argv, r);
	} else if (!kit_strcmp(argv[0], "unload")) {
		cmd_unload(argc, argv, r);
	} else if (!kit_strcmp(argv[0], "tasks")) {
		cmd_tasks(argc, r);
	} else if (!kit_strcmp(argv[0], "log")) {
		if (argc == 2 && !kit_strcmp(argv[1], "-f"))
			return KIT_CTL_FOLLOW;
		if (argc != 1)
			kit_reply_error(r, -EINVAL, "usage: log [-f]");
		else
			log_copy(r);
	} else if (!kit_strcmp(argv[0], "wait")) {
		*arg = CMD_WAIT_DEFAULT_MS;
		if (argc > 2)
			kit_reply_error(r, -EINVAL, "usage: wait [MS]");
		else if (argc == 1 || !parse_ms(argv[1], arg, r, "wait"))
			return KIT_CTL_WAIT;
	} else if (!kit_strcmp(argv[0], "sleep")) {
		if (argc != 2)
			kit_reply_error(r, -EINVAL, "usage: sleep MS");
		else if (!parse_ms(argv[1], arg, r, "sleep"))
			return KIT_CTL_SLEEP;
	} else if (!kit_strcmp(argv[0], "shutdown") && argc == 1) {
		return KIT_CTL_SHUTDOWN;
	} else {
		kit_reply_error(r, -EINVAL, "unknown command '%s' (try: help)", argv[0]);
	}
	return KIT_CTL_DONE;
}
