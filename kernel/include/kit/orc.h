/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ORC runtime (kernel/orc_lookup.c): finds the ORC entry that
 * describes an instruction, in the kit image's tables (sorted at build
 * time by orc/host/sort.c, indexed at boot by one u32 per 256-byte block
 * of text) or in a module's (sorted when the module registers them).
 * The entry layout is the arch's (asm/orc_types.h);
 * arch/<arch>/unwind_orc.c decodes it.  Lookups for call frames use
 * pc - 1, for interrupted frames pc.
 */
#ifndef _KIT_ORC_H
#define _KIT_ORC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <kit/arch.h>	/* arch_orc_*: the port decodes its entries */

struct kit_module;

/*
 * The entry that applies at ip (rightmost table ip <= ip), or NULL when ip
 * is outside the kit image's ORC-covered text and every registered
 * module's text.  The entry may be UNDEFINED (a section terminator, code
 * objtool-lite never reached): check arch_orc_type() before using it.
 */
const void *orc_find(unsigned long ip);

/*
 * orc_find() for one walk: c (zeroed before the walk) remembers the ip
 * range of the last image entry found, so a frame whose pc lies in the
 * same range needs no search.  Same result as orc_find(ip).
 */
struct orc_cache {
	unsigned long lo, hi;	/* [lo, hi): entry applies; empty when lo == hi */
	const void *entry;
};
const void *orc_find_cached(unsigned long ip, struct orc_cache *c);

/*
 * The image's table (set at boot, immutable after) and the lookup hints
 * shared by every walk, for the unwinders' inline lookups below.  A hint
 * is only a guess, verified against the table before use: entry h applies
 * to ip exactly when ip[h] <= ip < ip[h + 1].
 */
#define ORC_HINT_BITS		10
extern const int32_t *orc_kit_ip;
extern const char *orc_kit_orc;
extern size_t orc_kit_num;
extern uint32_t orc_hint[1u << ORC_HINT_BITS];

static inline unsigned int orc_hint_slot(unsigned long ip)
{
	return (ip ^ (ip >> ORC_HINT_BITS)) & ((1u << ORC_HINT_BITS) - 1);
}

/*
 * orc_find_cached() with the cache hit and the hint hit inline: no call
 * unless both miss.  entry_size is the arch's (a constant at the call).
 */
static inline __attribute__((__always_inline__)) const void *
orc_find_cached_inline_sz(unsigned long ip, struct orc_cache *c, size_t entry_size)
{
	size_t h;

	if (ip - c->lo < c->hi - c->lo)
		return c->entry;
	h = __atomic_load_n(&orc_hint[orc_hint_slot(ip)], __ATOMIC_RELAXED);
	if (h + 1 < orc_kit_num) {
		const int32_t *p = orc_kit_ip + h;
		unsigned long lo = (unsigned long)p + p[0];
		unsigned long hi = (unsigned long)(p + 1) + p[1];

		if (ip - lo < hi - lo) {
			c->lo = lo;
			c->hi = hi;
			c->entry = orc_kit_orc + h * entry_size;
			return c->entry;
		}
	}
	return orc_find_cached(ip, c);
}

/* The same, with the cache hit inline (the unwinders' per-frame path). */
static inline const void *orc_find_cached_inline(unsigned long ip, struct orc_cache *c)
{
	if (ip - c->lo < c->hi - c->lo)
		return c->entry;
	return orc_find_cached(ip, c);
}

/* ip lies in the image's ORC-covered text or a module's (no search) */
bool orc_in_text(unsigned long ip);

/* The image's ORC-covered text [lo, hi), set at boot: a check without a call. */
extern unsigned long orc_kit_text_lo, orc_kit_text_hi;
static inline bool orc_in_kit_text(unsigned long ip)
{
	return ip - orc_kit_text_lo < orc_kit_text_hi - orc_kit_text_lo;
}

/* ip is code objtool-lite described: found, and not an UNDEFINED entry. */
bool orc_ip_known(unsigned long ip);

/*
 * Register a module's tables: num s32 self-relative ips in orc_ip and num
 * entries in orc, for text [text_start, text_end).  The tables are sorted
 * in place.  0, -EINVAL (bad range, an ip outside it), -EEXIST (mod
 * already registered, or its text overlaps a registered range), -ENOSPC
 * (KIT_ORC_MAX_MODULES registered).
 */
#define KIT_ORC_MAX_MODULES	64
int orc_register_module(struct kit_module *mod, uintptr_t text_start, uintptr_t text_end,
			int32_t *orc_ip, void *orc, size_t num);
/* Forget mod's tables; nothing when it has none registered. */
void orc_unregister_module(struct kit_module *mod);

/* Statistics of the boot-time block index (for tests and the bench). */
struct orc_stats {
	unsigned long text_start, text_end;	/* the image's ORC-covered text */
	unsigned int nr_entries;		/* the image's entries */
	unsigned int nr_blocks;			/* u32 block index entries */
};
void orc_get_stats(struct orc_stats *s);

#endif /* _KIT_ORC_H */
