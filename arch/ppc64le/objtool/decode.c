// SPDX-License-Identifier: GPL-2.0
/*
 * ppc64le instruction decoder for objtool-lite.
 *
 * Power ISA instructions (at the POWER8 baseline the kit builds for) are
 * fixed 4-byte words whose primary opcode is the top six bits.  The core
 * needs control flow and the effects on r1 (sp), r31 (the frame pointer
 * gcc uses), r0 (where "mflr r0" copies the return address) and the link
 * register; every other general register write is reported too, so that
 * the engine forgets values it tracked (a copy of sp, a constant).
 *
 * What the ISA does and the engine sees:
 *   stdu r1,-N(r1)    the frame is allocated and the back chain stored in
 *                     one instruction: sp -= N
 *   stdux r1,r1,rX    the same with the size in rX (a constant from
 *                     li/lis/ori, or unknown: alloca)
 *   ld r1,0(r1)       sp = the back chain, which is the CFA
 *   mflr rX / mtlr rX moves between LR (DWARF 65) and a register
 *   std/ld rX,d(r1)   saves and restores
 * Prefixed (8-byte, POWER10) instructions are refused.
 */
#include <string.h>

#include <objtool/warn.h>

#include "ppc64le.h"

#define REG_SP	PPC_REG_SP
#define REG_FP	PPC_REG_FP
#define REG_LR	PPC_REG_LR

static inline unsigned int bits(uint32_t insn, int shift, int width)
{
	return (insn >> shift) & ((1U << width) - 1);
}

/* The register fields, in the ISA's names */
#define RT(i)	bits(i, 21, 5)		/* also RS, BO */
#define RA(i)	bits(i, 16, 5)		/* also BI */
#define RB(i)	bits(i, 11, 5)

static inline int32_t simm16(uint32_t insn)
{
	return (int16_t)(insn & 0xffff);
}

static void clobber(struct decoded_insn *d, int reg)
{
	insn_add_op(d, OP_CLOBBER, reg, OP_REG_NONE, 0, 0);
}

/* rA = rA + imm after the access: the update forms (stdu, lwzu, ...) */
static void update(struct decoded_insn *d, int ra, int32_t imm)
{
	if (ra)
		insn_add_op(d, OP_ADD, ra, ra, 0, imm);
}

/* ---- branches ---------------------------------------------------------- */

/* BO with bit 0x14 set: "branch always" (the condition is ignored) */
static bool bo_always(uint32_t insn)
{
	return (RT(insn) & 0x14) == 0x14;
}

static int decode_b(uint32_t insn, unsigned long offset, struct decoded_insn *d)
{
	long disp = (long)((int32_t)(insn << 6) >> 6) & ~3L;

	if (insn & 2)
		return -1;		/* absolute branch: not in relocatable code */
	d->type = insn & 1 ? INSN_CALL : INSN_JUMP_UNCOND;
	d->has_dest = true;
	d->dest = offset + disp;
	if (insn & 1) {
		/* volatile registers a callee (or a linker stub) may change */
		clobber(d, PPC_REG_R0);
		clobber(d, PPC_REG_R12);
	}
	return 0;
}

static int decode_bc(uint32_t insn, unsigned long offset, struct decoded_insn *d)
{
	long disp = (int16_t)(insn & 0xfffc);

	if (insn & 2)
		return -1;
	if (insn & 1) {
		/*
		 * bcl 20,31,.+4 reads the pc into LR ("mflr" follows); any
		 * other conditional call is a call.
		 */
		if (disp == 4 && bo_always(insn)) {
			insn_add_op(d, OP_CLOBBER, REG_LR, OP_REG_NONE, 0, 0);
			return 0;
		}
		d->type = INSN_CALL;
	} else {
		d->type = bo_always(insn) ? INSN_JUMP_UNCOND : INSN_JUMP_COND;
	}
	d->has_dest = true;
	d->dest = offset + disp;
	return 0;
}

/* Opcode 19: branches to LR/CTR/TAR, condition-register logic, rfid. */
static int decode_op19(uint32_t insn, struct decoded_insn *d)
{
	unsigned int xo = bits(insn, 1, 10);
	bool lk = insn & 1;

	switch (xo) {
	case 16:				/* bclr: blr and friends */
		if (lk)
			d->type = INSN_CALL_DYNAMIC;
		else if (bo_always(insn))
			d->type = INSN_RETURN;
		/*
		 * A conditional return (beqlr) leaves on one path only; the
		 * core has no such type, so the path simply goes on: the
		 * state at the fall-through is the one at the return anyway.
		 */
		return 0;
	case 528:				/* bcctr: bctr, bctrl */
	case 560:				/* bctar */
		if (lk)
			d->type = INSN_CALL_DYNAMIC;
		else if (bo_always(insn))
			d->type = INSN_JUMP_DYNAMIC;
		return 0;
	case 18:				/* rfid */
	case 50:				/* rfi */
	case 274:				/* hrfid */
	case 82:				/* rfscv */
		d->type = INSN_CONTEXT_SWITCH;
		return 0;
	default:				/* crand, mcrf, isync, ... */
		return 0;
	}
}

