// SPDX-License-Identifier: GPL-2.0
/*
 * The input file as a build tool must treat it (docs/objtool-files.md):
 *
 * - It is opened without blocking (a FIFO or a device is refused, not
 *   waited on) and read once, completely, into a private memory file.
 *   libelf and libdwfl work on that copy only, so an input truncated or
 *   rewritten while we run cannot fault a mapping (SIGBUS) or mix two
 *   versions; a change during the read itself is an error.
 * - A run that writes follows symlinks and replaces the target; refuses a
 *   file with several hard links and a read-only one; takes an exclusive
 *   flock on it so that two runs on one object serialise; keeps mode and
 *   owner (set-id bits go if the owner cannot be kept); and renames a
 *   complete temporary over it only if nobody changed it meanwhile.
 * - The temporary is removed by every signal that ends the run by default.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <objtool/warn.h>

#include "elf_priv.h"

/* ---- the temporary, and the signals that must not leave it behind ------ */

static char *volatile pending_tmp;

static void remove_tmp_and_die(int sig)
{
	if (pending_tmp)
		unlink(pending_tmp);
	signal(sig, SIG_DFL);
	raise(sig);	/* delivered on return, so the exit status is the signal's */
}

/* Every signal whose default action ends the process (SIGKILL aside). */
static const int fatal_sigs[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE,
	SIGUSR1, SIGSEGV, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGXCPU,
	SIGVTALRM, SIGPROF, SIGIO, SIGSYS,
#ifdef SIGSTKFLT
	SIGSTKFLT,
#endif
#ifdef SIGPWR
	SIGPWR,
#endif
};

