/*
 * Callee-saved registers pushed and popped without a frame pointer: each
 * push moves the CFA offset, each pop moves it back.
 * @cflags -fomit-frame-pointer
 * @insn push +%r12
 * @insn pop +%r12
 * @orc sp:sp\+32
 * @nowarn
 */
extern long ext(long a);

long push_pop(long a, long b, long c)
{
	long x = ext(a);
	long y = ext(b);
	long z = ext(c);

	return ext(x + y) + ext(y * z) + a + b + c;
}
