// SPDX-License-Identifier: GPL-2.0
/*
 * --disas=func and the instruction text of --backtrace.
 *
 * libopcodes does the disassembly; it is built here without a bfd (the
 * object is already in memory, read by elf.c): bfd_scan_arch() turns the
 * port's bfd_arch string into the arch/mach pair, disassembler() picks the
 * printer, and the section's bytes are handed over as the buffer with
 * section offsets as addresses, so the printed branch targets are section
 * offsets like everywhere else in objtool-lite.
 *
 * Debian's plain libopcodes only knows the host's architecture; the other
 * ports need the all-targets build from binutils-multiarch-dev.  Without it the text
 * says so instead of failing: the stack states are still worth printing.
 */
#define PACKAGE "objtool-lite"		/* bfd.h refuses to build without it */
#define PACKAGE_VERSION "0"
#include <dis-asm.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <objtool/disas.h>
#include <objtool/elf.h>
#include <objtool/warn.h>

/* Widest text libopcodes prints for one instruction, with room to spare. */
#define TEXT_MAX	256

struct text_buf {
	char s[TEXT_MAX];
	size_t len;
};

struct disas_ctx {
	struct objtool_file *file;
	const struct section *sec;
	disassembler_ftype print;	/* NULL: libopcodes lacks this arch */
	struct disassemble_info info;
	struct text_buf text;
};

static void text_vappend(struct text_buf *t, const char *fmt, va_list ap)
{
	int n;

	if (t->len >= sizeof(t->s) - 1)
		return;
	n = vsnprintf(t->s + t->len, sizeof(t->s) - t->len, fmt, ap);
	if (n > 0)
		t->len += (size_t)n < sizeof(t->s) - t->len ? (size_t)n
							    : sizeof(t->s) - 1 - t->len;
}

static int text_printf(void *stream, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	text_vappend(stream, fmt, ap);
	va_end(ap);
	return 0;
}

/* Plain text: the styles (mnemonic, register, ...) are for terminals. */
static int text_printf_styled(void *stream, enum disassembler_style style,
			      const char *fmt, ...)
{
	va_list ap;

	(void)style;
	va_start(ap, fmt);
	text_vappend(stream, fmt, ap);
	va_end(ap);
	return 0;
}

/*
 * Branch targets as objdump prints them, "1c <func+0x4>", so a reader can
 * follow a jump without counting offsets.  In a relocatable object a call's
 * target is usually a relocation instead; print_relocs() names that.
 */
static void print_address(bfd_vma addr, struct disassemble_info *info)
{
	struct disas_ctx *ctx = info->application_data;
	struct symbol *func = NULL;

	if (addr < ctx->sec->size)
		func = find_func_containing(ctx->sec, addr);
	if (func)
		text_printf(info->stream, "%lx <%s+0x%lx>", (unsigned long)addr,
			    func->name, (unsigned long)addr - func->offset);
	else
		text_printf(info->stream, "%lx", (unsigned long)addr);
}

static void disas_ctx_init(struct disas_ctx *ctx, struct objtool_file *file,
			   const struct section *sec)
{
	const struct objtool_arch *arch = file->arch;
	const bfd_arch_info_type *ai = NULL;
	bool big = file->ehdr.e_ident[EI_DATA] == ELFDATA2MSB;

	memset(ctx, 0, sizeof(*ctx));
	ctx->file = file;
	ctx->sec = sec;
	if (arch->bfd_arch)
		ai = bfd_scan_arch(arch->bfd_arch);
	if (ai)
		ctx->print = disassembler(ai->arch, big,
					  arch->bfd_mach ?: ai->mach, NULL);
	if (!ctx->print)
		return;

	init_disassemble_info(&ctx->info, &ctx->text, text_printf,
			      text_printf_styled);
	ctx->info.arch = ai->arch;
	ctx->info.mach = arch->bfd_mach ?: ai->mach;
	ctx->info.endian = big ? BFD_ENDIAN_BIG : BFD_ENDIAN_LITTLE;
	ctx->info.endian_code = ctx->info.endian;
	ctx->info.buffer = sec->data;
	ctx->info.buffer_length = sec->data ? sec->size : 0;
	ctx->info.buffer_vma = 0;
	ctx->info.print_address_func = print_address;
	ctx->info.application_data = ctx;
	disassemble_init_for_target(&ctx->info);
}

