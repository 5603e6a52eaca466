# The x86_64 port descriptor: everything the build, the selftest runner, the
# scripts and the benchmarks need to know about this port.  Read by the
# Makefile (include) and by scripts/ports.sh; keep to "port_<key> := value"
# lines and whole-line comments.  The keys are documented in docs/porting.md.

# `uname -m` of a host of this arch, readelf's "Machine:" text, Debian's
# architecture name.
port_uname := x86_64
port_elf_machine := Advanced Micro Devices X86-64
port_debian_arch := amd64

# Building and running when this is not the host.
port_cross := x86_64-linux-gnu-
port_qemu := qemu-x86_64-static
port_packages := gcc-x86-64-linux-gnu binutils-x86-64-linux-gnu libc6-dev-amd64-cross qemu-user-static

# Kit compiler flags, and why:
#  -pg -mfentry: "call __fentry__" first in every function; objtool-lite
#    --mcount records the calls in __mcount_loc, as upstream's objtool-mcount
#    path does, and the kit NOPs them at boot.  -mrecord-mcount and
#    -mnop-mcount are left out: gcc would then write the NOPs itself and
#    objtool-lite would see no call sites.
#  -mno-red-zone: an interrupt pushes its frame right below the interrupted
#    sp in a bare-metal kernel; it keeps leaf frames shaped like kernel code.
#  -mgeneral-regs-only: no implicit SSE state (no xmm saves in varargs).
#  -fcf-protection=none: no endbr64, whatever the distro default.
port_cflags := -pg -mfentry -mno-red-zone -mgeneral-regs-only -fcf-protection=none

# The section that lists the ftrace call sites in each kit object.
port_ftrace_section := __mcount_loc

# The two halves of a port, each "yes" once it is there (a port may land
# one before the other; the build and the tests take only what is there):
# kit: the kit kernel runs on this port (entry, ftrace, unwinders, modules,
# livepatch); objtool: objtool-lite has a decoder for it.
port_kit := yes

# objtool-lite: this port has a decoder (arch/x86_64/objtool/), which needs
# Zydis on the host for the instructions its exact fast path leaves out.
port_objtool := yes
port_host_packages := libzydis-dev
port_hostlibs := -lZydis

# Oracles and corpus.  Upstream objtool exists for this arch: the
# linux-kbuild-6.12 package (make deps installs it) ships it at this path
# (a glob: the newest match is taken), and the comparison tests run for
# every port that names one.  Its test data (the known differences, the
# modules it refuses) is in tests/objtool-upstream/.  The real-
# object corpus is Debian's 6.12 cloud kernel's modules (the list of
# modules is corpus-modules.txt beside this file).
port_upstream_objtool := /usr/lib/linux-kbuild-6.12.*+deb12/tools/objtool/objtool.real-x86
port_corpus_kernel := linux-image-6.12.*+deb12-cloud-amd64-unsigned
port_corpus_libs :=
# The sample of the corpus make demo runs objtool-lite on: corpus modules, small to large, several kinds.
port_demo_sample := xts libcrc32c chacha-x86_64 tun virtio_net nf_tables kvm xfs
# The port's own tests, in arch/x86_64/tests/ (run by the port-tests entry
# of selftests/tests.cfg): bad .altinstructions entries refused, fatal
# decode problems reported as errors; kbuild's options (kbuild-options.sh).
port_tests := objtool-hardening.sh kbuild-options.sh

# The real-kernel harness (issue 12), in tests/: Debian's 6.12 kernel of
# this flavour, with its headers (make deps installs linux-headers-<the
# linux-kbuild version>-<flavour>, which brings the kernel image), booted by
# qemu-system on a busybox initramfs; modules built out of tree against the
# headers, with upstream objtool and with objtool-lite, are loaded and live
# patched there.
port_realkernel := realkernel/run.sh
port_realkernel_flavour := cloud-amd64
port_realkernel_packages := qemu-system-x86 busybox-static cpio
# More real-kernel tests on the same harness: the kernel's ORC unwinder
# and livepatch's stack check through our modules (realkernel-stack), and
# upstream's livepatch selftests with our modules (realkernel-selftests).
port_realkernel_stack := realkernel/stack.sh
port_realkernel_selftests := realkernel/selftests.sh
