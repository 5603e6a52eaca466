// SPDX-License-Identifier: GPL-2.0
/*
 * --dump=orc: print the ORC tables an object carries, in upstream
 * objtool's text form (one "ip:entry" line each) or as JSON lines.  It
 * reads only the file, never the walk's state, so it can inspect tables
 * made by anyone; a table that does not hang together is an error.
 */
#include <inttypes.h>
#include <string.h>

#include <objtool/elf.h>
#include <objtool/orc.h>
#include <objtool/warn.h>

/* Names come from the file: quote them so any bytes stay valid JSON. */
static void print_json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

const char *orc_type_name(unsigned int type, bool json)
{
	static const char *const text[][2] = {
		[UNWIND_UNDEFINED]	= { "(und)", "undefined" },
		[UNWIND_END_OF_STACK]	= { "end_of_stack", "end_of_stack" },
		[UNWIND_CALL]		= { "call", "call" },
		[UNWIND_REGS]		= { "regs", "regs" },
		[UNWIND_REGS_PARTIAL]	= { "regs (partial)", "regs_partial" },
	};

	if (type >= sizeof(text) / sizeof(text[0]))
		return json ? "unknown" : "(?)";
	return text[type][json];
}

static void print_ip(struct objtool_file *file, struct section *ip_sec,
		     unsigned long i, bool json)
{
	struct reloc *reloc = find_reloc(ip_sec, i * 4, 4);
	const char *name;
	unsigned long off;

	if (reloc) {
		name = reloc->sym->type == STT_SECTION && reloc->sym->sec ?
		       reloc->sym->sec->name : reloc->sym->name;
		off = reloc->addend;
	} else {
		/* linked object: self-relative s32 */
		int32_t rel = (int32_t)file_read(file, ip_sec->data + i * 4, 4);

		name = NULL;
		off = ip_sec->sh.sh_addr + i * 4 + rel;
	}
	if (json) {
		printf("{\"section\":");
		print_json_string(name ?: "");
		printf(",\"offset\":%lu,\"entry\":", off);
		return;
	}
	if (name)
		printf("%s+%lx:", name, off);
	else
		printf("%lx:", off);
}

/*
 * .orc_header, where present, must be records of this port's format hash
 * (one per object linked in): tables of another format or version would
 * be printed as garbage.
 */
static int orc_header_check(struct objtool_file *file)
{
	const struct orc_format *fmt = file->arch->orc;
	struct section *hdr = find_section_by_name(file, ".orc_header");

	if (!hdr)
		return 0;
	if (!hdr->data || !hdr->size || hdr->size % ORC_HEADER_SIZE)
		goto bad;
	for (size_t off = 0; off < hdr->size; off += ORC_HEADER_SIZE)
		if (memcmp(hdr->data + off, fmt->header, ORC_HEADER_SIZE))
			goto bad;
	return 0;
bad:
	ERROR("%s: malformed ORC table: .orc_header (%zu bytes) is not the %s ORC format's",
	      file->path, hdr->size, fmt->name);
	return -1;
}

int orc_dump(struct objtool_file *file)
{
	const struct objtool_arch *arch = file->arch;
	struct section *orc = find_section_by_name(file, ".orc_unwind");
	struct section *ip = find_section_by_name(file, ".orc_unwind_ip");
	bool json = file->opts->json;
	size_t n;

	if (!orc && !ip)
		return 0;		/* no tables: nothing to print */
	if (!orc || !ip || !orc->data || !ip->data) {
		ERROR("%s: malformed ORC table: .orc_unwind and .orc_unwind_ip must both exist",
		      file->path);
		return -1;
	}
	if (orc_header_check(file))
		return -1;
	n = ip->size / 4;
	if (ip->size % 4 || orc->size % arch->orc->entry_size ||
	    orc->size / arch->orc->entry_size != n) {
		ERROR("%s: malformed ORC table: %zu ip bytes, %zu entry bytes (entry size %zu)",
		      file->path, ip->size, orc->size, arch->orc->entry_size);
		return -1;
	}
	if (file->ehdr.e_type == ET_REL) {
		for (size_t i = 0; i < n; i++) {
			if (!find_reloc(ip, i * 4, 4)) {
				ERROR("%s: malformed ORC table: .orc_unwind_ip[%zu] has no relocation",
				      file->path, i);
				return -1;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		const uint8_t *entry = orc->data + i * arch->orc->entry_size;

		print_ip(file, ip, i, json);
		if (json)
			arch->orc_print_json(stdout, entry);
		else
			arch->orc_print(stdout, entry);
		fputs(json ? "}\n" : "\n", stdout);
	}
	return 0;
}
