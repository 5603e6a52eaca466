// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 live text patching, hosted: the store goes through the executing
 * mapping (QEMU user mode sees only those), is one aligned 32-bit store so
 * that no thread can fetch a torn instruction, and is followed by
 * __builtin___clear_cache (DC CVAU + IC IVAU + barriers) and, where the
 * kernel offers it, membarrier SYNC_CORE so that every thread runs a
 * context synchronisation event before the patcher goes on.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/membarrier.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <asm/text-patching.h>
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/mm.h>
#include <kit/printk.h>

static int sync_cmd;
static unsigned long nr_patches;

static void sync_cores(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (sync_cmd)
		syscall(__NR_membarrier, sync_cmd, 0, 0);
}

void aarch64_insn_patch_text_early(void *addr, uint32_t insn)
{
	__atomic_store_n((uint32_t *)addr, insn, __ATOMIC_RELAXED);
	__builtin___clear_cache((char *)addr, (char *)addr + 4);
}

int aarch64_insn_patch_text(void *addr, uint32_t insn)
{
	if ((uintptr_t)addr & 3)
		return -EINVAL;
	aarch64_insn_patch_text_early(addr, insn);
	sync_cores();
	nr_patches++;
	return 0;
}

static int membarrier_setup(void)
{
	long cmds = syscall(__NR_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);

	if (cmds > 0 && (cmds & MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE) &&
	    !syscall(__NR_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE, 0, 0))
		return MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE;
	if (cmds > 0 && (cmds & MEMBARRIER_CMD_PRIVATE_EXPEDITED) &&
	    !syscall(__NR_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0))
		return MEMBARRIER_CMD_PRIVATE_EXPEDITED;
	return 0;
}

int arch_text_patch_init(void)
{
	int err = kit_text_make_writable();

	if (err)
		return err;
	sync_cmd = membarrier_setup();
	if (sync_cmd != MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE)
		kit_printk("kit: text patching: membarrier %s\n",
			   sync_cmd ? "without SYNC_CORE: cores are synchronised by the IPI only"
				    : "unavailable: cache maintenance only");
	return 0;
}

unsigned long arch_text_patch_count(void)
{
	return nr_patches;
}

/* arm64 patches single instructions: no trap to emulate anything. */
unsigned long arch_text_patch_traps(void)
{
	return 0;
}
