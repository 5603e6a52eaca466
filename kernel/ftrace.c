// SPDX-License-Identifier: GPL-2.0
/*
 * Generic dynamic ftrace: one record per function with an ftrace site (the
 * image's, then each module's), the ops attached to each, and the
 * dispatcher the arch trampoline calls.
 *
 * Concurrency: the ops attached to a record are an immutable, NULL-ended
 * array that writers replace whole; readers (the dispatcher, in any thread,
 * at any time) hold a sleepable-RCU-like read section while they use it.
 * Writers serialise on one mutex, publish the new array, wait for the
 * readers that may still see the old one (two counter flips, as SRCU
 * does), and only then free it.  The record groups are published the
 * same way.
 */
#include <stdint.h>

#include <kit/control.h>
#include <kit/ftrace.h>
#include <kit/mm.h>
#include <kit/parser.h>
#include <kit/init.h>
#include <kit/kallsyms.h>
#include <kit/kernel.h>
#include <kit/platform.h>
#include <kit/printk.h>
#include <kit/sched.h>
#include <kit/sort.h>
#include <kit/string.h>

/* the record has at least one ops and its site calls the trampoline */
#define REC_ENABLED	(1U << 0)
/* an IPMODIFY ops is attached */
#define REC_IPMODIFY	(1U << 1)

struct ftrace_rec {
	unsigned long addr;			/* function entry */
	unsigned int flags;
	unsigned int nr_ops;
	struct kit_ftrace_ops **ops;		/* NULL-ended, or NULL */
};

struct ftrace_group {
	const unsigned long *handle;		/* the site table it came from */
	struct ftrace_rec *recs;		/* sorted by addr, unique */
	size_t n;
	struct ftrace_group *next;
};

static DEFINE_KIT_MUTEX(ftrace_lock);
static struct ftrace_group *groups;		/* published, read locklessly */
static struct kit_ftrace_ops *ops_list;		/* under ftrace_lock */

/* --- read-side protection --------------------------------------------- */

static unsigned long srcu_idx;
static long srcu_cnt[2];

static notrace int srcu_read_lock(void)
{
	int idx = __atomic_load_n(&srcu_idx, __ATOMIC_SEQ_CST) & 1;

	__atomic_fetch_add(&srcu_cnt[idx], 1, __ATOMIC_SEQ_CST);
	return idx;
}

static notrace void srcu_read_unlock(int idx)
{
	__atomic_fetch_sub(&srcu_cnt[idx], 1, __ATOMIC_SEQ_CST);
}

/* Wait until no reader can still see what was unpublished before the call. */
static void synchronize_srcu(void)
{
	for (int flip = 0; flip < 2; flip++) {
		unsigned long old = __atomic_fetch_add(&srcu_idx, 1, __ATOMIC_SEQ_CST) & 1;

		while (__atomic_load_n(&srcu_cnt[old], __ATOMIC_SEQ_CST))
			kit_cond_resched();
	}
}

/* --- records ------------------------------------------------------------ */

static notrace int rec_cmp_key(const void *key, const void *elt)
{
	unsigned long a = *(const unsigned long *)key;
	unsigned long b = ((const struct ftrace_rec *)elt)->addr;

	return a < b ? -1 : a > b;
}

