/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The whole contract between objtool-lite's arch-neutral core and one
 * architecture.  A port defines one struct objtool_arch with OBJTOOL_ARCH()
 * in arch/<a>/objtool/; the build lists the ports from their folders.  Everything the core
 * needs to know about an instruction set goes through here; the core never
 * looks at machine code.
 *
 * Register numbers everywhere are the architecture's DWARF register numbers,
 * so the validator's state, the compiler's CFI (--check-cfi) and the
 * warnings all name registers the same way.
 */
#ifndef OBJTOOL_ARCH_H
#define OBJTOOL_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <objtool/cfi.h>
#include <orc/orc_format.h>

enum insn_type {
	INSN_OTHER,		/* no control flow; may still have stack ops */
	INSN_NOP,		/* padding: unreachable without a warning */
	INSN_JUMP_COND,		/* direct conditional branch to ->dest */
	INSN_JUMP_UNCOND,	/* direct branch to ->dest */
	INSN_JUMP_DYNAMIC,	/* register/memory branch: jump table or sibling call */
	INSN_CALL,		/* direct call to ->dest */
	INSN_CALL_DYNAMIC,	/* register/memory call */
	INSN_RETURN,
	INSN_RETURN_COND,	/* returns or falls through ("return if equal") */
	INSN_TRAP,		/* int3 / brk padding: ends a path, never "unreachable" */
	INSN_BUG,		/* ud2 / BUG trap: ends a path */
	INSN_CONTEXT_SWITCH,	/* iret, sysret, eret: leaves the function's frame */
	INSN_SYSCALL,		/* syscall / svc: returns to the next instruction */
	INSN_UNSUPPORTED,	/* decodes, but must not appear in callable code */
	INSN_ENDBR,		/* landing pad (endbr64 / bti): a NOP for the walk */
	INSN_UACCESS_ON,	/* allows kernel access to user memory (stac) */
	INSN_UACCESS_OFF,	/* forbids it again (clac) */
	NR_INSN_TYPES
};

/*
 * One abstract effect on registers or the stack.  A decoder describes an
 * instruction as a short list of these, in execution order; the stack
 * engine (check.c) interprets them against a struct cfi_state.
 *
 * "reg" fields hold DWARF numbers or OP_REG_NONE for a value the engine
 * cannot track (an immediate, a memory operand).
 */
#define OP_REG_NONE	(-1)

enum stack_op_kind {
	OP_PUSH,	/* sp -= size; [sp] = src */
	OP_POP,		/* dst = [sp]; sp += size */
	OP_PUSHF,	/* like OP_PUSH, flags as the value */
	OP_POPF,	/* like OP_POP, into flags */
	OP_MOV,		/* dst = src */
	OP_ADD,		/* dst = src + imm (add, sub, lea) */
	OP_AND,		/* dst = src & imm (stack realignment) */
	OP_LOAD,	/* dst = [src + imm] */
	OP_STORE,	/* [dst + imm] = src */
	OP_CLOBBER,	/* dst now holds something untrackable */
	OP_CONST,	/* dst = imm (a constant the engine may need later) */
	OP_ADD_REG,	/* dst = src + imm * src2, imm being +1 or -1 */
	OP_SAVE_REG,	/* dst = src, where dst only ever keeps a saved value
			 * (a callee-saved register parked in a
			 * floating-point one by a leaf function) */
	OP_LOAD_BACKCHAIN, /* dst = [sp]: on a port whose frame allocation
			    * stores the old sp at the new sp in the same
			    * instruction (a back chain), the CFA once this
			    * function's frame exists */
};

struct stack_op {
	uint8_t kind;
	int8_t dst;
	int8_t src;
	uint8_t size;		/* bytes moved by push/pop/load/store */
	int32_t imm;
	int8_t src2;		/* OP_ADD_REG only */
};

#define MAX_STACK_OPS	4

/*
 * For decoders: append one stack op to @d (src2 none); NULL when @d
 * already holds MAX_STACK_OPS, which no instruction of any port needs:
 * a bug guard, not a limit (objtool-lite/arch.c).
 */
struct decoded_insn;
struct stack_op *insn_add_op(struct decoded_insn *d, uint8_t kind, int dst, int src,
			     uint8_t size, int32_t imm);

