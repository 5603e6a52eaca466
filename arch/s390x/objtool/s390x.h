/* SPDX-License-Identifier: GPL-2.0 */
/* Private to the s390x port of objtool-lite: what its files share. */
#ifndef S390X_OBJTOOL_H
#define S390X_OBJTOOL_H

#include <objtool/arch.h>
#include <objtool/objtool.h>

/* DWARF register numbers (s390x ELF ABI: r0..r15 = 0..15, f0.. = 16..) */
#define S390X_REG_FP	11	/* gcc's frame pointer, when it keeps one */
#define S390X_REG_RA	14	/* return address at entry */
#define S390X_REG_SP	15
/* general registers, then the floating-point ones gcc parks them in */
#define S390X_NR_REGS	32

/* The caller's r15 is this far below the CFA (the register save area). */
#define S390X_CFA_BIAS	160

/* "brcl 0,0": the ftrace site of -mfentry -mrecord-mcount -mnop-mcount */
#define S390X_FENTRY_LEN	6

/* Instruction length from the two top bits of the first opcode byte. */
static inline unsigned int s390x_insn_len(uint8_t op)
{
	static const uint8_t len[4] = { 2, 4, 4, 6 };

	return len[op >> 6];
}

int s390x_orc_encode(const struct cfi_state *cfi, void *entry,
		     const struct instruction *insn);
void s390x_orc_print(FILE *f, const void *entry);
void s390x_orc_print_json(FILE *f, const void *entry);
int s390x_hint_reg(int hint_reg);
int s390x_mcount(struct objtool_file *file);
int s390x_find_jump_table(struct objtool_file *file, struct instruction *br,
			  struct instruction ***targets);
/* objtool_reset(): the table starts jump_table.c keeps per file */
void s390x_jump_table_reset(void);
const char *s390x_call_frame_check(const struct objtool_arch *arch,
				   const struct cfi_state *cfi);

#endif /* S390X_OBJTOOL_H */
