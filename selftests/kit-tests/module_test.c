// SPDX-License-Identifier: GPL-2.0
/*
 * The module loader end to end, on the test modules the Makefile builds
 * ($O/<arch>/modules, or $KIT_MODULE_DIR): load, call, check, unload;
 * every relocation family executed; bad modules (made here by corrupting
 * good ones in memory) rejected with the right message and nothing left
 * loaded; livepatch relocations resolved by name and position; veneers
 * (a range error for a port without them) by placing a module beyond the
 * reach of a direct call.  The arch's cases: arch/<arch>/tests/.
 */
#include <elf.h>
#include <stdio.h>	/* /proc/self/maps: is hosted module memory released? */
#include <string.h>
#include <sys/mman.h>	/* a hosted mapping out of branch range (test_far) */

#include <kit/arch_test.h>
#include <kit/ftrace.h>
#include <kit/kallsyms.h>
#include <kit/kernel.h>
#include <kit/mm.h>
#include <kit/module.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/selftest.h>
#include <kit/string.h>


/* The other kit_modtest_dup is in module_reloc_test.c (it returns 2). */
__attribute__((used)) static noinline int kit_modtest_dup(void)
{
	barrier();
	return 1;
}

static noinline int negate(int x)
{
	return -x;
}


/* --- helpers ------------------------------------------------------------- */

static char captured[4096];
static size_t captured_len;
static void (*saved_console)(const char *s, size_t len);
static bool capture_echo = true;

static void capture_write(const char *s, size_t len)
{
	size_t n = min(len, sizeof(captured) - 1 - captured_len);

	memcpy(captured + captured_len, s, n);
	captured_len += n;
	captured[captured_len] = '\0';
	if (capture_echo && saved_console)
		saved_console(s, len);
}

static void capture_start(void)
{
	captured_len = 0;
	captured[0] = '\0';
	saved_console = kit_console_write;
	kit_console_write = capture_write;
}

static void capture_stop(void)
{
	kit_console_write = saved_console;
}

static void *read_module(const char *name, size_t *size)
{
	char path[256];
	void *data;

	if (kit_plat_read_file(kit_plat_module_path(name, path, sizeof(path)), &data, size)) {
		kit_report(false, "read %s", path);
		return NULL;
	}
	return data;
}

/* Does any mapping of the process overlap [base, base + size)? */
static bool mapped(uintptr_t base, size_t size)
{
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long start, end;
	char line[512];
	bool found = false;

	if (!f)
		return true;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx", &start, &end) == 2 && start < base + size &&
		    end > base)
			found = true;
	fclose(f);
	return found;
}

/* Module memory through kit_module_alloc, recorded: where, and how much is live. */
static uintptr_t rec_base;
static size_t rec_size;
static int rec_live;

static void *rec_alloc(size_t size)
{
	void *p = kit_module_alloc(size);

	if (p) {
		rec_base = (uintptr_t)p;
		rec_size = size;
		rec_live++;
	}
	return p;
}

static void rec_free(void *addr, size_t size)
{
	kit_module_free(addr, size);
	rec_live--;
}

static const struct kit_module_alloc_ops rec_ops = { rec_alloc, rec_free };

static bool nothing_loaded(void)
{
	return kit_module_count() == 0 && kit_module_bytes() == 0;
}

/*
 * Load @size bytes of @img as @name; it must fail with @err and print a
 * message containing @msg; nothing may be left loaded.
 */
static void expect_reject(const char *what, const void *img, size_t size, int err,
			  const char *msg)
{
	struct kit_module *mod;
	int got;

	rec_base = 0;
	capture_start();
	got = kit_module_load_ops("bad", img, size, &rec_ops, &mod);
	capture_stop();
	kit_report(got == err && strstr(captured, msg) && !mod && nothing_loaded() &&
		   rec_live == 0 && (!rec_base || !mapped(rec_base, rec_size)),
		   "%s: rejected with %s, message has '%s', nothing loaded%s", what,
		   kit_errname(got), msg, rec_base ? ", its memory unmapped" : "");
	if (!got)
		kit_module_unload(mod);
}

