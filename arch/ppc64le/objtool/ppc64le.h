/* SPDX-License-Identifier: GPL-2.0 */
/* Private to the ppc64le port of objtool-lite: what its files share. */
#ifndef PPC64LE_OBJTOOL_H
#define PPC64LE_OBJTOOL_H

#include <objtool/arch.h>
#include <objtool/objtool.h>

/*
 * DWARF register numbers of the 64-bit ELF ABI: r0..r31 = 0..31,
 * f0..f31 = 32..63, cr = 64, lr = 65 (the return-address column of gcc's
 * CIEs, "ra=65"), ctr = 66.
 */
#define PPC_REG_R0	0
#define PPC_REG_SP	1
#define PPC_REG_TOC	2
#define PPC_REG_R12	12
#define PPC_REG_FP	31
#define PPC_REG_LR	65
#define PPC_NR_REGS	66

#define PPC_INSN_SIZE	4
#define PPC_INSN_NOP	0x60000000U	/* ori r0,r0,0 */
#define PPC_INSN_BCTR	0x4e800420U

/* The minimum ELFv2 frame: back chain, CR save, LR save, TOC save. */
#define PPC_MIN_FRAME	32
#define PPC_LR_SAVE	16

static inline uint32_t ppc_insn_at(const uint8_t *p)
{
	/* ppc64le: instructions are little-endian words */
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/*
 * ELFv2 local entry point of @sym, bytes after its global entry, from the
 * three st_other bits 5-7 (v): 0 and 1 mean none (1: r2 not preserved),
 * 2..6 mean 1 << v bytes, 7 is reserved.  -1 for the reserved value.
 */
static inline int ppc_local_entry(const struct symbol *sym)
{
	unsigned int v = sym->other >> 5 & 7;

	if (v == 7)
		return -1;
	return v < 2 ? 0 : 1 << v;
}

int ppc64le_orc_encode(const struct cfi_state *cfi, void *entry,
		       const struct instruction *insn);
void ppc64le_orc_print(FILE *f, const void *entry);
void ppc64le_orc_print_json(FILE *f, const void *entry);
int ppc64le_hint_reg(int hint_reg);
extern const struct orc_format orc_format_ppc64le;

unsigned int ppc64le_jump_table_entries(const struct objtool_file *file,
					const struct section *sec,
					unsigned long bctr);
int ppc64le_find_jump_table(struct objtool_file *file, struct instruction *br,
			    struct instruction ***targets);
bool ppc64le_fentry_site_ok(const struct instruction *insn);
const char *ppc64le_call_frame_check(const struct objtool_arch *arch,
				     const struct cfi_state *cfi);

#endif /* PPC64LE_OBJTOOL_H */
