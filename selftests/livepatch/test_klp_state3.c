// SPDX-License-Identifier: GPL-2.0
/* test_klp_state.c as a third cumulative patch, compatible with the second (version 2). */
#define NAME			"test_klp_state3"
#define LOGLEVEL_STATE_VERSION	2
#include "test_klp_state.c"
