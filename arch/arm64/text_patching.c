// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 live text patching: the store goes through the executing mapping
 * (QEMU user mode sees only those), is one aligned 32-bit store so that no
 * thread can fetch a torn instruction, and is followed by
 * __builtin___clear_cache (DC CVAU + IC IVAU + barriers: an instruction
 * sequence of the arch, so it stays here) and kit_plat_sync_cores (hosted:
 * membarrier SYNC_CORE where the kernel offers it) so that every thread
 * runs a context synchronisation event before the patcher goes on.
 */
#include <errno.h>
#include <stdint.h>

#include <asm/text-patching.h>
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/mm.h>
#include <kit/platform.h>
#include <kit/printk.h>

static unsigned long nr_patches;

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
	kit_plat_sync_cores();
	nr_patches++;
	return 0;
}

unsigned long arch_text_patch_count(void)
{
	return nr_patches;
}