/* ---- opcode 31: the X/XO-form register instructions -------------------- */

/* XO values (bits 1-10) that write rA rather than rT: logic, shifts, counts */
static bool writes_ra(unsigned int xo)
{
	static const uint16_t ra_ops[] = {
		24, 26, 27, 28, 51, 58, 60, 115, 122, 124, 154, 186, 284, 307,
		316, 378, 412,
		444, 476, 506, 508, 536, 538, 539, 570, 792, 794, 824, 922, 954,
		986,
	};

	/* sradi and extswsli take a 9-bit XO with a shift bit below */
	if ((xo >> 1) == 413 || (xo >> 1) == 445)
		return true;
	for (size_t i = 0; i < sizeof(ra_ops) / sizeof(ra_ops[0]); i++)
		if (ra_ops[i] == xo)
			return true;
	return false;
}

/* XO values of stores (rT is the source; the update forms write rA) */
static int store_kind(unsigned int xo)
{
	switch (xo) {
	case 149: case 151: case 215: case 407: case 660: case 662: case 918:
	case 150: case 214: case 694: case 726:		/* st*cx. */
	case 135: case 167: case 199: case 231: case 487:	/* vector */
	case 663: case 727: case 983: case 140: case 396: case 652: case 716:
	case 908: case 940: case 972:			/* FP, VSX */
		return 1;
	case 181: case 183: case 247: case 439:		/* stdux, stwux, ... */
	case 695: case 759:				/* stfsux, stfdux */
		return 2;
	default:
		return 0;
	}
}

/* FP, vector and VSX loads: the target is no general register */
static int fp_load_kind(unsigned int xo)
{
	switch (xo) {
	case 535: case 599: case 855: case 887: case 103: case 359: case 7:
	case 39: case 71: case 6: case 38: case 844: case 780: case 588:
	case 12: case 76: case 524: case 268: case 332:
	case 179: case 211: case 243:			/* mtvsr*: into a VSR */
		return 1;
	case 567: case 631:				/* lfsux, lfdux */
		return 2;
	default:
		return 0;
	}
}

/* XO values with no general-register result at all */
static bool no_result(unsigned int xo)
{
	switch (xo) {
	case 0: case 32: case 4: case 68:		/* cmp, cmpl, tw, td */
	case 54: case 86: case 246: case 278: case 470: case 982: case 1014:
	case 598: case 854: case 62: case 30:		/* caches, syncs, wait */
	case 144: case 146: case 178: case 467:		/* mtcrf, mtmsr(d), mtspr */
	case 512:					/* mcrxr */
		return true;
	default:
		return false;
	}
}

static int decode_op31(uint32_t insn, struct decoded_insn *d)
{
	unsigned int xo = bits(insn, 1, 10), rt = RT(insn), ra = RA(insn);
	unsigned int spr = RA(insn) | RB(insn) << 5;
	int kind;

	if (xo == 4 && rt == 31) {			/* trap (tw 31,0,0) */
		d->type = INSN_BUG;
		return 0;
	}
	if (xo == 339) {				/* mfspr */
		if (spr == 8)
			insn_add_op(d, OP_MOV, rt, REG_LR, 0, 0);	/* mflr */
		else
			clobber(d, rt);
		return 0;
	}
	if (xo == 467) {				/* mtspr */
		if (spr == 8)
			insn_add_op(d, OP_MOV, REG_LR, rt, 0, 0);	/* mtlr */
		return 0;
	}
	if (xo == 444 && rt == RB(insn)) {		/* mr rA,rS */
		insn_add_op(d, OP_MOV, ra, rt, 0, 0);
		return 0;
	}
	if (xo == 181 && rt == REG_SP && ra == REG_SP) {
		/* stdux r1,r1,rB: allocate a frame of -rB bytes */
		insn_add_op(d, OP_ADD_REG, REG_SP, REG_SP, 0, 1);
		d->ops[d->nr_ops - 1].src2 = RB(insn);
		return 0;
	}
	if (xo == 181 && ra == REG_SP) {
		/* stdux rS,r1,rB: alloca, with the back chain rS carried down */
		clobber(d, REG_SP);
		return 0;
	}
	kind = store_kind(xo) ?: fp_load_kind(xo);
	if (kind) {
		if (kind == 2)
			clobber(d, ra);
		return 0;
	}
	if (no_result(xo))
		return 0;
	clobber(d, writes_ra(xo) ? ra : rt);
	/* the load-with-update forms also write rA */
	if ((xo == 53 || xo == 55 || xo == 119 || xo == 311 || xo == 375 ||
	     xo == 373) && ra)
		clobber(d, ra);
	return 0;
}

