// SPDX-License-Identifier: GPL-2.0
/*
 * klpctl: run one control command against a running kit (`kit run`).
 *
 *   klpctl [--socket PATH] [--timeout SEC] COMMAND [ARGS...]
 *   klpctl [--socket PATH] [--timeout SEC] --raw < BYTES
 *
 * --raw sends its standard input as it is (for tests of the server's
 * handling of bad input), ends its side of the connection and prints
 * whatever comes back, the greeting included, until the kit closes it.
 *
 * The socket is PATH, else $KLPCTL_SOCKET, else the only
 * "klpkit-<uid>.*\/ctl" in $KIT_RUN_DIR, $TMPDIR or /tmp.  Data lines of
 * the reply go to stdout; an error line goes to stderr and the exit
 * status is 1 (2: usage, 3: cannot reach the kit or a broken reply).
 * Protocol: docs/klpctl.md.
 */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define GREETING	"klpkit-control 1"
#define LINE_MAX_	4096

static int usage(void)
{
	fprintf(stderr,
		"usage: klpctl [--socket PATH] [--timeout SEC] COMMAND [ARGS...]\n"
		"commands: load FILE.ko, unload NAME, ls [PATH], cat PATH, write PATH VALUE,\n"
		"          tasks, log [-f], wait [MS], sleep MS, shutdown, help (docs/klpctl.md)\n");
	return 2;
}

/* The only klpkit-<uid>.* directory with a socket in it, or NULL. */
static const char *find_socket(char *buf, size_t size)
{
	const char *base = getenv("KIT_RUN_DIR");
	char prefix[64];
	struct dirent *de;
	int found = 0;
	DIR *d;

	if (!base || !*base)
		base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	snprintf(prefix, sizeof(prefix), "klpkit-%u.", (unsigned int)geteuid());
	d = opendir(base);
	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		char path[4096];
		struct stat st;

		if (strncmp(de->d_name, prefix, strlen(prefix)))
			continue;
		snprintf(path, sizeof(path), "%s/%s/ctl", base, de->d_name);
		if (stat(path, &st) || !S_ISSOCK(st.st_mode))
			continue;
		if (found++)
			break;
		snprintf(buf, size, "%s", path);
	}
	closedir(d);
	if (found > 1) {
		fprintf(stderr, "klpctl: several kits run in %s: give --socket PATH\n", base);
		return NULL;
	}
	return found ? buf : NULL;
}

static int connect_to(const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(addr.sun_path)) {
		fprintf(stderr, "klpctl: socket path too long: %s\n", path);
		return -1;
	}
	strcpy(addr.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		fprintf(stderr, "klpctl: cannot connect to %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* Buffered line reader over the socket with an overall deadline. */
struct reader {
	int fd;
	char buf[LINE_MAX_ * 2];
	size_t len;
	int timeout_ms;		/* < 0: none */
};

/* One line without its newline into @line; 1, 0 at EOF, -1 on error. */
static int read_line(struct reader *r, char *line, size_t size)
{
	for (;;) {
		char *nl = memchr(r->buf, '\n', r->len);
		struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
		ssize_t n;

		if (nl) {
			size_t len = nl - r->buf;

			if (len >= size)
				len = size - 1;
			memcpy(line, r->buf, len);
			line[len] = '\0';
			r->len -= nl + 1 - r->buf;
			memmove(r->buf, nl + 1, r->len);
			return 1;
		}
		if (r->len == sizeof(r->buf)) {
			fprintf(stderr, "klpctl: reply line too long\n");
			return -1;
		}
		n = poll(&pfd, 1, r->timeout_ms);
		if (n == 0) {
			fprintf(stderr, "klpctl: no reply within the timeout\n");
			return -1;
		}
		if (n < 0 && errno == EINTR)
			continue;
		n = n < 0 ? -1 : read(r->fd, r->buf + r->len, sizeof(r->buf) - r->len);
		if (n < 0) {
			fprintf(stderr, "klpctl: read: %s\n", strerror(errno));
			return -1;
		}
		if (n == 0)
			return 0;
		r->len += n;
	}
}

static int send_all(int fd, const char *s, size_t len)
{
	while (len) {
		ssize_t n = send(fd, s, len, MSG_NOSIGNAL);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "klpctl: send: %s\n", strerror(errno));
			return -1;
		}
		s += n;
		len -= n;
	}
	return 0;
}

