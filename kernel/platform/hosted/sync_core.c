// SPDX-License-Identifier: GPL-2.0
/*
 * Core serialisation for cross-modifying code, hosted: membarrier(2).
 * PRIVATE_EXPEDITED_SYNC_CORE makes every thread of the process run a
 * core-serialising instruction before the call returns; plain
 * PRIVATE_EXPEDITED only interrupts the running ones (a memory barrier on
 * each, no promised core serialisation); without either there is only the
 * local fence.
 */
#define _GNU_SOURCE
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <kit/ftrace.h>
#include <kit/platform.h>

static int sync_cmd;			/* membarrier command, 0: none */

enum kit_sync_cores kit_plat_sync_cores_init(void)
{
	long cmds = syscall(__NR_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);

	if (cmds > 0 && (cmds & MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE) &&
	    !syscall(__NR_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE, 0, 0)) {
		sync_cmd = MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE;
		return KIT_SYNC_CORES_FULL;
	}
	if (cmds > 0 && (cmds & MEMBARRIER_CMD_PRIVATE_EXPEDITED) &&
	    !syscall(__NR_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0)) {
		sync_cmd = MEMBARRIER_CMD_PRIVATE_EXPEDITED;
		return KIT_SYNC_CORES_IPI;
	}
	sync_cmd = 0;
	return KIT_SYNC_CORES_NONE;
}

/*
 * notrace: text patching calls it between the steps of a patch, and it
 * must not itself be a site that the patch in progress could touch.
 */
notrace void kit_plat_sync_cores(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (sync_cmd)
		syscall(__NR_membarrier, sync_cmd, 0, 0);
}
