// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: objtool-lite, in one mode, on one object per run.
 *
 * The mode is FUZZ_MODE (fuzz_modes[] below, one per action of the tool);
 * the input is written to a file in FUZZ_TMPDIR (default /dev/shm) and
 * objtool_run() runs on it with that mode's arguments, as the build runs
 * the tool, the atomic rewrite included.  For "disas" the input starts
 * with the function name, NUL-terminated.
 *
 * In-process: after each run objtool_reset() puts every static back and
 * the tracked allocator (alloc_track.c) frees what the tool's own code
 * left allocated, so the next run is a fresh process's.  What a library
 * was left holding (libelf without elf_end(), libdw, libopcodes) is not
 * tracked: LeakSanitizer reports it as this run's leak.
 * FUZZ_FORK=1 runs each input in a forked child instead (fork.c), the
 * way the target ran before the tool could be reset: for comparison.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <objtool/objtool.h>

#include "alloc_track.h"
#include "fork.h"

static const struct fuzz_mode {
	const char *name;
	const char *args[5];
} fuzz_modes[] = {
	{ "check",     { "--stackval", "--orc", "--mcount" } },
	{ "module",    { "--module", "--stackval", "--orc", "--mcount" } },
	{ "orc",       { "--orc" } },
	{ "stackval",  { "--stackval" } },
	{ "mcount",    { "--mcount" } },
	{ "dump",      { "--dump=orc" } },
	{ "dump-json", { "--dump=orc", "--json" } },
	{ "check-cfi", { "--check-cfi" } },
	{ "disas",     { NULL } },	/* --disas=<name from the input> */
};

#define NR_MODES (sizeof(fuzz_modes) / sizeof(fuzz_modes[0]))
#define MAX_NAME 128

static const struct fuzz_mode *mode;
static char path[256];
static bool forked;

static void die(const char *msg)
{
	fprintf(stderr, "fuzz-objtool: %s\n", msg);
	exit(2);
}

static void pick_mode(void)
{
	const char *m = getenv("FUZZ_MODE");

	if (!m)
		die("FUZZ_MODE not set (check, module, orc, stackval, mcount, dump, dump-json, check-cfi, disas)");
	for (size_t i = 0; i < NR_MODES; i++)
		if (!strcmp(fuzz_modes[i].name, m))
			mode = &fuzz_modes[i];
	if (!mode)
		die("unknown FUZZ_MODE");
}

/* The tool's messages are not findings: they go to /dev/null unless asked. */
static void quiet_tool(void)
{
	const char *v = getenv("FUZZ_VERBOSE");
	FILE *null;

	if (v && *v && strcmp(v, "0"))
		return;
	null = fopen("/dev/null", "w");
	if (!null)
		die("cannot open /dev/null");
	stdout = null;
	stderr = null;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("FUZZ_TMPDIR");

	(void)argc;
	(void)argv;
	pick_mode();
	snprintf(path, sizeof(path), "%s/fuzz-objtool-%d.o", dir ? dir : "/dev/shm",
		 (int)getpid());
	quiet_tool();
	forked = getenv("FUZZ_FORK") && strcmp(getenv("FUZZ_FORK"), "0");
	if (forked)
		fz_fork_init();
	/* only a run's own blocks are swept, never libFuzzer's */
	fz_alloc_track(false);
	return 0;
}

static int write_input(const uint8_t *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	size_t done = 0;

	if (fd < 0)
		return -1;
	while (done < size) {
		ssize_t n = write(fd, data + done, size - done);

		if (n <= 0) {
			close(fd);
			return -1;
		}
		done += n;
	}
	return close(fd);
}

struct run {
	int argc;
	char **argv;
};

static void run_tool(void *arg)
{
	struct run *r = arg;

	objtool_run(r->argc, r->argv);
}

static void run_in_process(struct run *r)
{
	fz_alloc_track(true);
	objtool_run(r->argc, r->argv);
	objtool_reset();
	fz_alloc_track(false);
	fz_alloc_sweep();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char disas_arg[MAX_NAME + 16];
	char *argv[8];
	int argc = 0;

	argv[argc++] = "objtool-lite";
	if (!mode->args[0]) {
		const uint8_t *nul = memchr(data, '\0', size < MAX_NAME ? size : MAX_NAME);

		if (!nul || nul == data)
			return -1;	/* not an input of this mode: not kept */
		snprintf(disas_arg, sizeof(disas_arg), "--disas=%s", (const char *)data);
		argv[argc++] = disas_arg;
		size -= nul + 1 - data;
		data = nul + 1;
	}
	for (int i = 0; mode->args[i]; i++)
		argv[argc++] = (char *)mode->args[i];
	argv[argc++] = path;
	argv[argc] = NULL;

	if (write_input(data, size))
		die("cannot write the input file");
	if (forked)
		fz_fork_run(run_tool, &(struct run){ argc, argv });
	else
		run_in_process(&(struct run){ argc, argv });
	unlink(path);
	return 0;
}