/* --raw: stdin to the socket verbatim, the raw reply to stdout. */
static int raw_session(struct reader *r)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(0, buf, sizeof(buf))) > 0)
		if (send_all(r->fd, buf, n))
			return 3;
	shutdown(r->fd, SHUT_WR);
	for (;;) {
		struct pollfd pfd = { .fd = r->fd, .events = POLLIN };

		if (poll(&pfd, 1, r->timeout_ms) <= 0)
			return 3;
		n = read(r->fd, buf, sizeof(buf));
		if (n <= 0)
			return n ? 3 : 0;
		fwrite(buf, 1, n, stdout);
	}
}

int main(int argc, char **argv)
{
	const char *sock = getenv("KLPCTL_SOCKET");
	char found[4096], cmd[LINE_MAX_], line[LINE_MAX_ * 2];
	struct reader r = { .timeout_ms = 30000 };
	size_t len = 0;
	int i = 1, got;
	bool raw = false;

	for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i += 2) {
		if (!strcmp(argv[i], "--raw")) {
			raw = true;
			i--;
			continue;
		}
		if (i + 1 >= argc)
			return usage();
		if (!strcmp(argv[i], "--socket")) {
			sock = argv[i + 1];
		} else if (!strcmp(argv[i], "--timeout")) {
			char *end;
			long sec = strtol(argv[i + 1], &end, 10);

			if (*end || sec < 0 || sec > 86400)
				return usage();
			r.timeout_ms = sec ? (int)sec * 1000 : -1;
		} else {
			return usage();
		}
	}
	if ((i >= argc) != raw)
		return usage();
	for (; i < argc; i++) {
		size_t n = strlen(argv[i]);

		if (len + n + 2 > sizeof(cmd)) {
			fprintf(stderr, "klpctl: command longer than %d bytes\n", LINE_MAX_ - 1);
			return 2;
		}
		if (len)
			cmd[len++] = ' ';
		memcpy(cmd + len, argv[i], n);
		len += n;
	}
	cmd[len++] = '\n';
	if (!sock || !*sock)
		sock = find_socket(found, sizeof(found));
	if (!sock) {
		fprintf(stderr, "klpctl: no running kit found: give --socket PATH or set KLPCTL_SOCKET\n");
		return 3;
	}
	r.fd = connect_to(sock);
	if (r.fd < 0)
		return 3;
	if (raw)
		return raw_session(&r);
	got = read_line(&r, line, sizeof(line));
	if (got > 0 && !strncmp(line, "error ", 6)) {
		fprintf(stderr, "klpctl: %s\n", line + 6);
		return 1;
	}
	if (got <= 0 || strcmp(line, GREETING)) {
		fprintf(stderr, "klpctl: %s does not speak the kit's control protocol\n", sock);
		return 3;
	}
	if (send_all(r.fd, cmd, len))
		return 3;
	if (!strncmp(cmd, "log -f", 6))
		r.timeout_ms = -1;
	while ((got = read_line(&r, line, sizeof(line))) > 0) {
		if (!strncmp(line, "= ", 2)) {
			printf("%s\n", line + 2);
			if (r.timeout_ms < 0)
				fflush(stdout);
		} else if (!strcmp(line, "ok")) {
			return 0;
		} else if (!strncmp(line, "error ", 6)) {
			fflush(stdout);
			fprintf(stderr, "klpctl: %s\n", line + 6);
			return 1;
		} else {
			break;
		}
	}
	fflush(stdout);
	fprintf(stderr, "klpctl: the kit closed the connection without a complete reply\n");
	return 3;
}
