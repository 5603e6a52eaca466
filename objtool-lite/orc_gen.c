// SPDX-License-Identifier: GPL-2.0
/*
 * Turn the per-instruction states into ORC tables.  One entry is written
 * where the encoded rule changes, in address order per text section, and
 * each section that got entries ends with an UNDEFINED terminator so that
 * a lookup past its last instruction finds no rule.
 *
 * Sections holding alternative replacement code get none: that code runs
 * only after being copied over the original, whose entries cover it.
 */
#include <stdlib.h>
#include <string.h>

#include <objtool/elf.h>
#include <objtool/warn.h>

#define MAX_ORC_ENTRY	16

struct orc_list {
	uint8_t *entries;
	struct new_reloc *ips;
	size_t nr, cap, entry_size;
};

static int orc_add(struct orc_list *l, const uint8_t *entry, struct section *sec,
		   unsigned long offset, uint32_t reloc_type)
{
	if (l->nr == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 1024;
		uint8_t *e = realloc(l->entries, cap * l->entry_size);
		struct new_reloc *r = realloc(l->ips, cap * sizeof(*r));

		if (!e || !r)
			return -1;
		l->entries = e;
		l->ips = r;
		l->cap = cap;
	}
	memcpy(l->entries + l->nr * l->entry_size, entry, l->entry_size);
	l->ips[l->nr] = (struct new_reloc){
		.offset = l->nr * 4,
		.target = sec,
		.addend = offset,
		.type = reloc_type,
	};
	l->nr++;
	return 0;
}

/*
 * An alternative group may run either the original bytes or a replacement
 * copied over them, so its entries come from both: the state of whichever
 * instruction starts at each byte offset (they must agree where both do).
 * Returns the number of original instructions covered, or -1.
 */
static int alt_group_states(struct objtool_file *file, struct instruction *insn,
			    const struct cfi_state ***out, unsigned int *len)
{
	const struct cfi_state **bytes;
	unsigned int olen = 0, n = 0;
	struct instruction *i;

	for (struct alternative *alt = insn->alts; alt; alt = alt->next)
		if (alt->group && alt->orig_len > olen)
			olen = alt->orig_len;
	if (!olen)
		return 0;
	bytes = calloc(olen, sizeof(*bytes));
	if (!bytes)
		return -1;
	for (i = insn; i && i->offset < insn->offset + olen; i = next_insn(i), n++)
		bytes[i->offset - insn->offset] = i->cfi;
	for (struct alternative *alt = insn->alts; alt; alt = alt->next) {
		if (!alt->group || !alt->new_len)
			continue;
		/*
		 * A shorter replacement is padded with NOPs when it is
		 * applied: the padding runs with the state the group ends in.
		 */
		if (alt->new_len < olen && !bytes[alt->new_len]) {
			struct instruction *resume = find_insn(insn->sec, insn->offset + olen);

			if (resume)
				bytes[alt->new_len] = resume->cfi;
		}
		for (i = alt->insn; i && i->offset < alt->insn->offset + alt->new_len;
		     i = next_insn(i)) {
			unsigned int k = i->offset - alt->insn->offset;

			if (k >= olen || !i->cfi)
				continue;
			if (!bytes[k]) {
				bytes[k] = i->cfi;
			} else if (!cfi_equal(bytes[k], i->cfi)) {
				error_insn(file, insn, "stack layout conflict in alternatives");
				free(bytes);
				return -1;
			}
		}
	}
	*out = bytes;
	*len = olen;
	return n;
}

/*
 * Entries for the states at @insn (byte k of an alternative group has
 * states[k]), each where it differs from the one before (@prev).
 */
static int add_states(struct objtool_file *file, struct orc_list *l,
		      struct instruction *insn, const struct cfi_state **states,
		      unsigned int nr_states, uint8_t *prev, bool *empty)
{
	const struct objtool_arch *arch = file->arch;
	uint8_t cur[MAX_ORC_ENTRY];

	for (unsigned int k = 0; k < nr_states; k++) {
		if (nr_states > 1 && !states[k])
			continue;
		memset(cur, 0, sizeof(cur));
		if (arch->orc_encode(states[k], cur, insn)) {
			/* fatal: the unwinder would be left without a rule here */
			error_insn(file, insn, "can't express the stack state as ORC");
			return -1;
		}
		if (!memcmp(prev, cur, l->entry_size))
			continue;
		if (orc_add(l, cur, insn->sec, insn->offset + k, arch->orc_ip_reloc))
			return -1;
		memcpy(prev, cur, l->entry_size);
		*empty = false;
	}
	return 0;
}

