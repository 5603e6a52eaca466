// SPDX-License-Identifier: GPL-2.0
/*
 * --check-cfi: compare objtool-lite's stack states with the compiler's own
 * DWARF CFI, instruction by instruction.  On architectures without an
 * upstream objtool this is the only independent oracle we have.
 *
 * At every instruction start where the CFI defines a CFA, three things must
 * agree with insn->cfi (the state before the instruction, which is what the
 * CFI row for that address describes):
 *   - the CFA rule: register + offset;
 *   - where the caller's frame pointer is: DWARF "same value" (or
 *     "undefined") is our CFI_UNDEFINED, "offset(N)" is CFI_CFA + N;
 *   - the same for the return-address register, on ports that have one
 *     (arch->cfi_ra; where the call pushes it, it is always at a fixed
 *     offset from the CFA and there is nothing to compare).
 * Two kinds of difference are counted as agreement, but apart ("equivalent",
 * each one printed with --verbose): a CFA through another register that
 * holds the same address (match_cfa: for the frame pointer, proven with
 * DWARF's own rule for where fp was saved; for other registers, on
 * objtool-lite's word), and a register gcc forgot to mark restored
 * (match_saved).  The summary counts identical, fp-proven equivalent,
 * other equivalent and disagreeing addresses separately, and the addresses
 * with a DWARF CFA where objtool-lite has no state: those count as
 * failures in the agreement figure (no ORC entry there, no unwind).
 *
 * Reading CFI of a relocatable object with libdw
 * ----------------------------------------------
 * In an ET_REL file every text section starts at address 0 and an FDE's
 * initial location is 0 plus a relocation against a section symbol, so the
 * raw tables describe many functions at overlapping addresses.  libdwfl's
 * offline mode (dwfl_report_offline) solves half of this: it lays the
 * SHF_ALLOC sections out at distinct addresses in its private copy of the
 * ELF (sh_addr is rewritten), and dwfl_module_getelf() applies the
 * relocations it knows.  It only knows "simple" (absolute) types, though:
 * the 32-bit PC-relative types (arch->orc_ip_reloc) that gcc uses for
 * .eh_frame's initial locations are skipped, which leaves every FDE of
 * .eh_frame pointing at itself.  So:
 *   - .debug_frame (absolute relocations) is used through
 *     dwfl_module_dwarf_cfi() as libdwfl relocated it;
 *   - .eh_frame gets its remaining PC-relative relocations applied here,
 *     S + A - P with libdwfl's layout for S and P, into libdwfl's private
 *     copy of the section, before dwfl_module_eh_cfi() first parses it.
 *     The relocations are our own (elf.c read them); the type applied is the
 *     port's 32-bit PC-relative one, which is also what .orc_unwind_ip uses
 *     (arch->orc_ip_reloc).
 * Then each instruction (section, offset) is looked up at libdwfl's address
 * of its section plus the offset; dwfl_module_relocate_address() maps such
 * an address back and is used to check the layout once per section.
 *
 * libelf is used here only on libdwfl's copy (its layout lives in that copy's
 * section headers); the object itself is still only elf.c's business.
 */
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <objtool/cfi_bounds.h>
#include <objtool/disas.h>
#include <objtool/elf.h>
#include <objtool/warn.h>

struct cfi_oracle {
	Dwfl *dwfl;
	Dwfl_Module *mod;
	Elf *elf;		/* libdwfl's copy, sections laid out */
	Dwarf_Addr elf_bias;
	Dwarf_CFI *cfi;
	Dwarf_Addr cfi_bias;
	const char *source;	/* ".eh_frame" or ".debug_frame" */
};

/*
 * Every address with a DWARF CFA is compared, and ends in exactly one of
 * agree (identical or equivalent), disagree or no state.  An address the
 * walk never gave a state gets no ORC entry an unwinder could use, so it
 * counts against the figure like a disagreement, never as "not compared".
 */
struct cfi_counts {
	unsigned long compared;		/* = agree + disagree + no_state */
	unsigned long agree;
	unsigned long equiv;		/* of agree: equivalent, not identical */
	unsigned long equiv_fp;		/* of equiv: CFA on fp, checked by DWARF's fp slot */
	unsigned long disagree;
	unsigned long no_state;		/* CFI there, but objtool-lite has no state */
	unsigned long no_dwarf;		/* no FDE, or the CFA is undefined */
	unsigned long padding;		/* NOPs no path reaches: never a pc */
};

