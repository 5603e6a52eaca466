// SPDX-License-Identifier: GPL-2.0
/*
 * Where gcc's ftrace site is on ppc64le (--mcount), and what --stackval
 * asks of a frame before a call.
 */
#include "ppc64le.h"

#define PPC_INSN_MFLR_R0	0x7c0802a6U

/*
 * -pg -mprofile-kernel puts "mflr r0; bl _mcount" at the local entry
 * point, after the global entry's TOC setup: the call sits at LEP + 4,
 * the mflr right before it.  __mcount_loc lists the call (upstream's
 * rec->ip), which is the word the kit turns into a nop and back.
 */
bool ppc64le_fentry_site_ok(const struct instruction *insn)
{
	const struct symbol *sym = insn->sym;
	const uint8_t *data = insn->sec->data;
	int lep;

	if (!sym || !data)
		return false;
	lep = ppc_local_entry(sym);
	if (lep < 0 || insn->offset != sym->offset + lep + PPC_INSN_SIZE)
		return false;
	return ppc_insn_at(data + insn->offset - PPC_INSN_SIZE) == PPC_INSN_MFLR_R0;
}

/*
 * --stackval on ppc64le: the frame-pointer-style unwinder of this port
 * walks the back chain, not r31, so a call needs what a back-chain walk
 * needs from the caller's frame:
 *   - the frame is allocated (sp at least the 32-byte ELFv2 minimum
 *     below the CFA), which on this port means stdu/stdux wrote the back
 *     chain in the same instruction;
 *   - the return address is saved in the LR save slot of the caller's
 *     frame (CFA + 16), where the walk reads it: the call overwrites LR.
 * Where the CFA is computed from (r1 or r31) does not matter to it.
 */
const char *ppc64le_call_frame_check(const struct objtool_arch *arch,
				     const struct cfi_state *cfi)
{
	const struct cfi_reg *ra = &cfi->regs[arch->cfi_ra];

	if (cfi->type != UNWIND_CALL)
		return NULL;
	if (cfi->cfa.base == CFI_UNDEFINED || cfi->stack_size < PPC_MIN_FRAME)
		return "call without frame pointer save/setup";
	if (ra->base != CFI_CFA || ra->offset != PPC_LR_SAVE)
		return "call without frame pointer save/setup";
	return NULL;
}
