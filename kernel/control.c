// SPDX-License-Identifier: GPL-2.0
/*
 * The control tree: directories and files with modes and handlers, looked
 * up by path (kit/control.h).  Small and linear on purpose: a few hundred
 * nodes at most, walked only by control commands.
 */
#include <kit/control.h>
#include <kit/kernel.h>
#include <kit/platform.h>
#include <kit/sched.h>
#include <kit/string.h>

enum node_kind { NODE_DIR, NODE_FILE, NODE_DYN };

struct kit_control_node {
	char name[KIT_CONTROL_NAME_MAX];
	enum node_kind kind;
	unsigned int mode;
	kit_control_show_t show;
	kit_control_store_t store;
	void *priv;
	const struct kit_control_dyn_ops *dyn;
	struct kit_control_node *parent, *child, *next;
};

static DEFINE_KIT_MUTEX(control_lock);
static struct kit_control_node control_root = { .kind = NODE_DIR, .mode = 0755 };

static bool name_ok(const char *name)
{
	size_t len = kit_strnlen(name, KIT_CONTROL_NAME_MAX);

	if (!len || len == KIT_CONTROL_NAME_MAX || !kit_strcmp(name, ".") ||
	    !kit_strcmp(name, ".."))
		return false;
	for (; *name; name++)
		if (*name == '/' || (unsigned char)*name <= ' ' || *name == 0x7f)
			return false;
	return true;
}

static struct kit_control_node *child_of(struct kit_control_node *dir, const char *name,
					 size_t len)
{
	for (struct kit_control_node *n = dir->child; n; n = n->next)
		if (!kit_strncmp(n->name, name, len) && !n->name[len])
			return n;
	return NULL;
}

/* Append: listings come out in registration order, as the files were declared. */
static struct kit_control_node *add_node(struct kit_control_node *dir, const char *name,
					 enum node_kind kind, unsigned int mode)
{
	struct kit_control_node *n, **pp;

	n = kit_zalloc(sizeof(*n));
	if (!n)
		return NULL;
	kit_strscpy(n->name, name, sizeof(n->name));
	n->kind = kind;
	n->mode = mode;
	n->parent = dir;
	for (pp = &dir->child; *pp; pp = &(*pp)->next)
		;
	*pp = n;
	return n;
}

struct kit_control_node *kit_control_dir(struct kit_control_node *parent, const char *name)
{
	struct kit_control_node *n;

	if (!name_ok(name))
		return NULL;
	kit_mutex_lock(&control_lock);
	if (!parent)
		parent = &control_root;
	n = child_of(parent, name, kit_strlen(name));
	if (n && n->kind != NODE_DIR)
		n = NULL;
	else if (!n)
		n = add_node(parent, name, NODE_DIR, 0755);
	kit_mutex_unlock(&control_lock);
	return n;
}

int kit_control_file(struct kit_control_node *dir, const char *name, unsigned int mode,
		     kit_control_show_t show, kit_control_store_t store, void *priv)
{
	struct kit_control_node *n;
	int err = 0;

	if (!name_ok(name) || (mode & ~0666u) || !dir || dir->kind != NODE_DIR)
		return -EINVAL;
	kit_mutex_lock(&control_lock);
	if (child_of(dir, name, kit_strlen(name))) {
		err = -EEXIST;
	} else {
		n = add_node(dir, name, NODE_FILE, mode);
		if (n) {
			n->show = show;
			n->store = store;
			n->priv = priv;
		} else {
			err = -ENOMEM;
		}
	}
	kit_mutex_unlock(&control_lock);
	return err;
}

int kit_control_dynamic(struct kit_control_node *parent, const char *name,
			const struct kit_control_dyn_ops *ops)
{
	struct kit_control_node *n;
	int err = 0;

	if (!name_ok(name) || !ops || !ops->list || !ops->exists || !ops->files)
		return -EINVAL;
	kit_mutex_lock(&control_lock);
	if (!parent)
		parent = &control_root;
	if (child_of(parent, name, kit_strlen(name))) {
		err = -EEXIST;
	} else {
		n = add_node(parent, name, NODE_DYN, 0755);
		if (n)
			n->dyn = ops;
		else
			err = -ENOMEM;
	}
	kit_mutex_unlock(&control_lock);
	return err;
}