struct decoded_insn {
	uint8_t len;
	uint8_t type;			/* enum insn_type */
	uint8_t nr_ops;
	bool has_dest;			/* ->dest is a section offset; on an
					 * INSN_OTHER, the one instruction it
					 * runs out of line (an execute insn) */
	long dest;			/* branch/call target, section-relative */
	struct stack_op ops[MAX_STACK_OPS];
};

/*
 * An architecture-neutral unwind rule, produced by the core for every
 * instruction and turned into bytes by the arch's ORC format.
 */
enum unwind_type {
	UNWIND_UNDEFINED,
	UNWIND_END_OF_STACK,
	UNWIND_CALL,
	UNWIND_REGS,
	UNWIND_REGS_PARTIAL,
};

struct objtool_file;
struct section;
struct instruction;

/*
 * A kernel "special section" whose entries redirect control flow at run
 * time: alternatives (code replaced at boot), static-branch jump labels,
 * exception fixups.  Offsets of -1 mean the field does not exist here.
 */
enum special_kind {
	SPECIAL_ALT_GROUP,	/* replacement code copied over the original */
	SPECIAL_JUMP_LABEL,	/* the site is a nop or a jump to the target */
	SPECIAL_EXTRA_PATH,	/* the site may also continue at the target */
};

/* What ->alt_walk says of an alternative group. */
enum alt_walk {
	ALT_WALK_BOTH,		/* the original and the replacement */
	ALT_WALK_SKIP_ORIG,	/* only the replacement: it is always applied */
	ALT_WALK_SKIP_ALT,	/* only the original (and no other alternative there) */
};

struct special_section {
	const char *name;
	unsigned int entry_size;
	int orig;			/* s32 self-relative: the original code */
	int new;			/* s32 self-relative: replacement/target */
	int orig_len, new_len;		/* u8 lengths (alternatives) */
	enum special_kind kind;
	/* jump labels: the key's relocated field; bit 1 of its addend asks
	 * for the site's jump to be written as a NOP (--hacks=jump_label).
	 * 0: no such field, the hack is not available. */
	int key;
};

/*
 * One port.  Fields marked [required] have no default: hooks are filled in
 * by OBJTOOL_ARCH() from the port's functions by name, so a port without
 * one does not build; data is checked by arch_check() before any object
 * is read (and by the build, which runs the tool once after linking it).
 * The rest have defaults in OBJTOOL_ARCH() that mean "this port has none".
 */
struct objtool_arch {
	const char *name;		/* [required] as in ARCH=, arch/<name>/ */
	uint16_t e_machine;		/* [required] ELF machine of its objects */
	/* [required] DWARF numbers of sp and the frame pointer */
	int cfi_sp, cfi_fp;
	/* [required] register holding the return address at entry, or
	 * CFI_UNDEFINED when the call pushed it on the stack */
	int cfi_ra;
	/*
	 * Frames start with a back chain: allocating a frame stores the old
	 * sp at the new sp in the same instruction ("stdu r1,-N(r1)"), so
	 * "fp = sp" after the allocation sets up a frame pointer
	 * (OP_LOAD_BACKCHAIN needs no such flag).  Default: false.
	 */
	bool back_chain;
	/* [required] registers tracked: 0 .. nr_regs-1, <= CFI_NUM_REGS */
	int nr_regs;
	const char *const *reg_names;	/* [required] DWARF number -> name */
	bool (*callee_saved)(int reg);	/* [required] */

	/*
	 * [required] Decode one instruction at section offset @offset.
	 * Returns 0, or -1 when the bytes are not an instruction (the core
	 * then reports "can't decode instruction").
	 */
	int (*decode)(const struct objtool_file *file, const struct section *sec,
		      unsigned long offset, const uint8_t *buf, size_t avail,
		      struct decoded_insn *out);

	/* [required] State at the first instruction of a callable function. */
	void (*init_cfi)(struct cfi_state *cfi);

	/* [required] Target offset of a branch whose displacement is a
	 * relocation. */
	long (*reloc_dest)(long sym_offset, long addend);

	/* Calls/jumps to these symbols are a return / an indirect branch.
	 * Default: no such symbols. */
	bool (*is_return_thunk)(const char *sym);
	bool (*is_indirect_thunk)(const char *sym);
	/* Functions only this port has that never return, NULL-terminated;
	 * the core holds the ones every port shares.  Default: none. */
	const char *const *noreturns;

