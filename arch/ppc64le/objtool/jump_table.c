// SPDX-License-Identifier: GPL-2.0
/*
 * Switch tables gcc puts inline after the bctr on ppc64le (builds without
 * -fno-jump-tables, as Debian's libraries are):
 *
 *	cmplwi  crF,rI,N		the bounds check: N + 1 entries
 *	bgt     crF,default		(other work scheduled in between)
 *	addis   rB,r2,..; ld rB,..(rB)	rB = the table, through a .toc slot
 *	sldi    rI,rI,2			(or addis/addi straight to it)
 *	lwax    rT,rB,rI
 *	add     rT,rT,rB
 *	mtctr   rT
 *	bctr
 *   T:	.long case0 - T, case1 - T, ...	no relocations
 *
 * A table is accepted only when the code proves it, no guessing: the
 * function materialises the address T (bctr + 4) through a relocation, an
 * unsigned compare of the index with an immediate N feeds the last branch
 * on a "greater than" bit before the bctr (else the table is the run of
 * words after the bctr that cannot be instructions), and all
 * N + 1 entries land on instruction slots of the same function outside
 * the table.  Then the table's words are data for the decoder and its
 * targets the bctr's successors for the walk.
 */
#include <stdlib.h>
#include <string.h>

#include <objtool/elf.h>

#include "ppc64le.h"

#define DISPATCH_WINDOW		48	/* instructions before the bctr searched */
#define COMPARE_WINDOW		64	/* ... and before the bounds branch */
#define MAX_ENTRIES		4096

static uint32_t word_at(const struct section *sec, unsigned long off)
{
	return ppc_insn_at(sec->data + off);
}

/* Does a relocation of @reloc_off (in @sec) lead to @sec + @table? */
static bool reloc_names(const struct objtool_file *file, const struct section *sec,
			unsigned long reloc_off, long table)
{
	struct reloc *r = find_reloc(sec, reloc_off, PPC_INSN_SIZE);
	struct section *tsec;
	long off;

	(void)file;
	if (!r || !reloc_target(r, &tsec, &off))
		return false;
	if (tsec == sec && off == table)
		return true;
	/* through a .toc slot holding the table's address */
	if (!tsec || strcmp(tsec->name, ".toc"))
		return false;
	r = find_reloc(tsec, off, 8);
	return r && reloc_target(r, &tsec, &off) && tsec == sec && off == table;
}

/*
 * The registers holding the dispatch's index, as a mask: the offset
 * register of "lwax rT,rB,rX" before the bctr, the register rI it was
 * scaled from ("sldi rX,rI,2", "rldic rX,rI,2,30"), and registers rI was
 * copied from ("mr rI,rC") before that.  0 if there is no lwax.
 */
static uint32_t index_regs(const struct section *sec, unsigned long func,
			   unsigned long bctr)
{
	unsigned long lo = bctr - func > DISPATCH_WINDOW * PPC_INSN_SIZE ?
			   bctr - DISPATCH_WINDOW * PPC_INSN_SIZE : func;
	uint32_t regs = 0;
	int rx = -1;

	for (unsigned long at = bctr; at > lo; ) {
		uint32_t w = word_at(sec, at -= PPC_INSN_SIZE);
		unsigned int ra = w >> 16 & 0x1f, rs = w >> 21 & 0x1f;

		if (rx < 0 && w >> 26 == 31 && (w >> 1 & 0x3ff) == 341) {
			rx = w >> 11 & 0x1f;		/* lwax: the offset register */
			regs = 1U << rx;
		} else if (rx >= 0 && (w >> 26 == 30 || w >> 26 == 21) &&
			   (regs >> ra & 1)) {
			regs |= 1U << rs;		/* the scaling shift */
		} else if (rx >= 0 && w >> 26 == 31 && (w >> 1 & 0x3ff) == 444 &&
			   rs == (w >> 11 & 0x1f) && (regs >> ra & 1)) {
			regs |= 1U << rs;		/* mr rI,rC */
		}
	}
	return regs;
}

/*
 * Opcode 31 integer instructions whose Rc bit makes a record form (in
 * loads, stores and VSX forms bit 0 means something else).
 */
static bool record_form_31(uint32_t w)
{
	static const uint16_t x10[] = {		/* logical, shifts, extends */
		24, 26, 27, 28, 58, 60, 124, 284, 316, 412, 444, 476, 536, 539,
		792, 794, 824, 922, 954, 986,
	};
	static const uint16_t x9[] = {		/* XO-form arithmetic */
		8, 10, 40, 104, 136, 138, 200, 202, 232, 234, 233, 235, 266,
		457, 459, 489, 491,
	};
	unsigned int xo10 = w >> 1 & 0x3ff, xo9 = w >> 1 & 0x1ff;

	for (size_t i = 0; i < sizeof(x10) / sizeof(x10[0]); i++)
		if (x10[i] == xo10)
			return true;
	for (size_t i = 0; i < sizeof(x9) / sizeof(x9[0]); i++)
		if (x9[i] == xo9)
			return true;
	return false;
}