/* ---- D/DS-form loads, stores and arithmetic ------------------------------ */

/* ori rA,rS,ui after "lis rA,hi": the 32-bit constant the pair builds */
static bool lis_ori_value(uint32_t insn, const uint8_t *buf,
			  unsigned long offset, int32_t *val)
{
	uint32_t prev;

	if (offset < PPC_INSN_SIZE || RT(insn) != RA(insn))
		return false;
	prev = ppc_insn_at(buf - PPC_INSN_SIZE);
	if (prev >> 26 != 15 || RA(prev) != 0 || RT(prev) != RT(insn))
		return false;
	*val = (int32_t)((uint32_t)simm16(prev) << 16 | (insn & 0xffff));
	return true;
}

static void decode_addi(uint32_t insn, bool shifted, struct decoded_insn *d)
{
	unsigned int rt = RT(insn), ra = RA(insn);
	int32_t imm = shifted ? (int32_t)((uint32_t)simm16(insn) << 16) : simm16(insn);

	if (!ra)
		insn_add_op(d, OP_CONST, rt, OP_REG_NONE, 0, imm);	/* li, lis */
	else if (!imm)
		insn_add_op(d, OP_MOV, rt, ra, 0, 0);
	else
		insn_add_op(d, OP_ADD, rt, ra, 0, imm);
}

static void decode_ds_load(uint32_t insn, struct decoded_insn *d)
{
	unsigned int rt = RT(insn), ra = RA(insn), xo = insn & 3;
	int32_t ds = (int16_t)(insn & 0xfffc);

	if (xo == 0 && rt == REG_SP && ra == REG_SP && ds == 0) {
		insn_add_op(d, OP_LOAD_BACKCHAIN, REG_SP, REG_SP, 8, 0);	/* ld r1,0(r1) */
		return;
	}
	if (xo == 0 && ra == REG_SP && ds == 0) {
		insn_add_op(d, OP_LOAD_BACKCHAIN, rt, REG_SP, 8, 0);
		return;
	}
	if (xo == 0 && ra) {
		insn_add_op(d, OP_LOAD, rt, ra, 8, ds);		/* ld */
		return;
	}
	clobber(d, rt);						/* lwa, ldu */
	if (xo == 1)
		update(d, ra, ds);
}

static void decode_ds_store(uint32_t insn, struct decoded_insn *d)
{
	unsigned int rs = RT(insn), ra = RA(insn), xo = insn & 3;
	int32_t ds = (int16_t)(insn & 0xfffc);

	if (xo == 1 && rs == REG_SP && ra == REG_SP) {
		insn_add_op(d, OP_ADD, REG_SP, REG_SP, 0, ds);	/* stdu r1,-N(r1) */
		return;
	}
	if (xo == 0 && ra) {
		insn_add_op(d, OP_STORE, ra, rs, 8, ds);		/* std */
		return;
	}
	if (xo == 1)
		update(d, ra, ds);
}

/* The D-form word/half/byte and FP accesses: odd opcodes update rA. */
static void decode_d_access(uint32_t insn, unsigned int opcd, struct decoded_insn *d)
{
	bool load = (opcd >= 32 && opcd <= 35) || (opcd >= 40 && opcd <= 43);
	bool upd = opcd & 1;

	if (opcd == 46 || opcd == 47) {
		/* lmw/stmw: not in little-endian mode */
		d->type = INSN_UNSUPPORTED;
		return;
	}
	if (load)
		clobber(d, RT(insn));
	if (upd && !(opcd == 37 && RT(insn) == REG_SP && RA(insn) == REG_SP))
		update(d, RA(insn), simm16(insn));
	else if (upd)
		insn_add_op(d, OP_ADD, REG_SP, REG_SP, 0, simm16(insn));	/* stwu r1 */
}

/* ---- data inside functions: traceback tables ---------------------------- */

/*
 * A traceback table follows the code of each function compiled without
 * -mtraceback=no: a zero word (no instruction has primary opcode 0 and
 * these bits), then flags, parameter info and an optional name, up to
 * the end of the function symbol.  All of it is data: handed to the core
 * as INSN_NOP padding, never reached, never warned about.
 */
