// SPDX-License-Identifier: GPL-2.0
/*
 * objtool-reent: the objtool fuzz target's in-process loop (objtool.c)
 * without libFuzzer, built with gcc for make check: several runs of
 * objtool-lite in one process, for selftests/objtool/reent.sh, which
 * compares each run with a fresh objtool-lite process on the same input.
 *
 *	objtool-reent OUTDIR RUN...
 *
 * Each RUN is one command line, its words separated by single spaces
 * (the tool's arguments, without argv[0]).  Run i writes its stdout,
 * stderr and exit status to OUTDIR/<i>.out, .err and .rc, and is followed
 * by objtool_reset(), as any second run in a process must be, and by a
 * sweep of what the run left allocated (fuzz/alloc_track.c, as the fuzz
 * target does): the next run's blocks then come back at the addresses the
 * last run's had, so a cache keyed by a file or section pointer that the
 * reset missed is hit, with stale contents.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <objtool/objtool.h>

#include "alloc_track.h"

#define MAX_WORDS 16

static void die(const char *what)
{
	perror(what);
	exit(2);
}

/* Point fd @fd at @path; the old fd is returned for undo(). */
static int redirect(int fd, const char *path)
{
	int saved = dup(fd), nfd;

	if (saved < 0)
		die("dup");
	nfd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (nfd < 0)
		die(path);
	if (dup2(nfd, fd) < 0)
		die("dup2");
	close(nfd);
	return saved;
}

static void undo(int fd, int saved)
{
	if (dup2(saved, fd) < 0)
		die("dup2");
	close(saved);
}

static void one_run(const char *dir, int i, const char *line)
{
	char *words = strdup(line), *argv[MAX_WORDS + 2], path[4096];
	int argc = 0, out, err, rc;
	FILE *f;

	if (!words)
		die("strdup");
	argv[argc++] = "objtool-lite";
	for (char *w = strtok(words, " "); w; w = strtok(NULL, " ")) {
		if (argc > MAX_WORDS)
			die("too many words in a run");
		argv[argc++] = w;
	}
	argv[argc] = NULL;

	fflush(stdout);
	fflush(stderr);
	snprintf(path, sizeof(path), "%s/%d.out", dir, i);
	out = redirect(STDOUT_FILENO, path);
	snprintf(path, sizeof(path), "%s/%d.err", dir, i);
	err = redirect(STDERR_FILENO, path);
	fz_alloc_track(true);
	rc = objtool_run(argc, argv);
	fflush(stdout);
	fflush(stderr);
	undo(STDOUT_FILENO, out);
	undo(STDERR_FILENO, err);
	objtool_reset();
	fz_alloc_track(false);
	fz_alloc_sweep();

	snprintf(path, sizeof(path), "%s/%d.rc", dir, i);
	f = fopen(path, "w");
	if (!f || fprintf(f, "%d\n", rc) < 0 || fclose(f))
		die(path);
	free(words);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: objtool-reent OUTDIR RUN...\n");
		return 2;
	}
	fz_alloc_track(false);
	for (int i = 2; i < argc; i++)
		one_run(argv[1], i - 2, argv[i]);
	return 0;
}