static void for_each_fatal_sig(void (*fn)(int sig, void *arg), void *arg)
{
	for (size_t i = 0; i < sizeof(fatal_sigs) / sizeof(fatal_sigs[0]); i++)
		fn(fatal_sigs[i], arg);
	for (int sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		fn(sig, arg);
}

static void add_to_set(int sig, void *set)
{
	sigaddset(set, sig);
}

/*
 * The caller's actions, put back once no temporary is pending: a process
 * that runs the tool more than once (objtool_run()) keeps its own
 * handlers, a sanitizer's or a fuzzer's timeout among them, between runs.
 */
static struct sigaction saved_sa[_NSIG];
static bool caught[_NSIG];

/*
 * Only a signal whose action is the default, ending the process, is
 * caught.  One the caller ignores (nohup, a build driver) stays ignored;
 * one it handles is the caller's business: a process that runs the tool
 * more than once has its own handlers (ASan's, libFuzzer's SIGALRM timer,
 * which fires while a write is in progress), which must not turn into
 * "remove the temporary and die".  A command line tool starts with every
 * signal at its default or ignored, so for it nothing changes.
 */
static void catch_sig(int sig, void *unused)
{
	struct sigaction sa, old;

	(void)unused;
	if (sig >= _NSIG || caught[sig] || sigaction(sig, NULL, &old) ||
	    (old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = remove_tmp_and_die;
	sigfillset(&sa.sa_mask);
	if (sigaction(sig, &sa, NULL))
		return;
	saved_sa[sig] = old;
	caught[sig] = true;
}

static void uncatch_sig(int sig, void *unused)
{
	(void)unused;
	if (sig >= _NSIG || !caught[sig])
		return;
	sigaction(sig, &saved_sa[sig], NULL);
	caught[sig] = false;
}

static void block_fatal_sigs(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	for_each_fatal_sig(add_to_set, &set);
	sigprocmask(SIG_BLOCK, &set, old);
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	return strndup(path, slash == path ? 1 : (size_t)(slash - path));
}

/* An empty temporary beside the target, tracked before any signal can come. */
static int create_tmp(struct elf_priv *priv)
{
	sigset_t old;
	char *tmp;
	int fd;

	if (asprintf(&tmp, "%s.objtool-XXXXXX", priv->real_path) < 0)
		return -1;
	block_fatal_sigs(&old);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd >= 0) {
		pending_tmp = tmp;
		for_each_fatal_sig(catch_sig, NULL);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd < 0) {
		char *dir = dir_of(priv->real_path);

		ERROR("%s: can't create a temporary in %s: %s", priv->path,
		      dir ?: "its directory", strerror(errno));
		free(dir);
		free(tmp);
		return -1;
	}
	priv->tmp_path = tmp;
	priv->tmp_fd = fd;
	return 0;
}

static void drop_tmp(struct elf_priv *priv)
{
	sigset_t old;

	if (!priv->tmp_path)
		return;
	block_fatal_sigs(&old);
	unlink(priv->tmp_path);
	pending_tmp = NULL;
	for_each_fatal_sig(uncatch_sig, NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(priv->tmp_fd);
	free(priv->tmp_path);
	priv->tmp_path = NULL;
}

/* ---- opening the input ------------------------------------------------- */

static const char *file_kind(mode_t mode)
{
	return S_ISFIFO(mode) ? "a FIFO" : S_ISCHR(mode) ? "a character device" :
	       S_ISBLK(mode) ? "a block device" : S_ISSOCK(mode) ? "a socket" :
	       S_ISDIR(mode) ? "a directory" : "not a regular file";
}

/*
 * O_NONBLOCK: opening a FIFO would otherwise wait for a writer, before any
 * check could refuse it.  It does not change reads of a regular file.
 */
static int open_regular(struct elf_priv *priv, const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd < 0) {
		ERROR("can't open %s: %s", priv->path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &priv->in_st)) {
		ERROR("can't stat %s: %s", priv->path, strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(priv->in_st.st_mode)) {
		ERROR("%s: not a regular file (%s)", priv->path,
		      file_kind(priv->in_st.st_mode));
		close(fd);
		return -1;
	}
	priv->in_fd = fd;
	return 0;
}

/*
 * What a run that replaces the file refuses.  Root passes access(2) for
 * any file, so a file without a single write bit counts as read-only too:
 * someone made it so on purpose.
 */
static int check_replaceable(struct elf_priv *priv)
{
	const struct stat *st = &priv->in_st;

	if (st->st_nlink > 1) {
		ERROR("%s: has %lu hard links: not modifying it (a new file would split the links, an in-place write would change every name and not be atomic); copy it first",
		      priv->path, (unsigned long)st->st_nlink);
		return -1;
	}
	if (!(st->st_mode & 0222)) {
		ERROR("%s: read-only (mode %04o): not modifying it",
		      priv->path, st->st_mode & 07777);
		return -1;
	}
	if (faccessat(AT_FDCWD, priv->real_path, W_OK, AT_EACCESS)) {
		ERROR("%s: read-only for this user (mode %04o, owner %u:%u): not modifying it",
		      priv->path, st->st_mode & 07777, st->st_uid, st->st_gid);
		return -1;
	}
	return 0;
}

static bool same_inode(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

static bool same_version(const struct stat *a, const struct stat *b)
{
	return same_inode(a, b) && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	       a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/*
 * Lock the file the path names now.  Another run may replace it while we
 * wait: then the lock is on a file nobody will see again, so take the new
 * one.  A run holds its lock until its rename, so the next one reads its
 * result and no update is lost.
 */
static int lock_input(struct elf_priv *priv)
{
	for (;;) {
		struct stat now;

		if (flock(priv->in_fd, LOCK_EX)) {
			if (errno == EINTR)
				continue;
			/* no locks here (some network filesystems): the
			 * check before the rename is all there is */
			if (errno == ENOLCK || errno == EOPNOTSUPP)
				return 0;
			ERROR("%s: can't lock it: %s", priv->path, strerror(errno));
			return -1;
		}
		if (stat(priv->real_path, &now)) {
			ERROR("%s: vanished while waiting for its lock: %s",
			      priv->path, strerror(errno));
			return -1;
		}
		if (same_inode(&now, &priv->in_st))
			return fstat(priv->in_fd, &priv->in_st);
		close(priv->in_fd);
		priv->in_fd = -1;
		if (open_regular(priv, priv->real_path) || check_replaceable(priv))
			return -1;
	}
}

static int write_all(int fd, const uint8_t *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		buf += n;
		len -= n;
	}
	return 0;
}

/* Copy the input into a memory file: what every later step reads. */
static int snapshot(struct elf_priv *priv)
{
	static uint8_t buf[1 << 16];
	uint64_t total = 0;
	struct stat after;
	ssize_t n;
	int fd;

	fd = memfd_create("objtool-lite-input", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0) {
		ERROR("%s: can't make a private copy: %s", priv->path, strerror(errno));
		return -1;
	}
	priv->mem_fd = fd;
	while ((n = read(priv->in_fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ERROR("can't read %s: %s", priv->path, strerror(errno));
			return -1;
		}
		if (write_all(fd, buf, n)) {
			ERROR("%s: can't make a private copy: %s", priv->path,
			      strerror(errno));
			return -1;
		}
		total += n;
	}
	if (fstat(priv->in_fd, &after) || total != (uint64_t)priv->in_st.st_size ||
	    !same_version(&after, &priv->in_st)) {
		ERROR("%s: changed while being read (%lu bytes read, %lu expected): run again",
		      priv->path, (unsigned long)total,
		      (unsigned long)priv->in_st.st_size);
		return -1;
	}
	priv->file_size = total;
	return 0;
}

int elf_io_open(struct elf_priv *priv, bool writable)
{
	priv->in_fd = priv->mem_fd = priv->tmp_fd = -1;
	/* a file-size limit must give an error we can report, not a kill */
	signal(SIGXFSZ, SIG_IGN);
	if (writable) {
		/* what gets replaced is the file a symlink points at */
		priv->real_path = realpath(priv->path, NULL);
		if (!priv->real_path) {
			ERROR("can't open %s: %s", priv->path, strerror(errno));
			return -1;
		}
	}
	if (open_regular(priv, priv->real_path ?: priv->path))
		return -1;
	if (writable &&
	    (check_replaceable(priv) || create_tmp(priv) || lock_input(priv)))
		return -1;
	if (snapshot(priv))
		return -1;
	if (!writable) {
		/* nothing of the input is needed any more; the copy is fixed */
		close(priv->in_fd);
		priv->in_fd = -1;
		fcntl(priv->mem_fd, F_ADD_SEALS,
		      F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
	}
	return 0;
}

/* ---- replacing the input ----------------------------------------------- */

/* Owner and group as they were; without them, no set-id bit survives. */
static int copy_owner_and_mode(struct elf_priv *priv)
{
	const struct stat *in = &priv->in_st;
	mode_t mode = in->st_mode & 07777;
	struct stat st;

	if (fstat(priv->tmp_fd, &st))
		return -1;
	if ((st.st_uid != in->st_uid || st.st_gid != in->st_gid) &&
	    fchown(priv->tmp_fd, in->st_uid, in->st_gid) &&
	    st.st_gid != in->st_gid)
		/* not root: a group we belong to can still be kept */
		(void)!fchown(priv->tmp_fd, -1, in->st_gid);
	if (fstat(priv->tmp_fd, &st))
		return -1;
	if (st.st_uid != in->st_uid || st.st_gid != in->st_gid)
		mode &= ~(S_ISUID | S_ISGID);
	return fchmod(priv->tmp_fd, mode);
}

static int fill_tmp(struct elf_priv *priv)
{
	static uint8_t buf[1 << 16];
	off_t off = 0;
	ssize_t n;

	while ((n = pread(priv->mem_fd, buf, sizeof(buf), off)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || write_all(priv->tmp_fd, buf, n))
			return -1;
		off += n;
	}
	return 0;
}

/* Has anyone (not another objtool-lite: it waits for our lock) changed it? */
static bool input_unchanged(struct elf_priv *priv)
{
	struct stat held, named;

	return !fstat(priv->in_fd, &held) && !stat(priv->real_path, &named) &&
	       same_version(&held, &priv->in_st) && same_inode(&named, &held);
}

int elf_io_commit(struct elf_priv *priv)
{
	sigset_t old;
	int ret;

	if (fill_tmp(priv) || copy_owner_and_mode(priv)) {
		char *dir = dir_of(priv->real_path);

		ERROR("%s: can't write the new object in %s: %s; %s is unchanged",
		      priv->path, dir ?: "its directory", strerror(errno), priv->path);
		free(dir);
		return -1;
	}
	if (!input_unchanged(priv)) {
		ERROR("%s: changed by another program while objtool-lite ran: not replaced; run again",
		      priv->path);
		return -1;
	}
	/*
	 * The rename is what makes the write atomic for a build: a killed or
	 * failed run leaves the old file.  No fsync: like every other build
	 * tool, we do not defend against power loss.
	 */
	block_fatal_sigs(&old);
	ret = rename(priv->tmp_path, priv->real_path);
	if (!ret) {
		pending_tmp = NULL;
		for_each_fatal_sig(uncatch_sig, NULL);
		free(priv->tmp_path);
		priv->tmp_path = NULL;
		close(priv->tmp_fd);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (ret) {
		ERROR("%s: replacing the object failed: %s; %s is unchanged",
		      priv->path, strerror(errno), priv->path);
		return -1;
	}
	return 0;
}

/* Every run that returns has dropped its temporary: this is a backstop. */
void elf_io_reset(void)
{
	sigset_t old;

	block_fatal_sigs(&old);
	pending_tmp = NULL;
	for_each_fatal_sig(uncatch_sig, NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

void elf_io_close(struct elf_priv *priv)
{
	drop_tmp(priv);
	if (priv->mem_fd >= 0)
		close(priv->mem_fd);
	if (priv->in_fd >= 0)
		close(priv->in_fd);	/* and with it the lock */
	free(priv->real_path);
}