static const Elf64_Shdr *shdrs(const void *img)
{
	const Elf64_Ehdr *eh = img;

	return (const Elf64_Shdr *)((const char *)img + eh->e_shoff);
}

static const char *shname(const void *img, unsigned int i)
{
	const Elf64_Ehdr *eh = img;

	return (const char *)img + shdrs(img)[eh->e_shstrndx].sh_offset + shdrs(img)[i].sh_name;
}

static int find_section(const void *img, const char *name)
{
	const Elf64_Ehdr *eh = img;

	for (int i = 1; i < eh->e_shnum; i++)
		if (!strcmp(shname(img, i), name))
			return i;
	return -1;
}

static Elf64_Sym *find_elf_sym(void *img, const char *name, unsigned int *nsyms)
{
	const Elf64_Ehdr *eh = img;
	Elf64_Shdr *sh = (Elf64_Shdr *)shdrs(img);

	for (int i = 1; i < eh->e_shnum; i++) {
		Elf64_Sym *sym = (Elf64_Sym *)((char *)img + sh[i].sh_offset);
		const char *str = (const char *)img + sh[sh[i].sh_link].sh_offset;

		if (sh[i].sh_type != SHT_SYMTAB)
			continue;
		*nsyms = sh[i].sh_size / sizeof(*sym);
		if (!name)
			return sym;
		for (unsigned int k = 0; k < *nsyms; k++)
			if (!strcmp(str + sym[k].st_name, name))
				return &sym[k];
	}
	return NULL;
}

/* --- load, call, unload -------------------------------------------------- */

static void test_modtest(void)
{
	struct kit_module *mod, *again;
	uintptr_t base;
	size_t size;
	char path[256];
	int err, (*call)(int), (*sum)(void), (*cb)(int (*)(int), int);
	int *init_ran;
	char *buf;

	capture_start();
	err = kit_module_load_file(kit_plat_module_path("modtest", path, sizeof(path)), &mod);
	capture_stop();
	kit_report(!err && mod, "load %s: %s", path, err ? kit_errname(err) : "0");
	if (err)
		return;
	kit_report(kit_module_count() == 1 && kit_module_find("modtest") == mod,
		   "one module loaded, found by name");
	kit_report(strstr(captured, "modtest: hello from modtest (18 bytes)") != NULL,
		   "init printed through kit_printk with a string from .rodata");
	init_ran = kit_module_symbol(mod, "modtest_init_ran");
	buf = kit_module_symbol(mod, "modtest_buf");
	kit_report(init_ran && *init_ran == 64, "init called a static function (returned %d)",
		   init_ran ? *init_ran : -1);
	kit_report(buf && !strcmp(buf, "hello from modtest"), "kit_memcpy from init into .data");

	call = (int (*)(int))kit_module_symbol(mod, "modtest_call");
	sum = (int (*)(void))kit_module_symbol(mod, "modtest_sum_bss");
	cb = (int (*)(int (*)(int), int))kit_module_symbol(mod, "modtest_callback");
	kit_report(call && call(3) == 9 + 4 + 45 && call(2) == 4 + 3 + 44,
		   "table and data function pointers, bss (call(3) = %d, call(2) = %d)",
		   call ? call(3) : -1, call ? call(2) : -1);
	kit_report(sum && sum() == 64 * 42 + 63 * 64 / 2, ".bss filled by init (sum %d)",
		   sum ? sum() : -1);
	kit_report(*(void **)kit_module_symbol(mod, "modtest_kit_memcpy") == (void *)kit_memcpy,
		   "absolute pointer to kit_memcpy in .data");
	kit_report(cb && cb(negate, 5) == -4,
		   "module calls back into the kit through a pointer");
	kit_report(kit_module_at((uintptr_t)call) == mod && (uintptr_t)call >= mod->text_start &&
		   (uintptr_t)call < mod->text_end, "kit_module_at finds the module by address");
	kit_report((uintptr_t)mod->base - (uintptr_t)__executable_start < (128UL << 20),
		   "module memory within 128 MiB of kit text (%p, text at %p)", mod->base,
		   (void *)__executable_start);
	kit_report(mod->nr_orc > 0 && mod->nr_mcount > 0,
		   "module has %zu ORC entries and %zu ftrace sites", mod->nr_orc, mod->nr_mcount);
	kit_report_info("ORC %sregistered, ftrace sites %sregistered",
			mod->orc_registered ? "" : "not ", mod->ftrace_registered ? "" : "not ");

	capture_start();
	err = kit_module_load_file(path, &again);
	capture_stop();
	kit_report(err == -EEXIST && kit_module_count() == 1,
		   "loading it twice: %s, still one module", err ? kit_errname(err) : "0");

	base = (uintptr_t)mod->base;
	size = mod->size;
	capture_start();
	kit_module_unload(mod);
	capture_stop();
	kit_report(strstr(captured, "modtest: exit") != NULL, "unload ran kit_module_exit");
	kit_report(nothing_loaded() && !mapped(base, size),
		   "after unload: %u modules, %zu bytes, [%#lx, +%#zx) unmapped",
		   kit_module_count(), kit_module_bytes(), (unsigned long)base, size);
}

