# The arm64 port descriptor: everything the build, the selftest runner, the
# scripts and the benchmarks need to know about this port.  Read by the
# Makefile (include) and by scripts/ports.sh; keep to "port_<key> := value"
# lines and whole-line comments.  The keys are documented in docs/porting.md.

port_uname := aarch64
port_elf_machine := AArch64
port_debian_arch := arm64

port_cross := aarch64-linux-gnu-
port_qemu := qemu-aarch64-static
port_packages := gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static

# Kit compiler flags, and why:
#  -fpatchable-function-entry=2: two NOPs at each entry, listed in
#    __patchable_function_entries; the kit writes "mov x9, x30" into the
#    first at boot and patches only the second live.
#  -fno-jump-tables: arm64 jump tables hold PC-relative offsets computed
#    without relocations; objtool-lite finds them by the code pattern that
#    reads them (objtool/jump_table.c), but the kit's own code stays on the
#    path that needs no pattern matching.
#  -mno-outline-atomics: atomics inline, not as calls into libgcc helpers
#    a freestanding kit does not have (the arm64 kernel does the same).
#  -mgeneral-regs-only: no implicit FP/SIMD state.
port_cflags := -fpatchable-function-entry=2 -fno-jump-tables -mno-outline-atomics -mgeneral-regs-only

port_ftrace_section := __patchable_function_entries

# The two halves of a port, each "yes" once it is there (a port may land
# one before the other; the build and the tests take only what is there):
# kit: the kit kernel runs on this port (entry, ftrace, unwinders, modules,
# livepatch); objtool: objtool-lite has a decoder for it.
port_kit := yes

# objtool-lite: an own decoder, no host library.
port_objtool := yes
port_host_packages :=
port_hostlibs :=

# No upstream objtool for arm64.  The real-object corpus is Debian's arm64
# static libraries, for --check-cfi: plain C (zlib, xz, zstd), a large mix
# of C and perlasm with hand-written CFI (OpenSSL), and switch-heavy and
# computed-goto code: an SQL engine's VM (sqlite3) and three interpreters
# (lua5.4, also built as C++; perl; python3.11, whose eval loop dispatches
# through a table of label addresses).
port_upstream_objtool :=
port_corpus_kernel :=
port_corpus_libs := zlib1g-dev liblzma-dev libzstd-dev libssl-dev libsqlite3-dev liblua5.4-dev libperl-dev libpython3.11-dev
# The sample of the corpus make demo runs objtool-lite on: corpus libraries (plain C).
port_demo_sample := libz liblzma libzstd

# The port's own tests, in arch/arm64/tests/ (run by the port-tests entry
# of selftests/tests.cfg): switch jump tables found by their code pattern;
# tables whose address is hoisted, spilled, or holds label addresses
# (computed goto); the walk's fallback after a warning (the rest of the
# function gets states); inputs the fuzz targets found wrong.
port_tests := objtool-jump-tables.sh objtool-dispatch.sh objtool-fallback.sh objtool-fuzz-findings.sh
