// SPDX-License-Identifier: GPL-2.0
/*
 * Hosted file access: a module is a file of the host.  (Bare-metal will
 * get its modules from an initrd-like blob instead, behind the same call.)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <kit/platform.h>
#include <kit/printk.h>

int kit_plat_read_file(const char *path, void **data, size_t *size)
{
	struct stat st;
	char *buf;
	size_t done = 0;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || st.st_size < 0 || st.st_size > (1L << 30)) {
		close(fd);
		return -EINVAL;
	}
	buf = kit_zalloc(st.st_size ? st.st_size : 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + done, st.st_size - done);

		if (n <= 0) {
			err = n ? -errno : -EIO;
			break;
		}
		done += n;
	}
	close(fd);
	if (err) {
		kit_free(buf);
		return err;
	}
	*data = buf;
	*size = done;
	return 0;
}

const char *kit_plat_module_path(const char *name, char *buf, size_t size)
{
	const char *dir = getenv("KIT_MODULE_DIR");
	const char *o = getenv("O");

	if (dir)
		kit_snprintf(buf, size, "%s/%s.ko", dir, name);
	else
		kit_snprintf(buf, size, "%s/" KIT_ARCH "/modules/%s.ko", o ? o : "build", name);
	return buf;
}
