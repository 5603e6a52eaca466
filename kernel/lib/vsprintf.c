// SPDX-License-Identifier: GPL-2.0
/*
 * printf-lite for the kit kernel.  Output always goes through a bounded
 * buffer; the return value is the length the full output would have had,
 * as with snprintf(), so callers can detect truncation.
 *
 * The conversion switch is deliberately a dense switch on the conversion
 * character: gcc compiles it to a jump table on some ports (an indirect jump
 * through .rodata with relocations), which objtool-lite must resolve to
 * walk every case.
 */
#include <kit/kernel.h>
#include <kit/printk.h>
#include <kit/string.h>

#define FL_LEFT		0x01	/* '-' */
#define FL_ZERO		0x02	/* '0' */
#define FL_PLUS		0x04	/* '+' */
#define FL_SPACE	0x08	/* ' ' */
#define FL_ALT		0x10	/* '#' */
#define FL_SIGNED	0x20
#define FL_UPPER	0x40

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

struct spec {
	unsigned int flags;
	int width;		/* -1: none */
	int precision;		/* -1: none */
	unsigned int base;
	enum length len;
};

/* Bounded output: counts every byte, stores those that fit. */
struct out {
	char *buf;
	size_t size, pos;
};

void (*kit_console_write)(const char *s, size_t len);
size_t (*kit_symbolize)(unsigned long addr, char *buf, size_t size);

static void put(struct out *o, char c)
{
	if (o->pos < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

static void put_pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void put_str(struct out *o, const char *s, const struct spec *sp)
{
	size_t n;
	int pad;

	if (unlikely(!s))
		s = "(null)";
	n = sp->precision < 0 ? kit_strlen(s) : kit_strnlen(s, sp->precision);
	pad = sp->width > (int)n ? sp->width - (int)n : 0;
	if (!(sp->flags & FL_LEFT))
		put_pad(o, ' ', pad);
	while (n--)
		put(o, *s++);
	if (sp->flags & FL_LEFT)
		put_pad(o, ' ', pad);
}

static void put_num(struct out *o, unsigned long long num, bool negative,
		    const struct spec *sp)
{
	static const char digits[] = "0123456789abcdef0123456789ABCDEF";
	const char *dig = digits + ((sp->flags & FL_UPPER) ? 16 : 0);
	char tmp[24];		/* 64 bits in octal is 22 digits */
	char sign = 0;
	const char *prefix = "";
	int n = 0, zeros, pad;

	if (negative)
		sign = '-';
	else if (sp->flags & FL_PLUS)
		sign = '+';
	else if (sp->flags & FL_SPACE)
		sign = ' ';

	if ((sp->flags & FL_ALT) && num) {
		if (sp->base == 16)
			prefix = (sp->flags & FL_UPPER) ? "0X" : "0x";
		else if (sp->base == 8)
			prefix = "0";
	}

	/* Power-of-two bases shift instead of dividing: no libgcc needed. */
	if (sp->base == 10) {
		do {
			tmp[n++] = dig[num % 10];
			num /= 10;
		} while (num);
	} else {
		unsigned int shift = sp->base == 16 ? 4 : 3;

		do {
			tmp[n++] = dig[num & (sp->base - 1)];
			num >>= shift;
		} while (num);
	}
	if (sp->precision == 0 && n == 1 && tmp[0] == '0')
		n = 0;

	zeros = sp->precision > n ? sp->precision - n : 0;
	pad = sp->width - n - zeros - (sign ? 1 : 0) - (int)kit_strlen(prefix);
	if (pad > 0 && (sp->flags & FL_ZERO) && !(sp->flags & FL_LEFT) &&
	    sp->precision < 0) {
		zeros += pad;
		pad = 0;
	}
	if (!(sp->flags & FL_LEFT))
		put_pad(o, ' ', pad);
	if (sign)
		put(o, sign);
	while (*prefix)
		put(o, *prefix++);
	put_pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (sp->flags & FL_LEFT)
		put_pad(o, ' ', pad);
}

/* %pS: symbol+offset through kallsyms, falling back to the raw address. */
static void put_symbol(struct out *o, unsigned long addr, struct spec *sp)
{
	char name[128];

	if (kit_symbolize && kit_symbolize(addr, name, sizeof(name))) {
		put_str(o, name, sp);
		return;
	}
	sp->base = 16;
	sp->flags |= FL_ALT;
	put_num(o, addr, false, sp);
}

static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
	sp->flags = 0;
	sp->width = -1;
	sp->precision = -1;
	sp->len = LEN_INT;

	for (;; fmt++) {
		if (*fmt == '-')
			sp->flags |= FL_LEFT;
		else if (*fmt == '0')
			sp->flags |= FL_ZERO;
		else if (*fmt == '+')
			sp->flags |= FL_PLUS;
		else if (*fmt == ' ')
			sp->flags |= FL_SPACE;
		else if (*fmt == '#')
			sp->flags |= FL_ALT;
		else
			break;
	}

	if (*fmt == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->flags |= FL_LEFT;
			sp->width = -sp->width;
		}
		fmt++;
	} else {
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			sp->width = (sp->width < 0 ? 0 : sp->width * 10) + *fmt - '0';
	}

	if (*fmt == '.') {
		fmt++;
		sp->precision = 0;
		if (*fmt == '*') {
			sp->precision = va_arg(*ap, int);
			if (sp->precision < 0)
				sp->precision = -1;
			fmt++;
		} else {
			for (; *fmt >= '0' && *fmt <= '9'; fmt++)
				sp->precision = sp->precision * 10 + *fmt - '0';
		}
	}

	if (*fmt == 'h') {
		sp->len = LEN_SHORT;
		if (*++fmt == 'h') {
			sp->len = LEN_CHAR;
			fmt++;
		}
	} else if (*fmt == 'l') {
		sp->len = LEN_LONG;
		if (*++fmt == 'l') {
			sp->len = LEN_LLONG;
			fmt++;
		}
	} else if (*fmt == 'z') {
		sp->len = LEN_SIZE;
		fmt++;
	}
	return fmt;
}

