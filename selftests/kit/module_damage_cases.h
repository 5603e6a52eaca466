/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The corruptions of module_damage.c, one function each: apply it to @m
 * and say what the loader must answer, or return false when the module
 * has nothing to damage that way.  Each message is the loader's wording
 * of the problem (kernel/module_elf.c, module_tables.c, module_klp.c).
 */

struct dcase {
	const char *name;
	bool (*fn)(struct img *m);
	bool needs_load;	/* only on a module that loads as it is */
};

/* --- the ELF header ------------------------------------------------------ */

static bool c_class32(struct img *m)
{
	m->p[EI_CLASS] = ELFCLASS32;
	expect("EINVAL", "not 64-bit " ENDIAN_NATIVE " ELF version 1 (class 1,");
	return true;
}

static bool c_other_endian(struct img *m)
{
	m->p[EI_DATA] = ELFDATA_OTHER;
	expect("EINVAL", "not 64-bit " ENDIAN_NATIVE " ELF version 1 (class 2, data %u,",
	       ELFDATA_OTHER);
	return true;
}

static bool c_machine(struct img *m)
{
	eh(m)->e_machine += 1;
	expect("EINVAL", "wrong machine %u", eh(m)->e_machine);
	return true;
}

static bool c_type_exec(struct img *m)
{
	eh(m)->e_type = ET_EXEC;
	expect("EINVAL", "ELF type 2, not relocatable");
	return true;
}

static bool c_truncated(struct img *m)
{
	m->size = eh(m)->e_shoff + 8;
	expect("EINVAL", "section header table (%u at 0x%llx) out of the file", shnum(m),
	       (unsigned long long)eh(m)->e_shoff);
	return true;
}

/* --- the section header table ------------------------------------------- */

static bool c_shentsize(struct img *m)
{
	eh(m)->e_shentsize = 40;
	expect("EINVAL", "section headers of 40 bytes, not 64");
	return true;
}

static bool c_shnum_zero(struct img *m)
{
	eh(m)->e_shnum = 0;
	expect("EINVAL", "malformed object: 0 section headers");
	return true;
}

static bool c_shoff_beyond(struct img *m)
{
	expect("EINVAL", "section header table (%u at 0x%llx) out of the file", shnum(m),
	       (unsigned long long)m->size);
	eh(m)->e_shoff = m->size;
	return true;
}

static bool c_shoff_wrap(struct img *m)
{
	expect("EINVAL", "section header table (%u at 0xfffffffffffff000) out of the file",
	       shnum(m));
	eh(m)->e_shoff = 0xfffffffffffff000ull;
	return true;
}

static bool c_shstrndx(struct img *m)
{
	eh(m)->e_shstrndx = shnum(m);
	expect("EINVAL", "section name table index %u out of range", shnum(m));
	return true;
}

/* --- sections ------------------------------------------------------------ */

static bool c_sec_beyond(struct img *m)
{
	int i = find_flags(m, SHF_EXECINSTR, SHF_EXECINSTR, true);

	if (!i || sh(m, i)->sh_size < 2)
		return false;
	sh(m, i)->sh_offset = m->size - 1;
	expect("EINVAL", "section %d extends beyond the file", i);
	return true;
}

static bool c_sec_wrap(struct img *m)
{
	int i = find_flags(m, SHF_EXECINSTR, SHF_EXECINSTR, true);

	if (!i)
		return false;
	sh(m, i)->sh_offset = ~0ull - 7;
	sh(m, i)->sh_size = 16;
	expect("EINVAL", "section %d extends beyond the file", i);
	return true;
}

static bool c_sec_huge(struct img *m)
{
	int i = find_flags(m, SHF_ALLOC, SHF_ALLOC, false);

	if (!i)
		return false;
	sh(m, i)->sh_type = SHT_NOBITS;
	sh(m, i)->sh_size = 1ull << 40;
	expect("EINVAL", "section %d is 1099511627776 bytes", i);
	return true;
}

/* fuzz finding: an allocated section without a type escaped the range check */
static bool c_sec_null_alloc(struct img *m)
{
	int i = find_flags(m, SHF_ALLOC, SHF_ALLOC, true);

	if (!i)
		return false;
	sh(m, i)->sh_type = SHT_NULL;
	sh(m, i)->sh_offset = m->size + (1ull << 20);
	expect("EINVAL", "section %d has no type but is allocated", i);
	return true;
}

