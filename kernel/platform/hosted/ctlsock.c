// SPDX-License-Identifier: GPL-2.0
/*
 * The control socket of `kit run`, hosted: a Unix stream socket "ctl" in
 * a private directory (mode 0700, made by mkdtemp; the socket 0600), so
 * only the kit's user can reach it, and each peer's credentials are
 * checked again (SO_PEERCRED) in case the directory was opened up.
 *
 * One thread (the boot thread) serves every client with poll(): sockets
 * are non-blocking, output is queued per client up to CLIENT_OUT_MAX and
 * a client that does not read it is dropped, so no client can stall the
 * kit.  A command runs only once its whole line has arrived; a client
 * that goes away before has run nothing.  Waits, sleeps and `log -f` are
 * states of their client, checked on each turn of the loop, not blocking
 * calls.  Protocol: docs/klpctl.md.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <kit/control.h>
#include <kit/platform.h>
#include <kit/printk.h>

#define MAX_CLIENTS		8
#define CLIENT_OUT_MAX		(1024 * 1024)
#define REPLY_CAP		(256 * 1024)
#define POLL_BUSY_MS		10	/* while a client waits, sleeps or follows */
#define POLL_IDLE_MS		500
#define GREETING		"klpkit-control 1\n"

struct client {
	int fd;
	char in[KIT_CONTROL_LINE_MAX];
	size_t in_len;
	bool discarding;		/* skipping the rest of an over-long line */
	char *out;
	size_t out_len;
	enum kit_control_after state;	/* KIT_CTL_DONE: idle */
	uint64_t deadline_ns;
	unsigned long long wait_ms, log_pos;
};

static struct client clients[MAX_CLIENTS];
static struct kit_control_reply reply;
static bool stopping;

static void client_drop(struct client *c)
{
	close(c->fd);
	free(c->out);
	memset(c, 0, sizeof(*c));
	c->fd = -1;
}

/* Queue @len bytes; a client that let CLIENT_OUT_MAX pile up is dropped. */
static void client_queue(void *ctx, const char *s, size_t len)
{
	struct client *c = ctx;
	char *grown;

	if (c->fd < 0)
		return;
	if (c->out_len + len > CLIENT_OUT_MAX) {
		kit_printk("kit: control: a client stopped reading, dropped\n");
		client_drop(c);
		return;
	}
	grown = realloc(c->out, c->out_len + len);
	if (!grown) {
		client_drop(c);
		return;
	}
	c->out = grown;
	memcpy(c->out + c->out_len, s, len);
	c->out_len += len;
}

static void client_flush(struct client *c)
{
	while (c->fd >= 0 && c->out_len) {
		ssize_t n = send(c->fd, c->out, c->out_len, MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
				client_drop(c);
			return;
		}
		memmove(c->out, c->out + n, c->out_len - n);
		c->out_len -= n;
	}
}

static void client_error(struct client *c, const char *msg)
{
	char line[256];

	kit_snprintf(line, sizeof(line), "error EINVAL: %s\n", msg);
	client_queue(c, line, strlen(line));
}

static void client_line(struct client *c, char *line, size_t len)
{
	unsigned long long arg;

	line[len] = '\0';
	if (len && line[len - 1] == '\r')
		line[--len] = '\0';
	if (kit_control_check_line(line, len)) {
		client_error(c, "the line holds a byte that is not text");
		return;
	}
	c->state = kit_control_command(line, &reply, &arg);
	if (reply.err || c->state == KIT_CTL_DONE) {
		c->state = KIT_CTL_DONE;
		kit_control_print_reply(&reply, client_queue, c);
		return;
	}
	switch (c->state) {
	case KIT_CTL_WAIT:
	case KIT_CTL_SLEEP:
		c->wait_ms = arg;
		c->deadline_ns = kit_plat_clock_ns() + arg * 1000 * 1000;
		break;
	case KIT_CTL_FOLLOW:
		c->log_pos = 0;
		break;
	default:	/* shutdown */
		kit_control_print_reply(&reply, client_queue, c);
		c->state = KIT_CTL_DONE;
		stopping = true;
		break;
	}
}

