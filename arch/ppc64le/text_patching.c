// SPDX-License-Identifier: GPL-2.0
/*
 * ppc64le live text patching: the store goes through the executing
 * mapping (QEMU user mode sees only those), is one aligned 32-bit store
 * so that no thread can fetch a torn instruction, and is followed by the
 * architecture's sequence for modified instructions -- dcbst (push the
 * store to memory), sync, icbi (drop the stale instruction block), sync,
 * isync -- and kit_plat_sync_cores() (hosted: membarrier SYNC_CORE where
 * the kernel offers it), so that every thread runs a context
 * synchronising event before the patcher goes on.  qemu-user does not
 * need the cache sequence (it invalidates its translations on the
 * store); real hardware does.
 */
#include <errno.h>
#include <stdint.h>

#include <asm/text-patching.h>
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/platform.h>

#define PPC_CACHE_LINE	128	/* POWER8 and later; a smaller line only repeats work */

static unsigned long nr_patches;

notrace void ppc64le_flush_icache(void *addr, unsigned long size)
{
	unsigned long p = (unsigned long)addr & ~(PPC_CACHE_LINE - 1UL);
	unsigned long end = (unsigned long)addr + size;

	for (unsigned long a = p; a < end; a += PPC_CACHE_LINE)
		__asm__ volatile("dcbst 0, %0" : : "r"(a) : "memory");
	__asm__ volatile("sync" : : : "memory");
	for (unsigned long a = p; a < end; a += PPC_CACHE_LINE)
		__asm__ volatile("icbi 0, %0" : : "r"(a) : "memory");
	__asm__ volatile("sync; isync" : : : "memory");
}

void ppc64le_patch_insn_early(void *addr, uint32_t insn)
{
	__atomic_store_n((uint32_t *)addr, insn, __ATOMIC_RELAXED);
	ppc64le_flush_icache(addr, 4);
}

int ppc64le_patch_insn(void *addr, uint32_t insn)
{
	if ((uintptr_t)addr & 3)
		return -EINVAL;
	ppc64le_patch_insn_early(addr, insn);
	kit_plat_sync_cores();
	nr_patches++;
	return 0;
}

unsigned long arch_text_patch_count(void)
{
	return nr_patches;
}

/* Module code: the same sequence over the whole module. */
void arch_module_flush(void *addr, size_t size)
{
	ppc64le_flush_icache(addr, size);
}