/* fuzz finding: a far offset of a NOBITS section was added to the image */
static bool c_nobits_far(struct img *m)
{
	int i = find_flags(m, SHF_ALLOC, SHF_ALLOC, false);

	if (!i)
		return false;
	sh(m, i)->sh_type = SHT_NOBITS;
	sh(m, i)->sh_offset = ~0ull - 4096;
	expect("?", "(a far NOBITS offset is never read: loads or is refused, no crash)");
	return true;
}

/* two sections of 768 MiB each: each allowed, their sum is not */
static bool c_total_huge(struct img *m)
{
	int n = 0;

	for (unsigned int i = 1; i < shnum(m) && n < 2; i++) {
		/* not a table the loader checks first (module_tables.c) */
		if (!(sh(m, i)->sh_flags & SHF_ALLOC) || !sh(m, i)->sh_size ||
		    (sh(m, i)->sh_flags & SHF_EXECINSTR) || (int)i == find_mcount(m) ||
		    !strncmp(secname(m, i), ".orc_", 5))
			continue;
		sh(m, i)->sh_type = SHT_NOBITS;
		sh(m, i)->sh_size = 768ull << 20;
		n++;
	}
	if (n < 2)
		return false;
	expect("E2BIG", "bytes of module memory (at most 1073741824)");
	return true;
}

static bool c_align(struct img *m)
{
	int i = find_flags(m, SHF_EXECINSTR, SHF_EXECINSTR, true);

	if (!i)
		return false;
	sh(m, i)->sh_addralign = 3;
	expect("EINVAL", "section %d has alignment 3", i);
	return true;
}

static bool c_overlap(struct img *m)
{
	int st = find_type(m, SHT_SYMTAB), str = sh(m, st)->sh_link;

	if (sh(m, str)->sh_size > sh(m, st)->sh_size)
		return false;
	sh(m, str)->sh_offset = sh(m, st)->sh_offset + 8;
	expect("EINVAL", "section %d and section %d overlap in the file", st, str);
	return true;
}

static bool c_overlap_header(struct img *m)
{
	int i = smallest(m);

	if (!i)
		return false;
	sh(m, i)->sh_offset = 8;
	expect("EINVAL", "the ELF header and section %d overlap in the file", i);
	return true;
}

static bool c_overlap_shdrs(struct img *m)
{
	int i = smallest(m);

	if (!i || eh(m)->e_shoff + 8 + sh(m, i)->sh_size > m->size)
		return false;
	sh(m, i)->sh_offset = eh(m)->e_shoff + 8;
	expect("EINVAL", "the section header table and section %d overlap in the file", i);
	return true;
}

static bool c_shstrtab_nul(struct img *m)
{
	Elf64_Shdr *s = sh(m, eh(m)->e_shstrndx);

	m->p[s->sh_offset + s->sh_size - 1] = 'x';
	expect("EINVAL", "section name table (section %u) is not a NUL-terminated string table",
	       eh(m)->e_shstrndx);
	return true;
}

/* --- the symbol table ----------------------------------------------------- */

static bool c_no_symtab(struct img *m)
{
	sh(m, find_type(m, SHT_SYMTAB))->sh_type = SHT_PROGBITS;
	expect("EINVAL", "malformed object: no symbol table");
	return true;
}

static bool c_two_symtabs(struct img *m)
{
	int i = find_flags(m, SHF_ALLOC, 0, true);

	if (!i)
		return false;
	sh(m, i)->sh_type = SHT_SYMTAB;
	expect("EINVAL", "malformed object: two symbol tables");
	return true;
}

static bool c_symtab_entsize(struct img *m)
{
	int i = find_type(m, SHT_SYMTAB);

	sh(m, i)->sh_entsize = 16;
	expect("EINVAL", "symbol table (section %d) of", i);
	return true;
}

static bool c_symtab_link(struct img *m)
{
	sh(m, find_type(m, SHT_SYMTAB))->sh_link = 0;
	expect("EINVAL", "symbol table's string table index 0 out of range");
	return true;
}