/*
 * One DWARF rule, in our notation when it has one; @other describes the
 * rules objtool-lite cannot express (an expression, a register rule).
 */
struct dwarf_rule {
	struct cfi_reg r;
	const char *other;
};

static const Dwfl_Callbacks offline_callbacks = {
	.find_elf = dwfl_build_id_find_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.section_address = dwfl_offline_section_address,
};

/* libdwfl's address of section @idx, or 0 if it did not place it. */
static Dwarf_Addr oracle_sec_addr(const struct cfi_oracle *o, unsigned int idx)
{
	GElf_Shdr sh;
	Elf_Scn *scn = elf_getscn(o->elf, idx);

	if (!scn || !gelf_getshdr(scn, &sh) || !(sh.sh_flags & SHF_ALLOC))
		return 0;
	return sh.sh_addr + o->elf_bias;
}

static void put32(uint8_t *p, uint32_t v, bool big)
{
	for (int i = 0; i < 4; i++)
		p[big ? 3 - i : i] = v >> (8 * i);
}

/*
 * Apply the PC-relative relocations of .eh_frame that libdwfl left out
 * (see the comment at the top).  Returns the number it could not apply.
 */
static int fix_eh_frame(struct objtool_file *file, struct cfi_oracle *o,
			const struct section *eh)
{
	bool big = file->ehdr.e_ident[EI_DATA] == ELFDATA2MSB;
	Elf_Scn *scn = elf_getscn(o->elf, eh->idx);
	Elf_Data *data = scn ? elf_rawdata(scn, NULL) : NULL;
	Dwarf_Addr p0 = oracle_sec_addr(o, eh->idx);
	int skipped = 0;

	if (!data || !data->d_buf)
		return -1;
	for (unsigned int i = 0; i < eh->nr_relocs; i++) {
		const struct reloc *r = &eh->relocs[i];
		Dwarf_Addr s;

		if (r->type != file->arch->orc_ip_reloc)
			continue;	/* absolute: libdwfl applied it */
		if (!r->sym->sec || r->offset + 4 > data->d_size ||
		    !(s = oracle_sec_addr(o, r->sym->sec->idx))) {
			skipped++;	/* e.g. a personality routine */
			continue;
		}
		s += r->sym->offset + r->addend;
		put32((uint8_t *)data->d_buf + r->offset,
		      (uint32_t)(s - (p0 + r->offset)), big);
	}
	return skipped;
}

/* The CFI in libdwfl's copy of @sec stays within cfi_bounds.c's limits. */
static int oracle_cfi_bounded(struct objtool_file *file, struct cfi_oracle *o,
			      const struct section *sec)
{
	Elf_Scn *scn = elf_getscn(o->elf, sec->idx);
	Elf_Data *data = scn ? elf_rawdata(scn, NULL) : NULL;
	struct cfi_bounds_error err;

	if (!data || !data->d_buf)
		return 0;	/* libdw's to report */
	if (!cfi_check_bounds(file->ehdr.e_ident, data, !strcmp(sec->name, ".eh_frame"), &err))
		return 0;
	if (err.reg != UINT64_MAX)
		ERROR("%s: --check-cfi: %s: the entry at +0x%lx %s (DWARF register %lu): not handed to libdw",
		      file->path, sec->name, err.offset, err.why, (unsigned long)err.reg);
	else
		ERROR("%s: --check-cfi: %s: the entry at +0x%lx %s: not handed to libdw",
		      file->path, sec->name, err.offset, err.why);
	return -1;
}

static int oracle_pick_cfi(struct objtool_file *file, struct cfi_oracle *o)
{
	struct section *eh = find_section_by_name(file, ".eh_frame");
	struct section *debug = find_section_by_name(file, ".debug_frame");

	/* .debug_frame is what a debugger trusts when both exist */
	if (debug) {
		if (oracle_cfi_bounded(file, o, debug))
			return -1;
		o->cfi = dwfl_module_dwarf_cfi(o->mod, &o->cfi_bias);
		o->source = ".debug_frame";
		if (o->cfi)
			return 0;
	}
	if (!eh) {
		ERROR("%s: --check-cfi: no DWARF CFI (.eh_frame or .debug_frame) to compare with",
		      file->path);
		return -1;
	}
	if (file->ehdr.e_type == ET_REL && fix_eh_frame(file, o, eh) < 0) {
		ERROR("%s: --check-cfi: cannot relocate .eh_frame", file->path);
		return -1;
	}
	if (oracle_cfi_bounded(file, o, eh))
		return -1;
	o->cfi = dwfl_module_eh_cfi(o->mod, &o->cfi_bias);
	o->source = ".eh_frame";
	if (!o->cfi) {
		ERROR("%s: --check-cfi: %s: %s", file->path, o->source,
		      dwfl_errmsg(-1));
		return -1;
	}
	return 0;
}