static notrace struct ftrace_rec *lookup_rec(unsigned long addr)
{
	for (struct ftrace_group *g = __atomic_load_n(&groups, __ATOMIC_ACQUIRE); g;
	     g = __atomic_load_n(&g->next, __ATOMIC_ACQUIRE)) {
		size_t lo = 0, hi = g->n;

		if (!g->n || addr < g->recs[0].addr || addr > g->recs[g->n - 1].addr)
			continue;
		while (lo < hi) {	/* open-coded: kit_bsearch has a site */
			size_t mid = lo + (hi - lo) / 2;
			int c = rec_cmp_key(&addr, &g->recs[mid]);

			if (!c)
				return &g->recs[mid];
			if (c < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
	}
	return NULL;
}

static int rec_cmp(const void *a, const void *b)
{
	unsigned long x = ((const struct ftrace_rec *)a)->addr;
	unsigned long y = ((const struct ftrace_rec *)b)->addr;

	return x < y ? -1 : x > y;
}

/* Build a group from @n site-table entries and NOP every site. */
static int add_group(const unsigned long *sites, size_t n)
{
	struct ftrace_group *g = kit_zalloc(sizeof(*g));
	size_t i, u = 0;
	int err;

	if (!g)
		return -ENOMEM;
	g->recs = kit_zalloc((n ? n : 1) * sizeof(*g->recs));
	if (!g->recs) {
		kit_free(g);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++)
		g->recs[i].addr = arch_ftrace_site_to_func(sites[i]);
	kit_sort(g->recs, n, sizeof(*g->recs), rec_cmp, NULL);
	for (i = 0; i < n; i++) {
		if (!g->recs[i].addr)
			continue;	/* a discarded function's record */
		if (u && g->recs[u - 1].addr == g->recs[i].addr)
			continue;	/* one record per function */
		g->recs[u++] = g->recs[i];
	}
	g->n = u;
	g->handle = sites;
	for (i = 0; i < g->n; i++) {
		err = arch_ftrace_init_site(g->recs[i].addr);
		if (err) {
			kit_printk("kit: ftrace: site of %pS (%#lx) is not a known ftrace site: %pE\n",
				   (void *)g->recs[i].addr, g->recs[i].addr, (void *)(long)err);
			kit_free(g->recs);
			kit_free(g);
			return err;
		}
	}
	kit_mutex_lock(&ftrace_lock);
	g->next = groups;
	__atomic_store_n(&groups, g, __ATOMIC_RELEASE);
	kit_mutex_unlock(&ftrace_lock);
	return 0;
}

/*
 * What every arch needs before patching live text: the executing mapping
 * made writable, and to know how far other cores can be made to see the
 * new bytes.  The arch then adds its own (a breakpoint trap, if it needs one).
 */
static int text_patch_init(void)
{
	enum kit_sync_cores sync;
	int err = kit_text_make_writable();

	if (err)
		return err;
	sync = kit_plat_sync_cores_init();
	if (sync != KIT_SYNC_CORES_FULL)
		kit_printk("kit: text patching: membarrier %s\n",
			   sync == KIT_SYNC_CORES_IPI ?
			   "without SYNC_CORE: other cores are synchronised by the IPI only" :
			   "unavailable: no cross-core synchronisation");
	return arch_text_patch_init();
}

static int ftrace_init(void)
{
	const unsigned long *sites;
	size_t n;
	int err;

	err = text_patch_init();
	if (err) {
		kit_printk("kit: ftrace: text patching unavailable: %pE\n", (void *)(long)err);
		return err;
	}
	arch_ftrace_image_sites(&sites, &n);
	return add_group(sites, n);
}
KIT_INITCALL(KIT_INIT_SUBSYS, ftrace_init);

/*
 * The core's part of a breakpoint trap (platform.h).  Text patching is the
 * only planter of breakpoints today, and ftrace drives it, so the trap is
 * decided here; kprobes-like users would be asked here too.  notrace: the
 * breakpoint may be on a site being patched.
 */
notrace bool kit_trap_breakpoint(struct pt_regs *regs)
{
	return arch_text_poke_trap(regs);
}

int kit_ftrace_module_init(const unsigned long *sites, size_t n)
{
	return add_group(sites, n);
}

void kit_ftrace_module_release(const unsigned long *sites, size_t n)
{
	struct ftrace_group **pp, *g = NULL;

	(void)n;
	kit_mutex_lock(&ftrace_lock);
	for (pp = &groups; *pp; pp = &(*pp)->next) {
		if ((*pp)->handle == sites) {
			g = *pp;
			__atomic_store_n(pp, g->next, __ATOMIC_RELEASE);
			break;
		}
	}
	if (g) {
		for (size_t i = 0; i < g->n; i++)
			if (g->recs[i].flags & REC_ENABLED)
				arch_ftrace_make_nop(g->recs[i].addr);
		synchronize_srcu();
		for (size_t i = 0; i < g->n; i++)
			kit_free(g->recs[i].ops);
		kit_free(g->recs);
		kit_free(g);
	}
	kit_mutex_unlock(&ftrace_lock);
}

bool kit_ftrace_location(unsigned long addr)
{
	int idx = srcu_read_lock();
	bool found = lookup_rec(addr) != NULL;

	srcu_read_unlock(idx);
	return found;
}

static size_t count_recs(unsigned int flag)
{
	size_t n = 0;

	kit_mutex_lock(&ftrace_lock);
	for (struct ftrace_group *g = groups; g; g = g->next) {
		if (!flag) {
			n += g->n;
			continue;
		}
		for (size_t i = 0; i < g->n; i++)
			n += !!(g->recs[i].flags & flag);
	}
	kit_mutex_unlock(&ftrace_lock);
	return n;
}

size_t kit_ftrace_nr_records(void)
{
	return count_recs(0);
}

size_t kit_ftrace_nr_enabled(void)
{
	return count_recs(REC_ENABLED);
}

/* Record @i over all groups, each in address order (modules first). */
unsigned long kit_ftrace_record_addr(size_t i)
{
	unsigned long addr = 0;

	kit_mutex_lock(&ftrace_lock);
	for (struct ftrace_group *g = groups; g; g = g->next) {
		if (i < g->n) {
			addr = g->recs[i].addr;
			break;
		}
		i -= g->n;
	}
	kit_mutex_unlock(&ftrace_lock);
	return addr;
}

/* --- filters ------------------------------------------------------------- */

int kit_ftrace_set_filter_ip(struct kit_ftrace_ops *ops, unsigned long addr)
{
	unsigned long *f;

	if (ops->flags & KIT_FTRACE_OPS_FL_ENABLED)
		return -EBUSY;
	if (!kit_ftrace_location(addr))
		return -ENOENT;
	for (size_t i = 0; i < ops->nr_filter; i++)
		if (ops->filter[i] == addr)
			return 0;
	if (ops->nr_filter == ops->filter_cap) {
		size_t cap = ops->filter_cap ? 2 * ops->filter_cap : 8;

		f = kit_zalloc(cap * sizeof(*f));
		if (!f)
			return -ENOMEM;
		if (ops->nr_filter)
			kit_memcpy(f, ops->filter, ops->nr_filter * sizeof(*f));
		kit_free(ops->filter);
		ops->filter = f;
		ops->filter_cap = cap;
	}
	ops->filter[ops->nr_filter++] = addr;
	return 0;
}

int kit_ftrace_set_filter_name(struct kit_ftrace_ops *ops, const char *name)
{
	unsigned long addr;
	int err = kit_kallsyms_lookup_name(name, 0, &addr);

	if (err)
		return err;
	return kit_ftrace_set_filter_ip(ops, addr);
}

void kit_ftrace_reset_filter(struct kit_ftrace_ops *ops)
{
	if (ops->flags & KIT_FTRACE_OPS_FL_ENABLED)
		return;
	kit_free(ops->filter);
	ops->filter = NULL;
	ops->nr_filter = ops->filter_cap = 0;
}

/* --- ftrace_enabled ------------------------------------------------------ */

static bool ftrace_on = true;		/* atomic access: the dispatcher reads it */

bool kit_ftrace_is_enabled(void)
{
	return __atomic_load_n(&ftrace_on, __ATOMIC_RELAXED);
}

static bool permanent_registered(void)
{
	for (const struct kit_ftrace_ops *o = ops_list; o; o = o->next)
		if (o->flags & KIT_FTRACE_OPS_FL_PERMANENT)
			return true;
	return false;
}

int kit_ftrace_set_enabled(bool on)
{
	int err = 0;

	kit_mutex_lock(&ftrace_lock);
	if (!on && permanent_registered())
		err = -EBUSY;
	else
		__atomic_store_n(&ftrace_on, on, __ATOMIC_RELAXED);
	kit_mutex_unlock(&ftrace_lock);
	return err;
}

static int ftrace_enabled_show(const struct kit_control_call *c, char *buf, size_t size)
{
	(void)c;
	return kit_snprintf(buf, size, "%d\n", kit_ftrace_is_enabled());
}

/* proc_dointvec's view of a bool: an integer, non-zero is on */
static int ftrace_enabled_store(const struct kit_control_call *c, const char *value)
{
	long long v;

	(void)c;
	if (kit_kstrtoll(value, 10, &v))
		return -EINVAL;
	return kit_ftrace_set_enabled(v != 0);
}

static int ftrace_sysctl_init(void)
{
	struct kit_control_node *k = kit_control_dir(kit_control_dir(kit_control_dir(NULL,
							"proc"), "sys"), "kernel");

	if (!k)
		return -ENOMEM;
	return kit_control_file(k, "ftrace_enabled", 0644, ftrace_enabled_show,
				ftrace_enabled_store, NULL);
}
KIT_INITCALL(KIT_INIT_LATE, ftrace_sysctl_init);

/* --- registration -------------------------------------------------------- */

/* A copy of @rec's ops with @add appended or @del removed. */
static struct kit_ftrace_ops **ops_array(const struct ftrace_rec *rec,
					 struct kit_ftrace_ops *add,
					 struct kit_ftrace_ops *del)
{
	struct kit_ftrace_ops **a = kit_zalloc((rec->nr_ops + 2) * sizeof(*a));
	unsigned int n = 0;

	if (!a)
		return NULL;
	for (unsigned int i = 0; i < rec->nr_ops; i++)
		if (rec->ops[i] != del)
			a[n++] = rec->ops[i];
	if (add)
		a[n++] = add;
	return a;
}

static bool rec_has_ops(const struct ftrace_rec *rec, const struct kit_ftrace_ops *ops)
{
	for (unsigned int i = 0; i < rec->nr_ops; i++)
		if (rec->ops[i] == ops)
			return true;
	return false;
}

static void rec_update_flags(struct ftrace_rec *rec)
{
	rec->flags &= ~REC_IPMODIFY;
	for (unsigned int i = 0; i < rec->nr_ops; i++)
		if (rec->ops[i]->flags & KIT_FTRACE_OPS_FL_IPMODIFY)
			rec->flags |= REC_IPMODIFY;
}

/*
 * Detach @ops from the first @upto records of its filter; the old arrays go
 * to @old (freed by the caller after a grace period).
 */
static int detach(struct kit_ftrace_ops *ops, size_t upto, void **old)
{
	int ret = 0;

	for (size_t i = 0; i < upto; i++) {
		struct ftrace_rec *rec = lookup_rec(ops->filter[i]);
		struct kit_ftrace_ops **a;

		if (!rec || !rec_has_ops(rec, ops))
			continue;	/* its module went away (maybe replaced) */
		a = ops_array(rec, NULL, ops);
		if (!a) {
			ret = -ENOMEM;
			old[i] = NULL;
			continue;
		}
		if (rec->nr_ops == 1 && (rec->flags & REC_ENABLED)) {
			int err = arch_ftrace_make_nop(rec->addr);

			if (err)
				ret = err;
			rec->flags &= ~REC_ENABLED;
		}
		old[i] = rec->ops;
		__atomic_store_n(&rec->ops, a, __ATOMIC_RELEASE);
		rec->nr_ops--;
		rec_update_flags(rec);
	}
	return ret;
}

static void free_old(void **old, size_t n)
{
	synchronize_srcu();
	for (size_t i = 0; i < n; i++)
		kit_free(old[i]);
	kit_free(old);
}

int kit_ftrace_register(struct kit_ftrace_ops *ops)
{
	bool ipmodify = ops->flags & KIT_FTRACE_OPS_FL_IPMODIFY;
	void **old;
	size_t i;
	int err = 0;

	if (!ops->func)
		return -EINVAL;
	kit_mutex_lock(&ftrace_lock);
	if ((ops->flags & KIT_FTRACE_OPS_FL_ENABLED) ||
	    ((ops->flags & KIT_FTRACE_OPS_FL_PERMANENT) && !kit_ftrace_is_enabled())) {
		err = -EBUSY;
		goto out;
	}
	for (i = 0; i < ops->nr_filter; i++) {
		struct ftrace_rec *rec = lookup_rec(ops->filter[i]);

		if (!rec) {
			kit_printk("kit: ftrace: %pS (%#lx) has no ftrace site any more\n",
				   (void *)ops->filter[i], ops->filter[i]);
			err = -ENOENT;
			goto out;
		}
		if (ipmodify && (rec->flags & REC_IPMODIFY)) {
			kit_printk("kit: ftrace: %pS (%#lx) already has an IPMODIFY ops; refusing a second one\n",
				   (void *)rec->addr, rec->addr);
			err = -EBUSY;
			goto out;
		}
	}
	old = kit_zalloc((ops->nr_filter + 1) * sizeof(*old));
	if (!old) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 0; i < ops->nr_filter; i++) {
		struct ftrace_rec *rec = lookup_rec(ops->filter[i]);
		struct kit_ftrace_ops **a = ops_array(rec, ops, NULL);

		if (!a) {
			err = -ENOMEM;
			break;
		}
		old[i] = rec->ops;
		/* publish first: a thread entering the trampoline finds the ops */
		__atomic_store_n(&rec->ops, a, __ATOMIC_RELEASE);
		rec->nr_ops++;
		rec_update_flags(rec);
		if (!(rec->flags & REC_ENABLED)) {
			err = arch_ftrace_make_call(rec->addr);
			if (err) {
				kit_printk("kit: ftrace: cannot enable the site of %pS: %pE\n",
					   (void *)rec->addr, (void *)(long)err);
				i++;
				break;
			}
			rec->flags |= REC_ENABLED;
		}
	}
	if (err) {
		void **undo = kit_zalloc((i + 1) * sizeof(*undo));

		if (undo)
			detach(ops, i, undo);
		free_old(old, i);
		if (undo)
			free_old(undo, i);
		goto out;
	}
	ops->flags |= KIT_FTRACE_OPS_FL_ENABLED;
	ops->next = ops_list;
	ops_list = ops;
	free_old(old, ops->nr_filter);
out:
	kit_mutex_unlock(&ftrace_lock);
	return err;
}

int kit_ftrace_unregister(struct kit_ftrace_ops *ops)
{
	struct kit_ftrace_ops **pp;
	void **old;
	int err;

	kit_mutex_lock(&ftrace_lock);
	if (!(ops->flags & KIT_FTRACE_OPS_FL_ENABLED)) {
		kit_mutex_unlock(&ftrace_lock);
		return -EINVAL;
	}
	old = kit_zalloc((ops->nr_filter + 1) * sizeof(*old));
	if (!old) {
		kit_mutex_unlock(&ftrace_lock);
		return -ENOMEM;
	}
	err = detach(ops, ops->nr_filter, old);
	for (pp = &ops_list; *pp; pp = &(*pp)->next) {
		if (*pp == ops) {
			*pp = ops->next;
			break;
		}
	}
	ops->flags &= ~KIT_FTRACE_OPS_FL_ENABLED;
	/* after this, no thread runs ops->func */
	free_old(old, ops->nr_filter);
	kit_mutex_unlock(&ftrace_lock);
	return err;
}

/* --- the dispatcher ------------------------------------------------------ */

/* Callbacks that reach a traced function do not recurse into the ops. */
static __thread int ftrace_recursion;

notrace void kit_ftrace_dispatch(unsigned long ip, unsigned long parent_ip,
				 struct pt_regs *regs)
{
	struct kit_ftrace_ops **a;
	struct ftrace_rec *rec;
	int idx;

	if (ftrace_recursion || !kit_ftrace_is_enabled())
		return;
	ftrace_recursion = 1;
	barrier();
	idx = srcu_read_lock();
	rec = lookup_rec(ip);
	a = rec ? __atomic_load_n(&rec->ops, __ATOMIC_ACQUIRE) : NULL;
	for (; a && *a; a++)
		(*a)->func(ip, parent_ip, *a, regs);
	srcu_read_unlock(idx);
	barrier();
	ftrace_recursion = 0;
}
