// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing for the control interface: numbers, booleans, argument splitting
 * and glob patterns (livepatch object and function names are matched by
 * glob in the kit's filters).
 */
#include <kit/kernel.h>
#include <kit/parser.h>
#include <kit/string.h>

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;	/* larger than any base */
}

/*
 * Like the kernel's kstrtoull(): base 0 auto-detects 0x/0 prefixes, the
 * whole string must be consumed (one trailing newline allowed, as sysfs
 * writes carry one), and overflow is -ERANGE rather than a wrapped value.
 */
int kit_kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long v = 0;
	bool any = false;
	int d;

	if (base == 0) {
		base = 10;
		if (s[0] == '0') {
			base = 8;
			if ((s[1] | 0x20) == 'x' && digit_value(s[2]) < 16) {
				base = 16;
				s += 2;
			}
		}
	} else if (base == 16 && s[0] == '0' && (s[1] | 0x20) == 'x') {
		s += 2;
	}
	if (base < 2 || base > 36)
		return -EINVAL;

	for (; (d = digit_value(*s)) < (int)base; s++) {
		if (unlikely(v > (~0ULL - d) / base))
			return -ERANGE;
		v = v * base + d;
		any = true;
	}
	if (*s == '\n')
		s++;
	if (!any || *s)
		return -EINVAL;
	*res = v;
	return 0;
}

int kit_kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long v;
	int err;

	if (*s == '-') {
		err = kit_kstrtoull(s + 1, base, &v);
		if (err)
			return err;
		if (v > (unsigned long long)__LONG_LONG_MAX__ + 1)
			return -ERANGE;
		*res = (long long)-v;
		return 0;
	}
	if (*s == '+')
		s++;
	err = kit_kstrtoull(s, base, &v);
	if (err)
		return err;
	if (v > (unsigned long long)__LONG_LONG_MAX__)
		return -ERANGE;
	*res = (long long)v;
	return 0;
}

/*
 * What a control file accepts as a boolean, as the kernel's kstrtobool():
 * only the first character decides ("1", "y", "Y" true; "0", "n", "N"
 * false), or the first two after an 'o'/'O' ("on" true, "of" false, in
 * any case); what follows is ignored, so "yes", "10" and "Off" are
 * fine.  Anything else is -EINVAL and leaves *res alone.
 */
int kit_kstrtobool(const char *s, bool *res)
{
	switch (s[0]) {
	case '1': case 'y': case 'Y':
		*res = true;
		return 0;
	case '0': case 'n': case 'N':
		*res = false;
		return 0;
	case 'o': case 'O':
		if (s[1] == 'n' || s[1] == 'N') {
			*res = true;
			return 0;
		}
		if (s[1] == 'f' || s[1] == 'F') {
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}

/*
 * A bracket expression "[a-z]" / "[!abc]" at @pat, against @c.  Returns the
 * pattern position after it, or NULL when it does not match.
 */
static const char *match_class(const char *pat, char c)
{
	bool negate = false, hit = false;

	if (*pat == '!' || *pat == '^') {
		negate = true;
		pat++;
	}
	do {
		char lo = *pat, hi = lo;

		if (!lo)
			return NULL;	/* unterminated class never matches */
		if (pat[1] == '-' && pat[2] && pat[2] != ']') {
			hi = pat[2];
			pat += 2;
		}
		if (c >= lo && c <= hi)
			hit = true;
	} while (*++pat != ']');
	return hit != negate ? pat + 1 : NULL;
}

/*
 * Glob matching with '*', '?', '[...]' and '\' escapes.  Recursive on '*':
 * patterns are short, written by the operator, and the recursion depth is
 * bounded by the number of stars, so the simple form is worth keeping.
 */
bool kit_glob_match(const char *pat, const char *str)
{
	for (;;) {
		char p = *pat++;

		switch (p) {
		case '\0':
			return *str == '\0';
		case '*':
			while (*pat == '*')
				pat++;
			if (!*pat)
				return true;
			for (; *str; str++)
				if (kit_glob_match(pat, str))
					return true;
			return false;
		case '?':
			if (!*str++)
				return false;
			break;
		case '[':
			if (!*str)
				return false;
			pat = match_class(pat, *str++);
			if (!pat)
				return false;
			break;
		case '\\':
			if (*pat)
				p = *pat++;
			/* fallthrough */
		default:
			if (*str++ != p)
				return false;
			break;
		}
	}
}

int kit_split_args(char *line, char **argv, int max)
{
	int argc = 0;

	while (*line) {
		while (is_space(*line))
			*line++ = '\0';
		if (!*line)
			break;
		if (argc == max)
			return -E2BIG;
		argv[argc++] = line;
		while (*line && !is_space(*line))
			line++;
	}
	return argc;
}