	/* [required] The ORC format: layout, byte order, header (orc/). */
	const struct orc_format *orc;
	/* [required] Encode @cfi (NULL: no state known) into one entry; -1
	 * when the state is not expressible, after the arch explained why. */
	int (*orc_encode)(const struct cfi_state *cfi, void *entry,
			  const struct instruction *insn);
	void (*orc_print)(FILE *f, const void *entry);		/* [required] */
	void (*orc_print_json)(FILE *f, const void *entry);	/* [required] */
	/* [required] 32-bit PC-relative relocation type for .orc_unwind_ip */
	uint16_t orc_ip_reloc;
	/* 64-bit absolute relocation type for __mcount_loc; required by the
	 * default ->mcount */
	uint16_t abs64_reloc;

	/*
	 * Is @insn, a call to ->fentry_name, where the port's compiler puts
	 * the ftrace site?  Default: objtool_fentry_at_entry(), the first
	 * instruction of its symbol or the one after a landing pad.
	 */
	bool (*fentry_site_ok)(const struct instruction *insn);

	/* A DWARF number as upstream objtool numbers it in messages.
	 * Default: the DWARF number itself. */
	int (*upstream_reg)(int reg);

	/* [required] Unwind hint register number (as in
	 * .discard.unwind_hints) to DWARF. */
	int (*hint_reg)(int hint_reg);

	/*
	 * ftrace call sites.  Default: objtool_mcount_fentry(), a call to
	 * ->fentry_name first thing in a function, listed in __mcount_loc
	 * with ->abs64_reloc.  A port whose compiler makes patchable entry
	 * areas instead provides its own.
	 */
	const char *fentry_name;
	int (*mcount)(struct objtool_file *file);

	/* alternatives and jump labels, NULL-name terminated.  Default: none. */
	const struct special_section *special_sections;
	/* executable sections that get no ORC (code copied elsewhere),
	 * NULL-terminated.  Default: none. */
	const char *const *no_orc_sections;

	/*
	 * The targets of a switch jump table read by the dynamic jump @br
	 * when its table holds no relocations (offsets from a label).
	 * Called before @br is taken for a tail call.  Returns the number of
	 * targets, with *targets a malloc'ed, NULL-terminated array of
	 * instructions of @br's function; 0 when @br is not such a jump (no
	 * guessing); -1 on error.  Default: 0 for every jump, tables are
	 * found only through their relocations.
	 */
	int (*find_jump_table)(struct objtool_file *file, struct instruction *br,
			       struct instruction ***targets);

	/*
	 * After the first warning in a function, give the instructions its
	 * walk had not reached a best-guess state (objtool-lite/check.c,
	 * fallback_states()) rather than none.  Default: false, which is
	 * what upstream objtool does; a port with no upstream to stay
	 * byte-comparable with may prefer ORC that unwinds.
	 */
	bool states_after_warning;

	/*
	 * --stackval at a call: NULL when the frame is one the port's
	 * frame-pointer unwinder can walk through, else the warning.
	 * Default: objtool_call_frame_fp(), the CFA on the frame pointer
	 * with the caller's frame pointer (and return address) saved.
	 */
	const char *(*call_frame_check)(const struct objtool_arch *arch,
					const struct cfi_state *cfi);

	/* The NOP instruction of @len bytes the kernel expects at a disabled
	 * jump label site, NULL when there is none of that size.  Default:
	 * none (--hacks=jump_label is then refused). */
	const uint8_t *(*nop_insn)(unsigned int len);

	/*
	 * --ibt: relocation types whose target is computed like a branch
	 * displacement's (->reloc_dest), as opposed to sym + addend.  Also
	 * says the port has indirect branch tracking landing pads
	 * (INSN_ENDBR) that upstream objtool validates.  Default: none,
	 * --ibt is then refused.
	 */
	bool (*ibt_branch_reloc)(uint32_t type);

	/*
	 * --uaccess: functions that may be called, and must return, with
	 * user access allowed (they do not change it themselves but may
	 * save and restore the flags), NULL-terminated.  Also says the port
	 * has user access instructions (INSN_UACCESS_ON/OFF) that upstream
	 * objtool tracks.  Default: none, --uaccess is then refused.
	 */
	const char *const *uaccess_safe;

