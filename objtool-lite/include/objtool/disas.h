/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Human-readable text for instructions and stack states: --disas=func,
 * --backtrace and the messages of --check-cfi.  The disassembly comes from
 * libopcodes; everything else here is objtool-lite's own notation.
 */
#ifndef OBJTOOL_DISAS_H
#define OBJTOOL_DISAS_H

#include <stddef.h>
#include <stdio.h>

#include <objtool/objtool.h>

/*
 * The instruction's disassembly, then "  # reloc: sym+addend" when a
 * relocation applies to its bytes.  No offset, no bytes and no newline:
 * the caller has already said where the instruction is.
 */
void print_insn_text(struct objtool_file *file, const struct instruction *insn,
		     FILE *f);

/* A DWARF register number as the arch names it ("rsp", "x29"). */
const char *cfi_reg_name(const struct objtool_arch *arch, int reg,
			 char *buf, size_t size);

/*
 * Stack-state notation shared by --disas and --check-cfi:
 *   cfa:  "rsp+16", "undefined"
 *   reg:  "cfa-16" (saved at CFA-16), "same" (caller's value still in the
 *         register), "rbx" (caller's value in another register)
 */
void format_cfa(const struct objtool_arch *arch, const struct cfi_reg *cfa,
		char *buf, size_t size);
void format_saved_reg(const struct objtool_arch *arch, const struct cfi_reg *reg,
		      char *buf, size_t size);

/* "cfa=rsp+16 rbp=cfa-16" (plus "x30=..." where the arch has cfi_ra). */
void format_stack_state(const struct objtool_arch *arch,
			const struct cfi_state *cfi, char *buf, size_t size);

#endif /* OBJTOOL_DISAS_H */
