/*
 * Cold code: a path that calls a cold function is moved by gcc into a
 * cold_fn.cold subfunction in .text.unlikely, reached by a jump with the
 * parent's stack state; plus a function marked cold (.text.unlikely).
 * @sym cold_fn\.cold
 * @insn Disassembly of section \.text\.unlikely
 * @nowarn
 */
extern int ext(int);
extern void report(const char *);
extern void warn_slowpath(const char *, int) __attribute__((cold));

__attribute__((cold, noinline)) int cold_helper(int x)
{
	report("cold");
	return ext(x) * 7;
}

int cold_fn(int x, int y)
{
	int r = ext(x);

	if (__builtin_expect(r < 0, 0)) {
		warn_slowpath("r < 0", r);
		r = ext(r + y) * ext(y);
		return ext(r) + cold_helper(r);
	}
	return r + 1;
}
