// SPDX-License-Identifier: GPL-2.0
/* fork.h: one input per child, its coverage counters handed back. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fork.h"

/* libFuzzer's inline 8-bit counters: the section the compiler fills */
extern uint8_t __start___sancov_cntrs[] __attribute__((visibility("hidden")));
extern uint8_t __stop___sancov_cntrs[] __attribute__((visibility("hidden")));

static uint8_t *shared;
static size_t nr_counters;

void fz_fork_init(void)
{
	nr_counters = __stop___sancov_cntrs - __start___sancov_cntrs;
	shared = mmap(NULL, nr_counters ? nr_counters : 1, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED) {
		perror("fuzz: mmap of the shared counters");
		exit(2);
	}
}

void fz_fork_run(void (*fn)(void *arg), void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		perror("fuzz: fork");
		abort();
	}
	if (!pid) {
		fn(arg);
		memcpy(shared, __start___sancov_cntrs, nr_counters);
		_exit(0);
	}
	while (waitpid(pid, &status, 0) < 0)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		if (WIFSIGNALED(status))
			fprintf(stderr, "fuzz: the child died of signal %d (%s)\n",
				WTERMSIG(status), strsignal(WTERMSIG(status)));
		else
			fprintf(stderr, "fuzz: the child exited %d\n", WEXITSTATUS(status));
		abort();
	}
	memcpy(__start___sancov_cntrs, shared, nr_counters);
}
