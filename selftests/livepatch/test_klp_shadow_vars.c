// SPDX-License-Identifier: GPL-2.0
/*
 * The shadow variable module of upstream's test-shadow-vars.sh, for the
 * kit: three objects each get two shadow variables (ids 0x1234 and
 * 0x1235) through klp_shadow_alloc and klp_shadow_get_or_alloc, which
 * are then found, found again by get_or_alloc, freed one by one with a
 * destructor, and freed all at once.  Every call is echoed to the log
 * with its pointers as PTR<n>, n the order in which the module first met
 * each pointer, so the log is the same on every run and every port.  The
 * kit's shadow API takes no gfp flags; the log names the ones upstream's
 * test passes.
 */
#include <kit/kernel.h>
#include <kit/livepatch.h>
#include <kit/printk.h>

#define NAME	"test_klp_shadow_vars"
#define NR_OBJS	3
#define ID1	0x1234UL
#define ID2	0x1235UL

static const void *seen[64];
static int nr_seen;

/* the pointer's number, given the first time it is met */
static int ptr_id(const void *p)
{
	for (int i = 0; i < nr_seen; i++)
		if (seen[i] == p)
			return i;
	if (nr_seen == (int)ARRAY_SIZE(seen))
		return -1;
	seen[nr_seen] = p;
	return nr_seen++;
}

static void *shadow_get(void *obj, unsigned long id)
{
	void *sv = klp_shadow_get(obj, id);

	kit_printk(NAME ": klp_shadow_get(obj=PTR%d, id=0x%lx) = PTR%d\n", ptr_id(obj), id,
		   ptr_id(sv));
	return sv;
}

static void log_alloc(const char *fn, void *obj, unsigned long id, klp_shadow_ctor_t ctor,
		      void **data, void *sv)
{
	kit_printk(NAME ": klp_%s(obj=PTR%d, id=0x%lx, size=%zx, gfp_flags=GFP_KERNEL), ctor=PTR%d, ctor_data=PTR%d = PTR%d\n",
		   fn, ptr_id(obj), id, sizeof(void *), ptr_id((const void *)ctor),
		   ptr_id(*data), ptr_id(sv));
}

static void *shadow_alloc(void *obj, unsigned long id, klp_shadow_ctor_t ctor, void **data)
{
	void *sv = klp_shadow_alloc(obj, id, sizeof(void *), ctor, data);

	log_alloc("shadow_alloc", obj, id, ctor, data, sv);
	return sv;
}

static void *shadow_get_or_alloc(void *obj, unsigned long id, klp_shadow_ctor_t ctor,
				 void **data)
{
	void *sv = klp_shadow_get_or_alloc(obj, id, sizeof(void *), ctor, data);

	log_alloc("shadow_get_or_alloc", obj, id, ctor, data, sv);
	return sv;
}

static void shadow_free(void *obj, unsigned long id, klp_shadow_dtor_t dtor)
{
	klp_shadow_free(obj, id, dtor);
	kit_printk(NAME ": klp_shadow_free(obj=PTR%d, id=0x%lx, dtor=PTR%d)\n", ptr_id(obj), id,
		   ptr_id((const void *)dtor));
}

static void shadow_free_all(unsigned long id, klp_shadow_dtor_t dtor)
{
	klp_shadow_free_all(id, dtor);
	kit_printk(NAME ": klp_shadow_free_all(id=0x%lx, dtor=PTR%d)\n", id,
		   ptr_id((const void *)dtor));
}

/* the shadow variable holds the pointer ctor_data points at */
static int shadow_ctor(void *obj, void *shadow_data, void *ctor_data)
{
	void **sv = shadow_data, **data = ctor_data;

	(void)obj;
	if (!data)
		return -EINVAL;
	*sv = *data;
	kit_printk(NAME ": shadow_ctor: PTR%d -> PTR%d\n", ptr_id(sv), ptr_id(*data));
	return 0;
}

static void shadow_dtor(void *obj, void *shadow_data)
{
	kit_printk(NAME ": shadow_dtor(obj=PTR%d, shadow_data=PTR%d)\n", ptr_id(obj),
		   ptr_id(shadow_data));
}

static void expected(void **sv, void *want)
{
	if (sv && *sv == want)
		kit_printk(NAME ":   got expected PTR%d -> PTR%d result\n", ptr_id(sv),
			   ptr_id(*sv));
}

static void expected_null(const void *sv)
{
	if (!sv)
		kit_printk(NAME ":   got expected NULL result\n");
}

int kit_module_init(void)
{
	long objs[NR_OBJS];		/* the structures the variables extend */
	char c[NR_OBJS];
	int n[NR_OBJS];
	void *pc[NR_OBJS], *pn[NR_OBJS], *dup[NR_OBJS], **sv1[NR_OBJS], **sv2[NR_OBJS];
	int err = 0;

	ptr_id(NULL);
	expected_null(shadow_get(&objs[0], ID1));

	/* a char and an int pointer as shadow variables of each object */
	for (int i = 0; i < NR_OBJS; i++) {
		pc[i] = &c[i];
		ptr_id(pc[i]);
		sv1[i] = i % 2 ? shadow_alloc(&objs[i], ID1, shadow_ctor, &pc[i]) :
				 shadow_get_or_alloc(&objs[i], ID1, shadow_ctor, &pc[i]);
		pn[i] = &n[i];
		ptr_id(pn[i]);
		sv2[i] = shadow_alloc(&objs[i], ID2, shadow_ctor, &pn[i]);
		if (!sv1[i] || !sv2[i]) {
			err = -ENOMEM;
			goto out;
		}
	}
	/* each found where it was put, holding what the constructor stored */
	for (int i = 0; i < NR_OBJS; i++) {
		void **sv = shadow_get(&objs[i], ID1);

		if (sv != sv1[i])
			goto wrong;
		expected(sv, pc[i]);
		sv = shadow_get(&objs[i], ID2);
		if (sv != sv2[i])
			goto wrong;
		expected(sv, pn[i]);
	}
	/* get_or_alloc returns the variable that exists, its value untouched */
	for (int i = 0; i < NR_OBJS; i++) {
		void **sv;

		dup[i] = &c[i];
		ptr_id(dup[i]);
		sv = shadow_get_or_alloc(&objs[i], ID1, shadow_ctor, &dup[i]);
		if (sv != sv1[i])
			goto wrong;
		expected(sv, pc[i]);
	}
	/* the 0x1234 ones freed one by one, the 0x1235 ones still there */
	for (int i = 0; i < NR_OBJS; i++) {
		shadow_free(&objs[i], ID1, shadow_dtor);
		expected_null(shadow_get(&objs[i], ID1));
	}
	for (int i = 0; i < NR_OBJS; i++) {
		void **sv = shadow_get(&objs[i], ID2);

		if (sv != sv2[i])
			goto wrong;
		expected(sv, pn[i]);
	}
	/* and all of those at once (no destructor: the order is not defined) */
	shadow_free_all(ID2, NULL);
	for (int i = 0; i < NR_OBJS; i++)
		expected_null(shadow_get(&objs[i], ID2));
	return 0;
wrong:
	err = -EINVAL;
out:
	klp_shadow_free_all(ID1, NULL);
	klp_shadow_free_all(ID2, NULL);
	return err;
}
