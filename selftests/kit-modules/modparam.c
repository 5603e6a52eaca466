// SPDX-License-Identifier: GPL-2.0
/*
 * Module parameters of each type (kit_module_param): the values its init
 * sees are copied out, so the test can tell they were set before init ran.
 */
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/string.h>

static int depth = 3;
kit_module_param(depth, INT);
static bool verbose;
kit_module_param(verbose, BOOL);
static const char *label = "none";
kit_module_param(label, CHARP);

int modparam_seen_depth;
bool modparam_seen_verbose;
char modparam_seen_label[32];

int kit_module_init(void)
{
	modparam_seen_depth = depth;
	modparam_seen_verbose = verbose;
	kit_strscpy(modparam_seen_label, label, sizeof(modparam_seen_label));
	return 0;
}

void kit_module_exit(void)
{
}
