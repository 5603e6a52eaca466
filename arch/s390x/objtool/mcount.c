// SPDX-License-Identifier: GPL-2.0
/*
 * ftrace call sites on s390x.  gcc's -pg -mfentry -mrecord-mcount
 * -mnop-mcount puts "brcl 0,0" (c0 04 00 00 00 00) first in every
 * function, before the prologue, and lists it in __mcount_loc; without
 * -mnop-mcount the site is "brasl %r0,__fentry__" instead.  The kit
 * enables a site by writing its displacement while the mask is still 0
 * and then the mask byte alone (c0 04 -> c0 f4), so the bytes must be
 * exactly those, and r0 must be the link register: r14 still holds the
 * caller's return address when the tracer runs.
 *
 * Each recorded site is checked here; the generic pass then merges the
 * table with the sites it finds itself and sorts it.
 */
#include <string.h>

#include <objtool/elf.h>
#include <objtool/warn.h>

#include "s390x.h"

static const uint8_t nop_site[S390X_FENTRY_LEN] = { 0xc0, 0x04, 0, 0, 0, 0 };

static bool bytes_at(const struct section *sec, unsigned long off,
		     const uint8_t *want, size_t n)
{
	return sec->data && off + n <= sec->size &&
	       !memcmp(sec->data + off, want, n);
}

/* "brasl %r0,sym": c0 05, r1 = 0 in the high nibble of byte 1 */
static bool brasl_r0(const struct section *sec, unsigned long off)
{
	static const uint8_t op[2] = { 0xc0, 0x05 };

	return bytes_at(sec, off, op, 2);
}

static int check_site(struct objtool_file *file, struct section *sec,
		      unsigned long off)
{
	struct instruction *insn = find_insn(sec, off);

	if (!insn || !insn->sym || insn->offset != insn->sym->offset) {
		warn_file(file, "__mcount_loc: %s+0x%lx is not a function entry",
			  sec->name, off);
		return -1;
	}
	if (insn->type == INSN_NOP) {
		if (!bytes_at(sec, off, nop_site, sizeof(nop_site))) {
			warn_insn(file, insn, "ftrace site is not \"brcl 0,0\"");
			return -1;
		}
		return 0;
	}
	if (insn->type == INSN_CALL && insn->call_dest && insn->call_dest->fentry) {
		if (!brasl_r0(sec, off)) {
			warn_insn(file, insn, "call to %s() does not link through r0",
				  file->arch->fentry_name);
			return -1;
		}
		return 0;
	}
	warn_insn(file, insn, "__mcount_loc entry is not an ftrace site");
	return -1;
}

int s390x_mcount(struct objtool_file *file)
{
	struct section *loc = find_section_by_name(file, "__mcount_loc");

	for (unsigned long off = 0; loc && off < loc->size; off += 8) {
		struct reloc *reloc = find_reloc(loc, off, 8);
		struct section *sec;
		long target;

		if (!reloc || !reloc_target(reloc, &sec, &target)) {
			warn_file(file, "__mcount_loc[%lu] has no usable relocation",
				  off / 8);
			return -1;
		}
		if (check_site(file, sec, target))
			return -1;
	}
	/* fentry calls not in the table: each one must link through r0 too */
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		struct section *sec = &file->secs[s];

		for (unsigned int i = 0; i < sec->nr_insns; i++) {
			struct instruction *insn = &sec->insns[i];

			if (insn->type == INSN_CALL && insn->call_dest &&
			    insn->call_dest->fentry && !brasl_r0(sec, insn->offset)) {
				warn_insn(file, insn, "call to %s() does not link through r0",
					  file->arch->fentry_name);
				return -1;
			}
		}
	}
	return objtool_mcount_fentry(file);
}
