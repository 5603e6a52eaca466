// SPDX-License-Identifier: GPL-2.0
/*
 * How a breakpoint trap reaches the kit, hosted: the host kernel turns the
 * CPU's breakpoint into SIGTRAP (the port says how its siginfo looks).  The handler converts the interrupted context to
 * pt_regs (the arch's conversion), hands it to the core
 * (kit_trap_breakpoint), and writes back what the core changed; a trap
 * the kit does not claim goes to the action that was installed before.
 *
 * Everything here is notrace, and the handler runs with SA_NODEFER: a
 * breakpoint may sit on a site that is being patched, and a thread that
 * hits another one while handling the first must trap again, not block.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>

#include <kit/ftrace.h>
#include <kit/platform.h>

static struct sigaction old_trap_action;

/* Linux reports a breakpoint instruction as TRAP_BRKPT on most ports. */
__attribute__((weak)) notrace bool arch_breakpoint_siginfo(const void *siginfo)
{
	return ((const siginfo_t *)siginfo)->si_code == TRAP_BRKPT;
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

static notrace void breakpoint_trap(int sig, siginfo_t *si, void *ctx)
{
	struct pt_regs regs;

	/* not the CPU's: kill(), tgkill() or raise() */
	if (!arch_breakpoint_siginfo(si)) {
		chain_trap(sig, si, ctx);
		return;
	}
	arch_ucontext_to_regs(ctx, &regs);
	if (!kit_trap_breakpoint(&regs)) {
		chain_trap(sig, si, ctx);
		return;
	}
	arch_regs_to_ucontext(&regs, ctx);
}

int kit_plat_breakpoint_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = breakpoint_trap;
	sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTRAP, &sa, &old_trap_action))
		return -errno;
	return 0;
}
