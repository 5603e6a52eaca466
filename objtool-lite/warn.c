// SPDX-License-Identifier: GPL-2.0
/* Diagnostics, in the shape kernel developers already grep for. */
#include <stdarg.h>
#include <stdio.h>

#include <objtool/warn.h>

#define DEFAULT_OBJNAME "objtool-lite"

const char *objname = DEFAULT_OBJNAME;
bool verbose_errors;
unsigned long nr_errors;

/* nr_errors decides what the next run's exit_status() says */
void warn_reset(void)
{
	objname = DEFAULT_OBJNAME;
	verbose_errors = false;
	nr_errors = 0;
}

/*
 * The symbol a message names @insn by: its own, else its function's if
 * that is in the same section (replacement code runs as part of a
 * function elsewhere: it is named by its section, as upstream names it),
 * else, as upstream, an untyped symbol with a size that covers it (asm
 * code that is not a function; only when @file is known).
 */
static struct symbol *insn_symbol(const struct objtool_file *file,
				  const struct instruction *insn)
{
	if (insn->sym)
		return insn->sym;
	if (insn->func && insn->func->sec == insn->sec)
		return insn->func;
	for (unsigned int i = 1; file && i < file->nr_syms; i++) {
		struct symbol *sym = &file->syms[i];

		if (sym->type == STT_NOTYPE && sym->sec == insn->sec && sym->len &&
		    sym->offset <= insn->offset && insn->offset < sym->offset + sym->len)
			return sym;
	}
	return NULL;
}

static const char *location(const struct instruction *insn, const struct symbol *sym)
{
	static char buf[512];

	if (sym)
		snprintf(buf, sizeof(buf), "%s+0x%lx", sym->name,
			 insn->offset - sym->offset);
	else
		snprintf(buf, sizeof(buf), "%s+0x%x", insn->sec->name, insn->offset);
	return buf;
}

const char *insn_location(const struct instruction *insn)
{
	return location(insn, insn_symbol(NULL, insn));
}

static void print_at(const char *kind, const struct instruction *insn,
		     const struct symbol *sym, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: %s: objtool: %s: ", objname, kind, location(insn, sym));
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void warn_insn(struct objtool_file *file, const struct instruction *insn,
	       const char *fmt, ...)
{
	struct symbol *sym = insn_symbol(file, insn);
	va_list ap;

	/* like upstream: the first problem in a function is the one to fix */
	if (sym) {
		if (sym->warned)
			return;
		sym->warned = true;
	}
	file->warnings++;
	va_start(ap, fmt);
	print_at("warning", insn, sym, fmt, ap);
	va_end(ap);
}

/*
 * A fatal problem is printed even when its function was warned about
 * already: it is why the run fails, and an earlier warning may be about
 * something else entirely.  Later warnings about the function are muted.
 */
void error_insn(struct objtool_file *file, const struct instruction *insn,
		const char *fmt, ...)
{
	struct symbol *sym = insn->sym ?: insn->func;
	va_list ap;

	if (sym)
		sym->warned = true;
	nr_errors++;
	va_start(ap, fmt);
	print_at("error", insn, insn_symbol(file, insn), fmt, ap);
	va_end(ap);
}

/* Why the error or warning that follows happened; @insn may be NULL. */
void note_insn(const struct instruction *insn, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (insn) {
		print_at("note", insn, insn_symbol(NULL, insn), fmt, ap);
	} else {
		fprintf(stderr, "%s: note: objtool: ", objname);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}

void warn_file(struct objtool_file *file, const char *fmt, ...)
{
	va_list ap;

	if (file)
		file->warnings++;
	fprintf(stderr, "%s: warning: objtool: ", objname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void error_at(const char *src, int line, const char *fmt, ...)
{
	va_list ap;

	nr_errors++;
	fprintf(stderr, "%s: error: objtool: ", objname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (verbose_errors)
		fprintf(stderr, " [%s:%d]", src, line);
	fputc('\n', stderr);
}
