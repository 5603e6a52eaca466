/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The whole arch contract of the kit kernel: every function, constant and
 * asm symbol a port (arch/<arch>/) provides, one line of contract each.
 * A port is complete when the kit links: a missing required hook is an
 * undefined symbol, never a run-time refusal.  Hooks marked [default]
 * have a generic definition (kernel/arch_default.c, or for hosted glue
 * kernel/platform/hosted/) that a port overrides only when it differs;
 * everything else is [required].  The test half of the contract is
 * <kit/arch_test.h>.
 *
 * Headers a port provides in arch/<arch>/include/asm/ (missing: a compile
 * error): ftrace.h (notrace, MCOUNT_INSN_SIZE), linkage.h (SYM_FUNC_*,
 * FENTRY_SITE for asm), ptrace.h (struct pt_regs, instruction_pointer()
 * and friends), text-patching.h, unwind_hints.h (UNWIND_HINT_*), module.h
 * (ARCH_MODULE_NEAR), and the ORC entry layout its unwinder decodes.
 */
#ifndef _KIT_ARCH_H
#define _KIT_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kit_module;
struct kit_reloc;
struct kit_unwind_state;
struct pt_regs;
struct task;

/* --- asm symbols (entry.S, ftrace_entry.S, lib/) ------------------------- */

/* [required] entry.S: switch to stack_top (16-aligned), make the
 * END_OF_STACK frame (frame pointer zeroed), call fn(arg), switch back. */
void kit_task_trampoline(unsigned long stack_top, void (*fn)(struct task *),
			 struct task *arg);
/* [required] lib/syscall.S: a raw host system call; the raw result (-errno). */
long kit_raw_syscall6(long nr, long a0, long a1, long a2, long a3, long a4,
		      long a5);
/* [required] lib/memset.S: memset with the C one's result (kit_memset). */
void *kit_memset_arch(void *s, int c, size_t n);
/* [required] ftrace_entry.S: the trampoline an enabled site calls; saves
 * pt_regs, calls kit_ftrace_dispatch(), resumes at regs' ip. */
void ftrace_regs_caller(void);
/* [required] ftrace_entry.S: its final return; a trace from there is unreliable. */
extern const char ftrace_regs_caller_ret[];

/* --- text patching (text_patching.c) ------------------------------------- */

/* [default: 0] the arch's setup of text patching, after writable text and
 * core sync (a port that patches through breakpoints installs the trap). */
int arch_text_patch_init(void);
/* [required] patches made since boot, for tests and reports. */
unsigned long arch_text_patch_count(void);
/* [default: 0] breakpoint traps emulated since boot. */
unsigned long arch_text_patch_traps(void);
/* [default: false] a breakpoint trap: emulate the instruction being
 * installed or resume at it; false when the breakpoint is not patching's. */
bool arch_text_poke_trap(struct pt_regs *regs);

/* --- ftrace call sites (ftrace.c) ---------------------------------------- */

/* [default: site] the function entry a site-table entry records. */
unsigned long arch_ftrace_site_to_func(unsigned long site);
/* [required] boot/module load: make func's site a NOP, verifying it first. */
int arch_ftrace_init_site(unsigned long func);
/* [required] live, while other threads may run it: site calls the trampoline. */
int arch_ftrace_make_call(unsigned long func);
/* [required] live: the site back to a NOP. */
int arch_ftrace_make_nop(unsigned long func);
/* [required] for tests: func's site is a NOP, byte by byte. */
bool arch_ftrace_site_is_nop(unsigned long func);
/* [required] the image's site table, as linked. */
void arch_ftrace_image_sites(const unsigned long **start, size_t *n);

/* --- module relocations (module.c) --------------------------------------- */

/* [required] the ELF e_machine this port loads. */
extern const uint16_t arch_module_machine;
/* [default: 0, no veneers] bytes of one PLT/veneer entry. */
extern const size_t arch_module_plt_entry_size;
/* [default: 0] PLT entries relocation type may need (0 or 1). */
unsigned int arch_module_plt_entries(unsigned int type);
/* [required] apply r: 0, -ENOSYS unsupported type, -ERANGE out of range,
 * -EINVAL no room or unexpected instruction, -ENOSPC PLT full. */
int arch_apply_relocation(struct kit_module *mod, const struct kit_reloc *r);
/* [required] the relocation type's name for messages, or NULL. */
const char *arch_reloc_name(unsigned int type);
/* [default: nothing] section @name of @mod was placed at @addr (@size
 * bytes), before symbols are resolved (a port with a TOC finds it here). */
void arch_module_section(struct kit_module *mod, const char *name, uintptr_t addr,
			 size_t size);
/* [default: false] an undefined symbol the port resolves per module
 * (a TOC base symbol) before kallsyms is asked: true and *val. */
bool arch_module_symbol(const struct kit_module *mod, const char *name, uint64_t *val);
/* [default: __builtin___clear_cache] make written code visible to fetch. */
void arch_module_flush(void *addr, size_t size);
/* [required] the .orc_header record (format hash, ORC_HEADER_SIZE bytes)
 * objtool-lite writes for the port's ORC format: a module's tables are
 * read only when its header matches. */
extern const uint8_t arch_orc_header[];

/* --- ORC entries (stacktrace.c, both images) ----------------------------- */

/* [required] bytes of one entry of the port's ORC layout. */
extern const size_t arch_orc_entry_size;
/* [required] the entry's frame type (ORC_TYPE_*). */
unsigned int arch_orc_type(const void *entry);
/* [required] the entry describes a signal/interrupt frame. */
bool arch_orc_signal(const void *entry);

/* --- reliable unwinding (unwind_orc.c or unwind_fp.c, stacktrace.c) ------ */

/* [required] one step: 1 st is the caller's frame, 0 st was the entry
 * frame, -reason unreliable (<kit/stacktrace.h> says more). */
int arch_unwind_next(struct kit_unwind_state *st);
/* [required] arch_unwind_next() over ordinary call frames in bulk, inline;
 * stops at anything unusual (<kit/stacktrace.h> gives the exact rules). */
unsigned int arch_unwind_fast(struct kit_unwind_state *st, unsigned long *store,
			      unsigned int max, unsigned int *skip);
/* [required] the fast path may take the walk's first frame. */
extern const bool arch_unwind_fast_first;
/* [required] its caller's state right after the call returns (a call frame). */
void arch_unwind_capture(struct pt_regs *regs);
/* [required] ra is kit code right after a call instruction. */
bool arch_ra_after_call(unsigned long ra);
/* [required] the start state from an interrupted context. */
void arch_unwind_init_regs(struct kit_unwind_state *st, const struct pt_regs *regs);
/* [required] which unwinder this image has: "orc" (unwind_orc.c) or a
 * name for the other walk ("fp"; a back-chain port names its own). */
extern const char kit_unwinder_name[];

/* --- hosted glue (hosted/signal.c) --------------------------------------- */

/* [required] a signal's ucontext as pt_regs; notrace (breakpoint path). */
void arch_ucontext_to_regs(const void *ucontext, struct pt_regs *regs);
/* [required] back: general registers, sp and ip only; notrace. */
void arch_regs_to_ucontext(const struct pt_regs *regs, void *ucontext);
/* [default: si_code TRAP_BRKPT] the SIGTRAP (siginfo_t *) is the CPU's
 * breakpoint trap, not kill()/raise(); notrace. */
bool arch_breakpoint_siginfo(const void *siginfo);

#endif /* _KIT_ARCH_H */
