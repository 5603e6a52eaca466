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
 * function materialises the address T (bctr + 4) through a relocation, a
 * unsigned compare with an immediate N feeds the last branch on a "greater
 * than" bit before the bctr, and all
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
 * N of the bounds check: the last conditional branch before the bctr that
 * tests a "greater than" bit, and the nearest unsigned compare with an
 * immediate (cmplwi/cmpldi) into that condition field before it.
 * gcc schedules other work in between, hence the windows.
 */
static long bound(const struct section *sec, unsigned long func, unsigned long bctr)
{
	unsigned long lo = bctr - func > DISPATCH_WINDOW * PPC_INSN_SIZE ?
			   bctr - DISPATCH_WINDOW * PPC_INSN_SIZE : func;
	unsigned long at = bctr;
	int field = -1;

	while (at > lo && field < 0) {
		uint32_t w = word_at(sec, at -= PPC_INSN_SIZE);

		if (w >> 26 == 16 && (w >> 16 & 3) == 1)
			field = w >> 18 & 7;
	}
	if (field < 0)
		return -1;
	lo = at - func > COMPARE_WINDOW * PPC_INSN_SIZE ?
	     at - COMPARE_WINDOW * PPC_INSN_SIZE : func;
	while (at > lo) {
		uint32_t w = word_at(sec, at -= PPC_INSN_SIZE);

		if (w >> 26 == 10 && (int)(w >> 23 & 7) == field)
			return w & 0xffff;
	}
	return -1;
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
