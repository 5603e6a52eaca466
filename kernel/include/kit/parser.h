/* SPDX-License-Identifier: GPL-2.0 */
/* Parsing helpers for the control interface (a sysfs-like tree). */
#ifndef KIT_PARSER_H
#define KIT_PARSER_H

#include <stdbool.h>
#include <stddef.h>

int kit_kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kit_kstrtoll(const char *s, unsigned int base, long long *res);
int kit_kstrtobool(const char *s, bool *res);
bool kit_glob_match(const char *pat, const char *str);
/* Split @line into at most @max whitespace-separated words, in place. */
int kit_split_args(char *line, char **argv, int max);

#endif /* KIT_PARSER_H */
