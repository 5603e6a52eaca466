// SPDX-License-Identifier: GPL-2.0
/*
 * The bounds --check-cfi holds DWARF CFI to before libdw executes it.
 *
 * libdw sizes every frame it builds by the highest register number the
 * CIE and FDE programs name, clears it for every lookup, and copies it for
 * every DW_CFA_remember_state.  One DW_CFA_offset_extended_sf naming
 * register 237945020 in a 37 KB object (found by the objtool:check-cfi
 * fuzz target) made one run take 29 s and 1.9 GB; nested remember_states
 * multiply that.  No ABI numbers a DWARF register anywhere near 4096
 * (the widest numbering any ABI defines stays under 1300) and compilers nest
 * remember_state a level or two, so a program beyond either bound is
 * refused, with its place named, before libdw sees it.
 *
 * Only the instruction streams are read here: every CIE's and FDE's, in
 * the section libdw is about to read, as dwarf_next_cfi() delimits them.
 * An FDE's instructions follow its initial location, address range and
 * (for a "z" CIE) augmentation data, whose sizes come from its CIE.
 */
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <stdio.h>
#include <string.h>

#include <objtool/cfi_bounds.h>

#define CFI_MAX_DWARF_REG	4096
#define CFI_MAX_STATE_DEPTH	64

struct cursor {
	const uint8_t *p, *end;
	bool bad;
};

/*
 * A ULEB128 too wide for 64 bits reads as UINT64_MAX, not as its low
 * bits: whatever a reader that keeps other bits makes of it, the bound
 * refuses it rather than letting it through as a small register.
 */
static uint64_t uleb(struct cursor *c)
{
	uint64_t v = 0;
	unsigned int shift = 0;
	bool wide = false;

	while (c->p < c->end) {
		uint8_t b = *c->p++, bits = b & 0x7f;

		if (shift < 64) {
			v |= (uint64_t)bits << shift;
			wide |= shift && ((uint64_t)bits >> (64 - shift)) != 0;
		} else {
			wide |= bits != 0;
		}
		shift += 7;
		if (!(b & 0x80))
			return wide ? UINT64_MAX : v;
	}
	c->bad = true;
	return 0;
}

static void skip(struct cursor *c, uint64_t n)
{
	if (n > (uint64_t)(c->end - c->p)) {
		c->bad = true;
		c->p = c->end;
		return;
	}
	c->p += n;
}

/* The size of a pointer of DW_EH_PE encoding @enc; 0 for a LEB128 one. */
static int encoded_size(uint8_t enc)
{
	switch (enc & 0x0f) {
	case DW_EH_PE_absptr:	return 8;	/* ELF64 only */
	case DW_EH_PE_udata2:
	case DW_EH_PE_sdata2:	return 2;
	case DW_EH_PE_udata4:
	case DW_EH_PE_sdata4:	return 4;
	case DW_EH_PE_udata8:
	case DW_EH_PE_sdata8:	return 8;
	case DW_EH_PE_uleb128:
	case DW_EH_PE_sleb128:	return 0;
	default:		return -1;
	}
}

static void skip_encoded(struct cursor *c, uint8_t enc)
{
	int n = encoded_size(enc);

	if (n < 0)
		c->bad = true;
	else if (n)
		skip(c, n);
	else
		uleb(c);	/* an SLEB128 has the same length */
}

struct fde_layout {
	uint8_t enc;		/* pointer encoding of the FDE's addresses */
	bool aug_len;		/* a ULEB128 augmentation length follows */
};

/* What a CIE's augmentation says about its FDEs' layout; false: unknown. */
static bool cie_layout(const Dwarf_CIE *cie, bool eh_frame, struct fde_layout *l)
{
	struct cursor c = { .p = cie->augmentation_data,
			    .end = cie->augmentation_data + cie->augmentation_data_size };
	const char *a = cie->augmentation;

	*l = (struct fde_layout){ .enc = DW_EH_PE_absptr };
	if (!eh_frame || !a || a[0] != 'z')
		return !a || !a[0];
	l->aug_len = true;
	for (a++; *a && !c.bad; a++) {
		switch (*a) {
		case 'R':
			if (c.p >= c.end)
				return false;
			l->enc = *c.p++;
			break;
		case 'L':
			skip(&c, 1);
			break;
		case 'P': {
			uint8_t enc;

			if (c.p >= c.end)
				return false;
			enc = *c.p++;
			skip_encoded(&c, enc);
			break;
		}
		case 'S': case 'B': case 'G':
			break;
		default:
			return false;
		}
	}
	return !c.bad && encoded_size(l->enc) >= 0;
}

static int check_reg(uint64_t reg, const char **why)
{
	if (reg < CFI_MAX_DWARF_REG)
		return 0;
	*why = "names a register beyond any ABI's DWARF numbering";
	return -1;
}

/* A ULEB128 register operand, held to the bound; -1 with *why and *bad_reg. */
static int read_reg(struct cursor *c, const char **why, uint64_t *bad_reg)
{
	uint64_t reg = uleb(c);

	if (c->bad || !check_reg(reg, why))
		return 0;	/* a truncated operand is libdw's to report */
	*bad_reg = reg;
	return -1;
}