static int oracle_open(struct objtool_file *file, struct cfi_oracle *o)
{
	memset(o, 0, sizeof(*o));
	o->dwfl = dwfl_begin(&offline_callbacks);
	if (!o->dwfl)
		goto err;
	/* our private copy, never the input again: it may have changed */
	o->mod = dwfl_report_offline(o->dwfl, file->path, file->path,
				     dup(file->fd));
	if (!o->mod)
		goto err;
	if (dwfl_report_end(o->dwfl, NULL, NULL))
		goto err;
	/* lays the sections out and applies the relocations libdwfl knows */
	o->elf = dwfl_module_getelf(o->mod, &o->elf_bias);
	if (!o->elf)
		goto err;
	return oracle_pick_cfi(file, o);
err:
	ERROR("%s: --check-cfi: libdwfl: %s", file->path, dwfl_errmsg(-1));
	return -1;
}

static void oracle_close(struct cfi_oracle *o)
{
	if (o->dwfl)
		dwfl_end(o->dwfl);
}

/*
 * Checks that libdwfl maps @addr back to (@sec, @offset): the same section
 * index and size on both sides.  A mismatch means the file on disk is not
 * the one elf.c read (it was rewritten in between) or the layout is not
 * what this file assumes; comparing would then be meaningless.
 */
static bool oracle_layout_ok(struct cfi_oracle *o, const struct section *sec,
			     Dwarf_Addr addr)
{
	Dwarf_Addr back = addr;
	GElf_Word shndx = 0;
	int i = dwfl_module_relocate_address(o->mod, &back);
	Elf_Scn *scn = elf_getscn(o->elf, sec->idx);
	GElf_Shdr sh;

	if (i < 0 || !dwfl_module_relocation_info(o->mod, i, &shndx))
		return false;
	return shndx == sec->idx && back == 0 && scn && gelf_getshdr(scn, &sh) &&
	       sh.sh_size == sec->size;
}

/* DWARF operations of a register rule, as our struct cfi_reg. */
static void parse_reg_rule(const Dwarf_Op *ops, size_t nops,
			   struct dwarf_rule *rule)
{
	rule->other = NULL;
	rule->r.offset = 0;
	if (!nops) {
		/*
		 * "same value" (ops NULL) and "undefined" (ops set): both
		 * mean the frame did not save it, which is our CFI_UNDEFINED.
		 */
		rule->r.base = CFI_UNDEFINED;
		return;
	}
	if (ops[0].atom == DW_OP_call_frame_cfa &&
	    (nops == 1 || (nops == 2 && ops[1].atom == DW_OP_plus_uconst))) {
		rule->r.base = CFI_CFA;
		rule->r.offset = nops == 2 ? (int32_t)(Dwarf_Sword)ops[1].number : 0;
		return;
	}
	/* DW_CFA_expression "breg N": saved at register + offset */
	if (nops == 1 && ops[0].atom >= DW_OP_breg0 && ops[0].atom <= DW_OP_breg31) {
		rule->r.base = ops[0].atom - DW_OP_breg0;
		rule->r.offset = (int32_t)(Dwarf_Sword)ops[0].number;
		return;
	}
	rule->r.base = CFI_UNDEFINED;
	if (nops == 1 && ops[0].atom >= DW_OP_reg0 && ops[0].atom <= DW_OP_reg31) {
		/* DW_CFA_register: kept in another register */
		rule->r.base = CFI_IN_REG | (ops[0].atom - DW_OP_reg0);
	} else if (nops == 1 && ops[0].atom == DW_OP_regx && ops[0].number < CFI_NUM_REGS) {
		rule->r.base = CFI_IN_REG | (int32_t)ops[0].number;
	} else {
		rule->other = nops == 1 && ops[0].atom == DW_OP_regx ? "register"
								     : "expression";
	}
}