static int orc_section(struct objtool_file *file, struct section *sec,
		       struct orc_list *l)
{
	const struct objtool_arch *arch = file->arch;
	uint8_t prev[MAX_ORC_ENTRY] = { 0 }, null[MAX_ORC_ENTRY];
	bool empty = true;
	int ret;
	/* states are interned: the same pointer encodes to the same entry
	 * (only after a single-state instruction: a group's entries vary) */
	const struct cfi_state *prev_state = NULL;
	bool prev_single = false;

	if (arch->orc_encode(NULL, null, NULL))
		return -1;
	memcpy(prev, null, l->entry_size);
	for (unsigned int i = 0; i < sec->nr_insns; i++) {
		struct instruction *insn = &sec->insns[i];
		const struct cfi_state *one = insn->cfi, **states = &one;
		unsigned int nr_states = 1;
		int covered = 1;

		if (insn->flags & INSN_ALT) {
			covered = alt_group_states(file, insn, &states, &nr_states);
			if (covered < 0)
				return -1;
			if (!covered) {
				covered = 1;
				states = &one;
				nr_states = 1;
			}
		}
		if (nr_states == 1 && !empty && prev_single && one == prev_state)
			continue;
		prev_single = nr_states == 1;
		prev_state = one;
		ret = add_states(file, l, insn, states, nr_states, prev, &empty);
		if (states != &one)
			free(states);
		if (ret)
			return -1;
		i += covered - 1;
	}
	if (!empty && orc_add(l, null, sec, sec->size, arch->orc_ip_reloc))
		return -1;
	return 0;
}

static bool listed_section(const char *const *list, const char *name)
{
	for (; list && *list; list++)
		if (!strcmp(*list, name))
			return true;
	return false;
}

int orc_create(struct objtool_file *file)
{
	const struct objtool_arch *arch = file->arch;
	struct orc_list l = { .entry_size = arch->orc->entry_size };
	struct section *ip_sec;
	uint8_t *ip_zero;
	int ret = -1;

	if (find_section_by_name(file, ".orc_unwind") ||
	    find_section_by_name(file, ".orc_unwind_ip")) {
		ERROR("%s: file already has .orc_unwind section (strip it first)",
		      file->path);
		return -1;
	}
	if (l.entry_size > MAX_ORC_ENTRY)
		return -1;
	for (unsigned int s = 1; s < file->nr_secs; s++) {
		struct section *sec = &file->secs[s];

		if (!sec->nr_insns || sec->alt_replacement ||
		    listed_section(arch->no_orc_sections, sec->name))
			continue;
		if (orc_section(file, sec, &l))
			goto out;
	}
	file->nr_orc_entries = l.nr;
	if (!l.nr) {
		ret = 0;
		goto out;
	}
	ip_zero = calloc(l.nr, 4);
	if (!ip_zero)
		goto out;
	ip_sec = elf_add_section(file, ".orc_unwind_ip", SHT_PROGBITS, SHF_ALLOC,
				 4, 4, ip_zero, l.nr * 4, l.ips, l.nr);
	free(ip_zero);
	if (!ip_sec ||
	    !elf_add_section(file, ".orc_unwind", SHT_PROGBITS, SHF_ALLOC,
			     l.entry_size, 2, l.entries, l.nr * l.entry_size,
			     NULL, 0))
		goto out;
	if (!find_section_by_name(file, ".orc_header") &&
	    !elf_add_section(file, ".orc_header", SHT_PROGBITS, SHF_ALLOC, 0, 4,
			     arch->orc->header, ORC_HEADER_SIZE, NULL, 0))
		goto out;
	ret = 0;
out:
	free(l.entries);
	free(l.ips);
	return ret;
}