static void free_tree(struct kit_control_node *n)
{
	while (n->child) {
		struct kit_control_node *c = n->child;

		n->child = c->next;
		free_tree(c);
	}
	kit_free(n);
}

void kit_control_remove(struct kit_control_node *node)
{
	struct kit_control_node **pp;

	if (!node || node == &control_root)
		return;
	kit_mutex_lock(&control_lock);
	for (pp = &node->parent->child; *pp && *pp != node; pp = &(*pp)->next)
		;
	if (*pp)
		*pp = node->next;
	kit_mutex_unlock(&control_lock);
	free_tree(node);
}

/*
 * What a path names, resolved under the lock and copied out: a static
 * node's handlers, or a dynamic directory's file or entry.
 */
struct target {
	enum node_kind kind;
	unsigned int mode;
	kit_control_show_t show;
	kit_control_store_t store;
	void *priv;
	const struct kit_control_dyn_ops *dyn;	/* a dynamic dir or its entry */
	char entry[KIT_CONTROL_NAME_MAX];	/* the entry, "" for the dir */
	char path[KIT_CONTROL_PATH_MAX];	/* normalised */
};

/* The next component of *p (skipping '/'), its length; 0 at the end. */
static size_t next_component(const char **p, const char **comp)
{
	size_t len = 0;

	while (**p == '/')
		(*p)++;
	*comp = *p;
	while ((*p)[len] && (*p)[len] != '/')
		len++;
	*p += len;
	return len;
}

static int append_path(struct target *t, const char *comp, size_t len)
{
	size_t have = kit_strlen(t->path);

	if (len >= KIT_CONTROL_NAME_MAX || have + len + 2 > sizeof(t->path))
		return -ENOENT;
	if (have)
		t->path[have++] = '/';
	kit_memcpy(t->path + have, comp, len);
	t->path[have + len] = '\0';
	return 0;
}

/* Inside a dynamic directory: "<entry>" or "<entry>/<file>". */
static int resolve_dyn(struct target *t, const char *comp, size_t len, const char **p)
{
	const char *file;
	size_t flen;

	if (t->entry[0]) {
		for (const struct kit_control_file_desc *f = t->dyn->files; f->name; f++) {
			if (kit_strncmp(f->name, comp, len) || f->name[len])
				continue;
			t->kind = NODE_FILE;
			t->mode = f->mode;
			t->show = f->show;
			t->store = f->store;
			return append_path(t, comp, len);
		}
		return -ENOENT;
	}
	kit_memcpy(t->entry, comp, len);
	t->entry[len] = '\0';
	if (!t->dyn->exists(t->entry))
		return -ENOENT;
	flen = next_component(p, &file);
	if (append_path(t, comp, len))
		return -ENOENT;
	if (!flen)
		return 0;
	return resolve_dyn(t, file, flen, p);
}

static int resolve(const char *path, struct target *t)
{
	struct kit_control_node *n = &control_root;
	const char *comp;
	size_t len;
	int err = 0;

	kit_memset(t, 0, sizeof(*t));
	if (kit_strnlen(path, KIT_CONTROL_PATH_MAX) == KIT_CONTROL_PATH_MAX)
		return -ENOENT;
	kit_mutex_lock(&control_lock);
	while ((len = next_component(&path, &comp))) {
		if (n->kind == NODE_FILE) {
			err = -ENOTDIR;
			break;
		}
		if (n->kind == NODE_DYN) {
			t->dyn = n->dyn;
			err = resolve_dyn(t, comp, len, &path);
			if (!err && next_component(&path, &comp))
				err = t->kind == NODE_FILE ? -ENOTDIR : -ENOENT;
			kit_mutex_unlock(&control_lock);
			if (!err && t->kind != NODE_FILE)
				t->kind = NODE_DYN;	/* an entry: a directory */
			return err;
		}
		n = child_of(n, comp, len);
		if (!n || append_path(t, comp, len)) {
			err = -ENOENT;
			break;
		}
	}
	if (!err) {
		t->kind = n->kind;
		t->mode = n->mode;
		t->show = n->show;
		t->store = n->store;
		t->priv = n->priv;
		if (n->kind == NODE_DYN)
			t->dyn = n->dyn;
	}
	kit_mutex_unlock(&control_lock);
	return err;
}