/* The CFA rule; false when the CFI leaves the CFA undefined here. */
static bool dwarf_cfa(Dwarf_Frame *frame, struct dwarf_rule *rule)
{
	Dwarf_Op *ops;
	size_t nops;

	rule->other = NULL;
	if (dwarf_frame_cfa(frame, &ops, &nops) || !nops)
		return false;
	if (nops == 1 && ops[0].atom == DW_OP_bregx) {
		rule->r.base = ops[0].number;
		rule->r.offset = (int32_t)(Dwarf_Sword)ops[0].number2;
	} else {
		rule->r.base = CFI_UNDEFINED;
		rule->other = "expression";
	}
	return true;
}

static void dwarf_reg(Dwarf_Frame *frame, int reg, struct dwarf_rule *rule)
{
	Dwarf_Op mem[3], *ops;
	size_t nops;

	if (dwarf_frame_register(frame, reg, mem, &ops, &nops)) {
		rule->r.base = CFI_UNDEFINED;
		rule->r.offset = 0;
		rule->other = "error";
		return;
	}
	parse_reg_rule(ops, nops, rule);
}

/*
 * How an objtool-lite rule relates to the DWARF one.  EQUIV: a different
 * rule that gives the same answer given what objtool-lite knows about the
 * other registers (counted as agreement, listed with --verbose).
 */
enum match { MATCH_EXACT, MATCH_EQUIV_FP, MATCH_EQUIV, MATCH_NONE };

#define NOT_RESTORED	INT32_MIN

/*
 * Per function, in address order: the CFA offset each of fp and ra was last
 * restored from, for match_saved().  A restore is an instruction that
 * loads the register (pop, ldr/ldp) while objtool-lite's state goes from
 * "saved at CFA+N" before it to "same" after it.
 */
struct restore_track {
	const struct symbol *func;
	const struct instruction *prev;
	int32_t from[2];		/* [0] fp, [1] ra */
	/* saved by the instruction before and not written since */
	bool unchanged[2];
};

static bool loads_reg(const struct objtool_file *file,
		      const struct instruction *insn, int reg)
{
	const struct stack_op *op = insn_ops(file, insn);

	for (unsigned int i = 0; i < insn->nr_ops; i++)
		if ((op[i].kind == OP_POP || op[i].kind == OP_LOAD) &&
		    op[i].dst == reg)
			return true;
	return false;
}

/* Does @insn write @reg (so that it no longer holds the value it saved)? */
static bool writes_reg(const struct objtool_file *file,
		       const struct instruction *insn, int reg)
{
	const struct stack_op *op = insn_ops(file, insn);

	for (unsigned int i = 0; i < insn->nr_ops; i++) {
		switch (op[i].kind) {
		case OP_PUSH:
		case OP_PUSHF:
		case OP_STORE:
			break;
		default:
			if (op[i].dst == reg)
				return true;
		}
	}
	return false;
}

static void track_restores(const struct objtool_file *file, struct restore_track *t,
			   const struct instruction *insn)
{
	const int regs[2] = { file->arch->cfi_fp, file->arch->cfi_ra };
	const struct instruction *prev = t->prev;
	const struct cfi_state *cfi = insn->cfi;

	if (insn->func != t->func) {
		t->func = insn->func;
		prev = NULL;
		t->from[0] = t->from[1] = NOT_RESTORED;
		t->unchanged[0] = t->unchanged[1] = false;
	}
	t->prev = insn;
	if (!cfi)
		return;
	for (int i = 0; i < 2; i++) {
		int r = regs[i];

		if (r < 0 || r >= CFI_NUM_REGS)
			continue;
		if (cfi->regs[r].base == CFI_CFA)
			t->from[i] = NOT_RESTORED;
		else if (prev && prev->cfi && prev->cfi->regs[r].base == CFI_CFA &&
			 loads_reg(file, prev, r))
			t->from[i] = prev->cfi->regs[r].offset;
		if (cfi->regs[r].base != CFI_CFA || !prev || !prev->cfi)
			t->unchanged[i] = false;
		else if (prev->cfi->regs[r].base == CFI_UNDEFINED)
			t->unchanged[i] = !writes_reg(file, prev, r);
		else if (writes_reg(file, prev, r))
			t->unchanged[i] = false;
	}
}

