/* SPDX-License-Identifier: GPL-2.0 */
/* Private to the core: the passes main.c runs, in order. */
#ifndef OBJTOOL_PASSES_H
#define OBJTOOL_PASSES_H

#include <objtool/elf.h>

int add_branches(struct objtool_file *file);	/* branches.c */
/* The port's reloc_dest() of a branch relocation, if both values are sane. */
bool branch_reloc_dest(const struct objtool_file *file, unsigned long sym_offset,
		       long addend, long *dest);
int add_special(struct objtool_file *file);	/* special.c */
int add_hints(struct objtool_file *file);	/* hints.c */
/* hints.c: a .discard.<what> annotation section, @mark called per place */
int read_annotations(struct objtool_file *file, const char *name,
		     int (*mark)(struct objtool_file *file, struct instruction *insn));
/* sites.c: ANNOTATE_RETPOLINE_SAFE (.discard.retpoline_safe) */
int sites_read_hints(struct objtool_file *file);
/* unret.c: --unret */
int unret_read(struct objtool_file *file);
int unret_check(struct objtool_file *file);
int add_reachable(struct objtool_file *file);	/* reachable.c */
int mark_noreturns(struct objtool_file *file);	/* noreturn.c */
/* check.c; "unreachable" only if no warning since @since (upstream: the
 * retpoline check's count too) */
int check_file(struct objtool_file *file, unsigned long since);
enum sites_check { CHECK_RETPOLINE, CHECK_SLS };
int sites_check(struct objtool_file *file, enum sites_check which);	/* sites.c */
int sites_create(struct objtool_file *file);	/* sites.c */

/* sites.c: building a table of code sites (place-relative pointers) */
struct site_list {
	struct new_reloc *relocs;
	size_t n, cap;
};
int site_list_add(struct site_list *list, struct new_reloc reloc);
int site_list_add_insn(struct objtool_file *file, struct site_list *list,
		       unsigned long offset, const struct instruction *insn);
/* @name: @nr_entries zeroed entries of @entsize bytes, @list's relocations */
int site_table_write(struct objtool_file *file, const char *name, uint64_t flags,
		     unsigned int entsize, size_t nr_entries,
		     const struct site_list *list);
int jump_label_nops(struct objtool_file *file);	/* jump_label.c */
/* noinstr.c: is @sec noinstr text; --hacks=noinstr's rewrite */
bool noinstr_section(const struct objtool_file *file, const struct section *sec);
int noinstr_hack(struct objtool_file *file);
int call_rewrite(struct objtool_file *file, struct instruction *insn, bool as_return);
int prefix_create(struct objtool_file *file);	/* prefix.c */
/* ibt.c: read ANNOTATE_NOENDBR, check hints, check references, seal */
int ibt_read_noendbr(struct objtool_file *file);
void ibt_check_hints(struct objtool_file *file);
int ibt_check(struct objtool_file *file);
int ibt_seal_create(struct objtool_file *file);
int static_call_create(struct objtool_file *file);	/* static_call.c */
int kcfi_create(struct objtool_file *file);		/* kcfi.c */

/* uaccess.c: --uaccess, the walk's user access state and its checks */
struct uaccess_state {
	bool on;		/* user access allowed */
	uint32_t stack;		/* saved by pushf in alternatives */
};
int uaccess_mark_safe(struct objtool_file *file);
int uaccess_call(struct objtool_file *file, const struct instruction *insn,
		 const struct uaccess_state *st);
int uaccess_return(struct objtool_file *file, const struct symbol *func,
		   const struct instruction *insn, const struct uaccess_state *st);
int uaccess_toggle(struct objtool_file *file, const struct symbol *func,
		   const struct instruction *insn, struct uaccess_state *st);
int uaccess_flags_ops(struct objtool_file *file, const struct instruction *insn,
		      struct uaccess_state *st);
/* a call's callee as upstream names it: NULL / "{dynamic}" when indirect */
const struct symbol *call_dest_sym(const struct instruction *insn);
const char *call_dest_name(const struct instruction *insn);

/* noinstr_check.c: --noinstr */
int noinstr_read(struct objtool_file *file);
int noinstr_call(struct objtool_file *file, const struct instruction *insn);
int noinstr_return(struct objtool_file *file, const struct instruction *insn);
void noinstr_release(struct objtool_file *file);

#endif
