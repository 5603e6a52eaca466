/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The object file as the passes see it: sections, symbols, relocations and
 * decoded instructions, all in arrays sorted by offset.  Only elf.c knows
 * libelf; everything else goes through these structs.
 */
#ifndef OBJTOOL_OBJTOOL_H
#define OBJTOOL_OBJTOOL_H

#include <gelf.h>
#include <stdbool.h>
#include <stdint.h>

#include <objtool/arch.h>
#include <objtool/cfi.h>

struct symbol;
struct instruction;

struct reloc {
	unsigned long offset;		/* in the section it applies to */
	struct symbol *sym;
	long addend;
	uint32_t type;
};

struct section {
	unsigned int idx;
	const char *name;
	GElf_Shdr sh;
	uint8_t *data;			/* NULL for NOBITS */
	size_t size;
	bool text;			/* SHF_EXECINSTR */
	bool alt_replacement;		/* holds replacement code: no ORC */
	struct section *rsec;		/* relocations applying to this section */
	struct section *base;		/* for a rela section: the target */
	struct reloc *relocs;		/* sorted by offset */
	unsigned int nr_relocs;
	struct instruction *insns;	/* sorted by offset (text only) */
	uint32_t *insn_at;		/* offset -> index + 1, 0: no insn starts there */
	unsigned int nr_insns;
	size_t map_size;		/* ->size when decoded: both arrays' length */
	struct symbol *sym;		/* its STT_SECTION symbol, if any */
	struct symbol **funcs;		/* STT_FUNC symbols, sorted by offset */
	unsigned int nr_funcs;
};

struct symbol {
	unsigned int idx;
	const char *name;
	struct section *sec;		/* NULL when undefined or absolute */
	unsigned long offset, len;
	uint8_t type, bind;
	uint8_t other;			/* st_other: visibility, and arch bits
					 * (an ELFv2 local entry offset) */
	struct symbol *pfunc;		/* parent of a foo.cold child, else self */
	struct symbol *cfunc;		/* a parent's foo.cold child, if any */
	bool noreturn;			/* never returns (list or detected) */
	bool noreturn_checked;
	bool fentry;			/* is the arch's ftrace entry symbol */
	bool return_thunk, indirect_thunk;
	bool uaccess_safe;		/* --uaccess: the arch's ->uaccess_safe list */
	bool pv_target;			/* --noinstr: a pv_ops slot's target already */
	bool warned;			/* one warning per function */
};

enum insn_flags {
	INSN_VISITED	= 1 << 0,
	INSN_DEAD_END	= 1 << 1,	/* call that never returns */
	INSN_HINT	= 1 << 2,	/* state comes from an unwind hint */
	INSN_SAVE	= 1 << 3,
	INSN_RESTORE	= 1 << 4,
	INSN_JUMP_TABLE	= 1 << 5,	/* dynamic jump with a known table */
	INSN_SIBLING	= 1 << 6,	/* jump that is a tail call */
	INSN_IGNORE	= 1 << 7,	/* never "unreachable" (an execute insn's template) */
	INSN_FENTRY	= 1 << 8,	/* ftrace call site */
	INSN_ALT	= 1 << 9,	/* start of an alternative group */
	INSN_RETPOLINE_SAFE = 1 << 10,
	INSN_WARNED	= 1 << 11,
	INSN_HAS_DEST	= 1 << 12,	/* ->dest holds the decoded target */
	INSN_ALT_END	= 1 << 13,	/* last of a replacement: continues at ->alt_next */
	INSN_NOENDBR	= 1 << 14,	/* ANNOTATE_NOENDBR: no landing pad needed */
	INSN_ENDBR_USED	= 1 << 15,	/* --ibt: a landing pad something points at */
	INSN_IN_ALT	= 1 << 16,	/* part of an alternative group (either side) */
	INSN_IGNORE_ALTS = 1 << 17,	/* walk none of its alternatives */
	/* the walk reached it with user access forbidden / allowed (--uaccess):
	 * upstream walks an instruction once in each of the two states */
	INSN_VISITED_NOUA = 1 << 18,
	INSN_VISITED_UA	= 1 << 19,
	INSN_UNRET_BEGIN = 1 << 20,	/* VALIDATE_UNRET_BEGIN (--unret) */
	INSN_VISITED_UNRET = 1 << 21,	/* --unret's walk reached it */
};

struct alternative;

