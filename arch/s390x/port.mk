# The s390x port descriptor: everything the build, the selftest runner, the
# scripts and the benchmarks need to know about this port.  Read by the
# Makefile (include) and by scripts/ports.sh; keep to "port_<key> := value"
# lines and whole-line comments.  The keys are documented in docs/porting.md.

port_uname := s390x
port_elf_machine := IBM S/390
port_debian_arch := s390x

port_cross := s390x-linux-gnu-
port_qemu := qemu-s390x-static
port_packages := gcc-s390x-linux-gnu binutils-s390x-linux-gnu libc6-dev-s390x-cross qemu-user-static

# Kit compiler flags, and why:
#  -pg -mfentry -mrecord-mcount -mnop-mcount: a 6-byte "brcl 0,0" first
#    thing in every function, before the prologue, listed in __mcount_loc;
#    enabling it is a one-byte write of the mask nibble.
#  -mbackchain -mpacked-stack -msoft-float: the frame layout Linux uses (the
#    back chain at 152 above the stack pointer, r14 at 136, r15 at 144); the
#    back chain is the port's frame-pointer unwinder.  gcc refuses the two
#    layout flags with hard float.
#  -fno-jump-tables: s390x tables are relocated .rodata words; objtool-lite
#    would need to pair each "b 0(%rX,%rY)" with its table.
port_cflags := -pg -mfentry -mrecord-mcount -mnop-mcount -mbackchain -mpacked-stack -msoft-float -fno-jump-tables

port_ftrace_section := __mcount_loc

# The two halves of a port, each "yes" once it is there: the kit kernel
# runs on s390x (entry, ftrace, ORC and back-chain unwinders, modules,
# livepatch), and objtool-lite has a decoder for it.
port_kit := yes

# objtool-lite: an own decoder, no host library.
port_objtool := yes
port_host_packages :=
port_hostlibs :=

# No upstream objtool for s390 (Linux has none).  The real-object corpus is
# Debian's s390x static libraries: plain C (zlib, xz, zstd) and C with
# hand-written s390x assembly (OpenSSL), for --check-cfi.
port_upstream_objtool :=
port_corpus_kernel :=
port_corpus_libs := zlib1g-dev liblzma-dev libzstd-dev libssl-dev
# The sample of the corpus make demo runs objtool-lite on: corpus libraries (plain C).
port_demo_sample := libz liblzma libzstd

# The port's own tests, in arch/s390x/tests/ (run by the port-tests entry
# of selftests/tests.cfg).
port_tests := objtool-s390x.sh
