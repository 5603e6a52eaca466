// SPDX-License-Identifier: GPL-2.0
/* The hosted console: the process's standard output, unbuffered. */
#include <unistd.h>

#include <kit/init.h>
#include <kit/kernel.h>

static void hosted_console_write(const char *s, size_t len)
{
	while (len) {
		ssize_t n = write(1, s, len);

		if (n <= 0)
			return;
		s += n;
		len -= n;
	}
}

static int hosted_console_init(void)
{
	kit_console_write = hosted_console_write;
	return 0;
}
KIT_INITCALL(KIT_INIT_PLATFORM, hosted_console_init);
