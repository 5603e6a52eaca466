// SPDX-License-Identifier: GPL-2.0
/*
 * --static-call: a static call is a direct call or tail call to a
 * trampoline "__SCT__<name>"; the kernel rewrites each such site to call
 * the current target directly (static_call_update()), so it must know
 * every site.  The table .static_call_sites has one struct
 * static_call_site per site: a place-relative pointer to the call, then
 * one to its key "__SCK__<name>", the key's low bit set for a tail call
 * (STATIC_CALL_SITE_TAIL).  The section is writable: the kernel keeps
 * its own flags (STATIC_CALL_SITE_INIT) in the key's low bits.
 *
 * A module may use a static call whose key is not exported to it: then,
 * as upstream, the entry points at the trampoline instead and the module
 * loader finds the key from it (static_call_add_module()).  In any other
 * object a missing key is an error.  Upstream objtool 6.12 writes no
 * other static call table (no .static_call_tramp_key).
 *
 * Sites are listed as upstream finds them: tail calls first, then calls,
 * each in address order; replacement code is a template and not listed.
 */
#include <stdlib.h>
#include <string.h>

#include <objtool/elf.h>
#include <objtool/warn.h>

#include "passes.h"

#define TRAMP_PREFIX	"__SCT__"
#define KEY_PREFIX	"__SCK__"
#define PREFIX_LEN	7
#define SITE_SIZE	8
#define SITE_TAIL	1

static bool is_site(const struct instruction *insn, bool tail)
{
	const struct symbol *dest = insn->call_dest;

	if (!dest || dest->bind != STB_GLOBAL || strncmp(dest->name, TRAMP_PREFIX, PREFIX_LEN) ||
	    !strcmp(insn->sec->name, ".altinstr_replacement"))
		return false;
	if (tail)
		return (insn->flags & INSN_SIBLING) && insn->func &&
		       (insn->type == INSN_JUMP_UNCOND || insn->type == INSN_JUMP_COND);
	return insn->type == INSN_CALL;
}

static int add_site(struct objtool_file *file, struct site_list *list,
		    unsigned int n, const struct instruction *insn, bool tail)
{
	const struct symbol *tramp = insn->call_dest;
	struct symbol *key;
	char *name;

	if (asprintf(&name, KEY_PREFIX "%s", tramp->name + PREFIX_LEN) < 0)
		return -1;
	key = find_symbol_by_name(file, name);
	if (!key && !file->opts->module) {
		ERROR("%s: static_call: can't find static_call_key symbol: %s", file->path, name);
		free(name);
		return -1;
	}
	free(name);
	if (site_list_add_insn(file, list, n * SITE_SIZE, insn))
		return -1;
	return site_list_add(list, (struct new_reloc){
		.offset = n * SITE_SIZE + 4, .target = NULL,
		.addend = tail ? SITE_TAIL : 0, .type = file->arch->orc_ip_reloc,
		.sym = key ?: (struct symbol *)tramp });
}

int static_call_create(struct objtool_file *file)
{
	struct site_list list = { 0 };
	unsigned int n = 0;
	int ret = -1;

	if (find_section_by_name(file, ".static_call_sites")) {
		warn_file(file, "file already has .static_call_sites section, skipping");
		return 0;
	}
	for (int tail = 1; tail >= 0; tail--) {
		for (unsigned int s = 1; s < file->nr_secs; s++) {
			struct section *sec = &file->secs[s];

			for (unsigned int i = 0; i < sec->nr_insns; i++) {
				struct instruction *insn = &sec->insns[i];

				if (is_site(insn, tail) && add_site(file, &list, n++, insn, tail))
					goto out;
			}
		}
	}
	ret = site_table_write(file, ".static_call_sites", SHF_ALLOC | SHF_WRITE,
			       SITE_SIZE, n, &list);
out:
	free(list.relocs);
	return ret;
}
