/*
 * --stackval: a call made before the frame pointer is set up (gcc omits
 * the frame here, as the kernel's -fomit-frame-pointer objects do).
 * @cflags -fomit-frame-pointer
 * @opts --stackval --orc
 * @warn no_frame\+0x[0-9a-f]+: call without frame pointer save/setup
 */
extern int ext(int);

int no_frame(int x)
{
	return ext(x) + 1;
}
