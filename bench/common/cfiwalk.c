// SPDX-License-Identifier: GPL-2.0
/* The DWARF CFI walker of cfiwalk.h (libdw's CFI decoder, our own walk). */
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <stdio.h>
#include <unistd.h>

#include "cfiwalk.h"

struct cfiw {
	Elf *elf;
	Dwarf_CFI *cfi;
	enum cfiw_arch arch;
};

struct cfiw *cfiw_open(const char *path)
{
	struct cfiw *w = calloc(1, sizeof(*w));
	GElf_Ehdr eh;
	int fd = open(path, O_RDONLY);

	if (!w || fd < 0)
		return NULL;
	elf_version(EV_CURRENT);
	w->elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!w->elf || !gelf_getehdr(w->elf, &eh))
		return NULL;
	w->arch = eh.e_machine == EM_AARCH64 ? CFIW_ARM64 : CFIW_X86_64;
	w->cfi = dwarf_getcfi_elf(w->elf);
	return w->cfi ? w : NULL;
}

enum cfiw_arch cfiw_arch(const struct cfiw *w)
{
	return w->arch;
}

/* register file indexed by DWARF number: only what the walk needs */
struct regset {
	uint64_t v[32];
	bool known[32];
};

/* Evaluate a CFA or register-location expression (the forms libdw makes). */
static bool eval(const Dwarf_Op *ops, size_t n, uint64_t cfa, const struct regset *rs,
		 uint64_t *res, bool *is_value)
{
	uint64_t st[8];
	int sp = 0;

	*is_value = false;
	for (size_t i = 0; i < n; i++) {
		const Dwarf_Op *o = &ops[i];

		if (sp >= 7)
			return false;
		switch (o->atom) {
		case DW_OP_call_frame_cfa: st[sp++] = cfa; break;
		case DW_OP_plus_uconst: if (!sp) return false; st[sp - 1] += o->number; break;
		case DW_OP_consts: case DW_OP_constu: st[sp++] = o->number; break;
		case DW_OP_lit0 ... DW_OP_lit31: st[sp++] = o->atom - DW_OP_lit0; break;
		case DW_OP_plus: if (sp < 2) return false; st[sp - 2] += st[sp - 1]; sp--; break;
		case DW_OP_minus: if (sp < 2) return false; st[sp - 2] -= st[sp - 1]; sp--; break;
		case DW_OP_stack_value: *is_value = true; break;
		case DW_OP_bregx:
			if (o->number >= 32 || !rs->known[o->number]) return false;
			st[sp++] = rs->v[o->number] + (int64_t)o->number2; break;
		case DW_OP_breg0 ... DW_OP_breg31:
			if (!rs->known[o->atom - DW_OP_breg0]) return false;
			st[sp++] = rs->v[o->atom - DW_OP_breg0] + (int64_t)o->number; break;
		default:
			return false;
		}
	}
	if (sp != 1)
		return false;
	*res = st[0];
	return true;
}

int cfiw_fail_line;
uint64_t cfiw_fail_pc;
#define FAIL() do { cfiw_fail_line = __LINE__; cfiw_fail_pc = pc; } while (0)

int cfiw_walk(struct cfiw *w, const struct cfiw_regs *r, cfiw_read_fn rd, void *ctx,
	      uint64_t stop_lo, uint64_t stop_hi, uint64_t *out, int max)
{
	const bool a64 = w->arch == CFIW_ARM64;
	const int SP = a64 ? 31 : 7, FP = a64 ? 29 : 6, LR = 30;
	struct regset rs = { 0 };
	uint64_t pc = r->pc;
	bool intr = true;
	int n = 0;

	rs.v[SP] = r->sp; rs.known[SP] = true;
	rs.v[FP] = r->fp; rs.known[FP] = true;
	if (a64) {
		rs.v[LR] = r->lr;
		rs.known[LR] = true;
	}
	while (n < max) {
		Dwarf_Frame *fr;
		Dwarf_Op *ops, mem[4];
		size_t nops;
		uint64_t cfa, ra, val;
		struct regset next = rs;
		bool isv;
		int ra_col;

		out[n++] = pc;
		if (pc >= stop_lo && pc < stop_hi)
			return n;
		if (dwarf_cfi_addrframe(w->cfi, intr ? pc : pc - 1, &fr))
			{ FAIL(); return -1; }
		ra_col = dwarf_frame_info(fr, NULL, NULL, NULL);
		if (dwarf_frame_cfa(fr, &ops, &nops) || !eval(ops, nops, 0, &rs, &cfa, &isv)) {
			free(fr);
			{ FAIL(); return -1; }
		}
		for (int reg = 0; reg < 32; reg++) {
			if (reg != FP && reg != ra_col && !(a64 && reg == LR))
				continue;
			if (dwarf_frame_register(fr, reg, mem, &ops, &nops)) {
				next.known[reg] = false;
				continue;
			}
			if (!nops) {	/* same value (ops NULL) or undefined (ops_mem) */
				if (ops)
					next.known[reg] = false;
				continue;
			}
			if (!eval(ops, nops, cfa, &rs, &val, &isv)) {
				next.known[reg] = false;
				continue;
			}
			if (!isv && !rd(val, &val, ctx)) {
				free(fr);
				{ FAIL(); return -1; }
			}
			next.v[reg] = val;
			next.known[reg] = true;
		}
		free(fr);
		if (ra_col < 0 || ra_col >= 32 || !next.known[ra_col])
			{ FAIL(); return -1; }	/* RA undefined before the stop range */
		ra = next.v[ra_col];
		next.v[SP] = cfa;
		next.known[SP] = true;
		if (!ra)
			{ FAIL(); return -1; }
		rs = next;
		pc = a64 ? ra & ((1ULL << 48) - 1) : ra;
		intr = false;
	}
	{ FAIL(); return -1; }
}
