// SPDX-License-Identifier: GPL-2.0
/* Diagnostics, in the shape kernel developers already grep for. */
#include <stdarg.h>
#include <stdio.h>

#include <objtool/warn.h>

const char *objname = "objtool-lite";
bool verbose_errors;

const char *insn_location(const struct instruction *insn)
{
	static char buf[512];
	const struct symbol *sym = insn->sym ?: insn->func;

	if (sym)
		snprintf(buf, sizeof(buf), "%s+0x%lx", sym->name,
			 insn->offset - sym->offset);
	else
		snprintf(buf, sizeof(buf), "%s+0x%x", insn->sec->name, insn->offset);
	return buf;
}

void warn_insn(struct objtool_file *file, const struct instruction *insn,
	       const char *fmt, ...)
{
	struct symbol *sym = insn->sym ?: insn->func;
	va_list ap;

	/* like upstream: the first problem in a function is the one to fix */
	if (sym) {
		if (sym->warned)
			return;
		sym->warned = true;
	}
	file->warnings++;
	fprintf(stderr, "%s: warning: objtool: %s: ", objname, insn_location(insn));
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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

	fprintf(stderr, "%s: error: objtool: ", objname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (verbose_errors)
		fprintf(stderr, " [%s:%d]", src, line);
	fputc('\n', stderr);
}
