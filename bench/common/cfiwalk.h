/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ground truth for the benchmark: an offline walker over the compiler's
 * DWARF CFI (.eh_frame, read with libdw), on a stack given by a read
 * callback (a copied stack, or the live one).  Independent of every
 * unwinder it judges: it uses neither ORC, nor frame records, nor SFrame.
 */
#ifndef BENCH_CFIWALK_H
#define BENCH_CFIWALK_H

#include <stdbool.h>
#include <stdint.h>

struct cfiw;

/* DWARF register numbers the walk can hold: up to ppc64's LR (65) */
#define CFIW_NREGS	66

/*
 * An interrupted context: its pc, and its registers by DWARF number, each
 * marked known or not (every register the signal context holds: a rule may
 * name any of them, e.g. s390x leaves keep r11 and r15 in f0/f2, ppc64le
 * prologues keep the LR in r0 until it is stored)
 */
struct cfiw_regs {
	uint64_t pc;
	uint64_t v[CFIW_NREGS];
	bool known[CFIW_NREGS];
};

/*
 * The CFI of the ELF file at path (x86_64, arm64, s390x or ppc64le), or
 * NULL with a message on stderr
 */
struct cfiw *cfiw_open(const char *path);

typedef bool (*cfiw_read_fn)(uint64_t addr, uint64_t *val, void *ctx);

/*
 * Walk from an interrupted context (pc exact), storing pcs innermost first.
 * The walk ends successfully after storing a pc in [stop_lo, stop_hi).
 * Returns the number of pcs, or -1 when some frame has no usable CFI or a
 * load failed (no ground truth for this sample).
 */
int cfiw_walk(struct cfiw *w, const struct cfiw_regs *r, cfiw_read_fn rd, void *ctx,
	      uint64_t stop_lo, uint64_t stop_hi, uint64_t *out, int max);

/* where the last failed walk stopped (for diagnostics) */
extern int cfiw_fail_line;
extern uint64_t cfiw_fail_pc;

#endif
