// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: orc-sort (orc/host/sort.c) on one linked image per
 * run, written to a file in FUZZ_TMPDIR (default /dev/shm) and sorted in
 * place as the build does it.  The tool keeps no state between runs but
 * its file name; the allocation tracker frees what an error path leaves.
 */
#define main orc_sort_main
#include "../orc/host/sort.c"
#undef main

#include "alloc_track.h"

static char image[256];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("FUZZ_TMPDIR");
	const char *v = getenv("FUZZ_VERBOSE");

	(void)argc;
	(void)argv;
	snprintf(image, sizeof(image), "%s/fuzz-orc-sort-%d", dir ? dir : "/dev/shm",
		 (int)getpid());
	/* its messages are not findings */
	if (!v || !*v || !strcmp(v, "0"))
		stderr = fopen("/dev/null", "w");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[] = { "orc-sort", image, NULL };
	FILE *f = fopen(image, "w");

	if (!f || fwrite(data, 1, size, f) != size || fclose(f)) {
		fputs("fuzz-orc-sort: cannot write the input file\n", stdout);
		abort();
	}
	orc_sort_main(2, argv);
	unlink(image);
	fz_alloc_sweep();
	return 0;
}