/* Run the complete lines in c->in while the client is idle. */
static void client_lines(struct client *c)
{
	char *nl;

	while (c->fd >= 0 && c->state == KIT_CTL_DONE && !stopping &&
	       (nl = memchr(c->in, '\n', c->in_len))) {
		size_t len = nl - c->in, rest = c->in_len - len - 1;

		if (c->discarding)
			c->discarding = false;
		else
			client_line(c, c->in, len);
		if (c->fd < 0)
			return;
		memmove(c->in, nl + 1, rest);
		c->in_len = rest;
	}
	/* full without a newline: an over-long line (full with one: a busy client) */
	if (c->fd >= 0 && c->in_len == sizeof(c->in) && !memchr(c->in, '\n', c->in_len)) {
		if (!c->discarding)
			client_error(c, "line longer than 4095 bytes");
		c->discarding = true;
		c->in_len = 0;
	}
}

static void client_read(struct client *c)
{
	ssize_t n;

	if (c->in_len == sizeof(c->in))
		return;		/* not until its lines are served */
	n = recv(c->fd, c->in + c->in_len, sizeof(c->in) - c->in_len, MSG_DONTWAIT);

	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		client_drop(c);	/* a partial line is forgotten, never run */
		return;
	}
	if (n > 0)
		c->in_len += n;
}

/* Whole log lines from the ring, each sent as a data line. */
static void client_follow(struct client *c)
{
	char buf[4096];
	unsigned long long pos = c->log_pos;
	size_t n = kit_log_ring_read(&pos, buf, sizeof(buf));
	size_t start = 0;

	for (size_t i = 0; i < n && c->fd >= 0; i++) {
		if (buf[i] != '\n')
			continue;
		client_queue(c, "= ", 2);
		client_queue(c, buf + start, i + 1 - start);
		start = i + 1;
	}
	/* a partial line waits for its end, unless it fills the buffer */
	c->log_pos = pos - (n - start);
	if (start == 0 && n == sizeof(buf)) {
		client_queue(c, "= ", 2);
		client_queue(c, buf, n);
		client_queue(c, "\n", 1);
		c->log_pos = pos;
	}
}

static void client_tick(struct client *c)
{
	uint64_t now = kit_plat_clock_ns();
	char line[128];

	switch (c->state) {
	case KIT_CTL_WAIT:
		if (kit_control_busy && kit_control_busy()) {
			if (now < c->deadline_ns)
				return;
			kit_snprintf(line, sizeof(line),
				     "error ETIMEDOUT: wait: the transition is still running after %llu ms\n",
				     c->wait_ms);
			client_queue(c, line, strlen(line));
		} else {
			client_queue(c, "ok\n", 3);
		}
		c->state = KIT_CTL_DONE;
		break;
	case KIT_CTL_SLEEP:
		if (now < c->deadline_ns)
			return;
		client_queue(c, "ok\n", 3);
		c->state = KIT_CTL_DONE;
		break;
	case KIT_CTL_FOLLOW:
		client_follow(c);
		break;
	default:
		break;
	}
}

