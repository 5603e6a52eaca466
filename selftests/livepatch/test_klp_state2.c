// SPDX-License-Identifier: GPL-2.0
/* test_klp_state.c as a second cumulative patch, with state version 2. */
#define NAME			"test_klp_state2"
#define LOGLEVEL_STATE_VERSION	2
#include "test_klp_state.c"
