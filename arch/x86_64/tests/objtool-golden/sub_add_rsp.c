/*
 * A local array without a frame pointer: sub $N,%rsp / add $N,%rsp.
 * @cflags -fomit-frame-pointer
 * @insn sub +\$0x[0-9a-f]+,%rsp
 * @insn add +\$0x[0-9a-f]+,%rsp
 * @orc sp:sp\+(1[0-9][0-9]|2[0-9][0-9])
 * @nowarn
 */
extern int fill(char *buf, int n);

int sub_add_rsp(int n)
{
	char buf[200];

	return fill(buf, n) + buf[n & 127];
}
