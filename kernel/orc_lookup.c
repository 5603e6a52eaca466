// SPDX-License-Identifier: GPL-2.0
/*
 * ORC lookup, arch-neutral: the kit image's tables (sorted at build time
 * by orc/host/sort.c) with a block index built at boot, and modules'
 * tables (sorted when registered).  Entries are opaque here: their size
 * and type come from the arch (arch/<arch>/stacktrace.c), their meaning
 * from arch/<arch>/unwind_orc.c.
 *
 * The block index: one u32 per 256 bytes of the image's ORC-covered text,
 * holding the index of the rightmost entry at or before the block's first
 * byte.  A lookup binary-searches only between the entries of its block
 * and the next, usually a handful, instead of the whole table.
 */
#include <kit/ftrace.h>
#include <kit/init.h>
#include <kit/kernel.h>
#include <kit/orc.h>
#include <kit/printk.h>
#include <kit/sort.h>

#include "../orc/orc_types.h"

#define ORC_BLOCK_SHIFT		8
/* 16 MiB of text: the hosted kit is well under 1 MiB */
#define ORC_MAX_BLOCKS		(1u << 16)

extern int32_t __start_orc_unwind_ip[], __stop_orc_unwind_ip[];
extern char __start_orc_unwind[], __stop_orc_unwind[];

struct orc_table {
	const int32_t *ip;
	const char *orc;
	size_t num;
	unsigned long text_start, text_end;	/* [start, end) */
	struct kit_module *mod;
};

static struct orc_table kit_table;
static uint32_t orc_lookup[ORC_MAX_BLOCKS + 1];
static unsigned int orc_nr_blocks;
static unsigned long orc_lookup_start;

static struct orc_table mod_tables[KIT_ORC_MAX_MODULES];
/* slots at and above this are free: a lookup scans only those below */
static unsigned int mod_slots_used;
static int mod_lock;

static void orc_lock(void)
{
	while (__atomic_test_and_set(&mod_lock, __ATOMIC_ACQUIRE))
		;
}

static void orc_unlock(void)
{
	__atomic_clear(&mod_lock, __ATOMIC_RELEASE);
}

static inline unsigned long orc_ip(const int32_t *p)
{
	return (unsigned long)p + *p;
}

static inline const void *orc_entry(const struct orc_table *t, size_t i)
{
	return t->orc + i * arch_orc_entry_size;
}

