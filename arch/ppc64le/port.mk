# The ppc64le port descriptor: everything the build, the selftest runner, the
# scripts and the benchmarks need to know about this port.  Read by the
# Makefile (include) and by scripts/ports.sh; keep to "port_<key> := value"
# lines and whole-line comments.  The keys are documented in docs/porting.md.

port_uname := ppc64le
port_elf_machine := PowerPC64
port_debian_arch := ppc64el

port_cross := powerpc64le-linux-gnu-
port_qemu := qemu-ppc64le-static
port_packages := gcc-powerpc64le-linux-gnu binutils-powerpc64le-linux-gnu libc6-dev-ppc64el-cross qemu-user-static

# Kit compiler flags, and why:
#  -pg -mprofile-kernel: the ftrace site "mflr r0; bl _mcount" at the
#    local entry point, before the prologue (gcc 12 records no list of
#    them: objtool-lite --mcount writes __mcount_loc, as upstream objtool
#    does on powerpc).  -fpatchable-function-entry is no use here: gcc 12
#    puts its NOPs before the global-entry TOC setup, which calls from the
#    same TOC skip.
#  -mno-pcrel -mno-prefixed: the POWER8 baseline's TOC code model and
#    4-byte instructions, whatever -mcpu a distribution defaults to.
#  -msoft-float -mno-altivec -mno-vsx: no implicit FP/vector state (gcc has
#    no -mgeneral-regs-only here).
#  -fno-jump-tables: ppc64le gcc puts switch tables inline in .text, after
#    the bctr, as words without relocations; objtool-lite finds them by the
#    code that reads them (objtool/jump_table.c), but the kit's own code
#    stays on the path that needs no pattern matching.
#  -mtraceback=no: no traceback table after each function.  objtool-lite
#    skips them anyway (Debian's objects have them), but the kit's text has
#    no data words inside its functions.
port_cflags := -pg -mprofile-kernel -mno-pcrel -mno-prefixed -msoft-float -mno-altivec -mno-vsx -fno-jump-tables -mtraceback=no

port_ftrace_section := __mcount_loc

# The two halves of a port, each "yes" once it is there (a port may land
# one before the other; the build and the tests take only what is there):
# kit: the kit kernel runs on this port (entry, ftrace, unwinders, modules,
# livepatch); objtool: objtool-lite has a decoder for it.
port_kit := yes

# objtool-lite: an own decoder, no host library.
port_objtool := yes
port_host_packages :=
port_hostlibs :=

# Upstream objtool on powerpc only lists mcount sites: no stack validation
# or ORC to compare with.  The real-object corpus is Debian's ppc64el
# static libraries (plain C: zlib, xz, zstd; OpenSSL's C and perlasm), for
# --check-cfi.
port_upstream_objtool :=
port_corpus_kernel :=
port_corpus_libs := zlib1g-dev liblzma-dev libzstd-dev libssl-dev
# The sample of the corpus make demo runs objtool-lite on: corpus libraries (plain C).
port_demo_sample := libz liblzma libzstd

# The port's own tests, in arch/ppc64le/tests/ (run by the port-tests entry
# of selftests/tests.cfg).
port_tests := objtool-ppc64le.sh objtool-fuzz-findings.sh
