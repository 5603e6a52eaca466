/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The whole contract between objtool-lite's arch-neutral core and one
 * architecture.  A port fills in one struct objtool_arch (arch/<a>/objtool/)
 * and adds its name to the arch list in the Makefile.  Everything the core
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

enum insn_type {
	INSN_OTHER,		/* no control flow; may still have stack ops */
	INSN_NOP,		/* padding: unreachable without a warning */
	INSN_JUMP_COND,		/* direct conditional branch to ->dest */
	INSN_JUMP_UNCOND,	/* direct branch to ->dest */
	INSN_JUMP_DYNAMIC,	/* register/memory branch: jump table or sibling call */
	INSN_CALL,		/* direct call to ->dest */
	INSN_CALL_DYNAMIC,	/* register/memory call */
	INSN_RETURN,
	INSN_TRAP,		/* int3 / brk padding: ends a path, never "unreachable" */
	INSN_BUG,		/* ud2 / BUG trap: ends a path */
	INSN_CONTEXT_SWITCH,	/* iret, sysret, eret: leaves the function's frame */
	INSN_SYSCALL,		/* syscall / svc: returns to the next instruction */
	INSN_UNSUPPORTED,	/* decodes, but must not appear in callable code */
	INSN_ENDBR,		/* landing pad (endbr64 / bti): a NOP for the walk */
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

struct decoded_insn {
	uint8_t len;
	uint8_t type;			/* enum insn_type */
	uint8_t nr_ops;
	bool has_dest;			/* ->dest is a section offset */
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

struct special_section {
	const char *name;
	unsigned int entry_size;
	int orig;			/* s32 self-relative: the original code */
	int new;			/* s32 self-relative: replacement/target */
	int orig_len, new_len;		/* u8 lengths (alternatives) */
	enum special_kind kind;
};

struct objtool_arch {
	const char *name;		/* as in ARCH=, and arch/<name>/ */
	uint16_t e_machine;
	int cfi_sp, cfi_fp;		/* DWARF numbers of sp and frame pointer */
	int cfi_ra;			/* register holding the return address at
					 * entry, or CFI_UNDEFINED when the call
					 * pushed it (x86) */
	int nr_regs;			/* registers tracked: 0 .. nr_regs-1 */
	const char *const *reg_names;	/* DWARF number -> name, for messages */
	bool (*callee_saved)(int reg);

	/*
	 * Decode one instruction at section offset @offset.  Returns 0, or
	 * -1 when the bytes are not an instruction (the core then reports
	 * "can't decode instruction").
	 */
	int (*decode)(const struct objtool_file *file, const struct section *sec,
		      unsigned long offset, const uint8_t *buf, size_t avail,
		      struct decoded_insn *out);

	/* State at the first instruction of a callable function. */
	void (*init_cfi)(struct cfi_state *cfi);

	/* Target offset of a branch whose displacement is a relocation. */
	long (*reloc_dest)(long sym_offset, long addend);

	/* Calls/jumps to these symbols are a return / an indirect branch. */
	bool (*is_return_thunk)(const char *sym);
	bool (*is_indirect_thunk)(const char *sym);
	const char *const *noreturns;	/* arch-specific noreturn functions */

	/* ORC format (orc/ holds the layouts and their reasoning). */
	size_t orc_entry_size;
	/* Encode @cfi (NULL: no state known) into one entry; -1 when the
	 * state is not expressible, after the arch explained why. */
	int (*orc_encode)(const struct cfi_state *cfi, void *entry,
			  const struct instruction *insn);
	void (*orc_print)(FILE *f, const void *entry);
	void (*orc_print_json)(FILE *f, const void *entry);
	uint16_t orc_ip_reloc;		/* R_*_PC32/PREL32 for .orc_unwind_ip */
	uint16_t abs64_reloc;		/* R_*_64/ABS64 for __mcount_loc */
	const uint8_t *orc_header;	/* .orc_header contents, or NULL */
	size_t orc_header_size;

	/* Optional: a DWARF number as upstream objtool numbers it in messages. */
	int (*upstream_reg)(int reg);

	/* Unwind hint register number (as in .discard.unwind_hints) to DWARF. */
	int (*hint_reg)(int hint_reg);

	/*
	 * ftrace call sites: either a call to ->fentry_name at the start of a
	 * function, or a compiler-made patchable entry area.
	 */
	const char *fentry_name;
	int (*mcount)(struct objtool_file *file);

	/* alternatives and jump labels, NULL-name terminated; may be NULL */
	const struct special_section *special_sections;
	/* executable sections that get no ORC (code copied elsewhere) */
	const char *const *no_orc_sections;

	/*
	 * Optional: the targets of a switch jump table read by the dynamic
	 * jump @br when its table holds no relocations (arm64: offsets
	 * from a label).  Called before @br is taken for a tail call.
	 * Returns the number of targets, with *targets a malloc'ed,
	 * NULL-terminated array of instructions of @br's function; 0 when
	 * @br is not such a jump (no guessing); -1 on error.  NULL: the
	 * core only finds tables through their relocations.
	 */
	int (*find_jump_table)(struct objtool_file *file, struct instruction *br,
			       struct instruction ***targets);

	/* libopcodes names for --disas and --backtrace text. */
	const char *bfd_arch;
	unsigned long bfd_mach;
};

/* Every port, NULL-terminated; generated from the Makefile's arch list. */
extern const struct objtool_arch *const objtool_arches[];

const struct objtool_arch *arch_by_machine(uint16_t e_machine);

#endif /* OBJTOOL_ARCH_H */