/* Index of the rightmost entry in [lo, hi) of t whose ip <= ip; lo's ip must be <= ip. */
static size_t orc_search_idx(const struct orc_table *t, size_t lo, size_t hi,
			     unsigned long ip)
{
	/* a block usually holds a handful of entries: scan them in order */
	if (hi - lo <= 8) {
		while (lo + 1 < hi && orc_ip(&t->ip[lo + 1]) <= ip)
			lo++;
		return lo;
	}
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (orc_ip(&t->ip[mid]) <= ip)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static const void *orc_search(const struct orc_table *t, size_t lo, size_t hi,
			      unsigned long ip)
{
	return orc_entry(t, orc_search_idx(t, lo, hi, ip));
}

static const void *orc_find_table(const struct orc_table *t, unsigned long ip)
{
	if (!t->num || ip < orc_ip(&t->ip[0]))
		return NULL;
	return orc_search(t, 0, t->num, ip);
}

/* the image's entry index for ip, or -1 outside the image's ORC text */
static inline long orc_find_kit_idx(unsigned long ip)
{
	unsigned int block;
	size_t lo, hi;

	if (!orc_nr_blocks || ip < kit_table.text_start || ip >= kit_table.text_end)
		return -1;
	block = (ip - orc_lookup_start) >> ORC_BLOCK_SHIFT;
	lo = orc_lookup[block];
	hi = (size_t)orc_lookup[block + 1] + 1;
	if (hi > kit_table.num)
		hi = kit_table.num;
	return orc_search_idx(&kit_table, lo, hi, ip);
}

static const void *orc_find_kit(unsigned long ip)
{
	long i = orc_find_kit_idx(ip);

	return i < 0 ? NULL : orc_entry(&kit_table, i);
}

/*
 * A hint for image lookups shared by every walk: the entry index last
 * found for ips hashing to a slot.  A hint is only a guess, verified
 * against the (immutable) table before use: entry i applies to ip exactly
 * when ip[i] <= ip < ip[i + 1], and then i is the rightmost entry at or
 * before ip (equal ips cannot both satisfy it) and ip is in the image's
 * ORC text.  So racing writers, or a torn or stale slot, cost a search,
 * never a wrong entry.
 */
uint32_t orc_hint[1u << ORC_HINT_BITS];
/* kit_table's, for the inline lookups (kit/orc.h) */
const int32_t *orc_kit_ip;
const char *orc_kit_orc;
size_t orc_kit_num;

/*
 * orc_find() with a cache owned by the caller (one walk): the image's
 * tables never change, so the ip range an entry covers, [its ip, the next
 * entry's ip), can be remembered; module lookups are not cached (a module
 * may go away).  ip < text_end guarantees entry i + 1 exists.
 */
notrace const void *orc_find_cached(unsigned long ip, struct orc_cache *c)
{
	unsigned int slot = orc_hint_slot(ip);
	size_t h = __atomic_load_n(&orc_hint[slot], __ATOMIC_RELAXED);
	unsigned long lo, hi;
	long i;

	if (ip - c->lo < c->hi - c->lo)
		return c->entry;
	if (h + 1 < kit_table.num) {
		lo = orc_ip(&kit_table.ip[h]);
		hi = orc_ip(&kit_table.ip[h + 1]);
		if (ip - lo < hi - lo) {
			c->lo = lo;
			c->hi = hi;
			c->entry = orc_entry(&kit_table, h);
			return c->entry;
		}
	}
	i = orc_find_kit_idx(ip);
	if (i < 0)
		return orc_find(ip);
	__atomic_store_n(&orc_hint[slot], (uint32_t)i, __ATOMIC_RELAXED);
	c->lo = orc_ip(&kit_table.ip[i]);
	c->hi = orc_ip(&kit_table.ip[i + 1]);
	c->entry = orc_entry(&kit_table, i);
	return c->entry;
}

const void *orc_find(unsigned long ip)
{
	const void *e = orc_find_kit(ip);

	if (e)
		return e;
	orc_lock();
	for (unsigned int i = 0; i < mod_slots_used && !e; i++) {
		const struct orc_table *t = &mod_tables[i];

		if (t->mod && ip >= t->text_start && ip < t->text_end)
			e = orc_find_table(t, ip);
	}
	orc_unlock();
	return e;
}

unsigned long orc_kit_text_lo, orc_kit_text_hi;

bool orc_in_text(unsigned long ip)
{
	bool found = false;

	if (ip >= kit_table.text_start && ip < kit_table.text_end)
		return true;
	orc_lock();
	for (unsigned int i = 0; i < mod_slots_used && !found; i++)
		found = mod_tables[i].mod && ip >= mod_tables[i].text_start &&
			ip < mod_tables[i].text_end;
	orc_unlock();
	return found;
}

bool orc_ip_known(unsigned long ip)
{
	const void *e = orc_find(ip);

	return e && arch_orc_type(e) != ORC_TYPE_UNDEFINED;
}

void orc_get_stats(struct orc_stats *s)
{
	s->text_start = kit_table.text_start;
	s->text_end = kit_table.text_end;
	s->nr_entries = kit_table.num;
	s->nr_blocks = orc_nr_blocks;
}

static int orc_init(void)
{
	size_t n = __stop_orc_unwind_ip - __start_orc_unwind_ip, i = 0;
	unsigned long first, last;

	if (!n)
		return 0;	/* an image without ORC: every lookup fails */
	if ((size_t)(__stop_orc_unwind - __start_orc_unwind) != n * arch_orc_entry_size) {
		kit_printk("orc: .orc_unwind holds %zu bytes, not %zu entries of %zu\n",
			   (size_t)(__stop_orc_unwind - __start_orc_unwind), n,
			   arch_orc_entry_size);
		return -EINVAL;
	}
	kit_table.ip = __start_orc_unwind_ip;
	kit_table.orc = __start_orc_unwind;
	kit_table.num = n;
	first = orc_ip(&kit_table.ip[0]);
	last = orc_ip(&kit_table.ip[n - 1]);
	/* the tables are sorted at build time: trust, but verify */
	for (size_t k = 1; k < n; k++) {
		if (orc_ip(&kit_table.ip[k]) < orc_ip(&kit_table.ip[k - 1])) {
			kit_printk("orc: image table not sorted at entry %zu (orc-sort not run?)\n", k);
			return -EINVAL;
		}
	}
	orc_lookup_start = first & ~((1UL << ORC_BLOCK_SHIFT) - 1);
	orc_nr_blocks = ((last - orc_lookup_start) >> ORC_BLOCK_SHIFT) + 1;
	if (orc_nr_blocks > ORC_MAX_BLOCKS) {
		kit_printk("orc: %lu bytes of text need more than %u lookup blocks\n",
			   last - first, ORC_MAX_BLOCKS);
		orc_nr_blocks = 0;
		return -E2BIG;
	}
	for (unsigned int b = 0; b <= orc_nr_blocks; b++) {
		unsigned long addr = orc_lookup_start + ((unsigned long)b << ORC_BLOCK_SHIFT);

		while (i + 1 < n && orc_ip(&kit_table.ip[i + 1]) <= addr)
			i++;
		orc_lookup[b] = i;
	}
	kit_table.text_start = first;
	/* the last entry is a terminator: nothing at or after it is described */
	kit_table.text_end = last;
	orc_kit_text_lo = first;
	orc_kit_text_hi = last;
	orc_kit_ip = kit_table.ip;
	orc_kit_orc = kit_table.orc;
	/* published last: until then the inline lookups take the slow path */
	orc_kit_num = n;
	return 0;
}
KIT_INITCALL(KIT_INIT_CORE, orc_init);

/*
 * Sorting a module's table in place.  Moving a self-relative ip changes
 * its value by the distance moved; the entries move with their ips.  At
 * equal ips the UNDEFINED terminator of one section goes before the first
 * entry of the next, so "rightmost ip <= pc" picks the real one.  Runs
 * under the lock: sort_ip/sort_orc say which table is being sorted.
 */
static int32_t *sort_ip;
static char *sort_orc;

static int orc_sort_cmp(const void *a, const void *b)
{
	unsigned long ia = orc_ip(a), ib = orc_ip(b);
	bool ua, ub;

	if (ia != ib)
		return ia < ib ? -1 : 1;
	ua = arch_orc_type(sort_orc + ((const int32_t *)a - sort_ip) * arch_orc_entry_size) ==
	     ORC_TYPE_UNDEFINED;
	ub = arch_orc_type(sort_orc + ((const int32_t *)b - sort_ip) * arch_orc_entry_size) ==
	     ORC_TYPE_UNDEFINED;
	return ua == ub ? 0 : ua ? -1 : 1;
}

static void orc_sort_swap(void *a, void *b, size_t size)
{
	int32_t *pa = a, *pb = b, ta = *pa;
	char *ea = sort_orc + (pa - sort_ip) * arch_orc_entry_size;
	char *eb = sort_orc + (pb - sort_ip) * arch_orc_entry_size;
	long delta = (char *)pb - (char *)pa;

	(void)size;
	*pa = *pb + (int32_t)delta;
	*pb = ta - (int32_t)delta;
	for (size_t k = 0; k < arch_orc_entry_size; k++) {
		char t = ea[k];

		ea[k] = eb[k];
		eb[k] = t;
	}
}

int orc_register_module(struct kit_module *mod, uintptr_t text_start, uintptr_t text_end,
			int32_t *ip, void *orc, size_t num)
{
	struct orc_table *slot = NULL;
	int err = 0;

	/* the lookup and the sort read s32 ips and the entries' 16-bit fields */
	if (!mod || !ip || !orc || !num || text_start >= text_end ||
	    (uintptr_t)ip % sizeof(*ip) || (uintptr_t)orc % 2)
		return -EINVAL;
	/* an ip outside the text would make a wrong table for someone else */
	for (size_t i = 0; i < num; i++)
		if (orc_ip(&ip[i]) < text_start || orc_ip(&ip[i]) > text_end)
			return -EINVAL;
	if (text_start < kit_table.text_end && text_end > kit_table.text_start)
		return -EEXIST;
	orc_lock();
	for (unsigned int i = 0; i < KIT_ORC_MAX_MODULES; i++) {
		struct orc_table *t = &mod_tables[i];

		if (!t->mod) {
			if (!slot)
				slot = t;
		} else if (t->mod == mod ||
			   (text_start < t->text_end && text_end > t->text_start)) {
			err = -EEXIST;
		}
	}
	if (!err && !slot)
		err = -ENOSPC;
	if (!err) {
		sort_ip = ip;
		sort_orc = orc;
		kit_sort(ip, num, sizeof(*ip), orc_sort_cmp, orc_sort_swap);
		slot->ip = ip;
		slot->orc = orc;
		slot->num = num;
		slot->text_start = text_start;
		slot->text_end = text_end;
		__atomic_store_n(&slot->mod, mod, __ATOMIC_RELEASE);
		if (slot - mod_tables >= mod_slots_used)
			mod_slots_used = slot - mod_tables + 1;
	}
	orc_unlock();
	return err;
}

void orc_unregister_module(struct kit_module *mod)
{
	orc_lock();
	for (unsigned int i = 0; i < KIT_ORC_MAX_MODULES; i++)
		if (mod && mod_tables[i].mod == mod)
			mod_tables[i] = (struct orc_table){ 0 };
	while (mod_slots_used && !mod_tables[mod_slots_used - 1].mod)
		mod_slots_used--;
	orc_unlock();
}
