/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One unwind hint record written by hand in the Linux 6.12 layout (12
 * bytes: the site as a 32-bit PC-relative offset, sp_offset, sp_reg,
 * type, signal, padding), for the ports' badinput hint objects
 * (arch/<p>/tests/objtool-badinput/hints.S), whose records
 * badinput.c breaks.
 */
#define BADINPUT_HINT_RECORD(site)		\
	.pushsection .discard.unwind_hints, "a";	\
	.long site - .;				\
	.short 0;				\
	.byte 0, 1, 0, 0, 0, 0;			\
	.popsection