struct instruction {
	struct section *sec;
	uint32_t offset;
	uint8_t len;
	uint8_t type;			/* enum insn_type */
	uint8_t nr_ops;
	int8_t instr;			/* --noinstr: instrumentation_begin() +1, _end() -1 */
	uint32_t flags;
	uint32_t ops;			/* index into file->ops */
	struct symbol *func;		/* containing function (the parent) */
	struct symbol *sym;		/* containing symbol as written */
	int32_t dest;			/* decoded branch target offset */
	struct instruction *jump_dest;
	struct instruction *alt_next;	/* where a replacement group resumes */
	struct symbol *call_dest;
	struct instruction **jump_table;	/* NULL-terminated targets */
	struct alternative *alts;
	const struct cfi_state *cfi;	/* state before this instruction */
	const struct cfi_state *hint;	/* state forced by a hint */
};

struct alternative {
	struct alternative *next;
	struct instruction *insn;	/* first instruction of the other path */
	unsigned int orig_len;		/* bytes of the original it replaces */
	unsigned int new_len;		/* bytes of replacement code at ->insn */
	bool group;			/* replacement code, not just a branch */
	bool jump_label;		/* __jump_table: nop or jump to target */
	bool skip_orig;			/* the original path is not walked */
};

struct objtool_opts {
	bool stackval, orc, mcount, module, link, werror, backtrace, stats;
	bool no_unreachable, json, check_cfi, dry_run, verbose;
	/* kbuild's: the site tables and checks of sites.c, jump_label.c,
	 * noinstr.c, prefix.c, ibt.c, static_call.c */
	bool retpoline, rethunk, sls, hack_jump_label, hack_skylake;
	bool hack_noinstr, ibt, static_call, uaccess, mnop, cfi, noinstr, unret;
	unsigned int prefix;		/* --prefix=N: bytes of padding, 0: off */
	const char *dump;		/* --dump=orc */
	const char *disas;		/* --disas=func */
};

struct objtool_file {
	const char *path;
	const struct objtool_arch *arch;
	const struct objtool_opts *opts;
	void *elf;			/* Elf *, private to elf.c */
	int fd;
	GElf_Ehdr ehdr;
	struct section *secs;		/* by index; secs[0] is the null section */
	unsigned int nr_secs, nr_secs_orig;
	struct symbol *syms;		/* by index */
	unsigned int nr_syms, nr_syms_orig;
	unsigned int cap_syms;		/* room in ->syms (elf_add_symbols()) */
	struct section *symtab, *strtab, *shstrtab;
	struct stack_op *ops;
	unsigned int nr_ops, cap_ops;
	unsigned long warnings;
	bool changed;			/* sections were added or modified */
	struct pv_slot *pv_ops;		/* --noinstr: paravirt call targets */
	unsigned int nr_pv_ops;
	/* statistics for --stats and the demo summary */
	unsigned long nr_insns, nr_funcs_checked, nr_orc_entries, nr_mcount;
};

/*
 * The tool: one run on main()'s arguments, its exit status (run.c).  A
 * second run in the same process needs objtool_reset() first.
 */
int objtool_run(int argc, char **argv);
void objtool_reset(void);

/* objtool-lite passes, in the order objtool_run() runs them */
int decode_sections(struct objtool_file *file);
/* unmap what decode_sections() mapped for the instructions */
void decode_release(struct objtool_file *file);
int orc_create(struct objtool_file *file);
int orc_dump(struct objtool_file *file);
int mcount_create(struct objtool_file *file);
int check_cfi(struct objtool_file *file);
int disas_func(struct objtool_file *file, const char *name);

/* lookups shared by the passes */
struct instruction *find_insn(const struct section *sec, unsigned long offset);
struct instruction *next_insn(const struct instruction *insn);
struct symbol *find_func_containing(const struct section *sec, unsigned long offset);
/* Reading the target's data in the target's byte order. */
static inline bool file_big_endian(const struct objtool_file *file)
{
	return file->ehdr.e_ident[EI_DATA] == ELFDATA2MSB;
}

static inline uint64_t file_read(const struct objtool_file *file,
				 const uint8_t *p, unsigned int size)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < size; i++) {
		unsigned int shift = file_big_endian(file) ? (size - 1 - i) * 8 : i * 8;

		v |= (uint64_t)p[i] << shift;
	}
	return v;
}

static inline void file_write(const struct objtool_file *file, uint8_t *p,
			      unsigned int size, uint64_t v)
{
	for (unsigned int i = 0; i < size; i++) {
		unsigned int shift = file_big_endian(file) ? (size - 1 - i) * 8 : i * 8;

		p[i] = v >> shift;
	}
}

static inline struct stack_op *insn_ops(const struct objtool_file *file,
					const struct instruction *insn)
{
	return &file->ops[insn->ops];
}

#endif /* OBJTOOL_OBJTOOL_H */
