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

enum cfiw_arch { CFIW_X86_64, CFIW_ARM64 };

struct cfiw;

struct cfiw_regs {
	uint64_t pc, sp, fp, lr;	/* lr: arm64 x30 of the interrupted frame */
};

/* 0 on success: *w reads the CFI of the ELF file at path */
struct cfiw *cfiw_open(const char *path);
enum cfiw_arch cfiw_arch(const struct cfiw *w);

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
