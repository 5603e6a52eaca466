/* SPDX-License-Identifier: GPL-2.0 */
/* Victims of the livepatch tests (kernel/klp_victims.c). */
#ifndef _KIT_KLP_VICTIMS_H
#define _KIT_KLP_VICTIMS_H

#include <kit/sched.h>

extern struct kit_waitq klp_victim_waitq;
extern int klp_victim_block_entered;
extern char klp_victim_log_buf[512];

long klp_victim_value(long x);		/* x + 1 */
long klp_victim_other(long x);		/* x + 2 */
long klp_victim_block(long arg);	/* waits for *(int *)arg; 1 */
void klp_victim_log(const char *word);

#endif
