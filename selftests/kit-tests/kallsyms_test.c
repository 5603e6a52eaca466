// SPDX-License-Identifier: GPL-2.0
/*
 * kallsyms: global and local symbols, duplicates with their positions
 * (kallsyms_dup_fn / kallsyms_dup_data here and in kallsyms_test_dup.c),
 * ambiguity rejected, address lookups and %pS.
 */
#include <kit/kallsyms.h>
#include <kit/kernel.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/selftest.h>
#include <kit/string.h>

static int kallsyms_dup_data = 1;

static noinline int kallsyms_dup_fn(int x)
{
	barrier();
	return x * 2 + kallsyms_dup_data;
}

static noinline int kallsyms_local_fn(int x)
{
	barrier();
	return x + 1;
}

void *kallsyms_dup_fn_b(void);
void *kallsyms_dup_data_b(void);

struct walk {
	unsigned long n, unordered, addr;
};

static int count_sym(void *data, const struct kit_ksym *s)
{
	struct walk *w = data;

	if (w->n && s->addr < w->addr)
		w->unordered++;
	w->addr = s->addr;
	w->n++;
	return 0;
}

static void check_name(const char *name, void *expect, bool global)
{
	unsigned long addr = 0;
	int err = kit_kallsyms_lookup_name(name, 0, &addr);
	const struct kit_ksym *s = kit_kallsyms_find(name, 0, NULL);

	kit_report(!err && addr == (unsigned long)expect && s && s->global == global &&
		   s->sympos == 1 && s->nr_same == 1,
		   "%s %s found at its address (err %d, got %lx want %lx)",
		   global ? "global" : "local", name, err, addr,
		   (unsigned long)expect);
}

static void check_dups(const char *name, unsigned long a, unsigned long b)
{
	unsigned long lo = a < b ? a : b, hi = a < b ? b : a, p1 = 0, p2 = 0, p3 = 0;
	int e0 = kit_kallsyms_lookup_name(name, 0, &p1);
	int e1 = kit_kallsyms_lookup_name(name, 1, &p1);
	int e2 = kit_kallsyms_lookup_name(name, 2, &p2);
	int e3 = kit_kallsyms_lookup_name(name, 3, &p3);
	const struct kit_ksym *s = kit_kallsyms_find(name, 2, NULL);

	kit_report(a != b, "%s: two distinct symbols", name);
	kit_report(e0 == -EEXIST, "%s, sympos 0: ambiguous, -EEXIST (%s)", name,
		   kit_errname(e0));
	kit_report(!e1 && !e2 && p1 == lo && p2 == hi,
		   "%s: sympos 1 and 2 in address order (%lx %lx)", name, p1, p2);
	kit_report(e3 == -ENOENT, "%s, sympos 3: -ENOENT (%s)", name, kit_errname(e3));
	kit_report(s && !s->global && s->nr_same == 2 && s->sympos == 2,
		   "%s: records say local, 2 of 2", name);
}

KIT_SELFTEST(kallsyms)
{
	unsigned long off = 0, size = 0, addr = 0, fn;
	const char *name = NULL;
	struct walk w = { 0 };
	char buf[128], want[128];
	int err;

	kit_report(kit_kallsyms_count() > 100, "symbols loaded: %lu",
		   kit_kallsyms_count());
	kit_kallsyms_on_each(count_sym, &w);
	kit_report(w.n == kit_kallsyms_count() && !w.unordered,
		   "on_each: every symbol, in address order (%lu, %lu out of order)",
		   w.n, w.unordered);

	check_name("kit_kallsyms_lookup_name", (void *)kit_kallsyms_lookup_name, true);
	check_name("kit_raw_syscall6", (void *)kit_raw_syscall6, true);
	check_name("kallsyms_local_fn", (void *)kallsyms_local_fn, false);
	check_name("kit_task_trampoline", (void *)kit_task_trampoline, true);

	check_dups("kallsyms_dup_fn", (unsigned long)kallsyms_dup_fn,
		   (unsigned long)kallsyms_dup_fn_b());
	check_dups("kallsyms_dup_data", (unsigned long)&kallsyms_dup_data,
		   (unsigned long)kallsyms_dup_data_b());
	kit_report(kallsyms_dup_fn(1) + kallsyms_local_fn(1) == 5, "the test functions run");

	err = kit_kallsyms_lookup_name("no_such_symbol_anywhere", 0, &addr);
	kit_report(err == -ENOENT, "unknown name: -ENOENT (%s)", kit_errname(err));
	err = kit_kallsyms_lookup_name("kit_kallsyms_lookup_name", 2, &addr);
	kit_report(err == -ENOENT, "unique name, sympos 2: -ENOENT (%s)",
		   kit_errname(err));
	err = kit_kallsyms_lookup_name("kit_kallsyms_lookup_name", 1, &addr);
	kit_report(!err && addr == (unsigned long)kit_kallsyms_lookup_name,
		   "unique name, sympos 1: found (err %d)", err);

	fn = (unsigned long)kallsyms_local_fn;
	err = kit_kallsyms_lookup(fn + 3, &off, &size, &name);
	kit_report(!err && name && !kit_strcmp(name, "kallsyms_local_fn") && off == 3 &&
		   size > 3, "lookup(fn+3): %s+%lu/%lu", name ? name : "?", off, size);
	fn = (unsigned long)kit_kallsyms_lookup;
	err = kit_kallsyms_lookup_name("kit_kallsyms_lookup", 0, &addr);
	kit_kallsyms_lookup(fn, &off, &size, &name);
	kit_report(!err && addr == fn && off == 0 && !kit_strcmp(name, "kit_kallsyms_lookup"),
		   "lookup(start of a function) is the function, offset 0");
	kit_kallsyms_lookup(fn + size - 1, &off, NULL, &name);
	kit_report(!kit_strcmp(name, "kit_kallsyms_lookup") && off == size - 1,
		   "lookup(last byte) is still the function (+%lu)", off);
	err = kit_kallsyms_lookup((unsigned long)&kallsyms_dup_data + 1, &off, NULL, &name);
	kit_report(!err && !kit_strcmp(name, "kallsyms_dup_data") && off == 1,
		   "lookup inside a data object: %s+%lu", name, off);
	err = kit_kallsyms_lookup(8, &off, NULL, &name);
	kit_report(err == -ENOENT, "lookup(8): no symbol (%s)", kit_errname(err));

	fn = (unsigned long)kallsyms_local_fn;
	kit_kallsyms_lookup(fn, NULL, &size, NULL);
	kit_snprintf(buf, sizeof(buf), "%pS", (void *)(fn + 2));
	kit_snprintf(want, sizeof(want), "kallsyms_local_fn+0x2/0x%lx", size);
	kit_report(!kit_strcmp(buf, want), "%%pS prints %s (want %s)", buf, want);
}
