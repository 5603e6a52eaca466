// SPDX-License-Identifier: GPL-2.0
/*
 * What kit code run in a host fuzz target needs from the rest of the kit
 * (kernel/lib/ is linked as it is): a console, only with FUZZ_VERBOSE (a
 * message is not a finding), and a panic that aborts (a panic is one).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <kit/control.h>
#include <kit/kernel.h>

static void console_write(const char *s, size_t len)
{
	fwrite(s, 1, len, stderr);
}

static __attribute__((constructor)) void console_init(void)
{
	const char *v = getenv("FUZZ_VERBOSE");

	if (v && *v && strcmp(v, "0"))
		kit_console_write = console_write;
}

void kit_panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("kit panic: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

/*
 * The control tree is not under test: a module's parameters get no
 * directory (the loader's "no room" path, which loads the module anyway)
 * and there is nothing to remove.
 */
struct kit_control_node *kit_control_dir(struct kit_control_node *parent, const char *name)
{
	(void)parent;
	(void)name;
	return NULL;
}

int kit_control_file(struct kit_control_node *dir, const char *name, unsigned int mode,
		     kit_control_show_t show, kit_control_store_t store, void *priv)
{
	(void)dir, (void)name, (void)mode, (void)show, (void)store, (void)priv;
	return -ENOMEM;
}

void kit_control_remove(struct kit_control_node *node)
{
	(void)node;
}