static bool c_strtab_type(struct img *m)
{
	int str = sh(m, find_type(m, SHT_SYMTAB))->sh_link;

	if (str == eh(m)->e_shstrndx)
		return false;
	sh(m, str)->sh_type = SHT_PROGBITS;
	expect("EINVAL", "symbol string table (section %d) is not a NUL-terminated string table",
	       str);
	return true;
}

static bool c_sym_name(struct img *m)
{
	unsigned int n;
	Elf64_Sym *s = syms(m, &n);

	s[n - 1].st_name = sh(m, sh(m, find_type(m, SHT_SYMTAB))->sh_link)->sh_size + 100;
	expect("EINVAL", "symbol %u's name is out of the string table", n - 1);
	return true;
}

/* fuzz finding: symbol 0 was never checked, and relocations may name it */
static bool c_sym_zero(struct img *m)
{
	unsigned int n;
	Elf64_Sym *s = syms(m, &n);

	s[0].st_shndx = 0x3a00;
	s[0].st_name = 0x7fffffff;
	expect("EINVAL", "symbol 0 is not the null symbol");
	return true;
}

static bool c_sym_shndx(struct img *m)
{
	Elf64_Sym *s = defined_sym(m);

	if (!s)
		return false;
	s->st_shndx = shnum(m) + 5;
	expect("EINVAL", "symbol %s in section %u of %u", symname(m, s), shnum(m) + 5, shnum(m));
	return true;
}

static bool c_sym_value(struct img *m)
{
	Elf64_Sym *s = defined_sym(m);

	if (!s)
		return false;
	s->st_value = sh(m, s->st_shndx)->sh_size + 1;
	expect("EINVAL", "symbol %s lies outside its section", symname(m, s));
	return true;
}

static bool c_sym_common(struct img *m)
{
	Elf64_Sym *s = defined_sym(m);

	if (!s)
		return false;
	s->st_shndx = SHN_COMMON;
	expect("EINVAL", "common symbol %s (build with -fno-common)", symname(m, s));
	return true;
}

/* --- relocation sections ------------------------------------------------ */

static bool c_rela_entsize(struct img *m)
{
	int i = find_type(m, SHT_RELA);

	if (!i)
		return false;
	sh(m, i)->sh_entsize = 16;
	expect("EINVAL", "relocation section %s is not an aligned array of 24-byte entries",
	       secname(m, i));
	return true;
}

static bool c_rela_link(struct img *m)
{
	int i = find_type(m, SHT_RELA);

	if (!i)
		return false;
	sh(m, i)->sh_link = 0;
	expect("EINVAL", "relocation section %s links section 0, not the symbol table",
	       secname(m, i));
	return true;
}

static bool c_rela_info(struct img *m)
{
	int i = find_type(m, SHT_RELA);

	if (!i)
		return false;
	sh(m, i)->sh_info = shnum(m);
	expect("EINVAL", "relocation section %s applies to section %u of %u", secname(m, i),
	       shnum(m), shnum(m));
	return true;
}

static bool c_rel_type(struct img *m)
{
	int i = find_type(m, SHT_RELA);

	if (!i)
		return false;
	sh(m, i)->sh_type = SHT_REL;
	expect("EINVAL", "REL section %s (only RELA is supported)", secname(m, i));
	return true;
}

static bool c_klp_object(struct img *m)
{
	int i = find_type(m, SHT_RELA);

	if (!i)
		return false;
	rename_sec(m, i, ".klp.rela.nosuchobj.text");
	expect("ENOENT", "livepatch relocations .klp.rela.nosuchobj.text for object nosuchobj: only vmlinux");
	return true;
}

static bool c_klp_rela_name(struct img *m)
{
	int i = find_type(m, SHT_RELA);

	if (!i)
		return false;
	rename_sec(m, i, ".klp.rela.vmlinux");
	expect("EINVAL", "livepatch relocation section .klp.rela.vmlinux is not .klp.rela.<object>.<section>");
	return true;
}

/* --- relocations (the load must get as far as applying them) ----------- */