/* --- every relocation family, executed ----------------------------------- */

/* the arch's families: arch/<arch>/tests/module_test.c */
static void test_relocs(void)
{
	struct kit_module *mod;
	char path[256];
	size_t (*cs)(const char *);
	int err;

	err = kit_module_load_file(kit_plat_module_path("modrelocs", path, sizeof(path)), &mod);
	kit_report(!err, "load modrelocs: %s", err ? kit_errname(err) : "0");
	if (err)
		return;
	arch_test_modrelocs_report(mod);
	cs = (size_t (*)(const char *))kit_module_symbol(mod, "modrel_call_strlen");
	kit_report(cs && cs("abc") == 4, "compiled call into kit_strlen");
	kit_module_unload(mod);
	kit_report(nothing_loaded(), "modrelocs unloaded");
}

/* --- bad modules ----------------------------------------------------------- */

static void test_bad(void)
{
	size_t size;
	void *good = read_module("modrelocs", &size), *img;
	struct kit_module *mod;
	unsigned int nsyms;
	Elf64_Sym *sym;
	char path[256];
	int err, i;

	if (!good)
		return;
	img = kit_zalloc(size);

	capture_start();
	err = kit_module_load_file(kit_plat_module_path("modmissing", path, sizeof(path)), &mod);
	capture_stop();
	kit_report(err == -ENOENT &&
		   strstr(captured, "missing symbol kit_modtest_no_such_function") &&
		   nothing_loaded(), "modmissing: %s, names kit_modtest_no_such_function",
		   err ? kit_errname(err) : "0");

	expect_reject("empty", good, 0, -EINVAL, "not an ELF file");
	expect_reject("truncated to 40 bytes", good, 40, -EINVAL, "not an ELF file");
	expect_reject("truncated to 64 bytes", good, 64, -EINVAL, "malformed object");
	expect_reject("truncated to half", good, size / 2, -EINVAL, "malformed object");
	expect_reject("truncated by one byte", good, size - 1, -EINVAL, "malformed object");

	memcpy(img, good, size);
	/* any other machine: the next number is another arch's, or none */
	((Elf64_Ehdr *)img)->e_machine = arch_module_machine + 1;
	expect_reject("wrong machine", img, size, -EINVAL, "wrong machine");

	memcpy(img, good, size);
	((Elf64_Ehdr *)img)->e_type = ET_EXEC;
	expect_reject("ET_EXEC", img, size, -EINVAL, "not relocatable");

	memcpy(img, good, size);
	((Elf64_Ehdr *)img)->e_shstrndx = 0xfff0;
	expect_reject("section name table index", img, size, -EINVAL, "malformed object");

	/* the first relocation of .rela.text gets type 230, which no port
	 * defines (250 is a real type on one) */
	memcpy(img, good, size);
	i = find_section(img, ".rela.text");
	if (i > 0) {
		Elf64_Rela *r = (Elf64_Rela *)((char *)img + shdrs(img)[i].sh_offset);

		r->r_info = ELF64_R_INFO(ELF64_R_SYM(r->r_info), 230);
		expect_reject("unsupported relocation", img, size, -ENOSYS,
			      "unsupported relocation type 230 in section .rela.text");
		memcpy(img, good, size);
		r->r_info = ELF64_R_INFO(0xffffff, ELF64_R_TYPE(r->r_info));
		expect_reject("relocation symbol index", img, size, -EINVAL, "malformed object");
		memcpy(img, good, size);
		r->r_offset = 1 << 30;
		expect_reject("relocation offset", img, size, -EINVAL, "beyond .text");
	}

	/* kit_memcpy becomes kit_memcpY */
	memcpy(img, good, size);
	sym = find_elf_sym(img, "kit_memcpy", &nsyms);
	if (sym) {
		Elf64_Shdr *sh = (Elf64_Shdr *)shdrs(img);
		int st = find_section(img, ".strtab");
		char *name = (char *)img + sh[st].sh_offset + sym->st_name;

		name[9] = 'Y';
		expect_reject("missing symbol by renaming", img, size, -ENOENT,
			      "missing symbol kit_memcpY");
		memcpy(img, good, size);
		sym = find_elf_sym(img, "kit_memcpy", &nsyms);
		sym->st_name = 0x7fffffff;
		expect_reject("symbol name offset", img, size, -EINVAL, "malformed object");
		memcpy(img, good, size);
		sym = find_elf_sym(img, "modrel_call_strlen", &nsyms);
		sym->st_shndx = 0xfe00;
		expect_reject("symbol section index", img, size, -EINVAL, "malformed object");
	}

	/* random damage: never a crash, and loaded-or-not leaves nothing behind */
	unsigned int seed = 12345, loaded = 0, rejected = 0;
	for (int round = 0; round < 400; round++) {
		memcpy(img, good, size);
		for (int k = 0; k < 4; k++) {
			seed = seed * 1103515245 + 12345;
			((uint8_t *)img)[(seed >> 8) % size] ^= 1 + (seed >> 24) % 255;
		}
		capture_echo = false;	/* quiet: 400 messages */
		capture_start();
		err = kit_module_load_ops("fuzz", img, size, &rec_ops, &mod);
		capture_stop();
		capture_echo = true;
		if (!err) {
			loaded++;
			kit_module_unload(mod);
		} else {
			rejected++;
		}
	}
	kit_report(nothing_loaded() && rec_live == 0, "400 randomly damaged copies: %u loaded and unloaded, %u rejected, nothing left",
		   loaded, rejected);
	kit_free(img);
	kit_free(good);
}

