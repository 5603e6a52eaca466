#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The small kernel of make bench-kernel: tinyconfig, plus what a livepatch
# smoke test under qemu needs, configured in the build directory OBJ of
# the source tree SRC.  X86_KERNEL_IBT is on, as in Debian's config: it
# delays objtool from each object to vmlinux.o, the run this benchmark
# times.  ACPI is there for one reason: without it the guest's poweroff
# only halts, and the harness waits for qemu to exit (PCI with it: qemu's
# DSDT does not load without).  Prints the options asked for that Kconfig
# did not keep.
#
# Usage: bench/kernel/config.sh SRC OBJ
set -uo pipefail
src=$1 obj=$2
want=(64BIT MODULES MODULE_UNLOAD LIVEPATCH UNWINDER_ORC FTRACE FUNCTION_TRACER
	DYNAMIC_FTRACE KALLSYMS KALLSYMS_ALL PRINTK TTY SERIAL_8250 SERIAL_8250_CONSOLE
	BLK_DEV_INITRD RD_GZIP PROC_FS SYSFS DEVTMPFS BINFMT_ELF BINFMT_SCRIPT
	X86_KERNEL_IBT PCI ACPI SAMPLES)
mods=(SAMPLE_LIVEPATCH)
mkdir -p "$obj" && obj=$(cd "$obj" && pwd)
make -s -C "$src" O="$obj" tinyconfig >/dev/null || exit 1
args=()
for o in "${want[@]}"; do args+=(-e "$o"); done
for o in "${mods[@]}"; do args+=(-m "$o"); done
"$src/scripts/config" --file "$obj/.config" "${args[@]}" || exit 1
make -s -C "$src" O="$obj" olddefconfig >/dev/null || exit 1
for o in "${want[@]}"; do grep -q "^CONFIG_$o=y" "$obj/.config" || echo "CONFIG_$o=y"; done
for o in "${mods[@]}"; do grep -q "^CONFIG_$o=m" "$obj/.config" || echo "CONFIG_$o=m"; done
