/*
 * Frame torn down by `leave` (mov %rbp,%rsp; pop %rbp) in a function that
 * also moved %rsp for its locals.
 * @insn leave
 * @orc sp:bp\+16 bp:prevsp-16
 * @nowarn
 */
extern int fill(char *buf, int n);

int leave_fn(int n)
{
	char buf[64];

	if (fill(buf, n))
		return 0;
	return fill(buf, n + 1) + buf[3];
}