/* sp's distance below the CFA according to objtool-lite, or -1. */
static int sp_below_cfa(const struct objtool_arch *arch, const struct cfi_state *cfi)
{
	if (cfi->cfa.base == arch->cfi_sp)
		return cfi->cfa.offset;
	return cfi->stack_size > 0 ? cfi->stack_size : -1;
}

/*
 * gcc may keep the CFA on sp after "fp = sp" (sp no longer moves), where a
 * walk that follows the frame pointer switches to fp.  Counting
 * that as agreement needs proof that fp really holds CFA - offset, and
 * objtool-lite's own bookkeeping (stack_size) is no proof: it is what is
 * being checked.  The proof comes from DWARF itself: on every port the
 * frame setup (push fp then fp = sp, or a store of the fp/return-address
 * pair then fp = sp or sp + off to that frame record) leaves fp pointing
 * at the slot where the caller's frame pointer was saved.  So when DWARF
 * says fp is saved at CFA-K, fp = CFA-K and "CFA = fp + M" holds only for
 * M = K (@dfp is DWARF's rule for fp).  Both that and sp's distance (so a
 * later return to sp-based rules starts right) must hold: MATCH_EQUIV_FP.
 * Other registers (vals[]) and the sp-based rules of a DRAP frame are
 * taken on objtool-lite's word: MATCH_EQUIV.
 */
static enum match match_cfa(const struct objtool_arch *arch,
			    const struct dwarf_rule *d, const struct dwarf_rule *dfp,
			    const struct cfi_state *cfi)
{
	int r = d->r.base;

	if (d->other)
		return MATCH_NONE;
	if (r == cfi->cfa.base && d->r.offset == cfi->cfa.offset)
		return MATCH_EXACT;
	if (r == arch->cfi_sp && cfi->cfa.base == arch->cfi_fp) {
		if (dfp->other || dfp->r.base != CFI_CFA ||
		    dfp->r.offset != -cfi->cfa.offset)
			return MATCH_NONE;
		return d->r.offset == sp_below_cfa(arch, cfi) ? MATCH_EQUIV_FP
							      : MATCH_NONE;
	}
	if (r == arch->cfi_sp && d->r.offset == sp_below_cfa(arch, cfi))
		return MATCH_EQUIV;
	if (r >= 0 && r < CFI_NUM_REGS && r != arch->cfi_sp &&
	    cfi->vals[r].base == CFI_CFA && -cfi->vals[r].offset == d->r.offset)
		return MATCH_EQUIV;
	return MATCH_NONE;
}

/*
 * gcc does not always say when a register is restored: a pop of fp, or
 * the instruction that tears the whole frame down, comes without
 * .cfi_restore, and neither does the reload of the fp/return-address pair
 * of a large frame until the final sp adjustment.  Its CFI then
 * still names the save slot, where objtool-lite (which saw the load) says
 * "same".  Both give the caller's value as long as the slot is intact, so
 * the pair counts as equivalent -- but only when objtool-lite itself saw
 * the register saved at that very slot and then restored (@restored_from),
 * so that a save it missed is still reported.
 *
 * The other way round, gcc may describe a save late: the saves of one
 * store-multiple are recorded with the frame allocation that follows a few
 * instructions later, or with the copy of sp into the frame pointer.
 * Until then its CFI says "same" where objtool-lite (which saw the store)
 * names the slot; both are right while the register still holds what it
 * stored.  That counts as equivalent only when objtool-lite saw the save
 * in the instruction before the run and no instruction of the run writes
 * the register (@unchanged).
 */
static enum match match_saved(const struct dwarf_rule *d, const struct cfi_reg *ours,
			      int32_t restored_from, bool unchanged)
{
	if (d->other)
		return MATCH_NONE;
	if (d->r.base == ours->base &&
	    (ours->base == CFI_UNDEFINED || d->r.offset == ours->offset))
		return MATCH_EXACT;
	if (d->r.base == CFI_CFA && ours->base == CFI_UNDEFINED &&
	    restored_from != NOT_RESTORED && d->r.offset == restored_from)
		return MATCH_EQUIV;
	if (d->r.base == CFI_UNDEFINED && ours->base == CFI_CFA && unchanged)
		return MATCH_EQUIV;
	return MATCH_NONE;
}

