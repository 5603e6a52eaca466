// SPDX-License-Identifier: GPL-2.0
/*
 * System states (Documentation/livepatch/system-state.rst): a patch says
 * which states it establishes, by id and version; a new patch must keep
 * every state the patches in place set up (a cumulative one must know
 * them all), at the same or a newer version.
 */
#include <kit/kernel.h>

#include "klp_internal.h"

#define klp_for_each_state(patch, s) \
	for ((s) = (patch)->states; (s) && (s)->id; (s)++)

/**
 * klp_get_state - the state @id of @patch, or NULL
 * @patch: a patch
 * @id: the state's id
 */
struct klp_state *klp_get_state(struct klp_patch *patch, unsigned long id)
{
	struct klp_state *s;

	klp_for_each_state(patch, s)
		if (s->id == id)
			return s;
	return NULL;
}

/**
 * klp_get_prev_state - state @id as the patches before the one in transition left it
 * @id: the state's id
 *
 * For callbacks (klp_mutex held, a transition running); NULL otherwise or
 * when no older patch has it.
 */
struct klp_state *klp_get_prev_state(unsigned long id)
{
	struct klp_state *last = NULL;

	if (!klp_transition_patch)
		return NULL;
	for (struct klp_patch *p = klp_patches; p && p != klp_transition_patch;
	     p = p->next) {
		struct klp_state *s = klp_get_state(p, id);

		if (s)
			last = s;
	}
	return last;
}

static bool klp_is_state_compatible(struct klp_patch *patch,
				    struct klp_state *old)
{
	struct klp_state *s = klp_get_state(patch, old->id);

	if (!s)
		return !patch->replace;	/* a cumulative patch must handle it */
	return s->version >= old->version;
}

/* Can @patch go on top of (or replace) the patches in place? */
bool klp_is_patch_compatible(struct klp_patch *patch)
{
	struct klp_state *s;

	for (struct klp_patch *old = klp_patches; old; old = old->next)
		klp_for_each_state(old, s)
			if (!klp_is_state_compatible(patch, s))
				return false;
	return true;
}