static Elf64_Rela *first_reloc(struct img *m, int *sec)
{
	*sec = loaded_rela(m);
	if (!*sec)
		return NULL;
	for (size_t k = 0; k < sh(m, *sec)->sh_size / sizeof(Elf64_Rela); k++)
		if (ELF64_R_TYPE(rela(m, *sec)[k].r_info))
			return &rela(m, *sec)[k];
	return NULL;
}

static bool c_reloc_sym(struct img *m)
{
	unsigned int n;
	int sec;
	Elf64_Rela *r = first_reloc(m, &sec);

	if (!r)
		return false;
	syms(m, &n);
	r->r_info = ELF64_R_INFO(n, ELF64_R_TYPE(r->r_info));
	expect("EINVAL", "%s entry %zu: symbol %u of %u", secname(m, sec), r - rela(m, sec), n, n);
	return true;
}

static bool c_reloc_offset(struct img *m)
{
	int sec;
	Elf64_Rela *r = first_reloc(m, &sec);

	if (!r)
		return false;
	r->r_offset = sh(m, sh(m, sec)->sh_info)->sh_size;
	expect("EINVAL", "%s entry %zu: offset 0x%llx beyond %s", secname(m, sec), r - rela(m, sec),
	       (unsigned long long)r->r_offset, secname(m, sh(m, sec)->sh_info));
	return true;
}

static bool c_reloc_offset_huge(struct img *m)
{
	int sec;
	Elf64_Rela *r = first_reloc(m, &sec);

	if (!r)
		return false;
	r->r_offset = 1ull << 63;
	expect("EINVAL", "offset 0x8000000000000000 beyond %s", secname(m, sh(m, sec)->sh_info));
	return true;
}

static bool c_reloc_type(struct img *m)
{
	int sec;
	Elf64_Rela *r = first_reloc(m, &sec);

	if (!r)
		return false;
	r->r_info = ELF64_R_INFO(ELF64_R_SYM(r->r_info), 230);
	expect("ENOSYS", "unsupported relocation type 230 in section %s", secname(m, sec));
	return true;
}

/* the last byte of its section: no relocation of this kit fits in one */
static bool c_reloc_room(struct img *m)
{
	int sec;
	Elf64_Rela *r = first_reloc(m, &sec);

	if (!r)
		return false;
	r->r_offset = sh(m, sh(m, sec)->sh_info)->sh_size - 1;
	expect("EINVAL", "at %s+0x%llx: field does not fit or holds an unexpected instruction",
	       secname(m, sh(m, sec)->sh_info), (unsigned long long)r->r_offset);
	return true;
}

static bool c_reloc_unloaded(struct img *m)
{
	unsigned int n;
	Elf64_Sym *s = syms(m, &n);
	int sec;
	Elf64_Rela *r = first_reloc(m, &sec);

	if (!r)
		return false;
	for (unsigned int k = 1; k < n; k++) {
		if (ELF64_ST_TYPE(s[k].st_info) != STT_SECTION || !s[k].st_shndx ||
		    s[k].st_shndx >= shnum(m) || (sh(m, s[k].st_shndx)->sh_flags & SHF_ALLOC))
			continue;
		r->r_info = ELF64_R_INFO(k, ELF64_R_TYPE(r->r_info));
		expect("EINVAL", "relocation against %s in unloaded section %s",
		       secname(m, s[k].st_shndx), secname(m, s[k].st_shndx));
		return true;
	}
	return false;
}

static bool c_missing_sym(struct img *m)
{
	unsigned int n;
	Elf64_Sym *s = syms(m, &n);

	for (unsigned int k = 1; k < n; k++) {
		if (s[k].st_shndx != SHN_UNDEF || !s[k].st_name)
			continue;
		rename_sym(m, &s[k], "kit_no_such_symbol_zz");
		expect("ENOENT", "missing symbol kit_no_such_symbol_zz");
		return true;
	}
	return false;
}

/* --- ORC tables and ftrace sites ------------------------------------------ */

