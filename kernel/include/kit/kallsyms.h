/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kallsyms: every symbol of the kit image, locals included.  Hosted, the
 * image's own ELF symbol table is read at boot (KIT_INIT_CORE) from
 * /proc/self/exe (QEMU user mode shows the guest binary there).  Kept:
 * STT_FUNC, STT_OBJECT and STT_NOTYPE symbols with a name and a defined
 * section (no file/section symbols, no mapping symbols such as $x / $d).
 * Symbols that share a name are numbered 1, 2, ... in address order:
 * that is livepatch's old_sympos.
 */
#ifndef _KIT_KALLSYMS_H
#define _KIT_KALLSYMS_H

#include <stdbool.h>

enum kit_ksym_type {
	KIT_KSYM_NOTYPE,
	KIT_KSYM_OBJECT,
	KIT_KSYM_FUNC,
};

struct kit_ksym {
	unsigned long addr;
	unsigned long size;
	const char *name;
	unsigned char type;	/* enum kit_ksym_type */
	bool global;		/* STB_GLOBAL or STB_WEAK; false for STB_LOCAL */
	unsigned int sympos;	/* 1-based among symbols of this name */
	unsigned int nr_same;	/* how many symbols have this name (>= 1) */
};

/*
 * The address of name.  sympos 0: the name must be unique (-EEXIST when
 * several symbols have it); sympos n >= 1: the n-th of that name in
 * address order.  -ENOENT when there is no such symbol (or position),
 * -ENODATA before kallsyms is initialised.
 */
int kit_kallsyms_lookup_name(const char *name, unsigned long sympos,
			     unsigned long *addr);

/* The same, giving the whole record (NULL on error, *err set when err). */
const struct kit_ksym *kit_kallsyms_find(const char *name, unsigned long sympos,
					 int *err);

/*
 * The symbol containing addr: the symbol with the largest start <= addr
 * and addr < start + size (a zero-sized symbol contains only its own
 * address).  Among several covering candidates, FUNC wins over OBJECT
 * over NOTYPE, then global over local.  Any out-pointer may be NULL.
 * 0, or -ENOENT when no symbol contains addr.
 */
int kit_kallsyms_lookup(unsigned long addr, unsigned long *offset,
			unsigned long *size, const char **name);

/* The record behind kit_kallsyms_lookup(), or NULL. */
const struct kit_ksym *kit_kallsyms_lookup_sym(unsigned long addr);

/*
 * Call fn for every symbol in address order; a nonzero return stops the
 * walk and is returned.
 */
int kit_kallsyms_on_each(int (*fn)(void *data, const struct kit_ksym *sym),
			 void *data);

/* Number of symbols kept (0 before init). */
unsigned long kit_kallsyms_count(void);

#endif /* _KIT_KALLSYMS_H */
