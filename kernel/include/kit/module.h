/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kit's module loader: relocatable ELF objects (.ko, ET_REL) placed in
 * memory within branch range of kit text, linked against the kit image's
 * kallsyms, and run.  Loading is all-or-nothing: on any error nothing stays
 * loaded or registered and one message names the problem.
 *
 * Livepatch modules (Documentation/livepatch/module-elf-format.rst) carry
 * `.klp.rela.<obj>.<sec>` sections against `.klp.sym.<obj>.<sym>,<pos>`
 * symbols (SHN_LIVEPATCH); the loader applies those for "vmlinux" (the kit
 * image) after the normal relocations, and keeps what the livepatch core
 * needs to apply them again, or for a kit module, when that one is loaded.
 */
#ifndef _KIT_MODULE_H
#define _KIT_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <kit/arch.h>	/* arch_apply_relocation and the loader's other hooks */

#define KIT_MODULE_NAME_LEN	56

/* Section header flag and symbol section index of livepatch ELF. */
#define KIT_SHF_RELA_LIVEPATCH	0x00100000
#define KIT_SHN_LIVEPATCH	0xff20

struct kit_module_sym {
	const char *name;		/* in kit_module.strtab */
	uintptr_t addr;
	uint32_t size;
	uint8_t global;			/* STB_GLOBAL or STB_WEAK */
	uint8_t func;			/* STT_FUNC */
};

/* The parts of the ELF file kept for livepatch relocations after load. */
struct kit_module_klp_info {
	void *image;			/* a private copy of the file */
	size_t size;
	uintptr_t *sec_addr;		/* run-time address per section, 0: none */
};

struct kit_module_alloc_ops;

/* Upstream's module states, as far as the kit has them. */
enum kit_module_state {
	KIT_MODULE_STATE_LIVE,		/* initialised, in use */
	KIT_MODULE_STATE_COMING,	/* livepatches being applied, then its init */
	KIT_MODULE_STATE_GOING,		/* its exit ran or its init failed */
};

struct kit_control_node;

struct kit_module {
	char name[KIT_MODULE_NAME_LEN];
	struct kit_module *next;
	enum kit_module_state state;
	bool klp_alive;			/* between klp_module_coming and _going */

	void *base;			/* one allocation holds every section */
	size_t size;
	uintptr_t text_start, text_end;	/* executable sections, as a range */

	struct kit_module_sym *syms;	/* functions and objects it defines */
	unsigned int nr_syms;
	char *strtab;

	int (*init)(void);		/* kit_module_init, if defined */
	void (*exit)(void);		/* kit_module_exit, if defined */

	/* unwind and ftrace tables, in module memory */
	int32_t *orc_ip;
	void *orc;
	size_t nr_orc;
	void *mcount;			/* __mcount_loc / __patchable_function_entries */
	size_t nr_mcount;
	bool orc_registered, ftrace_registered;

	/* veneers: far branches through an entry holding the target */
	void *plt;
	unsigned int plt_used, plt_max;
	/* the module's own TOC/GOT base on a port that has one, else 0 */
	uintptr_t toc;

	const struct kit_module_alloc_ops *alloc_ops;	/* NULL: the default */

	bool livepatch;			/* it has .klp.rela sections */
	struct kit_module_klp_info klp;

	char *param_args;		/* its parameters' text; charp values point in */
	const struct kit_module_param *params;	/* its table, in module memory */
	size_t nr_params;
	struct kit_control_node *param_dir;	/* module/<name>/ in the control tree */
};

/*
 * Module parameters (upstream's module_param()): in a module,
 *
 *	static int depth = 3;
 *	kit_module_param(depth, INT);
 *
 * and "depth=5" at load time sets it before kit_module_init runs.  Types:
 * INT (an int, any base kstrtoll takes), BOOL (a bool: y/n/1/0/on/off, or
 * the bare name for true), CHARP (a const char *, pointing at the value).
 * An undeclared name or a value the type does not take refuses the load.
 */
#define KIT_MODPARAM_SECTION	".kit_modparam"
#define KIT_MODPARAM_MAX	32	/* parameters given at one load */

enum kit_module_param_type {
	KIT_PARAM_INT = 1,
	KIT_PARAM_BOOL,
	KIT_PARAM_CHARP,
};

struct kit_module_param {
	const char *name;
	void *addr;
	uint32_t type;			/* enum kit_module_param_type */
	uint32_t reserved;
};