/*
 * One CFI program.  Returns 0, or -1 with *why and *bad_reg set; a program
 * that cannot be decoded is left to libdw, which reports it, and only its
 * first undecodable instruction ends the scan (libdw executes no further).
 */
static int scan_program(const uint8_t *p, const uint8_t *end, const char **why,
			uint64_t *bad_reg)
{
	struct cursor c = { .p = p, .end = end };
	unsigned int depth = 0;

	while (c.p < c.end && !c.bad) {
		uint8_t op = *c.p++;

		switch (op & 0xc0) {
		case DW_CFA_advance_loc:
		case DW_CFA_restore:
			continue;	/* registers 0..63 in the opcode */
		case DW_CFA_offset:
			uleb(&c);
			continue;
		}
		*bad_reg = UINT64_MAX;
		switch (op) {
		case DW_CFA_nop:
		case DW_CFA_GNU_window_save:	/* 0x2d: also a return-address signing op */
			break;
		case DW_CFA_set_loc:
			/* never in compiler output; its size needs the FDE's encoding */
			*why = "uses DW_CFA_set_loc, which --check-cfi does not read";
			return -1;
		case DW_CFA_advance_loc1: skip(&c, 1); break;
		case DW_CFA_advance_loc2: skip(&c, 2); break;
		case DW_CFA_advance_loc4: skip(&c, 4); break;
		case DW_CFA_remember_state:
			if (++depth > CFI_MAX_STATE_DEPTH) {
				*why = "nests DW_CFA_remember_state deeper than any compiler does";
				return -1;
			}
			break;
		case DW_CFA_restore_state:
			depth -= depth > 0;
			break;
		case DW_CFA_def_cfa_offset:
		case DW_CFA_def_cfa_offset_sf:
		case DW_CFA_GNU_args_size:
			uleb(&c);
			break;
		case DW_CFA_def_cfa_expression:
			skip(&c, uleb(&c));
			break;
		case DW_CFA_restore_extended:
		case DW_CFA_undefined:
		case DW_CFA_same_value:
		case DW_CFA_def_cfa_register:
			if (read_reg(&c, why, bad_reg))
				return -1;
			break;
		case DW_CFA_offset_extended:
		case DW_CFA_offset_extended_sf:
		case DW_CFA_def_cfa:
		case DW_CFA_def_cfa_sf:
		case DW_CFA_val_offset:
		case DW_CFA_val_offset_sf:
		case DW_CFA_GNU_negative_offset_extended:
			if (read_reg(&c, why, bad_reg))
				return -1;
			uleb(&c);
			break;
		case DW_CFA_register:
			if (read_reg(&c, why, bad_reg) || read_reg(&c, why, bad_reg))
				return -1;
			break;
		case DW_CFA_expression:
		case DW_CFA_val_expression:
			if (read_reg(&c, why, bad_reg))
				return -1;
			skip(&c, uleb(&c));
			break;
		default:
			return 0;	/* libdw's to refuse */
		}
	}
	return 0;
}

int cfi_check_bounds(const unsigned char *e_ident, Elf_Data *data, bool eh_frame,
		     struct cfi_bounds_error *err)
{
	Dwarf_Off off = 0, next = 0;	/* libdw may leave it unset at the end */
	Dwarf_CFI_Entry entry;

	for (;;) {
		const uint8_t *start, *end;
		int r = dwarf_next_cfi(e_ident, data, eh_frame, off, &next, &entry);

		err->offset = off;
		/*
		 * An entry libdw cannot read here it may still reach from an
		 * address lookup (the fuzzer's second hang: an unreadable
		 * entry, then a register of 136054763 in the next one): refused
		 * rather than guessed past.  A terminator before the end is
		 * stepped over, so what follows is held to the same bounds.
		 */
		if (r < 0) {
			err->reg = UINT64_MAX;
			err->why = "cannot be read";
			return -1;
		}
		if (r > 0) {
			if (next <= off || next >= data->d_size)
				break;
			off = next;
			continue;
		}
		if (dwarf_cfi_cie_p(&entry)) {
			if (check_reg(entry.cie.return_address_register, &err->why)) {
				err->reg = entry.cie.return_address_register;
				return -1;
			}
			start = entry.cie.initial_instructions;
			end = entry.cie.initial_instructions_end;
		} else {
			Dwarf_CFI_Entry cie;
			struct fde_layout l;
			Dwarf_Off cie_next;
			struct cursor c = { .p = entry.fde.start, .end = entry.fde.end };

			/* an FDE whose CIE libdw cannot read is libdw's to refuse */
			if (dwarf_next_cfi(e_ident, data, eh_frame, entry.fde.CIE_pointer,
					   &cie_next, &cie) || !dwarf_cfi_cie_p(&cie) ||
			    !cie_layout(&cie.cie, eh_frame, &l))
				goto next;
			skip_encoded(&c, l.enc);	/* initial location */
			skip_encoded(&c, l.enc & 0x0f);	/* address range */
			if (l.aug_len)
				skip(&c, uleb(&c));
			if (c.bad)
				goto next;
			start = c.p;
			end = c.end;
		}
		if (scan_program(start, end, &err->why, &err->reg))
			return -1;
next:
		if (next <= off)
			break;
		off = next;
	}
	return 0;
}