/* Does @w write condition field @field (a compare, or a record form into cr0)? */
static bool sets_field(uint32_t w, int field)
{
	unsigned int op = w >> 26;

	if (op == 10 || op == 11)			/* cmpli, cmpi */
		return (int)(w >> 23 & 7) == field;
	if (op == 31 && ((w >> 1 & 0x3ff) == 0 || (w >> 1 & 0x3ff) == 32))
		return (int)(w >> 23 & 7) == field;	/* cmp, cmpl */
	if (op == 19 && (w >> 1 & 0x3ff) == 0)	/* mcrf */
		return (int)(w >> 23 & 7) == field;
	if (op == 31 && (w >> 1 & 0x3ff) == 144)	/* mtcrf */
		return true;
	/* record forms ("add.", "andi.", ...) set cr0 */
	if (field)
		return false;
	if (op == 28 || op == 29)
		return true;
	if ((op == 30 || op == 21 || op == 20 || op == 23) && (w & 1))
		return true;
	return op == 31 && (w & 1) && record_form_31(w);
}

/*
 * N of the bounds check: the last conditional branch before the bctr that
 * tests a "greater than" bit, and the instruction that last set that
 * condition field before it, which must be an unsigned compare of the
 * index register with an immediate (cmplwi/cmpldi rI,N).  gcc schedules
 * other work in between, hence the windows.  Anything else: no bound.
 */
static long bound(const struct section *sec, unsigned long func, unsigned long bctr)
{
	unsigned long lo = bctr - func > DISPATCH_WINDOW * PPC_INSN_SIZE ?
			   bctr - DISPATCH_WINDOW * PPC_INSN_SIZE : func;
	unsigned long at = bctr;
	uint32_t ri = index_regs(sec, func, bctr);
	int field = -1;

	while (at > lo && field < 0) {
		uint32_t w = word_at(sec, at -= PPC_INSN_SIZE);

		if (w >> 26 == 16 && (w >> 16 & 3) == 1)
			field = w >> 18 & 7;
	}
	if (field < 0 || !ri)
		return -1;
	lo = at - func > COMPARE_WINDOW * PPC_INSN_SIZE ?
	     at - COMPARE_WINDOW * PPC_INSN_SIZE : func;
	while (at > lo) {
		uint32_t w = word_at(sec, at -= PPC_INSN_SIZE);

		if (!sets_field(w, field))
			continue;
		if (w >> 26 == 10 && (ri >> (w >> 16 & 0x1f) & 1))
			return w & 0xffff;
		return -1;
	}
	return -1;
}

/*
 * Without a bounds check near the dispatch (gcc moved the check before a
 * loop or a join): the words right after the bctr whose primary opcode is
 * 0.  No instruction has it, so the run is data, and gcc's entries to
 * case blocks after the table are small positive offsets, which do.  A
 * table with an entry to a block before it (a negative offset) ends the
 * run early: those blocks stay unwalked and are reported, never wrong.
 */
static long opcode0_run(const struct section *sec, unsigned long table,
			unsigned long end)
{
	long n = 0;

	while (table + 4 * n < end && n < MAX_ENTRIES &&
	       !(word_at(sec, table + 4 * n) >> 26))
		n++;
	return n;
}

/*
 * The table after the bctr at @bctr of @sec: its entry count, 0 when the
 * code does not prove one.
 */
unsigned int ppc64le_jump_table_entries(const struct objtool_file *file,
					const struct section *sec,
					unsigned long bctr)
{
	const struct symbol *func = find_func_containing(sec, bctr);
	unsigned long table = bctr + PPC_INSN_SIZE, end;
	bool named = false;
	long n;

	if (!func || !sec->data || word_at(sec, bctr) != PPC_INSN_BCTR)
		return 0;
	end = func->offset + func->len;
	for (unsigned long at = func->offset; at < bctr && !named; at += PPC_INSN_SIZE)
		named = reloc_names(file, sec, at, table);
	n = named ? bound(sec, func->offset, bctr) + 1 : 0;
	if (named && n <= 0)
		n = opcode0_run(sec, table, end);
	if (n <= 0 || n > MAX_ENTRIES || table + 4 * n > end)
		return 0;
	for (long i = 0; i < n; i++) {
		long dest = (long)table + (int32_t)word_at(sec, table + 4 * i);

		if (dest < (long)func->offset || dest >= (long)end || dest % 4 ||
		    (dest >= (long)table && dest < (long)(table + 4 * n)))
			return 0;
	}
	return n;
}

int ppc64le_find_jump_table(struct objtool_file *file, struct instruction *br,
			    struct instruction ***targets)
{
	unsigned int n = ppc64le_jump_table_entries(file, br->sec, br->offset);
	unsigned long table = br->offset + PPC_INSN_SIZE;
	struct instruction **t;

	*targets = NULL;
	if (!n || !br->func)
		return 0;
	t = calloc(n + 1, sizeof(*t));
	if (!t)
		return -1;
	for (unsigned int i = 0; i < n; i++) {
		long dest = (long)table + (int32_t)word_at(br->sec, table + 4 * i);

		t[i] = find_insn(br->sec, dest);
		if (!t[i] || t[i]->func != br->func) {
			free(t);
			return 0;
		}
	}
	*targets = t;
	return n;
}