static void disas_ctx_exit(struct disas_ctx *ctx)
{
	if (ctx->print)
		disassemble_free_target(&ctx->info);
}

/* Disassembly of @insn into ctx->text. */
static const char *disas_one(struct disas_ctx *ctx, const struct instruction *insn)
{
	ctx->text.len = 0;
	ctx->text.s[0] = '\0';
	if (!ctx->print) {
		text_printf(&ctx->text, "(no libopcodes disassembler for %s)",
			    ctx->file->arch->bfd_arch ?: ctx->file->arch->name);
		return ctx->text.s;
	}
	if (ctx->print(insn->offset, &ctx->info) <= 0 && !ctx->text.len)
		text_printf(&ctx->text, "(bad)");
	return ctx->text.s;
}

/* "  # reloc: sym+0x10" for every relocation inside the instruction. */
static void print_relocs(const struct instruction *insn, FILE *f)
{
	const struct section *sec = insn->sec;
	const struct reloc *reloc = find_reloc(sec, insn->offset, insn->len);
	/* no relocations: relocs is NULL, and NULL + 0 is undefined in C */
	const struct reloc *end = sec->relocs ? sec->relocs + sec->nr_relocs : NULL;

	for (; reloc && reloc < end && reloc->offset < insn->offset + insn->len;
	     reloc++) {
		long a = reloc->addend;

		fprintf(f, "  # reloc: %s", reloc->sym->name);
		if (a)
			fprintf(f, "%c0x%lx", a < 0 ? '-' : '+',
				a < 0 ? -(unsigned long)a : (unsigned long)a);
	}
}

void print_insn_text(struct objtool_file *file, const struct instruction *insn,
		     FILE *f)
{
	struct disas_ctx ctx;

	disas_ctx_init(&ctx, file, insn->sec);
	fputs(disas_one(&ctx, insn), f);
	disas_ctx_exit(&ctx);
	print_relocs(insn, f);
}

const char *cfi_reg_name(const struct objtool_arch *arch, int reg,
			 char *buf, size_t size)
{
	if (reg >= 0 && reg < arch->nr_regs && arch->reg_names &&
	    arch->reg_names[reg])
		return arch->reg_names[reg];
	/* sp may have no entry in the port's register names */
	if (reg == arch->cfi_sp)
		return "sp";
	snprintf(buf, size, "r%d", reg);
	return buf;
}

void format_cfa(const struct objtool_arch *arch, const struct cfi_reg *cfa,
		char *buf, size_t size)
{
	char name[16];

	if (cfa->base < 0) {
		snprintf(buf, size, "undefined");
		return;
	}
	if (cfa->base & CFI_DEREF) {
		/* the CFA is a value saved in the frame (DRAP) */
		snprintf(buf, size, "[%s%+d]",
			 cfi_reg_name(arch, cfa->base & ~CFI_DEREF, name, sizeof(name)),
			 cfa->offset);
		return;
	}
	snprintf(buf, size, "%s%+d", cfi_reg_name(arch, cfa->base, name, sizeof(name)),
		 cfa->offset);
}