static struct {
	const struct section *sec;
	unsigned long start, end;
} tbtab;

static bool in_traceback(const struct objtool_file *file, const struct section *sec,
			 unsigned long offset, uint32_t insn)
{
	const struct symbol *func;

	if (tbtab.sec == sec && offset >= tbtab.start && offset < tbtab.end)
		return true;
	if (insn || !file || !sec)
		return false;
	func = find_func_containing(sec, offset);
	if (!func || offset < func->offset + PPC_INSN_SIZE)
		return false;
	tbtab.sec = sec;
	tbtab.start = offset;
	tbtab.end = func->offset + func->len;
	return true;
}

/* The words of the switch table after the last bctr (jump_table.c). */
static struct {
	const struct section *sec;
	unsigned long start, end;
} table;

static void table_after(const struct objtool_file *file, const struct section *sec,
			unsigned long bctr)
{
	unsigned int n = ppc64le_jump_table_entries(file, sec, bctr);

	table.sec = sec;
	table.start = bctr + PPC_INSN_SIZE;
	table.end = table.start + 4UL * n;
}

static bool in_table(const struct section *sec, unsigned long offset)
{
	return sec && table.sec == sec && offset >= table.start && offset < table.end;
}

/* ---- top level ----------------------------------------------------------- */

static int decode_word(uint32_t insn, const uint8_t *buf, unsigned long offset,
		       struct decoded_insn *d)
{
	unsigned int opcd = insn >> 26;
	int32_t val;

	switch (opcd) {
	case 18:
		return decode_b(insn, offset, d);
	case 16:
		return decode_bc(insn, offset, d);
	case 19:
		return decode_op19(insn, d);
	case 17:
		d->type = INSN_SYSCALL;			/* sc, scv */
		return 0;
	case 31:
		return decode_op31(insn, d);
	case 14:
		decode_addi(insn, false, d);
		return 0;
	case 15:
		if (RT(insn) == REG_SP && RA(insn) == REG_SP)
			insn_add_op(d, OP_ADD, REG_SP, REG_SP, 0,
			       (int32_t)((uint32_t)simm16(insn) << 16));
		else
			decode_addi(insn, true, d);
		return 0;
	case 24:					/* ori */
		if (insn == PPC_INSN_NOP || insn == 0x60420000) {
			d->type = INSN_NOP;		/* nop, ori r2,r2,0 */
			return 0;
		}
		if (lis_ori_value(insn, buf, offset, &val))
			insn_add_op(d, OP_CONST, RA(insn), OP_REG_NONE, 0, val);
		else
			clobber(d, RA(insn));
		return 0;
	case 20: case 21: case 23: case 25: case 26: case 27: case 28:
	case 29: case 30:				/* rotates, logic: rA */
		clobber(d, RA(insn));
		return 0;
	case 7: case 8: case 12: case 13:		/* mulli, subfic, addic */
		clobber(d, RT(insn));
		return 0;
	case 10: case 11:				/* cmpli, cmpi */
		return 0;
	case 2: case 3:					/* tdi, twi */
		if (RT(insn) == 31)
			d->type = INSN_BUG;
		return 0;
	case 58:
		decode_ds_load(insn, d);
		return 0;
	case 62:
		decode_ds_store(insn, d);
		return 0;
	case 56:					/* lq rT, rT+1 */
		clobber(d, RT(insn));
		clobber(d, (RT(insn) + 1) & 31);
		return 0;
	case 4:
		/* VMX; the ISA 3.0 multiply-adds (VA-form) write a GPR */
		if (bits(insn, 0, 6) >= 48 && bits(insn, 0, 6) <= 51)
			clobber(d, RT(insn));
		return 0;
	case 59: case 63: case 60: case 57: case 61:	/* FP, VSX */
		return 0;
	case 0:
		/*
		 * Primary opcode 0 is no instruction the kit or a distribution
		 * runs: the entries of a switch table gcc puts inline after
		 * the bctr (table-relative offsets, small and positive) are
		 * such words.  Data, like the traceback tables: padding to
		 * the core.  The bctr itself stays a dynamic jump.
		 */
		d->type = INSN_NOP;
		return 0;
	default:
		if (opcd >= 32 && opcd <= 55) {
			decode_d_access(insn, opcd, d);
			return 0;
		}
		/* 1 (prefixed, POWER10), reserved opcodes */
		return -1;
	}
}

/*
 * At a function's first word: its st_other must give a local entry point
 * inside it, or neither calls nor the ftrace site can be placed.
 */
