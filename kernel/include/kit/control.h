/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control tree (kernel/control.c): a small sysfs of the kit.  Nodes
 * are directories and files; a file has a mode (0444 read-only, 0200
 * write-only, 0644 both, as sysfs attributes) and show/store handlers.
 * Subsystems register their nodes here (livepatch registers
 * livepatch/<patch>/...); the kernel never calls them by name.
 *
 * Access is checked against the mode bits for everyone, root included,
 * the way sysfs checks them at open time: a write to a file without a
 * write bit or a store handler, or a read of a file without a read bit or
 * a show handler, is -EACCES.
 *
 * Handlers are called without the tree's lock held and get a copy of the
 * file's path, never a node: a subsystem may remove its nodes from
 * under its own locks while a reader is in one of its handlers, so a
 * handler finds its object again by name (under that subsystem's lock).
 *
 * The rest of this header is the control socket's side: the commands
 * (kernel/control_cmd.c), the log ring (kernel/control_log.c), `kit run`
 * (kernel/control_run.c) and the platform's server (hosted:
 * kernel/platform/hosted/ctlsock.c).
 */
#ifndef _KIT_CONTROL_H
#define _KIT_CONTROL_H

#include <stdbool.h>
#include <stddef.h>

#define KIT_CONTROL_NAME_MAX	64	/* a component, with its NUL */
#define KIT_CONTROL_PATH_MAX	256	/* a whole path, with its NUL */
#define KIT_CONTROL_VALUE_MAX	4096	/* what a show may produce */

struct kit_control_node;

/* What a handler is told about the file it serves. */
struct kit_control_call {
	const char *path;		/* "livepatch/p1/enabled", normalised */
	const char *entry;		/* dynamic directories: the entry's name */
	void *priv;			/* as registered */
};

/* show: text into buf (NUL-terminated), its length or -errno. */
typedef int (*kit_control_show_t)(const struct kit_control_call *c, char *buf,
				  size_t size);
/* store: 0 or -errno; value is one line without its newline. */
typedef int (*kit_control_store_t)(const struct kit_control_call *c,
				   const char *value);

/*
 * The directory @name under @parent (NULL: the root), created when it
 * does not exist yet.  NULL on a bad name or no memory.
 */
struct kit_control_node *kit_control_dir(struct kit_control_node *parent,
					 const char *name);
/* A file in @dir: 0, -EEXIST, -EINVAL (bad name or mode), -ENOMEM. */
int kit_control_file(struct kit_control_node *dir, const char *name,
		     unsigned int mode, kit_control_show_t show,
		     kit_control_store_t store, void *priv);

/*
 * A dynamic directory: its entries come from @list when asked, each one a
 * directory holding the same files (@files, ending with a NULL name); the
 * handlers get the entry's name in kit_control_call.entry.  The tasks
 * directory is one (tasks/<id>/patch_state).
 */
struct kit_control_file_desc {
	const char *name;
	unsigned int mode;
	kit_control_show_t show;
	kit_control_store_t store;
};
struct kit_control_dyn_ops {
	/* calls emit(arg, name) for each entry; 0 or -errno */
	int (*list)(int (*emit)(void *arg, const char *name), void *arg);
	bool (*exists)(const char *name);
	const struct kit_control_file_desc *files;
};
int kit_control_dynamic(struct kit_control_node *parent, const char *name,
			const struct kit_control_dyn_ops *ops);

/* Remove @node and everything under it (NULL: nothing). */
void kit_control_remove(struct kit_control_node *node);

/*
 * By path ("a/b/c"; leading, trailing and repeated '/' are ignored; no
 * "." or ".." components): read a file (its length or -errno: -ENOENT,
 * -EISDIR, -EACCES, or the handler's), write one (a trailing newline is
 * dropped, as sysfs stores see it; 0 or -errno), list a directory (emit
 * per entry, in registration order; -ENOTDIR on a file).
 */
