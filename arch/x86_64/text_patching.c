// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 live text patching: breakpoint first, with core serialisation
 * (kit_plat_sync_cores) and a breakpoint trap whose arch part here
 * emulates the instruction being installed.  How the trap reaches the kit
 * (hosted: SIGTRAP) and how cores are serialised (hosted: membarrier(2))
 * are the platform's.
 *
 * Why it is safe: a thread either runs the old instruction (it fetched it
 * before the int3 was visible: the first sync guarantees no thread is still
 * working from a stale copy after it), traps on the int3 (then the handler
 * emulates the new instruction), or runs the new one (after the last
 * sync).  The tail bytes are only changed while the first byte is int3, so
 * no thread ever decodes a mix of old and new bytes.
 *
 * A handler that runs late (the patch finished between the trap and the
 * handler) finds no int3 any more and simply re-executes the instruction.
 */
#include <errno.h>
#include <stdint.h>

#include <asm/text-patching.h>
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/mm.h>
#include <kit/platform.h>
#include <kit/printk.h>

#define MAX_INSN	16

/* the patch in progress, read by the trap handler under a sequence count */
static struct {
	unsigned int seq;		/* odd while being written */
	uintptr_t addr;
	size_t len;
	uint8_t insn[MAX_INSN];
} bp;

static unsigned long nr_patches, nr_traps;

static void bp_publish(uintptr_t addr, const void *insn, size_t len)
{
	__atomic_fetch_add(&bp.seq, 1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&bp.addr, addr, __ATOMIC_RELAXED);
	bp.len = len;
	for (size_t i = 0; i < len; i++)
		bp.insn[i] = ((const uint8_t *)insn)[i];
	__atomic_fetch_add(&bp.seq, 1, __ATOMIC_SEQ_CST);
}

/* Copy the published patch if it is at @addr; false if it is not. */
static notrace bool bp_read(uintptr_t addr, uint8_t *insn, size_t *len)
{
	unsigned int s1, s2;
	bool match;

	do {
		while ((s1 = __atomic_load_n(&bp.seq, __ATOMIC_SEQ_CST)) & 1)
			;
		match = __atomic_load_n(&bp.addr, __ATOMIC_RELAXED) == addr;
		if (match) {
			*len = bp.len;
			for (size_t i = 0; i < *len && i < MAX_INSN; i++)
				insn[i] = ((volatile uint8_t *)bp.insn)[i];
		}
		s2 = __atomic_load_n(&bp.seq, __ATOMIC_SEQ_CST);
	} while (s1 != s2);
	return match;
}

/*
 * The int3 at regs->ip - 1 is ours: emulate the new instruction (a call
 * rel32 pushes its return address and jumps; anything else is a NOP of
 * the published length), or, if the patch finished meanwhile, resume at
 * the int3's address to run what is there now.  notrace: the trap may come
 * from a site being patched.  No kit_memcpy here for the same reason:
 * __builtin_memcpy of a constant size is a plain load.
 */
notrace bool arch_text_poke_trap(struct pt_regs *regs)
{
	uintptr_t ip = (uintptr_t)regs->ip - 1;	/* the int3 */
	uint8_t insn[MAX_INSN];
	size_t len;

	if (bp_read(ip, insn, &len)) {
		if (insn[0] == CALL_INSN_OPCODE) {
			int32_t rel;
			uintptr_t *sp;

			__builtin_memcpy(&rel, insn + 1, sizeof(rel));
			sp = (uintptr_t *)(regs->sp - 8);
			*sp = ip + len;
			regs->sp = (uintptr_t)sp;
			regs->ip = ip + len + rel;
		} else {
			regs->ip = ip + len;	/* a NOP */
		}
		__atomic_fetch_add(&nr_traps, 1, __ATOMIC_RELAXED);
		return true;
	}
	if (*(volatile uint8_t *)ip != INT3_INSN_OPCODE) {
		/* patched meanwhile: run what is there now */
		regs->ip = ip;
		__atomic_fetch_add(&nr_traps, 1, __ATOMIC_RELAXED);
		return true;
	}
	return false;
}

/*
 * Byte by byte rather than kit_memcpy(): the site being written may be
 * kit_memcpy's own.
 */
void text_poke_early(void *addr, const void *insn, size_t len)
{
	for (size_t i = 0; i < len; i++)
		((uint8_t *)addr)[i] = ((const uint8_t *)insn)[i];
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

int text_poke_bp(void *addr, const void *insn, size_t len)
{
	volatile uint8_t *p = addr;
	const uint8_t *new = insn;

	if (!len || len > MAX_INSN)
		return -EINVAL;
	bp_publish((uintptr_t)addr, insn, len);
	p[0] = INT3_INSN_OPCODE;
	kit_plat_sync_cores();
	if (len > 1) {
		for (size_t i = 1; i < len; i++)
			p[i] = new[i];
		kit_plat_sync_cores();
	}
	p[0] = new[0];
	kit_plat_sync_cores();
	bp_publish(0, insn, 0);
	nr_patches++;
	return 0;
}

/* Threads that hit a site mid-patch trap on its int3: route the trap here. */
int arch_text_patch_init(void)
{
	return kit_plat_breakpoint_init();
}

unsigned long arch_text_patch_count(void)
{
	return nr_patches;
}

unsigned long arch_text_patch_traps(void)
{
	return __atomic_load_n(&nr_traps, __ATOMIC_RELAXED);
}