static void server_accept(int lfd)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	struct client *c = NULL;
	int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);

	if (fd < 0)
		return;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) || len != sizeof(cred) ||
	    cred.uid != geteuid()) {
		static const char refused[] = "error EACCES: the control socket serves its owner only\n";

		send(fd, refused, sizeof(refused) - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
		kit_printk("kit: control: refused a peer of uid %d\n", len == sizeof(cred) ? (int)cred.uid : -1);
		close(fd);
		return;
	}
	for (int i = 0; i < MAX_CLIENTS; i++)
		if (clients[i].fd < 0)
			c = &clients[i];
	if (!c) {
		static const char busy[] = "error EBUSY: too many clients\n";

		send(fd, busy, sizeof(busy) - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
		close(fd);
		return;
	}
	c->fd = fd;
	client_queue(c, GREETING, sizeof(GREETING) - 1);
	client_flush(c);
}

static int serve(int lfd)
{
	struct pollfd pfd[MAX_CLIENTS + 1];

	while (!stopping) {
		bool busy = false;
		int n = 1;

		pfd[0] = (struct pollfd){ .fd = lfd, .events = POLLIN };
		for (int i = 0; i < MAX_CLIENTS; i++) {
			struct client *c = &clients[i];

			if (c->fd < 0)
				continue;
			busy |= c->state != KIT_CTL_DONE;
			pfd[n++] = (struct pollfd){ .fd = c->fd,
				.events = (c->in_len < sizeof(c->in) ? POLLIN : 0) |
					  (c->out_len ? POLLOUT : 0) };
		}
		if (poll(pfd, n, busy ? POLL_BUSY_MS : POLL_IDLE_MS) < 0 && errno != EINTR)
			return -errno;
		if (pfd[0].revents & POLLIN)
			server_accept(lfd);
		for (int i = 0; i < MAX_CLIENTS; i++) {
			struct client *c = &clients[i];

			for (int j = 1; j < n && c->fd >= 0; j++) {
				if (pfd[j].fd != c->fd)
					continue;
				if (pfd[j].revents & (POLLIN | POLLHUP | POLLERR))
					client_read(c);
				break;
			}
			if (c->fd < 0)
				continue;
			client_tick(c);
			client_lines(c);
			client_flush(c);
		}
	}
	/* the shutdown reply, and "ok" to followers, before the socket goes */
	for (int i = 0; i < MAX_CLIENTS; i++) {
		if (clients[i].fd < 0)
			continue;
		if (clients[i].state == KIT_CTL_FOLLOW)
			client_queue(&clients[i], "ok\n", 3);
		client_flush(&clients[i]);
		if (clients[i].fd >= 0)
			client_drop(&clients[i]);
	}
	return 0;
}

static int make_socket(const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	mode_t old;
	int fd, err = 0;

	if (strlen(path) >= sizeof(addr.sun_path))
		return -ENAMETOOLONG;
	strcpy(addr.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -errno;
	old = umask(0177);	/* born 0600: no window with a wider mode */
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) || listen(fd, MAX_CLIENTS))
		err = -errno;
	umask(old);
	if (!err && chmod(path, 0600))
		err = -errno;
	if (err) {
		close(fd);
		return err;
	}
	return fd;
}

int kit_plat_control_serve(void)
{
	const char *base = getenv("KIT_RUN_DIR");
	char dir[200], path[220];
	int lfd, err;

	if (!base || !*base)
		base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	kit_snprintf(dir, sizeof(dir), "%s/klpkit-%u.XXXXXX", base, (unsigned int)geteuid());
	if (!mkdtemp(dir)) {
		err = -errno;
		kit_printk("kit: control: cannot create a private directory in %s: %pE\n", base,
			   (void *)(long)err);
		return err;
	}
	kit_snprintf(path, sizeof(path), "%s/ctl", dir);
	lfd = make_socket(path);
	if (lfd < 0) {
		kit_printk("kit: control: cannot create the socket %s: %s\n", path, strerror(-lfd));
		rmdir(dir);
		return lfd;
	}
	reply.cap = REPLY_CAP;
	reply.buf = malloc(reply.cap);
	for (int i = 0; i < MAX_CLIENTS; i++)
		clients[i].fd = -1;
	err = reply.buf ? 0 : -ENOMEM;
	if (!err) {
		kit_printk("kit: control socket %s\n", path);
		err = serve(lfd);
	}
	close(lfd);
	unlink(path);
	rmdir(dir);
	free(reply.buf);
	return err;
}
