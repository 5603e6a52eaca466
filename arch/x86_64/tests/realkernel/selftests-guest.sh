# SPDX-License-Identifier: GPL-2.0
#
# The guest half of the real-kernel selftests test, run by busybox sh in
# the guest (selftests.sh puts it in the initramfs through rk_boot, after
# a line setting SCRIPTS, the upstream scripts to run in order).  rk_boot
# carries two tars in /lib/klp/: bins.tar (Debian's bash, kmod, procps'
# sysctl, coreutils' date and stat... with their libraries: upstream's
# scripts are bash, and their expected logs quote kmod's insmod errors)
# and selftests.tar (the scripts, test_klp-call_getpid and the modules
# in /klp-selftests/test_modules/, where the scripts look for them).
# Each script's output goes between KLP-SELFTEST markers with its status,
# printed after the last script: test-state.sh's patches raise the console
# log level on purpose, and kernel messages on the serial console would
# land in the middle of the scripts' lines.

tar -xf /lib/klp/bins.tar -C / || echo "KLP-SELFTEST-SETUP bins.tar failed"
tar -xf /lib/klp/selftests.tar -C / || echo "KLP-SELFTEST-SETUP selftests.tar failed"
# busybox --install linked its applets into /bin before the tar came;
# functions.sh runs /bin/stat by that path with GNU options.
ln -sf /usr/bin/stat /bin/stat
# bash's <(...) (check_result's diff) needs /dev/fd.
ln -sf /proc/self/fd /dev/fd
mkdir -p /sys/kernel/debug
mount -t debugfs debugfs /sys/kernel/debug
# functions.sh skips everything unless KDIR (default the running kernel's
# build directory) exists; the modules come prebuilt, so it stays empty.
mkdir -p "/lib/modules/$(uname -r)/build"
export PATH=/usr/sbin:/usr/bin:/sbin:/bin

cd /klp-selftests || exit 1
for s in $SCRIPTS; do
	start=$(date +%s)
	bash "./$s" </dev/null >"/tmp/$s.out" 2>&1
	echo "rc=$? $(($(date +%s) - start))s" >"/tmp/$s.rc"
done
dmesg -n 1
for s in $SCRIPTS; do
	echo "KLP-SELFTEST-BEGIN $s"
	cat "/tmp/$s.out"
	echo "KLP-SELFTEST-END $s $(cat "/tmp/$s.rc")"
done
dmesg | grep -E 'WARNING|BUG|Oops|unreliable' | sed 's/^/dmesg: /'