	/*
	 * How the walk treats the alternative group whose raw entry (in the
	 * port's alternatives section) is @entry: both paths, or only one of
	 * them where walking both would pair code that never runs together
	 * (upstream's per-feature rules).  Default: both.
	 */
	enum alt_walk (*alt_walk)(const struct objtool_file *file, const uint8_t *entry);

	/*
	 * A return of @len bytes, padded (after a trap) to fill the place of
	 * a tail call that --hacks=noinstr removes; NULL when there is none
	 * of that size.  Default: none (such a tail call is then an error).
	 */
	const uint8_t *(*ret_insn)(unsigned int len);

	/*
	 * Text sections that are noinstr (no instrumentation may run there)
	 * besides the kernel's generic ones (.noinstr.text, .entry.text,
	 * .cpuidle.text), NULL-terminated; a name ending in '*' is a prefix.
	 * Default: none.
	 */
	const char *const *noinstr_sections;

	/* libopcodes names for --disas and --backtrace text.  Default: none,
	 * those options then say so. */
	const char *bfd_arch;
	unsigned long bfd_mach;

	/*
	 * Forget what the port's hooks keep between calls (caches keyed by
	 * file or section pointers, which the next run in the same process
	 * may reuse for other objects) and free it: objtool_reset() calls it
	 * for every port.  Default: nothing kept.
	 */
	void (*reset)(void);
};

/* The defaults, for OBJTOOL_ARCH() (objtool-lite/arch.c). */
bool objtool_arch_no_thunk(const char *sym);
int objtool_arch_same_reg(int reg);
int objtool_arch_no_jump_table(struct objtool_file *file, struct instruction *br,
			       struct instruction ***targets);
int objtool_mcount_fentry(struct objtool_file *file);
const char *objtool_call_frame_fp(const struct objtool_arch *arch,
				  const struct cfi_state *cfi);
bool objtool_fentry_at_entry(const struct instruction *insn);
void objtool_arch_no_reset(void);

/* Not a register: marks a [required] register field the port left out. */
#define CFI_REG_UNSET	(-100)

/*
 * Define the port @port (arch_<port>, its ORC format orc_format_<port>)
 * whose required hooks are the functions <prefix>_decode, _init_cfi,
 * _callee_saved, _reloc_dest, _orc_encode, _orc_print, _orc_print_json
 * and _hint_reg: a missing one is a compile error naming it, a wrong
 * signature an incompatible-pointer error.  The designated initializers
 * that follow give the data and override defaults.
 */
#define OBJTOOL_ARCH(port, prefix, ...)					\
	extern const struct orc_format orc_format_##port;		\
	_Pragma("GCC diagnostic push")					\
	_Pragma("GCC diagnostic ignored \"-Woverride-init\"")		\
	const struct objtool_arch arch_##port = {			\
		.name			= #port,			\
		.orc			= &orc_format_##port,		\
		.decode			= prefix##_decode,		\
		.init_cfi		= prefix##_init_cfi,		\
		.callee_saved		= prefix##_callee_saved,	\
		.reloc_dest		= prefix##_reloc_dest,		\
		.orc_encode		= prefix##_orc_encode,		\
		.orc_print		= prefix##_orc_print,		\
		.orc_print_json		= prefix##_orc_print_json,	\
		.hint_reg		= prefix##_hint_reg,		\
		.cfi_sp			= CFI_REG_UNSET,		\
		.cfi_fp			= CFI_REG_UNSET,		\
		.cfi_ra			= CFI_REG_UNSET,		\
		.is_return_thunk	= objtool_arch_no_thunk,	\
		.is_indirect_thunk	= objtool_arch_no_thunk,	\
		.upstream_reg		= objtool_arch_same_reg,	\
		.mcount			= objtool_mcount_fentry,	\
		.fentry_site_ok		= objtool_fentry_at_entry,	\
		.find_jump_table	= objtool_arch_no_jump_table,	\
		.call_frame_check	= objtool_call_frame_fp,	\
		.reset			= objtool_arch_no_reset,	\
		__VA_ARGS__						\
	};								\
	_Pragma("GCC diagnostic pop")

/* Every port, NULL-terminated; generated from the port list. */
extern const struct objtool_arch *const objtool_arches[];

/*
 * Check every port's data once; prints what a port lacks, by name.
 * Returns 0 when all are complete.
 */
int arch_check(void);
const struct objtool_arch *arch_by_machine(uint16_t e_machine);

#endif /* OBJTOOL_ARCH_H */
