// SPDX-License-Identifier: GPL-2.0
/*
 * A file objtool-lite must refuse on every port, for `make patch`'s test:
 * it calls a function declared noreturn that no object defines and no
 * list knows, so gcc emits nothing after the call and the walk of
 * warn_first() runs into warn_second() (docs/objtool-warnings.md,
 * "falls through to next function").
 */
#include <kit/kernel.h>

void warn_never_returns_elsewhere(void) __attribute__((noreturn));
long warn_first(long x);
long warn_second(long x);

noinline long warn_first(long x)
{
	if (x == 42)
		warn_never_returns_elsewhere();
	return x + 1;
}

noinline long warn_second(long x)
{
	return x * 3;
}
