// SPDX-License-Identifier: GPL-2.0
/* The DWARF CFI walker of cfiwalk.h (libdw's CFI decoder, our own walk). */
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cfiwalk.h"

/*
 * What the walk needs of an ABI beyond its CFI: the DWARF numbers of the
 * stack pointer, the frame pointer and the link register (-1: none, the
 * return address is on the stack at a call), where the caller's stack
 * pointer is relative to the CFA, and which bits of a return address are
 * address.
 */
struct cfiw_abi {
	uint16_t machine;
	int sp, fp, lr;
	int64_t sp_from_cfa;
	uint64_t ra_mask;
};

static const struct cfiw_abi abis[] = {
	{ EM_X86_64, 7, 6, -1, 0, ~0ull },
	/* a return address may carry a pointer authentication code above bit 47 */
	{ EM_AARCH64, 31, 29, 30, 0, (1ull << 48) - 1 },
	/* the CFA is the caller's r15 plus its 160-byte register save area */
	{ EM_S390, 15, 11, 14, -160, ~0ull },
	/* the CFA is the caller's r1 (the back chain word's address); LR is 65 */
	{ EM_PPC64, 1, 31, 65, 0, ~0ull },
};

struct cfiw {
	Elf *elf;
	Dwarf_CFI *cfi;
	const struct cfiw_abi *abi;
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
	for (size_t i = 0; i < sizeof(abis) / sizeof(abis[0]); i++)
		if (abis[i].machine == eh.e_machine && eh.e_ident[EI_CLASS] == ELFCLASS64)
			w->abi = &abis[i];
	if (!w->abi) {
		fprintf(stderr, "cfiwalk: %s: no walk for ELF machine %u\n", path, eh.e_machine);
		return NULL;
	}
	w->cfi = dwarf_getcfi_elf(w->elf);
	return w->cfi ? w : NULL;
}

/* register file indexed by DWARF number */
struct regset {
	uint64_t v[CFIW_NREGS];
	bool known[CFIW_NREGS];
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
		case DW_OP_regx:	/* DW_CFA_register: the value is in another register */
			if (o->number >= CFIW_NREGS || !rs->known[o->number]) return false;
			st[sp++] = rs->v[o->number];
			*is_value = true;
			break;
		case DW_OP_bregx:
			if (o->number >= CFIW_NREGS || !rs->known[o->number]) return false;
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

/*
 * The caller's value of reg into next, by the frame's rule for it; false
 * only when a load from the stack failed (an unusable rule leaves the
 * register unknown)
 */
static bool recover(Dwarf_Frame *fr, int reg, uint64_t cfa, const struct regset *rs,
		    struct regset *next, cfiw_read_fn rd, void *ctx)
{
	Dwarf_Op *ops, mem[3];
	size_t nops;
	uint64_t val;
	bool isv;

	next->known[reg] = false;
	if (dwarf_frame_register(fr, reg, mem, &ops, &nops))
		return true;
	if (!nops) {	/* same value (ops NULL) or undefined (ops_mem) */
		if (!ops) {
			next->v[reg] = rs->v[reg];
			next->known[reg] = rs->known[reg];
		}
		return true;
	}
	if (!eval(ops, nops, cfa, rs, &val, &isv))
		return true;
	if (!isv && !rd(val, &val, ctx))
		return false;
	next->v[reg] = val;
	next->known[reg] = true;
	return true;
}

int cfiw_fail_line;
uint64_t cfiw_fail_pc;
#define FAIL() do { cfiw_fail_line = __LINE__; cfiw_fail_pc = pc; } while (0)

int cfiw_walk(struct cfiw *w, const struct cfiw_regs *r, cfiw_read_fn rd, void *ctx,
	      uint64_t stop_lo, uint64_t stop_hi, uint64_t *out, int max)
{
	const struct cfiw_abi *abi = w->abi;
	struct regset rs;
	uint64_t pc = r->pc;
	bool intr = true;
	int n = 0;

	memcpy(rs.v, r->v, sizeof(rs.v));
	memcpy(rs.known, r->known, sizeof(rs.known));
	while (n < max) {
		Dwarf_Frame *fr;
		Dwarf_Op *ops;
		size_t nops;
		uint64_t cfa, ra;
		/* a caller's register is known only through this frame's rules */
		struct regset next = { .known = { false } };
		bool isv, loaded;
		int ra_col;

		out[n++] = pc;
		if (pc >= stop_lo && pc < stop_hi)
			return n;
		if (dwarf_cfi_addrframe(w->cfi, intr ? pc : pc - 1, &fr))
			{ FAIL(); return -1; }
		ra_col = dwarf_frame_info(fr, NULL, NULL, NULL);
		if (ra_col < 0 || ra_col >= CFIW_NREGS || dwarf_frame_cfa(fr, &ops, &nops) ||
		    !eval(ops, nops, 0, &rs, &cfa, &isv)) {
			free(fr);
			{ FAIL(); return -1; }
		}
		loaded = recover(fr, abi->fp, cfa, &rs, &next, rd, ctx) &&
			 recover(fr, ra_col, cfa, &rs, &next, rd, ctx) &&
			 (abi->lr < 0 || recover(fr, abi->lr, cfa, &rs, &next, rd, ctx));
		free(fr);
		if (!loaded || !next.known[ra_col])
			{ FAIL(); return -1; }	/* RA undefined before the stop range */
		ra = next.v[ra_col];
		next.v[abi->sp] = cfa + abi->sp_from_cfa;
		next.known[abi->sp] = true;
		if (!ra)
			{ FAIL(); return -1; }
		rs = next;
		pc = ra & abi->ra_mask;
		intr = false;
	}
	{ FAIL(); return -1; }
}
