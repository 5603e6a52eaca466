// SPDX-License-Identifier: GPL-2.0
/*
 * s390x switch jump tables.  gcc -O2 compiles a large switch into
 *
 *	larl	%rT,.Ltable		R_390_PC32DBL .rodata+off+2
 *	sllg	%rI,%rI,3
 *	lg	%rI,0(%rI,%rT)
 *	b	0(%rI,%rT)
 *
 * with a table of 8-byte offsets from the table's own start in .rodata,
 * each written as ".quad .Lcase - .Ltable": an R_390_PC64 relocation
 * against the text section whose addend is the case's offset plus the
 * entry's distance from the table start (PC64 counts from the entry).
 * With -fno-pic the table holds absolute addresses (R_390_64) and the
 * dispatch is "lg %rD,0(%rI,%rT); br %rD".  The generic table reader
 * finds neither: the larl's addend carries the instruction's +2, and a
 * PC64 entry's target is off by 8 per entry; the port reads them itself.
 *
 * No guessing: only a "b 0(%rX,%rY)" (or the "br" of a register loaded
 * from 0(%rX,%rY)) whose base or index register was set by a larl of read-only data a few instructions before, in the same
 * function, is taken for a switch; every entry must be a PC64 relocation
 * to an instruction of that function, and a table ends where its
 * relocations stop, where another larl'ed table starts, or at an entry
 * that does not fit.
 */
#include <stdlib.h>
#include <string.h>

#include <objtool/elf.h>

#include "s390x.h"

#define LARL_LOOKBACK	64	/* instructions searched before the jump */

static bool is_larl(const struct instruction *insn, unsigned int *reg)
{
	const uint8_t *b = insn->sec->data + insn->offset;

	if (insn->len != 6 || b[0] != 0xc0 || (b[1] & 0xf) != 0)
		return false;
	*reg = b[1] >> 4;
	return true;
}

/* The read-only data a larl points at (the addend carries its +2). */
static bool larl_data(const struct instruction *insn, struct section **tsec,
		      long *toff)
{
	struct reloc *r = find_reloc(insn->sec, insn->offset, insn->len);
	struct section *sec;

	if (!r || r->type != R_390_PC32DBL || !(sec = r->sym->sec) || sec->text ||
	    (sec->sh.sh_flags & SHF_WRITE) || !(sec->sh.sh_flags & SHF_ALLOC))
		return false;
	*tsec = sec;
	*toff = r->sym->offset + r->addend - 2;
	return true;
}

/*
 * Where the tables of one file start (every larl of read-only data),
 * collected once and sorted, so that no table runs into the next.
 */
struct table_start {
	const struct section *sec;
	long off;
};

static struct {
	const struct objtool_file *file;
	struct table_start *t;
	unsigned int nr;
} starts;

static int start_cmp(const void *a, const void *b)
{
	const struct table_start *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* Keyed by the file pointer, which the next run in a process may reuse. */
void s390x_jump_table_reset(void)
{
	free(starts.t);
	memset(&starts, 0, sizeof(starts));
}

static int load_starts(const struct objtool_file *file)
{
	unsigned int cap = 0;

	free(starts.t);
	starts.t = NULL;
	starts.nr = 0;
	starts.file = file;
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		const struct section *text = &file->secs[s];

		for (unsigned int i = 0; i < text->nr_insns; i++) {
			struct section *tsec;
			unsigned int reg;
			long off;

			if (!is_larl(&text->insns[i], &reg) ||
			    !larl_data(&text->insns[i], &tsec, &off))
				continue;
			if (starts.nr == cap) {
				struct table_start *t;

				cap = cap ? 2 * cap : 64;
				t = realloc(starts.t, cap * sizeof(*t));
				if (!t)
					return -1;
				starts.t = t;
			}
			starts.t[starts.nr++] = (struct table_start){ tsec, off };
		}
	}
	if (starts.nr)
		qsort(starts.t, starts.nr, sizeof(*starts.t), start_cmp);
	return 0;
}

static bool table_starts_at(const struct section *tsec, long off)
{
	struct table_start key = { tsec, off };

	return starts.nr && bsearch(&key, starts.t, starts.nr, sizeof(key), start_cmp);
}

