/*
 * alloca: %rsp moves by a run-time amount, so the CFA must stay
 * %rbp-based for the whole body.
 * @insn sub +%r[a-z0-9]+,%rsp
 * @orc sp:bp\+16 bp:prevsp-16
 * @nowarn
 */
extern int fill(char *buf, unsigned long n);

int alloca_fn(unsigned long n)
{
	char *p = __builtin_alloca(n);

	return fill(p, n) + p[0];
}