static int check_local_entry(const struct section *sec, unsigned long offset)
{
	const struct symbol *func = sec ? find_func_containing(sec, offset) : NULL;
	int lep;

	if (!func || func->offset != offset)
		return 0;
	lep = ppc_local_entry(func);
	if (lep >= 0 && (!func->len || (unsigned long)lep < func->len))
		return 0;
	fprintf(stderr, "%s: error: objtool: %s: st_other local entry field %u %s\n",
		objname, func->name, func->other >> 5 & 7,
		lep < 0 ? "is reserved" : "lies beyond the function's end");
	return -1;
}

static int ppc64le_decode(const struct objtool_file *file,
			  const struct section *sec, unsigned long offset,
			  const uint8_t *buf, size_t avail,
			  struct decoded_insn *d)
{
	uint32_t insn;
	bool ok;

	memset(d, 0, sizeof(*d));
	if (avail < PPC_INSN_SIZE || offset % PPC_INSN_SIZE)
		return -1;
	insn = ppc_insn_at(buf);
	d->len = PPC_INSN_SIZE;
	d->type = INSN_OTHER;
	if (check_local_entry(sec, offset))
		return -1;
	if (in_traceback(file, sec, offset, insn) || in_table(sec, offset)) {
		d->type = INSN_NOP;
		return 0;
	}
	if (file && sec && insn == PPC_INSN_BCTR)
		table_after(file, sec, offset);
	ok = !decode_word(insn, buf, offset, d);
	if (ok && (!d->has_dest || !sec || (d->dest >= 0 && (size_t)d->dest < sec->size)))
		return 0;
	/*
	 * Outside every function, a word that is no instruction, or a
	 * branch out of its own section (impossible without a relocation),
	 * is data: hand-written assembly (OpenSSL's perlasm) keeps its
	 * tables in .text, and ppc64 has no mapping symbols to say so.
	 * Inside a function either is an error.
	 */
	if (sec && !find_func_containing(sec, offset)) {
		memset(d, 0, sizeof(*d));
		d->len = PPC_INSN_SIZE;
		d->type = INSN_NOP;
		return 0;
	}
	return ok ? 0 : -1;
}

static bool ppc64le_callee_saved(int reg)
{
	return (reg >= 14 && reg <= 31) || reg == REG_LR;
}

static void ppc64le_init_cfi(struct cfi_state *cfi)
{
	cfi_init(cfi);
	cfi->cfa.base = REG_SP;		/* the CFA is r1 at entry */
	cfi->cfa.offset = 0;
	cfi->stack_size = 0;
	cfi->type = UNWIND_CALL;
}

/* R_PPC64_REL24 addends are the target, no pc bias to undo. */
static long ppc64le_reloc_dest(long sym_offset, long addend)
{
	return sym_offset + addend;
}

static const char *const ppc64le_reg_names[PPC_NR_REGS] = {
	"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
	"r16", "r17", "r18", "r19", "r20", "r21", "r22", "r23",
	"r24", "r25", "r26", "r27", "r28", "r29", "r30", "r31",
	"f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7",
	"f8", "f9", "f10", "f11", "f12", "f13", "f14", "f15",
	"f16", "f17", "f18", "f19", "f20", "f21", "f22", "f23",
	"f24", "f25", "f26", "f27", "f28", "f29", "f30", "f31",
	"cr", "lr",
};

/*
 * Both ranges are keyed by the section pointer alone: the next run in the
 * same process may get that pointer for another object's section and see
 * a traceback table or switch table that is not there.
 */
static void ppc64le_reset(void)
{
	memset(&tbtab, 0, sizeof(tbtab));
	memset(&table, 0, sizeof(table));
}

/* Required hooks: ppc64le_decode(), ppc64le_init_cfi(), ... (objtool/arch.h). */
OBJTOOL_ARCH(ppc64le, ppc64le,
	.e_machine		= EM_PPC64,
	.cfi_sp			= REG_SP,
	.cfi_fp			= REG_FP,
	.cfi_ra			= REG_LR,
	.nr_regs		= PPC_NR_REGS,
	.back_chain		= true,
	.reg_names		= ppc64le_reg_names,
	.orc_ip_reloc		= R_PPC64_REL32,
	.abs64_reloc		= R_PPC64_ADDR64,
	.fentry_name		= "_mcount",
	.fentry_site_ok		= ppc64le_fentry_site_ok,
	.call_frame_check	= ppc64le_call_frame_check,
	.find_jump_table	= ppc64le_find_jump_table,
	.reset			= ppc64le_reset,
	.bfd_arch		= "powerpc:common64");
