/*
 * Sibling (tail) calls: the frame is gone before `jmp other`, so the
 * state at the jump must equal the entry state.
 * @cflags -fomit-frame-pointer
 * @insn jmp .*R_X86_64_PLT32[[:space:]]+ext_a
 * @nowarn
 */
extern int ext_a(int);
extern int ext_b(int);

int sibling_call(int x)
{
	if (x > 10)
		return ext_a(x - 1);
	x = ext_b(x) + 3;
	return ext_a(x);
}
