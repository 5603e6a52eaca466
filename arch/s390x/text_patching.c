// SPDX-License-Identifier: GPL-2.0
/*
 * s390x live text patching.  The store goes through the executing mapping
 * (QEMU user mode sees only those) and is a single byte, so no thread can
 * fetch a torn field; the ftrace site is built so that enabling and
 * disabling it changes one byte (asm/ftrace.h).  After each change this
 * CPU serialises ("bcr 14,0", the fast-BCR-serialisation of z196, the
 * kit's -march) and kit_plat_sync_cores() makes every other thread pass a
 * serialising event before the patcher goes on, as upstream's
 * text_poke_sync() does on every CPU.
 */
#include <errno.h>
#include <stdint.h>

#include <asm/text-patching.h>
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/platform.h>
#include <kit/string.h>

static unsigned long nr_patches;

static inline void serialise(void)
{
	__asm__ __volatile__("bcr 14,0" ::: "memory");
}

void s390x_text_poke_early(void *addr, const void *bytes, size_t len)
{
	kit_memcpy(addr, bytes, len);
	serialise();
}

int s390x_text_poke_byte(void *addr, uint8_t val)
{
	__atomic_store_n((uint8_t *)addr, val, __ATOMIC_RELAXED);
	serialise();
	kit_plat_sync_cores();
	nr_patches++;
	return 0;
}

unsigned long arch_text_patch_count(void)
{
	return nr_patches;
}
