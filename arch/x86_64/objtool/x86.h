/* SPDX-License-Identifier: GPL-2.0 */
/* Private to the x86_64 port: the pieces arch.c gathers into arch_x86_64. */
#ifndef X86_OBJTOOL_H
#define X86_OBJTOOL_H

#include <objtool/arch.h>

/* DWARF register numbers (System V x86_64 psABI) */
enum x86_dwarf_reg {
	X86_RAX, X86_RDX, X86_RCX, X86_RBX, X86_RSI, X86_RDI, X86_RBP, X86_RSP,
	X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
	X86_NR_REGS
};

/* fastpath.c: Zydis-free decoding of the common instructions, then Zydis */
int x86_decode(const struct objtool_file *file, const struct section *sec,
	       unsigned long offset, const uint8_t *buf, size_t avail,
	       struct decoded_insn *out);

/* Register number in an encoding (ModRM/SIB/opcode field + REX bit) to DWARF */
extern const int8_t x86_enc_to_dwarf[16];

/*
 * decode.c: the Zydis decoder for what fastpath.c leaves, and the check of
 * fastpath.c against it (OBJTOOL_X86_CROSSCHECK=1 sets x86_crosscheck).
 */
int x86_decode_zydis(unsigned long offset, const uint8_t *buf, size_t avail,
		     struct decoded_insn *out);
extern bool x86_crosscheck;
/* objtool_reset(): the cross-check's count starts again */
void x86_reset(void);
/* uaccess.c: upstream's functions that may run with user access allowed */
extern const char *const x86_uaccess_safe[];
void x86_crosscheck_insn(const struct section *sec, unsigned long offset,
			 const uint8_t *buf, size_t avail,
			 const struct decoded_insn *fast);

static inline void x86_insn_reset(struct decoded_insn *out, int len, int type)
{
	out->len = len;
	out->type = type;
	out->nr_ops = 0;
	out->has_dest = false;
	out->dest = 0;
}

static inline void x86_emit(struct decoded_insn *out, int kind, int dst,
			    int src, int size, long imm)
{
	struct stack_op *op;

	if (out->nr_ops >= MAX_STACK_OPS)
		return;
	op = &out->ops[out->nr_ops++];
	op->kind = kind;
	op->dst = dst;
	op->src = src;
	op->size = size;
	op->imm = imm;
}

int x86_orc_encode(const struct cfi_state *cfi, void *entry,
		   const struct instruction *insn);
void x86_orc_print(FILE *f, const void *entry);
void x86_orc_print_json(FILE *f, const void *entry);
int x86_hint_reg(int hint_reg);

extern const struct orc_format orc_format_x86_64;

#endif /* X86_OBJTOOL_H */
