/*
 * Frame pointer setup and teardown: push %rbp; mov %rsp,%rbp ... pop %rbp.
 * @insn mov +%rsp,%rbp
 * @insn (pop +%rbp|leave)
 * @orc sp:bp\+16 bp:prevsp-16
 * @nowarn
 */
extern int ext(int *p);

int fp_setup(int x)
{
	int v = x;

	return ext(&v) + 1;
}