/* The ORC tables: @ip, @orc, @hdr sections, @n ips, @e bytes per entry. */
static bool orc(struct img *m, int *ip, int *orc, int *hdr, uint64_t *n, uint64_t *e)
{
	*ip = find_sec(m, ".orc_unwind_ip");
	*orc = find_sec(m, ".orc_unwind");
	*hdr = find_sec(m, ".orc_header");
	if (!*ip || !*orc || !*hdr || !sh(m, *ip)->sh_size)
		return false;
	*n = sh(m, *ip)->sh_size / 4;
	*e = sh(m, *orc)->sh_size / *n;
	return true;
}

#define ORC_VARS int ip, o, hdr; uint64_t n, e; if (!orc(m, &ip, &o, &hdr, &n, &e)) return false

static bool orc_mismatch(uint64_t n, uint64_t e, uint64_t size)
{
	expect("EINVAL", "ORC tables do not match: %llu ips need %llu bytes of %llu-byte entries, .orc_unwind has %llu",
	       (unsigned long long)n, (unsigned long long)(n * e), (unsigned long long)e,
	       (unsigned long long)size);
	return true;
}

/* the other port's entry size is 2 bytes less or more than this one's */
static bool c_orc_entry_small(struct img *m)
{
	ORC_VARS;
	sh(m, o)->sh_size = n * (e - 2);
	return orc_mismatch(n, e, n * (e - 2));
}

static bool c_orc_entry_big(struct img *m)
{
	uint64_t off;

	ORC_VARS;
	off = append(m, NULL, n * (e + 2));
	sh(m, o)->sh_offset = off;
	sh(m, o)->sh_size = n * (e + 2);
	return orc_mismatch(n, e, n * (e + 2));
}

static bool c_orc_count(struct img *m)
{
	ORC_VARS;
	sh(m, ip)->sh_size -= 4;
	return orc_mismatch(n - 1, e, n * e);
}

static bool c_orc_ip_partial(struct img *m)
{
	ORC_VARS;
	sh(m, ip)->sh_size -= 2;
	expect("EINVAL", ".orc_unwind_ip is %llu bytes, not a list of 4-byte ips",
	       (unsigned long long)sh(m, ip)->sh_size);
	return true;
}

static bool c_orc_ip_align(struct img *m)
{
	ORC_VARS;
	sh(m, ip)->sh_addralign = 1;
	expect("EINVAL", ".orc_unwind_ip is aligned to 1 bytes, its entries need 4");
	return true;
}

static bool c_orc_align(struct img *m)
{
	ORC_VARS;
	sh(m, o)->sh_addralign = 1;
	expect("EINVAL", ".orc_unwind is aligned to 1 bytes, its entries need 2");
	return true;
}

static bool c_orc_hash(struct img *m)
{
	ORC_VARS;
	m->p[sh(m, hdr)->sh_offset + 7] ^= 0xff;
	expect("EINVAL", "ORC format mismatch: .orc_header record 0 is not this kit's format hash");
	return true;
}

static bool c_orc_header_size(struct img *m)
{
	ORC_VARS;
	sh(m, hdr)->sh_size = 19;
	expect("EINVAL", ".orc_header is 19 bytes, not records of 20");
	return true;
}

/* as `ld -r` of this object and one built for another ORC format makes */
static bool c_orc_header_two(struct img *m)
{
	uint8_t two[40];
	uint64_t off;

	ORC_VARS;
	memcpy(two, m->p + sh(m, hdr)->sh_offset, 20);
	memcpy(two + 20, two, 20);
	two[39] ^= 1;
	off = append(m, two, 40);
	sh(m, hdr)->sh_offset = off;
	sh(m, hdr)->sh_size = 40;
	expect("EINVAL", "ORC format mismatch: .orc_header record 1 is not this kit's format hash");
	return true;
}

static bool c_orc_no_header(struct img *m)
{
	ORC_VARS;
	rename_sec(m, hdr, "orc_header_gone");
	expect("EINVAL", "ORC tables without an .orc_header");
	return true;
}

static bool c_orc_unpaired(struct img *m)
{
	ORC_VARS;
	rename_sec(m, o, "orc_unwind_gone");
	expect("EINVAL", ".orc_unwind_ip and .orc_unwind come in pairs (.orc_unwind missing)");
	return true;
}

static bool c_orc_nobits(struct img *m)
{
	ORC_VARS;
	sh(m, o)->sh_type = SHT_NOBITS;
	expect("EINVAL", ".orc_unwind (section %d) is not loaded data", o);
	return true;
}