/* Appends "what dwarf=X objtool=Y" to @msg. */
static void describe(const struct objtool_arch *arch, const char *what,
		     const struct dwarf_rule *d, const struct cfi_reg *ours,
		     bool is_cfa, char *msg, size_t size)
{
	char dw[48], ob[48];
	size_t len = strlen(msg);

	if (d->other)
		snprintf(dw, sizeof(dw), "%s", d->other);
	else if (is_cfa)
		format_cfa(arch, &d->r, dw, sizeof(dw));
	else
		format_saved_reg(arch, &d->r, dw, sizeof(dw));
	if (is_cfa)
		format_cfa(arch, ours, ob, sizeof(ob));
	else
		format_saved_reg(arch, ours, ob, sizeof(ob));
	snprintf(msg + len, size - len, "%s%s dwarf=%s objtool=%s",
		 len ? ", " : "", what, dw, ob);
}

/* The worse of the saved-register verdicts for @reg, described in @msg. */
/*
 * DWARF keeps @reg in another register R ("mflr r0": the return address
 * in r0) where objtool-lite keeps it in @reg itself or already in its save
 * slot, and objtool-lite knows R holds a copy of the caller's @reg (vals[],
 * CFI_CALLER_REG; taken on its word): all name the same value.
 */
static bool in_copy_reg(const struct dwarf_rule *d, const struct cfi_state *cfi, int reg)
{
	int r = d->r.base & ~CFI_IN_REG;

	if (d->other || d->r.base < 0 || !(d->r.base & CFI_IN_REG) || r >= CFI_NUM_REGS)
		return false;
	return (cfi->regs[reg].base == CFI_UNDEFINED || cfi->regs[reg].base == CFI_CFA) &&
	       cfi->vals[r].base == CFI_CALLER_REG && cfi->vals[r].offset == reg;
}

static enum match compare_saved(struct objtool_file *file, Dwarf_Frame *frame,
				int reg, int32_t restored_from, bool unchanged,
				const struct cfi_state *cfi, char *msg, size_t size)
{
	const struct objtool_arch *arch = file->arch;
	struct dwarf_rule d;
	enum match m;
	char name[16];

	dwarf_reg(frame, reg, &d);
	m = in_copy_reg(&d, cfi, reg) ? MATCH_EQUIV :
	    match_saved(&d, &cfi->regs[reg], restored_from, unchanged);
	if (m != MATCH_EXACT)
		describe(arch, cfi_reg_name(arch, reg, name, sizeof(name)), &d,
			 &cfi->regs[reg], false, msg, size);
	return m;
}

/* CFA, frame pointer and return address (where the arch has one). */
static enum match compare_frame(struct objtool_file *file, Dwarf_Frame *frame,
				const struct dwarf_rule *cfa,
				const struct restore_track *t,
				const struct cfi_state *cfi, char *msg, size_t size)
{
	const struct objtool_arch *arch = file->arch;
	enum match m, worst;

	struct dwarf_rule dfp;

	msg[0] = '\0';
	dwarf_reg(frame, arch->cfi_fp, &dfp);
	worst = match_cfa(arch, cfa, &dfp, cfi);
	if (worst != MATCH_EXACT)
		describe(arch, "cfa", cfa, &cfi->cfa, true, msg, size);
	m = compare_saved(file, frame, arch->cfi_fp, t->from[0], t->unchanged[0],
			  cfi, msg, size);
	worst = m > worst ? m : worst;
	if (arch->cfi_ra >= 0 && arch->cfi_ra < CFI_NUM_REGS) {
		m = compare_saved(file, frame, arch->cfi_ra, t->from[1],
				  t->unchanged[1], cfi, msg, size);
		worst = m > worst ? m : worst;
	}
	return worst;
}

static void report(struct objtool_file *file, const struct instruction *insn,
		   enum match m, const char *msg, struct cfi_counts *c)
{
	bool verbose = file->opts && file->opts->verbose;

	c->compared++;
	if (m == MATCH_NONE) {
		c->disagree++;
		/*
		 * warn_insn() speaks once per function; --verbose lists every
		 * address, which is what one wants when studying a port.
		 */
		warn_insn(file, insn, "CFI mismatch: %s", msg);
		if (verbose)
			fprintf(stderr, "%s: note: objtool: %s: CFI mismatch: %s\n",
				objname, insn_location(insn), msg);
		return;
	}
	c->agree++;
	if (m == MATCH_EQUIV_FP || m == MATCH_EQUIV) {
		c->equiv++;
		c->equiv_fp += m == MATCH_EQUIV_FP;
		if (verbose)
			fprintf(stderr, "%s: note: objtool: %s: CFI equivalent: %s\n",
				objname, insn_location(insn), msg);
	}
}

