// SPDX-License-Identifier: GPL-2.0
/*
 * Change a file while a command is in the middle of a run, at a point that
 * does not depend on timing: the command's stdout or stderr goes into a
 * pipe of one page that nobody reads, so the command stops in write(2)
 * once it has printed that much; then FILE is truncated to LEN bytes, and
 * only then is the pipe drained (to our stdout) and the command let go.
 *
 * Usage: stall FILE LEN STREAM CMD [ARGS...]
 *   STREAM 1 or 2: which output of CMD blocks (the other is inherited).
 * Exit status: CMD's, or 128 + the signal that ended it; 125 when CMD
 * never filled the pipe (the truncation did not happen mid-run, so the
 * case proves nothing), 126 on a usage or system error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what)
{
	fprintf(stderr, "stall: %s: %s\n", what, strerror(errno));
	exit(126);
}

/*
 * Is @pid asleep in a pipe write?  /proc/PID/wchan names the function
 * ("pipe_write", "anon_pipe_write"); where the kernel hides it ("0"),
 * a pipe within a line of full and unchanged for 20 ms has to do.
 */
static int blocked_in_write(pid_t pid, int queued, int size, int *stable)
{
	char path[64], wchan[64] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/wchan", (int)pid);
	f = fopen(path, "r");
	if (f) {
		if (!fgets(wchan, sizeof(wchan), f))
			wchan[0] = 0;
		fclose(f);
	}
	if (wchan[0] && strcmp(wchan, "0"))
		return strstr(wchan, "pipe_write") != NULL;
	*stable = queued >= size - 512 ? *stable + 1 : 0;
	return *stable >= 20;
}

/* Wait until the child is stuck writing into the pipe, or has ended. */
static int wait_stuck(int rfd, int size, pid_t pid, int *status)
{
	struct timespec ms = { 0, 1000000 };
	int stable = 0;

	for (int i = 0; i < 60000; i++) {
		int queued = 0;

		if (ioctl(rfd, FIONREAD, &queued))
			die("FIONREAD");
		if (queued && blocked_in_write(pid, queued, size, &stable))
			return 1;
		if (waitpid(pid, status, WNOHANG) == pid)
			return 0;
		nanosleep(&ms, NULL);
	}
	errno = ETIMEDOUT;
	die("waiting for the command to fill the pipe");
	return 0;
}

int main(int argc, char **argv)
{
	int fds[2], status, size, stream;
	char buf[4096];
	ssize_t n;
	pid_t pid;

	if (argc < 5 || (strcmp(argv[3], "1") && strcmp(argv[3], "2"))) {
		fprintf(stderr, "usage: stall FILE LEN 1|2 CMD [ARGS...]\n");
		return 126;
	}
	stream = atoi(argv[3]);
	if (pipe(fds))
		die("pipe");
	size = fcntl(fds[1], F_SETPIPE_SZ, 4096);
	if (size < 0)
		die("F_SETPIPE_SZ");
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		dup2(fds[1], stream);
		close(fds[0]);
		close(fds[1]);
		execvp(argv[4], &argv[4]);
		_exit(127);
	}
	close(fds[1]);
	if (!wait_stuck(fds[0], size, pid, &status)) {
		fprintf(stderr, "stall: %s ended before it filled the pipe\n", argv[4]);
		return 125;
	}
	if (truncate(argv[1], atol(argv[2])))
		die(argv[1]);
	while ((n = read(fds[0], buf, sizeof(buf))) > 0)
		if (write(1, buf, n) != n)
			die("write");
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "stall: %s killed by signal %d\n", argv[4], WTERMSIG(status));
		return 128 + WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}