static bool c_orc_noalloc(struct img *m)
{
	ORC_VARS;
	sh(m, ip)->sh_flags &= ~(uint64_t)SHF_ALLOC;
	expect("EINVAL", ".orc_unwind_ip (section %d) is not loaded data", ip);
	return true;
}

static bool c_orc_two(struct img *m)
{
	int other = find_flags(m, SHF_ALLOC, 0, true);

	ORC_VARS;
	if (!other)
		return false;
	rename_sec(m, other, ".orc_unwind_ip");
	expect("EINVAL", "two sections .orc_unwind_ip (%d and %d)", other < ip ? other : ip,
	       other < ip ? ip : other);
	return true;
}

/* an ip relocated 1 MiB past the module's text */
static bool c_orc_ip_range(struct img *m)
{
	int rs;
	Elf64_Rela *r;

	ORC_VARS;
	rs = rela_for(m, ip);
	r = rs ? rela_at(m, rs, 0) : NULL;
	if (!r)
		return false;
	r->r_addend += 1 << 20;
	expect("EINVAL", ".orc_unwind_ip entry 0 (0x");
	return true;
}

static bool c_mcount_size(struct img *m)
{
	int i = find_mcount(m);

	if (!i || sh(m, i)->sh_size < 8)
		return false;
	sh(m, i)->sh_size -= 4;
	expect("EINVAL", "%s is not an array of addresses", secname(m, i));
	return true;
}

static bool c_mcount_site(struct img *m)
{
	int i = find_mcount(m), rs = i ? rela_for(m, i) : 0;
	Elf64_Rela *r = rs ? rela_at(m, rs, 0) : NULL;

	if (!r)
		return false;
	r->r_addend += 1 << 20;
	expect("EINVAL", "%s entry 0 (0x", secname(m, i));
	return true;
}

#define C(n, f) { n, c_##f, false }
#define L(n, f) { n, c_##f, true }
static const struct dcase cases[] = {
	C("class32", class32), C("other-endian", other_endian), C("machine", machine),
	C("type-exec", type_exec), C("truncated", truncated),
	C("shentsize", shentsize), C("shnum-zero", shnum_zero), C("shoff-beyond", shoff_beyond),
	C("shoff-wrap", shoff_wrap), C("shstrndx", shstrndx),
	C("sec-beyond", sec_beyond), C("sec-wrap", sec_wrap), C("sec-huge", sec_huge),
	C("sec-null-alloc", sec_null_alloc), C("nobits-far", nobits_far),
	C("total-huge", total_huge), C("align", align), C("overlap", overlap),
	C("overlap-header", overlap_header), C("overlap-shdrs", overlap_shdrs),
	C("shstrtab-nul", shstrtab_nul),
	C("no-symtab", no_symtab), C("two-symtabs", two_symtabs),
	C("symtab-entsize", symtab_entsize), C("symtab-link", symtab_link),
	C("strtab-type", strtab_type), C("sym-name", sym_name), C("sym-zero", sym_zero), C("sym-shndx", sym_shndx),
	C("sym-value", sym_value), C("sym-common", sym_common),
	C("rela-entsize", rela_entsize), C("rela-link", rela_link), C("rela-info", rela_info),
	C("rel-type", rel_type), C("klp-object", klp_object), C("klp-rela-name", klp_rela_name),
	C("orc-entry-small", orc_entry_small), C("orc-entry-big", orc_entry_big),
	C("orc-count", orc_count), C("orc-ip-partial", orc_ip_partial),
	C("orc-ip-align", orc_ip_align), C("orc-align", orc_align), C("orc-hash", orc_hash),
	C("orc-header-size", orc_header_size), C("orc-header-two", orc_header_two),
	C("orc-no-header", orc_no_header), C("orc-unpaired", orc_unpaired),
	C("orc-nobits", orc_nobits), C("orc-noalloc", orc_noalloc), C("orc-two", orc_two),
	C("mcount-size", mcount_size),
	L("reloc-sym", reloc_sym), L("reloc-offset", reloc_offset),
	L("reloc-offset-huge", reloc_offset_huge), L("reloc-type", reloc_type),
	L("reloc-room", reloc_room), L("reloc-unloaded", reloc_unloaded),
	L("missing-sym", missing_sym), L("orc-ip-range", orc_ip_range),
	L("mcount-site", mcount_site),
};

