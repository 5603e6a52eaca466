/* SPDX-License-Identifier: GPL-2.0 */
/* Private to the core: the stack engine's entry point and its verdicts. */
#ifndef OBJTOOL_CFI_ENGINE_H
#define OBJTOOL_CFI_ENGINE_H

#include <objtool/arch.h>
#include <objtool/cfi.h>

enum {
	CFI_OK = 0,
	CFI_ERR_SP_UNKNOWN,	/* sp changed in a way the CFA cannot follow */
	CFI_ERR_REALIGN,	/* sp realigned while the CFA is sp-based */
	CFI_ERR_RANGE,		/* an offset beyond any stack frame (CFI_MAX_OFFSET) */
};

int cfi_apply_op(const struct objtool_arch *arch, struct cfi_state *cfi,
		 const struct stack_op *op);

#endif
