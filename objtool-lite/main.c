// SPDX-License-Identifier: GPL-2.0
/*
 * objtool-lite: validate the stack-frame rules of an object file and
 * generate its ORC unwind tables and ftrace call-site table.  One process,
 * one run: the tool itself is objtool_run() (run.c), which a fuzz target
 * or a test may call more than once with objtool_reset() between.
 */
#include <objtool/objtool.h>

int main(int argc, char **argv)
{
	return objtool_run(argc, argv);
}
