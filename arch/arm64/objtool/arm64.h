/* SPDX-License-Identifier: GPL-2.0 */
/* Private to the arm64 port of objtool-lite: what its files share. */
#ifndef ARM64_OBJTOOL_H
#define ARM64_OBJTOOL_H

#include <objtool/arch.h>
#include <objtool/objtool.h>

/* DWARF register numbers (AAPCS64 DWARF: x0..x30 = 0..30, sp = 31) */
#define ARM64_REG_FP	29
#define ARM64_REG_LR	30
#define ARM64_REG_SP	31

#define ARM64_INSN_SIZE	4
#define ARM64_INSN_NOP	0xd503201fU

static inline uint32_t arm64_insn_at(const uint8_t *p)
{
	/* A64 instructions are little-endian even on a big-endian kernel. */
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

int arm64_orc_encode(const struct cfi_state *cfi, void *entry,
		     const struct instruction *insn);
void arm64_orc_print(FILE *f, const void *entry);
void arm64_orc_print_json(FILE *f, const void *entry);
int arm64_hint_reg(int hint_reg);
extern const struct orc_format orc_format_arm64;

int arm64_mcount(struct objtool_file *file);
int arm64_find_jump_table(struct objtool_file *file, struct instruction *br,
			  struct instruction ***targets);
int arm64_label_targets(const struct objtool_file *file, const struct symbol *func,
			struct instruction ***targets);
/* objtool_reset(): the jump-table pass's edge index (jump_table.c) */
void arm64_jump_table_reset(void);
int arm64_slot_stores(const struct objtool_file *file, const struct symbol *func,
		      long slot, struct instruction **stores, int max);

#endif /* ARM64_OBJTOOL_H */
