// SPDX-License-Identifier: GPL-2.0
/* Exercises ktap.h for harness/selftest.sh: one pass, one fail, one skip. */
#include "ktap.h"

int main(void)
{
	report(1 + 1 == 2, "one plus one is %d", 2);
	report(false, "deliberately false");
	report_skip("no widget");
	return report_summary();
}
