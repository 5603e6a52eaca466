// SPDX-License-Identifier: GPL-2.0
/*
 * Alternatives and jump labels: code that the kernel rewrites at boot or
 * at run time.  Each entry adds a second path from the original site:
 * into the replacement code (which resumes after the original bytes), or
 * from a nop to a static branch's target.  The walk validates every path,
 * so the stack state after the site must agree whichever code runs.
 * The layouts come from the arch (struct special_section).
 */
#include <stdlib.h>

#include <objtool/elf.h>
#include <objtool/warn.h>

#include "passes.h"

/* Where the s32 self-relative field at @field of an entry points. */
static struct instruction *entry_target(struct objtool_file *file,
					struct section *sec, unsigned long field,
					struct section **tsec, long *toff)
{
	struct reloc *reloc = find_reloc(sec, field, 4);

	if (!reloc || !reloc_target(reloc, tsec, toff) || !(*tsec)->text)
		return NULL;
	(void)file;
	return find_insn(*tsec, *toff);
}

static int add_alt(struct instruction *orig, struct instruction *path,
		   unsigned int orig_len, unsigned int new_len, enum special_kind kind)
{
	struct alternative *alt = calloc(1, sizeof(*alt));

	if (!alt)
		return -1;
	alt->insn = path;
	alt->orig_len = orig_len;
	alt->new_len = new_len;
	alt->group = kind == SPECIAL_ALT_GROUP;
	alt->jump_label = kind == SPECIAL_JUMP_LABEL;
	alt->next = orig->alts;
	orig->alts = alt;
	orig->flags |= INSN_ALT;
	return 0;
}

/*
 * Replacement code has a section of its own, which gets no ORC: it only
 * ever runs copied over the site, whose entries cover it.  An entry
 * pointing into code that runs where it is (the section it patches, the
 * site itself, any section with functions) would take that code's ORC
 * away, so it is refused, whatever its length.
 */
static int check_replacement(struct objtool_file *file, struct instruction *orig,
			     struct section *rsec, long roff, unsigned long entry)
{
	const char *why = NULL;

	if (rsec == orig->sec)
		why = "in the section it patches";
	else if (rsec->nr_funcs)
		why = "in a section with functions, not replacement code";
	if (!why)
		return 0;
	error_insn(file, orig, "bad .altinstructions entry %lu: replacement %s+0x%lx is %s",
		   entry, rsec->name, roff, why);
	return -1;
}

/* The original side of a group: what --uaccess's PUSHF/POPF rule sees. */
static void mark_orig_group(struct instruction *orig, unsigned int olen)
{
	for (struct instruction *i = orig; i && i->offset < orig->offset + olen; i = next_insn(i))
		i->flags |= INSN_IN_ALT;
}

/*
 * The arch's rule for this group (->alt_walk): walking only one side
 * where the two would pair code that never runs together.  Called after
 * the group's alternative was added (it is orig->alts).
 */
static void apply_alt_walk(struct objtool_file *file, struct instruction *orig,
			   const uint8_t *entry)
{
	if (!file->arch->alt_walk)
		return;
	switch (file->arch->alt_walk(file, entry)) {
	case ALT_WALK_SKIP_ORIG:
		orig->alts->skip_orig = true;
		break;
	case ALT_WALK_SKIP_ALT:
		orig->flags |= INSN_IGNORE_ALTS;
		break;
	case ALT_WALK_BOTH:
		break;
	}
}

/* The replacement runs as part of the original function. */
static int link_replacement(struct objtool_file *file, struct instruction *orig,
			    struct section *rsec, long roff, unsigned int rlen,
			    unsigned int olen)
{
	struct instruction *resume = find_insn(orig->sec, orig->offset + olen);
	struct instruction *insn = find_insn(rsec, roff), *last = NULL;

	if (!resume) {
		error_insn(file, orig, "alternative does not end on an instruction");
		return -1;
	}
	if (!rlen)		/* the replacement is "no code at all" */
		return add_alt(orig, resume, olen, 0, SPECIAL_ALT_GROUP);
	if (!insn) {
		error_insn(file, orig, "can't find replacement instruction at %s+0x%lx",
			   rsec->name, roff);
		return -1;
	}
	for (struct instruction *i = insn; i && i->offset < roff + rlen; i = next_insn(i)) {
		i->func = orig->func;
		i->flags |= INSN_IN_ALT;
		last = i;
	}
	if (last->offset + last->len != roff + rlen) {
		error_insn(file, orig, "replacement length mismatch");
		return -1;
	}
	rsec->alt_replacement = true;
	last->flags |= INSN_ALT_END;
	last->alt_next = resume;
	return add_alt(orig, insn, olen, rlen, SPECIAL_ALT_GROUP);
}

static int read_special(struct objtool_file *file, const struct special_section *ss)
{
	struct section *sec = find_section_by_name(file, ss->name);

	if (!sec || !sec->data)
		return 0;
	if (sec->size % ss->entry_size) {
		ERROR("%s: %s: size %zu is not a multiple of %u", file->path,
		      sec->name, sec->size, ss->entry_size);
		return -1;
	}
	for (unsigned long e = 0; e < sec->size; e += ss->entry_size) {
		struct section *osec, *nsec;
		long ooff, noff;
		struct instruction *orig, *dest;
		unsigned int olen, nlen;

		orig = entry_target(file, sec, e + ss->orig, &osec, &ooff);
		if (!orig)
			continue;	/* e.g. a site in a section we do not walk */
		if (ss->kind != SPECIAL_ALT_GROUP) {
			dest = entry_target(file, sec, e + ss->new, &nsec, &noff);
			if (dest && add_alt(orig, dest, orig->len, 0, ss->kind))
				return -1;
			continue;
		}
		olen = sec->data[e + ss->orig_len];
		nlen = sec->data[e + ss->new_len];
		dest = entry_target(file, sec, e + ss->new, &nsec, &noff);
		if (!dest && nlen)
			continue;
		if (!nlen) {
			struct reloc *r = find_reloc(sec, e + ss->new, 4);

			if (!r || !reloc_target(r, &nsec, &noff))
				continue;
		}
		if (check_replacement(file, orig, nsec, noff, e / ss->entry_size) ||
		    link_replacement(file, orig, nsec, noff, nlen, olen))
			return -1;
		mark_orig_group(orig, olen);
		apply_alt_walk(file, orig, sec->data + e);
	}
	return 0;
}

int add_special(struct objtool_file *file)
{
	const struct special_section *ss = file->arch->special_sections;

	for (; ss && ss->name; ss++)
		if (read_special(file, ss))
			return -1;
	return 0;
}
