/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OBJTOOL_CFI_BOUNDS_H
#define _OBJTOOL_CFI_BOUNDS_H

#include <gelf.h>
#include <stdbool.h>
#include <stdint.h>

struct cfi_bounds_error {
	unsigned long offset;	/* of the CIE or FDE in its section */
	uint64_t reg;		/* the register named, or UINT64_MAX */
	const char *why;
};

/*
 * Refuse CFI in @data (.eh_frame when @eh_frame, else .debug_frame) that
 * would make libdw's frames unreasonably large: -1 with @err filled in.
 */
int cfi_check_bounds(const unsigned char *e_ident, Elf_Data *data, bool eh_frame,
		     struct cfi_bounds_error *err);

#endif
