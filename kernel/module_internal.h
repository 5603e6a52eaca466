/* SPDX-License-Identifier: GPL-2.0 */
/* The loader's private state while one ELF file is being loaded. */
#ifndef _KIT_MODULE_INTERNAL_H
#define _KIT_MODULE_INTERNAL_H

#include <elf.h>
#include <stdbool.h>

#include <kit/compiler.h>
#include <kit/module.h>

/* Module memory one module may take: far more than any kit module needs. */
#define KIT_MODULE_MAX_SIZE	(1UL << 30)

struct load_info {
	const char *name;
	const char *args;		/* its parameters, "name=value ...", or NULL */
	bool run;			/* its init will run */
	const uint8_t *img;		/* private, 8-aligned copy of the file */
	size_t size;
	bool img_owned, sec_addr_owned;	/* freed at the end of the load */
	const Elf64_Ehdr *eh;
	const Elf64_Shdr *sh;
	unsigned int shnum;
	const char *shstr;
	size_t shstr_size;
	unsigned int symtab_idx;
	const Elf64_Sym *sym;
	unsigned int nsyms;
	const char *str;
	size_t str_size;
	size_t *sec_off;		/* layout offset per section, -1: not loaded */
	uintptr_t *sec_addr;		/* run-time address per section, 0: not loaded */
	uint64_t *symval;		/* resolved value per symbol */
	/* tables other subsystems read (module_tables.c), 0: absent */
	unsigned int orc_ip_idx, orc_idx, orc_hdr_idx, mcount_idx;
};

/* Print "kit: module <name>: <msg>" and return @err. */
int kit_modfail(const struct load_info *info, int err, const char *fmt, ...) __printf(3, 4);
const char *kit_modsec_name(const struct load_info *info, unsigned int idx);
const char *kit_modsym_name(const struct load_info *info, unsigned int idx);
/* module_elf.c: header, section, symbol table and RELA checks of a file,
 * and one RELA section applied. */
int kit_modcheck(struct load_info *info);
int kit_modapply_rela(struct load_info *info, struct kit_module *mod, unsigned int idx,
		      int (*value)(struct load_info *, unsigned int, uint64_t *, const void *),
		      const void *arg);

/* module_tables.c: the ORC and ftrace tables' shape, checked on the file
 * before anything is allocated; the alignment layout gives them; their
 * relocated contents checked and handed to @mod before registration. */
int kit_modcheck_tables(struct load_info *info);
size_t kit_modtable_align(const struct load_info *info, unsigned int idx);
int kit_modfind_tables(struct load_info *info, struct kit_module *mod);

/* module_klp.c: every .klp.rela section names an object that exists. */
int kit_klp_check(const struct load_info *info, bool run);

/* module_param.c: set the parameters @args names, after relocation. */
int kit_modparams(struct load_info *info, struct kit_module *mod, const char *args);
/* ... and module/<name>/parameters/ in the control tree, while it is loaded. */
void kit_modparams_publish(struct kit_module *mod);
void kit_modparams_unpublish(struct kit_module *mod);

/*
 * module_list.c: the list kit_module_find() and friends search.  A module
 * is listed from its COMING state (so a patch it enables finds it) and
 * for as long as it is loaded; add and del keep kit_module_count().
 */
void kit_modlist_add(struct kit_module *mod);
void kit_modlist_del(struct kit_module *mod);
bool kit_module_listed(const struct kit_module *mod);

/* module.c: a module's name from its file's path ("dir/x.ko" -> "x"). */
void kit_modname_from_path(const char *path, char *name, size_t size);

/* module_glue.c: kallsyms, ORC and ftrace, each used once it exists. */
uintptr_t kit_modlookup(const char *name, unsigned long sympos);
int kit_modregister(struct kit_module *mod);
void kit_modunregister(struct kit_module *mod);
/* The livepatch core's klp_module_coming / klp_module_going, once it exists. */
int kit_modcoming(struct kit_module *mod);
void kit_modgoing(struct kit_module *mod);

#endif