int kit_control_read(const char *path, char *buf, size_t size);
int kit_control_write(const char *path, const char *value);
struct kit_control_entry {
	const char *name;
	unsigned int mode;		/* 0755 for directories */
	bool dir;
};
int kit_control_list(const char *path,
		     int (*emit)(void *arg, const struct kit_control_entry *e),
		     void *arg);

/* --- the kernel log ring (kernel/control_log.c) ------------------------ */

/*
 * Start keeping what is printed (from then on) in a ring of the last
 * KIT_LOG_RING bytes, besides writing it to the console.
 */
#define KIT_LOG_RING		(64 * 1024)
void kit_log_ring_start(void);
/*
 * Copy out the bytes with sequence numbers [*pos, end) that are still in
 * the ring (older ones are skipped: *pos moves to the oldest kept), up to
 * @size; returns the count and advances *pos.  Position 0 is the start.
 */
size_t kit_log_ring_read(unsigned long long *pos, char *buf, size_t size);
/* The sequence number the next byte printed will get. */
unsigned long long kit_log_ring_end(void);
/* Write to the console without a copy in the ring. */
void kit_console_raw(const char *s, size_t len);

/* --- module unloading ---------------------------------------------------- */

/*
 * Who decides whether a module may go: livepatch installs its
 * klp_module_unload() (which refuses while a patch of the module is in
 * place); NULL: kit_module_unload() directly.
 */
struct kit_module;
extern int (*kit_control_unload)(struct kit_module *mod);

/* --- commands (kernel/control_cmd.c) ----------------------------------- */

/*
 * A reply is built into a struct kit_control_reply by the command; the
 * server sends its text as data lines, then "ok" or the error line
 * (docs/klpctl.md).
 */
struct kit_control_reply {
	char *buf;			/* data lines, each ending in '\n' */
	size_t len, cap;
	bool overflow;			/* data was cut at cap */
	int err;			/* 0 or -errno */
	char msg[160];			/* the error's text */
};
void kit_reply_printf(struct kit_control_reply *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int kit_reply_error(struct kit_control_reply *r, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* What a command leaves for the server to do after its reply. */
enum kit_control_after {
	KIT_CTL_DONE,			/* the reply is complete */
	KIT_CTL_WAIT,			/* wait for the transition (arg: ms) */
	KIT_CTL_SLEEP,			/* sleep (arg: ms), then "ok" */
	KIT_CTL_FOLLOW,			/* stream the log from arg on */
	KIT_CTL_SHUTDOWN,		/* reply, then stop the kit */
};

/*
 * Run one command line (NUL-terminated, no newline); the reply goes to
 * @r.  Returns what the server must do next, with *arg.  A command that
 * fails changes nothing.
 */
enum kit_control_after kit_control_command(char *line, struct kit_control_reply *r,
					   unsigned long long *arg);
/* For KIT_CTL_WAIT: the transition is over (livepatch installs it). */
extern bool (*kit_control_busy)(void);

/*
 * Send @r as the protocol has it: "= " before each data line, then "ok"
 * or "error ENAME: text".
 */
void kit_control_print_reply(const struct kit_control_reply *r,
			     void (*out)(void *ctx, const char *s, size_t len), void *ctx);

/* Check one request line: printable text and tabs only.  0 or -EINVAL. */
int kit_control_check_line(const char *line, size_t len);
#define KIT_CONTROL_LINE_MAX	4096	/* a request line, with its newline */

/* --- the platform's server (hosted: a Unix socket) ---------------------- */

/*
 * Create the private directory and the socket in it (hosted: under
 * $KIT_RUN_DIR or $TMPDIR or /tmp, "klpkit-<uid>.XXXXXX/ctl"), print its
 * path, then serve clients until a shutdown command (0) or an error
 * (-errno); remove the socket and the directory before returning.
 */
int kit_plat_control_serve(void);

#endif /* _KIT_CONTROL_H */