static unsigned long long get_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->len) {
	case LEN_CHAR:	return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_SHORT:	return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_LONG:	return va_arg(*ap, unsigned long);
	case LEN_LLONG:	return va_arg(*ap, unsigned long long);
	case LEN_SIZE:	return va_arg(*ap, size_t);
	default:	return va_arg(*ap, unsigned int);
	}
}

static long long get_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->len) {
	case LEN_CHAR:	return (signed char)va_arg(*ap, int);
	case LEN_SHORT:	return (short)va_arg(*ap, int);
	case LEN_LONG:	return va_arg(*ap, long);
	case LEN_LLONG:	return va_arg(*ap, long long);
	case LEN_SIZE:	return (long long)va_arg(*ap, size_t);
	default:	return va_arg(*ap, int);
	}
}

int kit_vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { .buf = buf, .size = size, .pos = 0 };
	struct spec sp;
	va_list ap;
	long long sval;
	char c;

	/* A va_copy lets the helpers take a va_list * portably (va_list is
	 * a struct on some ABIs, an array on others). */
	va_copy(ap, args);
	while ((c = *fmt++)) {
		if (c != '%') {
			put(&o, c);
			continue;
		}
		fmt = parse_spec(fmt, &sp, &ap);
		sp.base = 10;
		switch ((c = *fmt++)) {
		case 'c': {
			char ch = (char)va_arg(ap, int);

			if (sp.width > 1 && !(sp.flags & FL_LEFT))
				put_pad(&o, ' ', sp.width - 1);
			put(&o, ch);
			if (sp.width > 1 && (sp.flags & FL_LEFT))
				put_pad(&o, ' ', sp.width - 1);
			break;
		}
		case 's':
			put_str(&o, va_arg(ap, const char *), &sp);
			break;
		case 'p':
			if (*fmt == 'S') {
				fmt++;
				put_symbol(&o, (unsigned long)va_arg(ap, void *), &sp);
			} else if (*fmt == 'E') {
				fmt++;
				put_str(&o, kit_errname((int)(long)va_arg(ap, void *)), &sp);
			} else {
				sp.base = 16;
				sp.flags |= FL_ALT;
				put_num(&o, (unsigned long)va_arg(ap, void *), false, &sp);
			}
			break;
		case 'd':
		case 'i':
			sval = get_signed(&sp, &ap);
			put_num(&o, sval < 0 ? -(unsigned long long)sval : (unsigned long long)sval,
				sval < 0, &sp);
			break;
		case 'u':
			put_num(&o, get_unsigned(&sp, &ap), false, &sp);
			break;
		case 'X':
			sp.flags |= FL_UPPER;
			/* fallthrough */
		case 'x':
			sp.base = 16;
			put_num(&o, get_unsigned(&sp, &ap), false, &sp);
			break;
		case 'o':
			sp.base = 8;
			put_num(&o, get_unsigned(&sp, &ap), false, &sp);
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			/* A lone '%' at the end: print it, stop. */
			put(&o, '%');
			fmt--;
			break;
		default:
			/* Unknown conversion: show it rather than guess. */
			put(&o, '%');
			put(&o, c);
			break;
		}
	}
	va_end(ap);

	if (size)
		buf[o.pos < size ? o.pos : size - 1] = '\0';
	return o.pos > 0x7fffffff ? 0x7fffffff : (int)o.pos;
}

int kit_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = kit_vsnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

/*
 * The console line buffer lives on the stack: a 512-byte frame, the
 * largest in the library, so the validator and the unwinders see a frame
 * well beyond the small ones of leaf helpers.
 */
#define PRINTK_LINE_MAX	512

int kit_vprintk(const char *fmt, va_list args)
{
	char line[PRINTK_LINE_MAX];
	int n;

	n = kit_vsnprintf(line, sizeof(line), fmt, args);
	if (kit_console_write)
		kit_console_write(line, min((size_t)n, sizeof(line) - 1));
	return n;
}

int kit_printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = kit_vprintk(fmt, args);
	va_end(args);
	return n;
}

/* Names for %pE; a table, so lookups stay a bounded loop. */
static const struct { int err; const char *name; } errnames[] = {
	{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { EIO, "EIO" },
	{ E2BIG, "E2BIG" }, { ENOMEM, "ENOMEM" }, { EFAULT, "EFAULT" },
	{ EBUSY, "EBUSY" }, { EEXIST, "EEXIST" }, { EINVAL, "EINVAL" },
	{ ENOSPC, "ENOSPC" }, { ERANGE, "ERANGE" }, { ENOSYS, "ENOSYS" },
	{ ENODATA, "ENODATA" }, { EOVERFLOW, "EOVERFLOW" },
	{ ESRCH, "ESRCH" }, { EINTR, "EINTR" }, { EAGAIN, "EAGAIN" },
	{ ETIMEDOUT, "ETIMEDOUT" }, { EACCES, "EACCES" },
	{ ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" }, { ENOTEMPTY, "ENOTEMPTY" },
	{ ENODEV, "ENODEV" },
};

const char *kit_errname(int err)
{
	size_t i;

	if (err < 0)
		err = -err;
	for (i = 0; i < ARRAY_SIZE(errnames); i++)
		if (errnames[i].err == err)
			return errnames[i].name;
	return "E?";
}
