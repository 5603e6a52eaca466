/*
 * Calls that never return end their path: an external one upstream and
 * objtool-lite both list (panic), and one defined here (detected).  What
 * follows them must be neither walked nor warned about.
 * @cflags -fno-omit-frame-pointer
 * @insn call .*R_X86_64_PLT32[[:space:]]+panic
 * @insn call.*<die>
 * @nowarn
 */
extern void panic(const char *fmt, ...) __attribute__((noreturn));
extern int ext(int);

__attribute__((noreturn, noinline)) static void die(int code)
{
	for (;;)
		ext(code);
}

int noreturn_fn(int x)
{
	if (x < 0)
		panic("negative %d", x);
	if (x > 1000)
		die(x);
	return ext(x) + 1;
}
