/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One family of diagnostics, in upstream objtool's shape:
 *   file.o: warning: objtool: func+0x1c: message
 *   file.o: error: objtool: message
 * Every warning text is documented with its cause and fix in
 * docs/objtool-warnings.md.
 */
#ifndef OBJTOOL_WARN_H
#define OBJTOOL_WARN_H

#include <stdio.h>

#include <objtool/objtool.h>

extern const char *objname;	/* the file being processed */
extern bool verbose_errors;	/* --verbose: internal errors say where */
extern unsigned long nr_errors;	/* "error:" lines printed so far */
/* objtool_reset(): the three above back to their initial values */
void warn_reset(void);

void warn_insn(struct objtool_file *file, const struct instruction *insn,
	       const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void warn_file(struct objtool_file *file, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "file: note: objtool: func+0x1c: msg": the cause of the error or warning
 * printed next (e.g. by a port's ORC encoder); @insn may be NULL. */
void note_insn(const struct instruction *insn, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A problem that stops the run, at @insn: "file: error: objtool: func+0x1c:
 * msg", never held back by the one-warning-per-function rule. */
void error_insn(struct objtool_file *file, const struct instruction *insn,
		const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A fatal problem with the input or an internal limit; carries where in
 * objtool-lite it was detected when --verbose is given. */
void error_at(const char *src, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define ERROR(fmt, ...) error_at(__FILE__, __LINE__, fmt, ##__VA_ARGS__)

/* "func+0x1c" or "sec+0x1c" for @insn; static buffer, valid until next call */
const char *insn_location(const struct instruction *insn);

#endif /* OBJTOOL_WARN_H */
