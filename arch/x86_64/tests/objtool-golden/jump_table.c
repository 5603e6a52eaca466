/*
 * A dense switch: with -fno-pic gcc emits `jmp *table(,%reg,8)` and the
 * table, in .rodata, holds relocated absolute addresses of the cases.
 * Every case must be walked (else: unreachable instruction).
 * @cflags -fno-pic -fno-omit-frame-pointer
 * @insn jmp +\*0x0\(,%r[a-z0-9]+,8\)
 * @reloc \.rela\.rodata
 * @nowarn
 */
extern int ext(int);

int jump_table(int x)
{
	switch (x) {
	case 0: return ext(10);
	case 1: return ext(21) + 1;
	case 2: return ext(32) * 3;
	case 3: return ext(43) - 4;
	case 4: return ext(54) ^ 5;
	case 5: return ext(65) | 6;
	case 6: return ext(76) & 7;
	case 7: return ext(87) << 1;
	default: return 0;
	}
}
