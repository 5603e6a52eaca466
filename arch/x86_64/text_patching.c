// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 live text patching, hosted: breakpoint first, with core
 * serialisation through membarrier(2) and a SIGTRAP handler that emulates
 * the instruction being installed.
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
#define _GNU_SOURCE
#include <errno.h>
#include <linux/membarrier.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include <asm/text-patching.h>
#include <kit/ftrace.h>
#include <kit/kernel.h>
#include <kit/mm.h>
#include <kit/printk.h>

#define MAX_INSN	16

/* the patch in progress, read by the trap handler under a sequence count */
static struct {
	unsigned int seq;		/* odd while being written */
	uintptr_t addr;
	size_t len;
	uint8_t insn[MAX_INSN];
} bp;

static int sync_cmd;			/* membarrier command, 0: none */
static unsigned long nr_patches, nr_traps;
static struct sigaction old_trap_action;

static void sync_cores(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (sync_cmd)
		syscall(__NR_membarrier, sync_cmd, 0, 0);
}

static void bp_publish(uintptr_t addr, const void *insn, size_t len)
{
	__atomic_fetch_add(&bp.seq, 1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&bp.addr, addr, __ATOMIC_RELAXED);
	bp.len = len;
	memcpy(bp.insn, insn, len);
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

static notrace void chain_trap(int sig, siginfo_t *si, void *ctx)
{
	struct sigaction *o = &old_trap_action;

	if ((o->sa_flags & SA_SIGINFO) && o->sa_sigaction) {
		o->sa_sigaction(sig, si, ctx);
	} else if (o->sa_handler != SIG_DFL && o->sa_handler != SIG_IGN) {
		o->sa_handler(sig);
	} else if (o->sa_handler == SIG_DFL) {
		signal(SIGTRAP, SIG_DFL);
		raise(SIGTRAP);
	}
}

static notrace void text_poke_trap(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	greg_t *gregs = uc->uc_mcontext.gregs;
	uintptr_t ip = (uintptr_t)gregs[REG_RIP] - 1;	/* the int3 */
	uint8_t insn[MAX_INSN];
	size_t len;

	/* an int3 trap is SI_KERNEL; kill(), tgkill() and raise() are not */
	if (si->si_code != SI_KERNEL) {
		chain_trap(sig, si, ctx);
		return;
	}
	if (bp_read(ip, insn, &len)) {
		if (insn[0] == CALL_INSN_OPCODE) {
			int32_t rel;
			uintptr_t *sp;

			memcpy(&rel, insn + 1, sizeof(rel));
			sp = (uintptr_t *)(gregs[REG_RSP] - 8);
			*sp = ip + len;
			gregs[REG_RSP] = (greg_t)sp;
			gregs[REG_RIP] = (greg_t)(ip + len + rel);
		} else {
			gregs[REG_RIP] = (greg_t)(ip + len);	/* a NOP */
		}
		__atomic_fetch_add(&nr_traps, 1, __ATOMIC_RELAXED);
		return;
	}
	if (*(volatile uint8_t *)ip != INT3_INSN_OPCODE) {
		/* patched meanwhile: run what is there now */
		gregs[REG_RIP] = (greg_t)ip;
		__atomic_fetch_add(&nr_traps, 1, __ATOMIC_RELAXED);
		return;
	}
	chain_trap(sig, si, ctx);
}

void text_poke_early(void *addr, const void *insn, size_t len)
{
	memcpy(addr, insn, len);
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
	sync_cores();
	if (len > 1) {
		for (size_t i = 1; i < len; i++)
			p[i] = new[i];
		sync_cores();
	}
	p[0] = new[0];
	sync_cores();
	bp_publish(0, insn, 0);
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
	struct sigaction sa;
	int err = kit_text_make_writable();

	if (err)
		return err;
	sync_cmd = membarrier_setup();
	if (sync_cmd != MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE)
		kit_printk("kit: text patching: membarrier %s\n",
			   sync_cmd ? "without SYNC_CORE: cores are serialised by the IPI only"
				    : "unavailable: no cross-core serialisation");
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = text_poke_trap;
	sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTRAP, &sa, &old_trap_action))
		return -errno;
	return 0;
}

unsigned long arch_text_patch_count(void)
{
	return nr_patches;
}

unsigned long arch_text_patch_traps(void)
{
	return __atomic_load_n(&nr_traps, __ATOMIC_RELAXED);
}
