// SPDX-License-Identifier: GPL-2.0
/*
 * Shadow variables (Documentation/livepatch/shadow-vars.rst): data a patch
 * attaches to an existing object, found by <object address, id> in a hash
 * table.  A constructor runs before the variable is visible, a destructor
 * before it is freed; both under the table's lock, so neither may block.
 */
#include <kit/kernel.h>
#include <kit/platform.h>
#include <kit/printk.h>

#include "klp_internal.h"

#define KLP_SHADOW_BUCKETS	128

struct klp_shadow {
	struct klp_shadow *next;
	void *obj;
	unsigned long id;
	unsigned long long data[];	/* aligned for any type */
};

static struct klp_shadow *klp_shadow_hash[KLP_SHADOW_BUCKETS];
static DEFINE_KIT_MUTEX(klp_shadow_lock);

static struct klp_shadow **klp_shadow_bucket(void *obj)
{
	unsigned long h = (unsigned long)obj;

	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15ul;
	return &klp_shadow_hash[(h >> 40) % KLP_SHADOW_BUCKETS];
}

static struct klp_shadow *klp_shadow_find(void *obj, unsigned long id)
{
	for (struct klp_shadow *s = *klp_shadow_bucket(obj); s; s = s->next)
		if (s->obj == obj && s->id == id)
			return s;
	return NULL;
}

/**
 * klp_shadow_get - the data of the shadow variable <@obj, @id>
 * @obj: the object it is attached to
 * @id: which one
 */
void *klp_shadow_get(void *obj, unsigned long id)
{
	struct klp_shadow *s;

	kit_mutex_lock(&klp_shadow_lock);
	s = klp_shadow_find(obj, id);
	kit_mutex_unlock(&klp_shadow_lock);
	return s ? s->data : NULL;
}

static void *klp_shadow_add(void *obj, unsigned long id, size_t size,
			    klp_shadow_ctor_t ctor, void *ctor_data, bool warn)
{
	struct klp_shadow *s, **bucket;
	void *data = NULL;

	kit_mutex_lock(&klp_shadow_lock);
	s = klp_shadow_find(obj, id);
	if (s) {
		if (warn)
			kit_printk("kit: livepatch: shadow <%p, %lu> already exists\n", obj, id);
		else
			data = s->data;
		goto out;
	}
	s = kit_zalloc(sizeof(*s) + size);
	if (!s)
		goto out;
	s->obj = obj;
	s->id = id;
	if (ctor && ctor(obj, s->data, ctor_data)) {
		kit_free(s);
		goto out;
	}
	bucket = klp_shadow_bucket(obj);
	s->next = *bucket;
	*bucket = s;
	data = s->data;
out:
	kit_mutex_unlock(&klp_shadow_lock);
	return data;
}

/**
 * klp_shadow_alloc - attach a new shadow variable; NULL if it exists
 * @obj: the object
 * @id: which variable
 * @size: bytes of data (zeroed)
 * @ctor: initialises the data before it is visible, or NULL
 * @ctor_data: for @ctor
 */
void *klp_shadow_alloc(void *obj, unsigned long id, size_t size,
		       klp_shadow_ctor_t ctor, void *ctor_data)
{
	return klp_shadow_add(obj, id, size, ctor, ctor_data, true);
}

/**
 * klp_shadow_get_or_alloc - the existing shadow variable, or a new one
 * @obj: the object
 * @id: which variable
 * @size: bytes of data (zeroed)
 * @ctor: initialises new data, or NULL
 * @ctor_data: for @ctor
 */
void *klp_shadow_get_or_alloc(void *obj, unsigned long id, size_t size,
			      klp_shadow_ctor_t ctor, void *ctor_data)
{
	return klp_shadow_add(obj, id, size, ctor, ctor_data, false);
}

/**
 * klp_shadow_free - detach and free <@obj, @id>
 * @obj: the object
 * @id: which variable
 * @dtor: called on the data first, or NULL
 */
void klp_shadow_free(void *obj, unsigned long id, klp_shadow_dtor_t dtor)
{
	struct klp_shadow **pp;

	kit_mutex_lock(&klp_shadow_lock);
	for (pp = klp_shadow_bucket(obj); *pp; pp = &(*pp)->next) {
		struct klp_shadow *s = *pp;

		if (s->obj == obj && s->id == id) {
			*pp = s->next;
			if (dtor)
				dtor(obj, s->data);
			kit_free(s);
			break;
		}
	}
	kit_mutex_unlock(&klp_shadow_lock);
}

/**
 * klp_shadow_free_all - detach and free every shadow variable with @id
 * @id: which variables
 * @dtor: called on each one's data first, or NULL
 */
void klp_shadow_free_all(unsigned long id, klp_shadow_dtor_t dtor)
{
	kit_mutex_lock(&klp_shadow_lock);
	for (unsigned int b = 0; b < KLP_SHADOW_BUCKETS; b++) {
		struct klp_shadow **pp = &klp_shadow_hash[b];

		while (*pp) {
			struct klp_shadow *s = *pp;

			if (s->id != id) {
				pp = &s->next;
				continue;
			}
			*pp = s->next;
			if (dtor)
				dtor(s->obj, s->data);
			kit_free(s);
		}
	}
	kit_mutex_unlock(&klp_shadow_lock);
}