#define kit_module_param(var, type)						\
	static const struct kit_module_param __kit_modparam_##var		\
	__attribute__((used, section(KIT_MODPARAM_SECTION), aligned(8))) = {	\
		#var, (void *)&(var), KIT_PARAM_##type, 0 }

/*
 * Where module memory comes from; the default is kit_module_alloc().
 * Tests pass their own, e.g. to place a module out of branch range.
 */
struct kit_module_alloc_ops {
	void *(*alloc)(size_t size);
	void (*free)(void *addr, size_t size);
};

/*
 * Load the module in @image (@size bytes; copied, the caller keeps it)
 * under @name.  Returns 0 and the module in @out, or a negative error
 * after printing "kit: module <name>: <problem>".
 */
int kit_module_load(const char *name, const void *image, size_t size,
		    struct kit_module **out);
int kit_module_load_ops(const char *name, const void *image, size_t size,
			const struct kit_module_alloc_ops *ops,
			struct kit_module **out);
/* The same with parameters: @args is "name=value ..." (NULL: none). */
int kit_module_load_args(const char *name, const void *image, size_t size,
			 const char *args, struct kit_module **out);
/* Read @path and load it, named after the file's base name without ".ko". */
int kit_module_load_file(const char *path, struct kit_module **out);
int kit_module_load_file_args(const char *path, const char *args, struct kit_module **out);
/*
 * Run the exit function, revert the livepatches applied to it
 * (klp_module_going), unregister ORC and ftrace sites, free.  A module is
 * listed (kit_module_find) from just before klp_module_coming, which runs
 * before its init, as upstream's COMING state.
 */
void kit_module_unload(struct kit_module *mod);

/*
 * The livepatch core's place in the loader (upstream calls
 * klp_module_coming/going directly; here the core sits above the kernel
 * and sets these at boot): coming runs after relocation and before init,
 * and its error refuses the module; going runs after exit or a failed
 * init.  NULL: no livepatch core in the image.
 */
extern int (*kit_module_coming_hook)(struct kit_module *mod);
extern void (*kit_module_going_hook)(struct kit_module *mod);

/*
 * The loader on untrusted bytes, with no module code run: check, lay out,
 * relocate and register @image (@size bytes, any content, the caller's
 * buffer is only read) as @name exactly as kit_module_load() would, then
 * unregister and free it without calling its init or exit.  Returns 0 if
 * it loaded, or the negative error after one "kit: module <name>: ..."
 * line.  Either way the loader holds after the call what it held before
 * (kit_module_count(), kit_module_bytes(), ORC slots, ftrace records):
 * the `kit load --no-init` command and in-process fuzzing (with the kit
 * booted, on the control thread) rely on that.
 */
int kit_module_try_load(const char *name, const void *image, size_t size);
/* The same, its parameters @args checked and set (no module code reads them). */
int kit_module_try_load_args(const char *name, const void *image, size_t size,
			     const char *args);

struct kit_module *kit_module_find(const char *name);
/* Address of a symbol the module defines (global ones first), or NULL. */
void *kit_module_symbol(const struct kit_module *mod, const char *name);
/*
 * The symbol @name of @mod by position, as kallsyms for the image: @sympos
 * 0 the only one of that name (-EEXIST: several), n the n-th in the
 * module's symbol table.  0 or -ENOENT.
 */
int kit_module_find_sym(const struct kit_module *mod, const char *name, unsigned long sympos,
			const struct kit_module_sym **out);
/* The loaded module whose memory holds @addr, or NULL. */
struct kit_module *kit_module_at(uintptr_t addr);
/* The symbol of a loaded module that covers @addr, or NULL. */
const struct kit_module_sym *kit_module_sym_at(uintptr_t addr);
/*
 * The function called @name in the loaded modules, by kallsyms' rule for
 * a name without a position: 0 and its address, -EEXIST when several
 * functions have it, -ENOENT when none does.
 */
int kit_module_lookup_func(const char *name, uintptr_t *addr);

/* Accounting, for tests: modules loaded and bytes of module memory held. */
unsigned int kit_module_count(void);
size_t kit_module_bytes(void);

/*
 * Apply a livepatch module's `.klp.rela.<objname>.*` sections: the symbols
 * `.klp.sym.<objname>.<name>,<pos>` are resolved by name and position
 * through kallsyms (objname "vmlinux": the kit image) or in the loaded
 * module <objname> (kit_module_find_sym).  The loader calls it for
 * "vmlinux"; the livepatch core calls it, like upstream's
 * klp_apply_section_relocs(), for a module object once it is loaded.
 * Returns 0 or a negative error (with a message).
 */
int kit_klp_apply_relocs(struct kit_module *mod, const char *objname);
/*
 * Every object @mod has `.klp.rela.<obj>.*` sections for, besides vmlinux,
 * passes @named (the livepatch core: its patch names that object).  0, or
 * -ENOENT with a message naming the section.
 */
int kit_klp_objects(const struct kit_module *mod, bool (*named)(const char *obj, void *arg),
		    void *arg);

/* --- what the arch's relocation code gets (hooks: <kit/arch.h>) --------- */

/* One relocation: S + A is @val, P is @loc, @room bytes may be written. */
struct kit_reloc {
	unsigned int type;
	void *loc;
	size_t room;
	uint64_t val;
	uint8_t st_other;	/* the symbol's st_other (ELFv2: its local entry) */
	bool external;		/* the symbol is not the module's own (kit, another module) */
};

/* Does @v fit a signed field of @bits bits (a branch displacement, a PC32)? */
static inline bool kit_fits_signed(int64_t v, unsigned int bits)
{
	return v >= -((int64_t)1 << (bits - 1)) && v < ((int64_t)1 << (bits - 1));
}

/* An arch's relocation names, for arch_reloc_name(): KIT_RELOC_NAME(R_X). */
struct kit_reloc_name {
	unsigned int type;
	const char *name;
};
#define KIT_RELOC_NAME(type_)	{ (type_), #type_ }

static inline const char *kit_reloc_name(const struct kit_reloc_name *names, size_t n,
					 unsigned int type)
{
	for (size_t i = 0; i < n; i++)
		if (names[i].type == type)
			return names[i].name;
	return NULL;
}

#endif /* _KIT_MODULE_H */
