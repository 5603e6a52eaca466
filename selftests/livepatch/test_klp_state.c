// SPDX-License-Identifier: GPL-2.0
/*
 * The system-state patch of upstream's test-state.sh, for the kit: it
 * changes a system state (console_loglevel, selftests/kit-tests/
 * klp_proc_victims.c) and keeps what it changed in a klp_state, so that a
 * later cumulative patch takes the change over instead of doing it again
 * (Documentation/livepatch/system-state.rst).  Its callbacks say each
 * step in upstream's words.  test_klp_state2.c and test_klp_state3.c are
 * this file with another name and state version.
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>
#include <kit/platform.h>
#include <kit/printk.h>

#ifndef NAME
#define NAME			"test_klp_state"
#define LOGLEVEL_STATE_VERSION	1
#endif

#define CONSOLE_LOGLEVEL_STATE	1
#define LOGLEVEL_MOTORMOUTH	15

extern int console_loglevel;

static struct klp_patch patch;

static int allocate_loglevel_state(void)
{
	struct klp_state *state;

	if (klp_get_prev_state(CONSOLE_LOGLEVEL_STATE)) {
		kit_printk(NAME ": %s: space to store console_loglevel already allocated\n",
			   __func__);
		return 0;
	}
	state = klp_get_state(&patch, CONSOLE_LOGLEVEL_STATE);
	if (!state)
		return -EINVAL;
	kit_printk(NAME ": %s: allocating space to store console_loglevel\n", __func__);
	state->data = kit_zalloc(sizeof(int));
	return state->data ? 0 : -ENOMEM;
}

static void fix_console_loglevel(void)
{
	struct klp_state *state = klp_get_state(&patch, CONSOLE_LOGLEVEL_STATE);
	struct klp_state *prev = klp_get_prev_state(CONSOLE_LOGLEVEL_STATE);

	if (!state)
		return;
	if (prev) {
		kit_printk(NAME ": %s: taking over the console_loglevel change\n", __func__);
		state->data = prev->data;
		return;
	}
	kit_printk(NAME ": %s: fixing console_loglevel\n", __func__);
	*(int *)state->data = console_loglevel;
	__atomic_store_n(&console_loglevel, LOGLEVEL_MOTORMOUTH, __ATOMIC_RELAXED);
}

static void restore_console_loglevel(void)
{
	struct klp_state *state = klp_get_state(&patch, CONSOLE_LOGLEVEL_STATE);

	if (!state)
		return;
	kit_printk(NAME ": %s: restoring console_loglevel\n", __func__);
	__atomic_store_n(&console_loglevel, *(int *)state->data, __ATOMIC_RELAXED);
}

static void free_loglevel_state(void)
{
	struct klp_state *state = klp_get_state(&patch, CONSOLE_LOGLEVEL_STATE);

	if (!state)
		return;
	kit_printk(NAME ": %s: freeing space for the stored console_loglevel\n", __func__);
	kit_free(state->data);
}

static int pre_patch_callback(struct klp_object *obj)
{
	(void)obj;
	kit_printk(NAME ": pre_patch_callback: vmlinux\n");
	return allocate_loglevel_state();
}

static void post_patch_callback(struct klp_object *obj)
{
	(void)obj;
	kit_printk(NAME ": post_patch_callback: vmlinux\n");
	fix_console_loglevel();
}

static void pre_unpatch_callback(struct klp_object *obj)
{
	(void)obj;
	kit_printk(NAME ": pre_unpatch_callback: vmlinux\n");
	restore_console_loglevel();
}

static void post_unpatch_callback(struct klp_object *obj)
{
	(void)obj;
	kit_printk(NAME ": post_unpatch_callback: vmlinux\n");
	free_loglevel_state();
}

static struct klp_func no_funcs[] = { { } };

static struct klp_object objs[] = {
	{
		.name = NULL,
		.funcs = no_funcs,
		.callbacks = {
			.pre_patch = pre_patch_callback,
			.post_patch = post_patch_callback,
			.pre_unpatch = pre_unpatch_callback,
			.post_unpatch = post_unpatch_callback,
		},
	},
	{ }
};

static struct klp_state states[] = {
	{ .id = CONSOLE_LOGLEVEL_STATE, .version = LOGLEVEL_STATE_VERSION },
	{ }
};

static struct klp_patch patch = {
	.name = NAME,
	.objs = objs,
	.states = states,
	.replace = true,
};

int kit_module_init(void)
{
	return klp_enable_patch(&patch);
}
