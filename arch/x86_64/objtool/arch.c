// SPDX-License-Identifier: GPL-2.0
/* The x86_64 port of objtool-lite: everything the core asks of x86_64. */
#include <elf.h>
#include <string.h>

#include <objtool/objtool.h>

#include "x86.h"

static const char *const x86_reg_names[X86_NR_REGS] = {
	"rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};

static bool x86_callee_saved(int reg)
{
	switch (reg) {
	case X86_RBX:
	case X86_RBP:
	case X86_R12 ... X86_R15:
		return true;
	default:
		return false;
	}
}

/*
 * Upstream objtool numbers x86 registers in encoding order (ax cx dx bx
 * sp bp si di r8..r15) in its messages; warnings keep its wording.
 */
static int x86_upstream_reg(int reg)
{
	static const int8_t enc[X86_NR_REGS] = {
		[X86_RAX] = 0, [X86_RCX] = 1, [X86_RDX] = 2, [X86_RBX] = 3,
		[X86_RSP] = 4, [X86_RBP] = 5, [X86_RSI] = 6, [X86_RDI] = 7,
		[X86_R8] = 8, [X86_R9] = 9, [X86_R10] = 10, [X86_R11] = 11,
		[X86_R12] = 12, [X86_R13] = 13, [X86_R14] = 14, [X86_R15] = 15,
	};

	return reg < X86_NR_REGS ? enc[reg] : reg;
}

/* At entry the call has pushed the return address: CFA = rsp + 8. */
static void x86_init_cfi(struct cfi_state *cfi)
{
	cfi_init(cfi);
	cfi->cfa.base = X86_RSP;
	cfi->cfa.offset = 8;
	cfi->stack_size = 8;
	cfi->type = UNWIND_CALL;
}

/*
 * A PC32/PLT32 displacement of a call/jmp is the last field of the
 * instruction, so the CPU adds it to the address 4 bytes further on.
 */
static long x86_reloc_dest(long sym_offset, long addend)
{
	return sym_offset + addend + 4;
}

static bool has_prefix(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* What x86_return_thunk may point at, depending on the mitigation. */
static bool x86_is_return_thunk(const char *sym)
{
	static const char *const names[] = {
		"__x86_return_thunk", "retbleed_return_thunk",
		"srso_return_thunk", "srso_alias_return_thunk",
		"its_return_thunk",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(sym, names[i]))
			return true;
	return false;
}

static bool x86_is_indirect_thunk(const char *sym)
{
	return has_prefix(sym, "__x86_indirect_thunk_") ||
	       has_prefix(sym, "__x86_indirect_call_thunk_") ||
	       has_prefix(sym, "__x86_indirect_jump_thunk_") ||
	       has_prefix(sym, "__x86_indirect_its_thunk_");
}

/* x86-only functions that never return (the core holds the generic list). */
static const char *const x86_noreturns[] = {
	"__tdx_hypercall_failed",
	"cpu_bringup_and_idle",
	"ex_handler_msr_mce",
	"hlt_play_dead",
	"hv_ghcb_terminate",
	"machine_real_restart",
	"rewind_stack_and_make_dead",
	"sev_es_terminate",
	"snp_abort",
	"stop_this_cpu",
	"x86_64_start_kernel",
	"x86_64_start_reservations",
	"xen_cpu_bringup_again",
	"xen_start_kernel",
	NULL,
};

/*
 * Linux x86 special sections: struct alt_instr (s32 instr, s32 repl,
 * u32 feature flags, u8 instrlen, u8 replacementlen; packed), struct
 * jump_entry (s32 code, s32 target, long key) and struct
 * exception_table_entry (s32 insn, s32 fixup, s32 data).
 */
/*
 * The kernel's own NOPs (asm/nops.h) of the sizes a jump label site has:
 * its patching code compares the site with exactly these bytes.
 */
static const uint8_t *x86_nop_insn(unsigned int len)
{
	static const uint8_t nop2[] = { 0x66, 0x90 };
	static const uint8_t nop5[] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };

	return len == 2 ? nop2 : len == 5 ? nop5 : NULL;
}

/*
 * --hacks=noinstr writes a return where a tail call to an instrumentation
 * function was: ret, int3 (no straight-line speculation past it), then
 * NOPs to the jump's length, as upstream objtool writes it.
 */
static const uint8_t *x86_ret_insn(unsigned int len)
{
	static const uint8_t rets[5][5] = {
		{ 0xc3 },
		{ 0xc3, 0xcc },
		{ 0xc3, 0xcc, 0x90 },
		{ 0xc3, 0xcc, 0x66, 0x90 },
		{ 0xc3, 0xcc, 0x0f, 0x1f, 0x00 },
	};

	return len >= 1 && len <= 5 ? rets[len - 1] : NULL;
}

/*
 * Upstream's per-feature rules for alternatives (struct alt_instr's
 * feature number, the low 16 bits of ft_flags at offset 8).  SMAP's
 * alternatives are the stac/clac pairs of user access: walking both sides
 * would pair a stac with the original's NOP where the clac should be, so
 * with --uaccess only the replacement is walked, and without it only the
 * original.  The !POPCNT side of hweight (a call) is never walked.
 */
#define X86_FEATURE_POPCNT	(4 * 32 + 23)
#define X86_FEATURE_SMAP	(9 * 32 + 20)

static enum alt_walk x86_alt_walk(const struct objtool_file *file, const uint8_t *entry)
{
	unsigned int feature = entry[8] | entry[9] << 8;

	if (feature == X86_FEATURE_SMAP)
		return file->opts->uaccess ? ALT_WALK_SKIP_ORIG : ALT_WALK_SKIP_ALT;
	if (feature == X86_FEATURE_POPCNT)
		return ALT_WALK_SKIP_ORIG;
	return ALT_WALK_BOTH;
}

/* A PC32/PLT32 relocation's target is where a call or jump would go. */
static bool x86_ibt_branch_reloc(uint32_t type)
{
	return type == R_X86_64_PC32 || type == R_X86_64_PLT32;
}

/* x86's noinstr text besides the generic sections: the mitigation thunks */
static const char *const x86_noinstr_sections[] = { ".text..__x86.*", NULL };

static const struct special_section x86_special_sections[] = {
	{ .name = ".altinstructions", .entry_size = 14, .orig = 0, .new = 4,
	  .orig_len = 12, .new_len = 13, .kind = SPECIAL_ALT_GROUP },
	{ .name = "__jump_table", .entry_size = 16, .orig = 0, .new = 4,
	  .orig_len = -1, .new_len = -1, .kind = SPECIAL_JUMP_LABEL, .key = 8 },
	{ .name = "__ex_table", .entry_size = 12, .orig = 0, .new = 4,
	  .orig_len = -1, .new_len = -1, .kind = SPECIAL_EXTRA_PATH },
	{ .name = NULL },
};

/*
 * Replacement code runs only once copied over the original, and
 * static_cpu_has()'s slow path in .altinstr_aux: like upstream, no ORC.
 */
static const char *const x86_no_orc_sections[] = {
	".altinstr_replacement", ".altinstr_aux", NULL,
};

/* Required hooks: x86_decode(), x86_init_cfi(), ... (objtool/arch.h). */
OBJTOOL_ARCH(x86_64, x86,
	.e_machine		= EM_X86_64,
	.cfi_sp			= X86_RSP,
	.cfi_fp			= X86_RBP,
	.cfi_ra			= CFI_UNDEFINED,
	.nr_regs		= X86_NR_REGS,
	.reg_names		= x86_reg_names,
	.is_return_thunk	= x86_is_return_thunk,
	.is_indirect_thunk	= x86_is_indirect_thunk,
	.noreturns		= x86_noreturns,
	.orc_ip_reloc		= R_X86_64_PC32,
	.abs64_reloc		= R_X86_64_64,
	.special_sections	= x86_special_sections,
	.nop_insn		= x86_nop_insn,
	.ret_insn		= x86_ret_insn,
	.ibt_branch_reloc	= x86_ibt_branch_reloc,
	.alt_walk		= x86_alt_walk,
	.uaccess_safe		= x86_uaccess_safe,
	.noinstr_sections	= x86_noinstr_sections,
	.no_orc_sections	= x86_no_orc_sections,
	.upstream_reg		= x86_upstream_reg,
	.fentry_name		= "__fentry__",
	.reset			= x86_reset,
	.bfd_arch		= "i386:x86-64");