static void check_insn(struct objtool_file *file, struct cfi_oracle *o,
		       const struct instruction *insn, Dwarf_Addr addr,
		       const struct restore_track *t, struct cfi_counts *c)
{
	Dwarf_Frame *frame;
	struct dwarf_rule cfa;
	char msg[256];

	if (dwarf_cfi_addrframe(o->cfi, addr - o->cfi_bias, &frame)) {
		c->no_dwarf++;		/* no FDE covers it: padding, asm */
		return;
	}
	if (!dwarf_cfa(frame, &cfa))
		c->no_dwarf++;
	else if (!insn->cfi && insn->type == INSN_NOP)
		c->padding++;	/* alignment between blocks: nothing runs it */
	else if (!insn->cfi) {
		c->compared++;
		c->no_state++;
		if (file->opts && file->opts->verbose)
			fprintf(stderr, "%s: note: objtool: %s: CFI but no objtool state\n",
				objname, insn_location(insn));
	} else
		report(file, insn, compare_frame(file, frame, &cfa, t, insn->cfi,
						 msg, sizeof(msg)), msg, c);
	free(frame);
}

static int check_section(struct objtool_file *file, struct cfi_oracle *o,
			 const struct section *sec, struct cfi_counts *c)
{
	Dwarf_Addr base = oracle_sec_addr(o, sec->idx);
	struct restore_track t = {
		.from = { NOT_RESTORED, NOT_RESTORED },
	};

	if (!sec->nr_insns)
		return 0;
	if (!base || !oracle_layout_ok(o, sec, base)) {
		ERROR("%s: --check-cfi: libdwfl's view of section %s differs from ours",
		      file->path, sec->name);
		return -1;
	}
	for (unsigned int i = 0; i < sec->nr_insns; i++) {
		track_restores(file, &t, &sec->insns[i]);
		check_insn(file, o, &sec->insns[i], base + sec->insns[i].offset, &t, c);
	}
	return 0;
}

static double pct(unsigned long n, unsigned long of)
{
	return of ? 100.0 * n / of : 0.0;
}

/*
 * The first line is the figure: the share of compared addresses that
 * agree, where an address without an objtool-lite state is a failure.
 */
static void print_summary(const struct cfi_oracle *o, const struct cfi_counts *c)
{
	fprintf(stderr, "check-cfi: %lu addresses compared, %lu agree (%.3f%%), %lu disagree (%.3f%%), %lu without objtool state (%.3f%%)\n",
		c->compared, c->agree, pct(c->agree, c->compared),
		c->disagree, pct(c->disagree, c->compared),
		c->no_state, pct(c->no_state, c->compared));
	fprintf(stderr, "check-cfi: %lu of them equivalent, not identical (%.3f%% identical); not compared: %lu without a DWARF CFA (%s), %lu unreached padding NOPs\n",
		c->equiv, pct(c->agree - c->equiv, c->compared), c->no_dwarf,
		o->source, c->padding);
	fprintf(stderr, "check-cfi: %lu identical, %lu equivalent with the frame pointer checked against DWARF's fp slot, %lu equivalent otherwise, %lu disagree, %lu without objtool state\n",
		c->agree - c->equiv, c->equiv_fp, c->equiv - c->equiv_fp,
		c->disagree, c->no_state);
}

int check_cfi(struct objtool_file *file)
{
	struct cfi_oracle o;
	struct cfi_counts c = { 0 };
	int ret = 0;

	if (!file->nr_insns) {
		/* data-only objects (tables, empty units): nothing to compare */
		fprintf(stderr, "check-cfi: 0 addresses compared, 0 agree (0.000%%): no instructions\n");
		return 0;
	}
	if (oracle_open(file, &o)) {
		oracle_close(&o);
		return -1;
	}
	for (unsigned int i = 1; i < file->nr_secs && !ret; i++)
		if (file->secs[i].text)
			ret = check_section(file, &o, &file->secs[i], &c);
	if (!ret)
		print_summary(&o, &c);
	oracle_close(&o);
	return ret;
}