/* --- livepatch relocations (on a klp-converted module) ------------------ */

/*
 * What klp-convert does: the relocation section of klp_data becomes
 * .klp.rela.vmlinux.klp_data, and the .klp.sym.* symbols SHN_LIVEPATCH.
 */
static bool klp_convert(struct img *m)
{
	int rs = find_sec(m, ".relaklp_data");
	unsigned int n;
	Elf64_Sym *s;

	if (!rs)
		return false;
	rename_sec(m, rs, ".klp.rela.vmlinux.klp_data");
	sh(m, rs)->sh_flags |= SHF_RELA_LIVEPATCH;
	s = syms(m, &n);
	for (unsigned int k = 1; k < n; k++)
		if (!strncmp(symname(m, &s[k]), ".klp.sym.", 9))
			s[k].st_shndx = SHN_LIVEPATCH;
	return true;
}

/* The converted livepatch relocation section (an empty section shares its name). */
static int klp_rela(struct img *m)
{
	for (unsigned int i = 1; i < shnum(m); i++)
		if (sh(m, i)->sh_type == SHT_RELA && !strcmp(secname(m, i), ".klp.rela.vmlinux.klp_data"))
			return i;
	return 0;
}

static Elf64_Sym *klp_sym(struct img *m)
{
	unsigned int n;
	Elf64_Sym *s = syms(m, &n);

	for (unsigned int k = 1; k < n; k++)
		if (s[k].st_shndx == SHN_LIVEPATCH && strstr(symname(m, &s[k]), ",1"))
			return &s[k];
	return NULL;
}

static bool klp_rename(struct img *m, const char *name)
{
	Elf64_Sym *s = klp_sym(m);

	if (!s)
		return false;
	rename_sym(m, s, name);
	return true;
}

static bool c_klp_sym_missing(struct img *m)
{
	expect("ENOENT", "missing symbol kit_no_such_fn (position 1 in vmlinux)");
	return klp_rename(m, ".klp.sym.vmlinux.kit_no_such_fn,1");
}

static bool c_klp_sym_pos(struct img *m)
{
	expect("ENOENT", "missing symbol kit_modtest_dup (position 9 in vmlinux)");
	return klp_rename(m, ".klp.sym.vmlinux.kit_modtest_dup,9");
}

static bool c_klp_sym_object(struct img *m)
{
	expect("EINVAL", "livepatch symbol .klp.sym.other.kit_modtest_dup,1 belongs to other, not vmlinux");
	return klp_rename(m, ".klp.sym.other.kit_modtest_dup,1");
}

static bool c_klp_sym_format(struct img *m)
{
	expect("EINVAL", "livepatch symbol '.klp.sym.vmlinux.kit_modtest_dup' is not .klp.sym.<obj>.<name>,<pos>");
	return klp_rename(m, ".klp.sym.vmlinux.kit_modtest_dup");
}

static bool c_klp_rela_object(struct img *m)
{
	int rs = klp_rela(m);

	if (!rs)
		return false;
	rename_sec(m, rs, ".klp.rela.othermod.klp_data");
	expect("ENOENT", "livepatch relocations .klp.rela.othermod.klp_data for object othermod: only vmlinux");
	return true;
}

/* livepatch symbols in a section of normal relocations */
static bool c_klp_in_normal(struct img *m)
{
	int rs = klp_rela(m);
	Elf64_Sym *s = klp_sym(m);

	if (!rs || !s)
		return false;
	rename_sec(m, rs, ".rela.klp_data");
	expect("EINVAL", "malformed object: livepatch symbol .klp.sym.vmlinux.");
	return true;
}

static const struct dcase klp_cases[] = {
	L("sym-missing", klp_sym_missing), L("sym-pos", klp_sym_pos),
	L("sym-object", klp_sym_object), L("sym-format", klp_sym_format),
	L("rela-object", klp_rela_object), L("in-normal", klp_in_normal),
};