/* "b 0(%rX,%rY)": the two registers, when that is what @br is. */
static bool indexed_branch(const struct instruction *br, unsigned int *x,
			   unsigned int *b)
{
	const uint8_t *p = br->sec->data + br->offset;

	if (br->len != 4 || p[0] != 0x47 || (p[1] >> 4) != 15 ||
	    (p[2] & 0xf) || p[3])
		return false;
	*x = p[1] & 0xf;
	*b = p[2] >> 4;
	return *x && *b;
}

/*
 * "lg %rD,0(%rX,%rY); ... br %rD" (-fno-pic: a table of absolute
 * addresses): the two registers of the load, and the load, when @br is
 * such a jump.
 */
static const struct instruction *loaded_branch(const struct instruction *br,
					       unsigned int *x, unsigned int *b)
{
	const uint8_t *p = br->sec->data + br->offset;
	unsigned int d = p[1] & 0xf;

	if (br->len != 2 || p[0] != 0x07 || (p[1] >> 4) != 15 || !d)
		return NULL;
	for (const struct instruction *q = br - 1;
	     q >= br->sec->insns && br - q <= LARL_LOOKBACK && q->func == br->func;
	     q--) {
		const uint8_t *l = q->sec->data + q->offset;

		if (q->len == 6 && l[0] == 0xe3 && l[5] == 0x04 && (l[1] >> 4) == d) {
			*x = l[1] & 0xf;
			*b = l[2] >> 4;
			return *x && *b && !(l[2] & 0xf) && !l[3] && !l[4] ? q : NULL;
		}
	}
	return NULL;
}

static bool writes(const struct objtool_file *file, const struct instruction *p,
		   unsigned int reg)
{
	const struct stack_op *op = insn_ops(file, p);

	for (unsigned int i = 0; i < p->nr_ops; i++)
		if (op[i].kind != OP_STORE && op[i].dst == (int)reg)
			return true;
	return false;
}

/*
 * The larl that set the table register, searching back from @use, the
 * instruction that reads the table (gcc hoists the larl out of loops); the
 * register may not be written between the two.  The other register is the
 * index, written on the way by design.
 */
static const struct instruction *find_larl(const struct objtool_file *file,
					   const struct instruction *use,
					   unsigned int x, unsigned int b)
{
	bool x_live = true, b_live = true;

	for (const struct instruction *p = use - 1;
	     p >= use->sec->insns && use - p <= LARL_LOOKBACK && p->func == use->func;
	     p--) {
		unsigned int reg;

		if (is_larl(p, &reg) && ((reg == x && x_live) || (reg == b && b_live)))
			return p;
		x_live &= !writes(file, p, x);
		b_live &= !writes(file, p, b);
		if (!x_live && !b_live)
			return NULL;
	}
	return NULL;
}

int s390x_find_jump_table(struct objtool_file *file, struct instruction *br,
			  struct instruction ***targets)
{
	const struct instruction *larl, *use = br, *load;
	struct instruction **dests = NULL;
	struct section *tsec;
	unsigned int x, b, n = 0, type;
	long toff;
	struct reloc *r;

	*targets = NULL;
	if (indexed_branch(br, &x, &b)) {
		type = R_390_PC64;
	} else if ((load = loaded_branch(br, &x, &b))) {
		type = R_390_64;
		use = load;
	} else {
		return 0;
	}
	if (!(larl = find_larl(file, use, x, b)) || !larl_data(larl, &tsec, &toff))
		return 0;
	if (starts.file != file && load_starts(file))
		return -1;
	r = find_reloc(tsec, toff, 8);
	for (; r && r < tsec->relocs + tsec->nr_relocs; r++) {
		long at = r->offset - toff;
		struct instruction *dest;

		if (at != 8L * n || r->type != type || r->sym->sec != br->sec ||
		    (n && table_starts_at(tsec, r->offset)))
			break;
		/* PC64 counts from the entry, the dispatch from the table */
		dest = find_insn(br->sec, r->sym->offset + r->addend -
					  (type == R_390_PC64 ? at : 0));
		if (!dest || dest->func != br->func)
			break;
		if (!(n % 16)) {
			struct instruction **d = realloc(dests, (n + 17) * sizeof(*d));

			if (!d) {
				free(dests);
				return -1;
			}
			dests = d;
		}
		dests[n++] = dest;
	}
	if (!n)
		return 0;
	dests[n] = NULL;
	*targets = dests;
	return n;
}