static void call_of(const struct target *t, struct kit_control_call *c)
{
	c->path = t->path;
	c->entry = t->entry[0] ? t->entry : NULL;
	c->priv = t->priv;
}

/*
 * Open for reading (@bits 0444) or writing (0222), as sysfs checks at
 * open time: the mode bits and the handler, for root as for anyone.
 */
static int open_file(const char *path, struct target *t, unsigned int bits,
		     struct kit_control_call *c)
{
	int err = resolve(path, t);

	if (err)
		return err;
	if (t->kind != NODE_FILE)
		return -EISDIR;
	if (!(t->mode & bits) || (bits & 0444 ? !t->show : !t->store))
		return -EACCES;
	call_of(t, c);
	return 0;
}

int kit_control_read(const char *path, char *buf, size_t size)
{
	struct kit_control_call c;
	struct target t;
	int err;

	if (!size)
		return -EINVAL;
	err = open_file(path, &t, 0444, &c);
	if (err)
		return err;
	buf[0] = '\0';
	return t.show(&c, buf, size);
}

int kit_control_write(const char *path, const char *value)
{
	char line[KIT_CONTROL_LINE_MAX];
	struct kit_control_call c;
	struct target t;
	size_t len;
	int err;

	err = open_file(path, &t, 0222, &c);
	if (err)
		return err;
	len = kit_strnlen(value, sizeof(line));
	if (len == sizeof(line))
		return -EINVAL;
	kit_memcpy(line, value, len + 1);
	if (len && line[len - 1] == '\n')
		line[len - 1] = '\0';
	return t.store(&c, line);
}

struct dyn_emit {
	int (*emit)(void *arg, const struct kit_control_entry *e);
	void *arg;
};

static int dyn_entry(void *arg, const char *name)
{
	struct dyn_emit *d = arg;
	struct kit_control_entry e = { .name = name, .mode = 0755, .dir = true };

	return d->emit(d->arg, &e);
}

/*
 * A static directory's listing is copied under the lock (names may go
 * while the caller prints), then emitted without it.
 */
int kit_control_list(const char *path, int (*emit)(void *arg, const struct kit_control_entry *e),
		     void *arg)
{
	struct kit_control_entry *ents = NULL;
	struct kit_control_node *dir;
	char (*names)[KIT_CONTROL_NAME_MAX] = NULL;
	unsigned int nr = 0, i = 0;
	struct target t;
	int err;

	err = resolve(path, &t);
	if (err)
		return err;
	if (t.kind == NODE_FILE)
		return -ENOTDIR;
	if (t.kind == NODE_DYN) {
		struct dyn_emit d = { emit, arg };

		if (!t.entry[0])
			return t.dyn->list(dyn_entry, &d);
		for (const struct kit_control_file_desc *f = t.dyn->files; f->name && !err; f++) {
			struct kit_control_entry e = { .name = f->name, .mode = f->mode };

			err = emit(arg, &e);
		}
		return err;
	}
	kit_mutex_lock(&control_lock);
	dir = &control_root;
	{
		const char *p = t.path, *comp;
		size_t len;

		while (dir && (len = next_component(&p, &comp)))
			dir = child_of(dir, comp, len);
	}
	for (struct kit_control_node *n = dir ? dir->child : NULL; n; n = n->next)
		nr++;
	if (nr) {
		ents = kit_zalloc(nr * sizeof(*ents));
		names = kit_zalloc(nr * sizeof(*names));
	}
	if (nr && (!ents || !names)) {
		err = -ENOMEM;
	} else {
		for (struct kit_control_node *n = dir ? dir->child : NULL; n; n = n->next, i++) {
			kit_memcpy(names[i], n->name, sizeof(names[i]));
			ents[i].name = names[i];
			ents[i].mode = n->mode;
			ents[i].dir = n->kind != NODE_FILE;
		}
	}
	kit_mutex_unlock(&control_lock);
	for (i = 0; !err && i < nr; i++)
		err = emit(arg, &ents[i]);
	kit_free(ents);
	kit_free(names);
	return err;
}
