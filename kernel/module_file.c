// SPDX-License-Identifier: GPL-2.0
/*
 * Hosted file access for the loader: a module is a file of the host.
 * (Bare-metal will get its modules from an initrd-like blob instead.)
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <errno.h>

#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/printk.h>
#include <kit/string.h>

int kit_read_file(const char *path, void **data, size_t *size)
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
	buf = malloc(st.st_size ? st.st_size : 1);
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
		free(buf);
		return err;
	}
	*data = buf;
	*size = done;
	return 0;
}

void kit_free_file(void *data)
{
	free(data);
}

int kit_module_load_file(const char *path, struct kit_module **out)
{
	const char *base = kit_strrchr(path, '/');
	char name[KIT_MODULE_NAME_LEN];
	size_t size, len;
	void *data;
	int err;

	*out = NULL;
	kit_strscpy(name, base ? base + 1 : path, sizeof(name));
	len = kit_strlen(name);
	if (len > 3 && !kit_strcmp(name + len - 3, ".ko"))
		name[len - 3] = '\0';
	err = kit_read_file(path, &data, &size);
	if (err) {
		kit_printk("kit: module %s: cannot read %s: %s\n", name, path, kit_errname(err));
		return err;
	}
	err = kit_module_load(name, data, size, out);
	kit_free_file(data);
	return err;
}