void format_saved_reg(const struct objtool_arch *arch, const struct cfi_reg *reg,
		      char *buf, size_t size)
{
	char name[16];

	switch (reg->base) {
	case CFI_UNDEFINED:
		snprintf(buf, size, "same");
		break;
	case CFI_CFA:
		snprintf(buf, size, "cfa%+d", reg->offset);
		break;
	default:
		if (reg->base >= 0 && (reg->base & CFI_IN_REG)) {
			snprintf(buf, size, "%s", cfi_reg_name(arch, reg->base & ~CFI_IN_REG,
							       name, sizeof(name)));
			break;
		}
		snprintf(buf, size, "[%s%+d]",
			 cfi_reg_name(arch, reg->base, name, sizeof(name)),
			 reg->offset);
	}
}

void format_stack_state(const struct objtool_arch *arch,
			const struct cfi_state *cfi, char *buf, size_t size)
{
	char cfa[32], fp[32], ra[32], n1[16], n2[16];

	if (!cfi) {
		snprintf(buf, size, "(no state)");
		return;
	}
	format_cfa(arch, &cfi->cfa, cfa, sizeof(cfa));
	format_saved_reg(arch, &cfi->regs[arch->cfi_fp], fp, sizeof(fp));
	if (arch->cfi_ra < 0 || arch->cfi_ra >= CFI_NUM_REGS) {
		snprintf(buf, size, "cfa=%s %s=%s", cfa,
			 cfi_reg_name(arch, arch->cfi_fp, n1, sizeof(n1)), fp);
		return;
	}
	format_saved_reg(arch, &cfi->regs[arch->cfi_ra], ra, sizeof(ra));
	snprintf(buf, size, "cfa=%s %s=%s %s=%s", cfa,
		 cfi_reg_name(arch, arch->cfi_fp, n1, sizeof(n1)), fp,
		 cfi_reg_name(arch, arch->cfi_ra, n2, sizeof(n2)), ra);
}

/* "  1c:  48 83 ec 10               sub $0x10,%rsp    cfa=rsp+16 rbp=same" */
static void print_insn_line(struct disas_ctx *ctx, const struct instruction *insn,
			    FILE *f)
{
	char state[128];
	int col = 0;

	fprintf(f, "%6x:  ", insn->offset);
	for (unsigned int i = 0; i < insn->len; i++)
		col += fprintf(f, "%02x ", ctx->sec->data ? ctx->sec->data[insn->offset + i] : 0);
	fprintf(f, "%*s %-40s ", col < 24 ? 24 - col : 0, "", disas_one(ctx, insn));
	format_stack_state(ctx->file->arch, insn->cfi, state, sizeof(state));
	fputs(state, f);
	print_relocs(insn, f);
	fputc('\n', f);
}

/* Every decoded instruction of @sym, in address order. */
static void print_symbol(struct objtool_file *file, const struct symbol *sym, FILE *f)
{
	struct section *sec = sym->sec;
	struct instruction *insn = find_insn(sec, sym->offset);
	struct disas_ctx ctx;

	fprintf(f, "%s: section %s, 0x%lx-0x%lx\n", sym->name, sec->name,
		sym->offset, sym->offset + sym->len);
	if (!insn) {
		fprintf(f, "    (no decoded instructions)\n");
		return;
	}
	disas_ctx_init(&ctx, file, sec);
	for (; insn && insn->sec == sec && insn->offset < sym->offset + sym->len;
	     insn = next_insn(insn))
		print_insn_line(&ctx, insn, f);
	disas_ctx_exit(&ctx);
}

int disas_func(struct objtool_file *file, const char *name)
{
	struct symbol *func = find_symbol_by_name(file, name);

	if (!func || func->type != STT_FUNC || !func->sec || !func->sec->text) {
		ERROR("%s: no function named '%s'", file->path, name);
		return -1;
	}
	print_symbol(file, func, stdout);

	/* the parts gcc split off (foo.cold) belong to the same function */
	for (unsigned int i = 0; i < file->nr_syms; i++) {
		struct symbol *sym = &file->syms[i];

		if (sym != func && sym->pfunc == func && sym->type == STT_FUNC &&
		    sym->sec && sym->sec->text)
			print_symbol(file, sym, stdout);
	}
	return 0;
}