/* --- kit_module_try_load: the fuzz target's contract ------------------------ */

static void test_try_load(void)
{
	size_t size, records = kit_ftrace_nr_records();
	void *img = read_module("modtest", &size);
	int err;

	if (!img)
		return;
	capture_start();
	err = kit_module_try_load("modtest", img, size);
	capture_stop();
	kit_report(!err && !strstr(captured, "modtest: hello") && !strstr(captured, "modtest: exit"),
		   "try_load of modtest: %s, neither init nor exit ran",
		   err ? kit_errname(err) : "0");
	kit_report(nothing_loaded() && kit_ftrace_nr_records() == records &&
		   !kit_module_find("modtest"),
		   "after try_load: nothing loaded, %zu ftrace records as before", records);
	capture_start();
	err = kit_module_try_load("modtest", img, size / 2);
	capture_stop();
	kit_report(err == -EINVAL && strstr(captured, "kit: module modtest: malformed object") &&
		   nothing_loaded() && kit_ftrace_nr_records() == records,
		   "try_load of half of it: %s with a message, nothing left",
		   err ? kit_errname(err) : "0");
	kit_free(img);
}

/* --- far placement: veneers, or without them a range error ----------------- */

static size_t far_size;

static void *far_alloc(size_t size)
{
	uintptr_t hint = ((uintptr_t)__executable_start + arch_test_far_distance) & ~0xfffffUL;

	for (int i = 0; i < 64; i++, hint += 1UL << 20) {
		void *p = mmap((void *)hint, size, PROT_READ | PROT_WRITE | PROT_EXEC,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

		if (p == (void *)hint) {
			far_size = size;
			return p;
		}
		if (p != MAP_FAILED)
			munmap(p, size);
	}
	return NULL;
}

static void far_free(void *addr, size_t size)
{
	munmap(addr, size);
}

static const struct kit_module_alloc_ops far_ops = { far_alloc, far_free };

static void test_far(void)
{
	size_t size;
	void *img = read_module("modtest", &size);
	struct kit_module *mod;
	unsigned long far_gib = arch_test_far_distance >> 30;
	int err;

	if (!img)
		return;
	capture_start();
	err = kit_module_load_ops("modtest", img, size, &far_ops, &mod);
	capture_stop();
	if (!arch_module_plt_entry_size) {
		kit_report(err == -ERANGE && strstr(captured, "value out of range") &&
			   nothing_loaded(),
			   "%lu GiB from kit text: %s, 'value out of range', nothing loaded",
			   far_gib, err ? kit_errname(err) : "0");
		kit_free(img);
		return;
	}
	kit_report(!err, "%lu GiB from kit text: loads (%s)", far_gib, err ? kit_errname(err) : "0");
	if (!err) {
		int (*call)(int) = (int (*)(int))kit_module_symbol(mod, "modtest_call");
		int (*cb)(int (*)(int), int) = (int (*)(int (*)(int), int))
			kit_module_symbol(mod, "modtest_callback");

		kit_report((uintptr_t)mod->base - (uintptr_t)__executable_start >
			   arch_test_branch_reach,
			   "module at %p, beyond %lu MiB of kit text", mod->base,
			   arch_test_branch_reach >> 20);
		kit_report(mod->plt_used > 0 && mod->plt_used <= mod->plt_max,
			   "%u veneers used of %u reserved", mod->plt_used, mod->plt_max);
		kit_report(strstr(captured, "modtest: hello from modtest") != NULL,
			   "init reached kit_printk and kit_memcpy through veneers");
		kit_report(call(3) == 58 && cb(negate, 5) == -4,
			   "calls work both ways");
		kit_module_unload(mod);
	}
	kit_report(nothing_loaded(), "unloaded, nothing left");
	kit_free(img);
}

/* --- livepatch relocations ------------------------------------------------- */

/*
 * What klp-convert does, in memory: symbols named .klp.sym.* become
 * SHN_LIVEPATCH, and the relocation section of klp_data takes the name
 * .klp.rela.vmlinux.klp_data (which the module carries in its string table).
 */
static void klp_convert(void *img)
{
	Elf64_Shdr *sh = (Elf64_Shdr *)shdrs(img);
	int rela = find_section(img, ".relaklp_data");
	int named = find_section(img, ".klp.rela.vmlinux.klp_data");
	unsigned int nsyms = 0;
	Elf64_Sym *sym = find_elf_sym(img, NULL, &nsyms);
	const char *str = NULL;

	for (int i = 1; i < ((Elf64_Ehdr *)img)->e_shnum; i++)
		if (sh[i].sh_type == SHT_SYMTAB)
			str = (const char *)img + sh[sh[i].sh_link].sh_offset;
	if (rela > 0 && named > 0) {
		sh[rela].sh_name = sh[named].sh_name;
		sh[rela].sh_flags |= KIT_SHF_RELA_LIVEPATCH;
	}
	for (unsigned int k = 0; sym && str && k < nsyms; k++)
		if (!strncmp(str + sym[k].st_name, ".klp.sym.", 9))
			sym[k].st_shndx = KIT_SHN_LIVEPATCH;
}

static void test_klp(void)
{
	const struct kit_ksym *d1 = kit_kallsyms_find("kit_modtest_dup", 1, NULL);
	const struct kit_ksym *d2 = kit_kallsyms_find("kit_modtest_dup", 2, NULL);
	size_t size;
	void *img = read_module("modklp", &size);
	struct kit_module *mod;
	char *name;
	int err;

	if (!img)
		return;
	kit_report(d1 && d2 && d1->nr_same == 2, "the kit has two kit_modtest_dup symbols");
	if (!d1 || !d2)
		goto out;

	capture_start();
	err = kit_module_load("modklp", img, size, &mod);
	capture_stop();
	kit_report(err == -ENOENT && strstr(captured, "missing symbol .klp.sym.vmlinux."),
		   "unconverted: the .klp.sym names are missing symbols (%s)", err ? kit_errname(err) : "0");

	klp_convert(img);
	err = kit_module_load("modklp", img, size, &mod);
	kit_report(!err && mod && mod->livepatch, "converted: loads as a livepatch module (%s)",
		   err ? kit_errname(err) : "0");
	if (err)
		goto out;
	void **p1 = kit_module_symbol(mod, "modklp_pos1"), **p2 = kit_module_symbol(mod, "modklp_pos2");
	void **uq = kit_module_symbol(mod, "modklp_unique");
	int32_t *rel2 = kit_module_symbol(mod, "modklp_rel2");
	int (*call)(int) = (int (*)(int))kit_module_symbol(mod, "modklp_call");
	int r1 = call(1), r2 = call(2);

	kit_report(*p1 == (void *)d1->addr && *p2 == (void *)d2->addr,
		   ".klp.sym.vmlinux.kit_modtest_dup,1 and ,2 resolve to positions 1 and 2");
	kit_report(r1 != r2 && (r1 == 1 || r1 == 2) && (r2 == 1 || r2 == 2),
		   "calling them reaches two different static functions (%d, %d)", r1, r2);
	kit_report(*uq == (void *)kit_memcpy, "position 0 of a unique name");
	kit_report((uintptr_t)rel2 + *rel2 == d2->addr, "a PC-relative livepatch relocation");
	err = kit_klp_apply_relocs(mod, "vmlinux");
	kit_report(!err && *p2 == (void *)d2->addr && (uintptr_t)rel2 + *rel2 == d2->addr,
		   "applying them again (as the livepatch core will) is harmless");
	capture_start();
	err = kit_klp_apply_relocs(mod, "somemod");
	capture_stop();
	kit_report(err == -ENOENT && strstr(captured, "only vmlinux"),
		   "object somemod: %s", err ? kit_errname(err) : "0");
	kit_module_unload(mod);
	kit_report(nothing_loaded(), "modklp unloaded");

	/* position 9 does not exist */
	name = NULL;
	for (size_t k = 0; k + 17 <= size && !name; k++)
		if (!memcmp((char *)img + k, "kit_modtest_dup,2", 17))
			name = (char *)img + k;
	if (name) {
		name[16] = '9';
		expect_reject("livepatch symbol at a missing position", img, size, -ENOENT,
			      "missing symbol kit_modtest_dup (position 9 in vmlinux)");
	}
out:
	kit_free(img);
}

KIT_SELFTEST(module)
{
	kit_report(nothing_loaded(), "no module loaded at start");
	test_modtest();
	test_relocs();
	test_bad();
	test_try_load();
	test_far();
	test_klp();
	kit_report(nothing_loaded(), "no module loaded at the end");
}
