/*
 * Stack realignment for an aligned(32) local (-mno-red-zone): %rsp is
 * and-ed to 32 bytes.  drap_fn/drap_args realign under a frame pointer
 * (CFA through %rbp); drap_alloca also moves %rsp at run time, so gcc
 * uses DRAP: lea 0x8(%rsp),%r10 keeps the entry %rsp, the CFA is %r10
 * based over the prologue, the return address is copied with
 * push -0x8(%r10), and the epilogue restores %rsp from %r10.
 * @cflags -mno-red-zone
 * @insn and +\$0xffffffffffffffe0,%rsp
 * @insn lea +0x8\(%rsp\),%r10
 * @insn push +-0x8\(%r10\)
 * @insn lea +-0x8\(%r10\),%rsp
 * @orc sp:r10\+0
 * @nowarn
 */
extern int use(void *p);

int drap_fn(int n)
{
	int buf[8] __attribute__((aligned(32)));

	buf[n & 7] = n;
	return use(buf);
}

int drap_args(int a, int b, int c, int d, int e, int f, int g, int h)
{
	int buf[8] __attribute__((aligned(32)));

	buf[a & 7] = g + h;
	return use(buf) + b + c + d + e + f;
}

int drap_alloca(unsigned long n)
{
	int buf[8] __attribute__((aligned(32)));
	char *p = __builtin_alloca(n);

	buf[n & 7] = 1;
	return use(buf) + use(p);
}
