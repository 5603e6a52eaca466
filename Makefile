# klpkit top-level Makefile, kbuild-flavoured:
#   make [ARCH=<port>] [CROSS_COMPILE=...] [O=build] [V=1]
#
# A port is a folder arch/<name>/ with a descriptor arch/<name>/port.mk;
# the list of ports is the list of those folders, and everything known
# about a port comes from its descriptor (keys: docs/porting.md).

PORTS := $(sort $(patsubst arch/%/port.mk,%,$(wildcard arch/*/port.mk)))
PORT_KEYS := uname elf_machine debian_arch cross qemu packages cflags \
	ftrace_section objtool kit host_packages hostlibs upstream_objtool \
	corpus_kernel corpus_libs demo_sample tests

# Read arch/<p>/port.mk into PORT_<p>_<key>.
define load_port
$(foreach k,$(PORT_KEYS),port_$(k) :=
)
include arch/$(1)/port.mk
$(foreach k,$(PORT_KEYS),PORT_$(1)_$(k) := $$(port_$(k))
)
endef
$(foreach p,$(PORTS),$(eval $(call load_port,$(p))))
port = $(PORT_$(ARCH)_$(1))
ports_with = $(foreach p,$(PORTS),$(if $(filter $(2),$(PORT_$(p)_$(1))),$(p)))

OBJTOOL_ARCHES := $(call ports_with,objtool,yes)
KIT_ARCHES := $(call ports_with,kit,yes)
HOSTARCH := $(firstword $(call ports_with,uname,$(shell uname -m)))
ARCH ?= $(HOSTARCH)
ifeq ($(filter $(ARCH),$(PORTS)),)
$(error ARCH=$(ARCH) is not a port (arch/$(ARCH)/port.mk); ports: $(PORTS))
endif
ifeq ($(ARCH),$(HOSTARCH))
CROSS_COMPILE ?=
else
CROSS_COMPILE ?= $(call port,cross)
endif


# --- SAN=1: the sanitizer build (fuzz/README.md) ---------------------------
# Its own output directory, so a sanitized and a plain build never mix.
ifeq ($(SAN),1)
O ?= build-san
endif

O ?= build
ifeq ($(V),1)
Q :=
quiet = @:
else
Q := @
quiet = @printf '  %-8s %s\n'
endif

HOSTCC ?= gcc
HOSTCFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -D_GNU_SOURCE \
	-Iobjtool-lite/include -I.
# libopcodes/libbfd from binutils-multiarch-dev: Debian's plain
# libopcodes is built for the host architecture only; the multiarch build
# disassembles every port for --disas and --backtrace.
HOSTLIBS := -lelf -ldw -lopcodes-multiarch -lbfd-multiarch \
	$(foreach p,$(OBJTOOL_ARCHES),$(PORT_$(p)_hostlibs))

OBJTOOL := $(O)/host/objtool-lite
OBJTOOL_SRCS := $(wildcard objtool-lite/*.c) \
	$(foreach a,$(OBJTOOL_ARCHES),$(wildcard arch/$(a)/objtool/*.c))
OBJTOOL_OBJS := $(patsubst %.c,$(O)/host/obj/%.o,$(OBJTOOL_SRCS)) $(O)/host/obj/arches.o
OBJTOOL_HDRS := $(wildcard objtool-lite/include/objtool/*.h orc/*.h \
	$(foreach a,$(OBJTOOL_ARCHES),arch/$(a)/objtool/*.h arch/$(a)/include/asm/orc_types.h))

.PHONY: all objtool kit kit-lib kit-image klpctl patch deps corpus check check-full demo clean bench-objtool bench-unwind bench-livepatch bench bench-kernel
all: objtool kit klpctl

objtool: objtool-port-check
	$(Q)$(MAKE) --no-print-directory $(OBJTOOL) $(OBJTOOL_REENT)

# The tool checks every port's descriptor on each run: running it once
# here makes a port with a gap a build error, not a surprise later.  The
# temporary is per process: "make -j" can reach this rule from the objtool
# and the kit targets at once.
$(OBJTOOL): $(OBJTOOL_OBJS)
	$(quiet) HOSTLD $@
	$(Q)t=$@.$$$$.tmp; $(HOSTCC) -o $$t $^ $(HOSTLIBS) && $$t --help >/dev/null && \
	  mv -f $$t $@ || { rm -f $$t; exit 1; }

# The tool without its main(), run several times in one process by
# selftests/objtool/reent.sh: objtool_reset() must make each run a fresh
# one.  Its memory is swept after each run as in the fuzz target.
OBJTOOL_REENT := $(O)/host/objtool-reent
$(OBJTOOL_REENT): $(O)/host/obj/fuzz/reent.o $(O)/host/obj/fuzz/alloc_track.o \
		$(filter-out $(O)/host/obj/objtool-lite/main.o,$(OBJTOOL_OBJS))
	$(quiet) HOSTLD $@
	$(Q)$(HOSTCC) -o $@ $^ $(FUZZ_WRAP) $(HOSTLIBS)

$(O)/host/obj/%.o: %.c $(OBJTOOL_HDRS)
	@mkdir -p $(dir $@)
	$(quiet) HOSTCC $<
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -c -o $@ $<

# The arch table of the host tool is generated from the port list, so
# adding a port never touches objtool-lite's sources.
# gen_port_table HEADER,TYPE,SYMBOL-PREFIX,ARRAY: a NULL-terminated array
# of every objtool port's TYPE object, written to $@.
define gen_port_table
	@mkdir -p $(dir $@)
	$(quiet) GEN $@
	$(Q){ echo '#include <$(1)>'; \
	  for a in $(OBJTOOL_ARCHES); do echo "extern const struct $(2) $(3)$$a;"; done; \
	  echo 'const struct $(2) *const $(4)[] = {'; \
	  for a in $(OBJTOOL_ARCHES); do echo "	&$(3)$$a,"; done; \
	  echo '	NULL,'; echo '};'; } > $@
endef

# The list of objtool ports, rewritten only when it changes: a port added
# or removed (or its port_objtool flipped) regenerates the tables below.
$(O)/host/objtool-ports: FORCE
	@mkdir -p $(dir $@)
	@echo '$(OBJTOOL_ARCHES)' | cmp -s - $@ || echo '$(OBJTOOL_ARCHES)' > $@

$(O)/host/arches.c: Makefile $(O)/host/objtool-ports
	$(call gen_port_table,objtool/arch.h,objtool_arch,arch_,objtool_arches)

$(O)/host/obj/arches.o: $(O)/host/arches.c $(OBJTOOL_HDRS)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -c -o $@ $<

# klpctl: the host client of a running kit's control socket (tools/klpctl/,
# docs/klpctl.md); plain libc, so it builds wherever the host compiler does.
KLPCTL := $(O)/host/klpctl

klpctl: $(KLPCTL)

$(KLPCTL): $(wildcard tools/klpctl/*.c) Makefile
	@mkdir -p $(dir $@)
	$(quiet) HOSTCC $@
	$(Q)$(HOSTCC) -std=gnu11 -O2 -g -Wall -Wextra -Werror -D_GNU_SOURCE -o $@.tmp \
	  $(filter %.c,$^) && mv -f $@.tmp $@ || { rm -f $@.tmp; exit 1; }

# ---------------------------------------------------------------------------
# Kit objects: every C/asm source of the kit, built for $(ARCH) with the
# arch's ftrace entry flags, then validated by objtool-lite.

CC := $(CROSS_COMPILE)gcc
KIT_O := $(O)/$(ARCH)

# The port's own flags (its ftrace call sites, its kernel code model) come
# from its descriptor, with the reasons written there.

# Common kernel-flavoured flags, and why:
#  -ffreestanding: the kit is its own libc (implies -fno-builtin);
#  -fno-tree-loop-distribute-patterns: gcc must not turn the kit's own
#    memset/memcpy loops into calls to memset/memcpy;
#  -fno-pic -fno-pie: kernel code model, absolute relocations in tables;
#  -fno-stack-protector: no canary setup exists before the kit runs;
#  -fno-omit-frame-pointer: the FP unwinder is one of the compared ones;
#  -fasynchronous-unwind-tables -g: gcc's CFI is the oracle for --check-cfi.
KIT_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -fno-tree-loop-distribute-patterns -fno-strict-aliasing \
	-fno-common -fno-pic -fno-pie -fno-stack-protector \
	-fno-omit-frame-pointer -fasynchronous-unwind-tables \
	$(call port,cflags) -DKIT_ARCH='"$(ARCH)"' \
	-DKIT_FTRACE_SECTION='"$(call port,ftrace_section)"' \
	-Iarch/$(ARCH)/include -Ikernel/include
KIT_AFLAGS := $(filter-out -std=gnu11 -ffreestanding,$(KIT_CFLAGS)) -D__ASSEMBLY__

# --- SAN=1, its flags -----------------------------------------------------
# Host tools (objtool-lite, orc-sort): ASan + UBSan with their runtimes; any
# report aborts, so a test that runs the tool fails on it.  The kit image:
# UBSan in trap mode, which needs no runtime in a freestanding image (a
# finding is SIGILL/SIGTRAP at the faulting instruction); ASan needs a
# shadow-memory runtime the hosted kit (its own stacks, static glibc, under
# qemu-user) cannot carry, so it is left out there.
ifeq ($(SAN),1)
SAN_HOSTFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
HOSTCC := $(HOSTCC) $(SAN_HOSTFLAGS)
KIT_CFLAGS += -fsanitize=undefined -fsanitize-undefined-trap-on-error
# objtool-lite is a one-shot tool that leaves its memory to exit(): leaks
# are not findings (the fuzz targets free per run, scripts/fuzz/).
export ASAN_OPTIONS ?= detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1
endif

OBJTOOL_FLAGS := --stackval --orc --mcount --werror

# Folders whose sources make up the kit image.  orc/host/ and
# arch/<a>/objtool/ hold host code and are not listed.
KIT_IMAGE_DIRS := kernel kernel/lib kernel/platform/hosted orc livepatch-glue \
	selftests/kit-tests samples/livepatch/demo \
	arch/$(ARCH) arch/$(ARCH)/lib arch/$(ARCH)/hosted arch/$(ARCH)/tests
KIT_SRCS := $(wildcard $(addsuffix /*.c,$(KIT_IMAGE_DIRS)) \
	$(addsuffix /*.S,$(KIT_IMAGE_DIRS)))
KIT_OBJS := $(patsubst %,$(KIT_O)/%.o,$(basename $(KIT_SRCS)))

# The unwinder is chosen at build time (UNWINDER=orc|fp): arch/<a>/unwind_orc.c
# or arch/<a>/unwind_fp.c goes into the image; both images are built.
UNWINDERS := orc fp
UNWINDER ?= orc
unwinder_obj = $(KIT_O)/arch/$(ARCH)/unwind_$(1).o
KIT_COMMON_OBJS := $(filter-out $(foreach u,$(UNWINDERS),$(call unwinder_obj,$(u))),$(KIT_OBJS))

# Test and patch modules: one relocatable object per source, built with the
# kit's flags and annotated by objtool-lite as a module.
KIT_MODULE_SRCS := $(wildcard selftests/kit-modules/*.c samples/livepatch/*.c \
	arch/$(ARCH)/tests/modules/*.c)
KIT_MODULES := $(patsubst %.c,$(KIT_O)/modules/%.ko,$(notdir $(KIT_MODULE_SRCS)))

kit: kit-port-check $(KIT_OBJS)

# The kit's library (kernel/lib/: plain C, no arch code) alone, which a
# port can build before its kit half exists: the objects --check-cfi
# compares with gcc's CFI on every objtool port.
KIT_LIB_OBJS := $(filter $(KIT_O)/kernel/lib/%,$(KIT_OBJS))
kit-lib: $(KIT_LIB_OBJS)

# A port is checked before its kit half is built: a port that lacks a piece
# says so by name rather than failing in the compiler or the linker.
.PHONY: kit-port-check objtool-port-check
kit-port-check:
	$(Q)$(if $(filter $(ARCH),$(KIT_ARCHES)),,echo "port $(ARCH) has no kit half yet (port_kit in arch/$(ARCH)/port.mk); kit ports: $(KIT_ARCHES)" >&2; exit 1;)
	$(Q)scripts/ports.sh check $(ARCH) kit

objtool-port-check:
	$(Q)for p in $(OBJTOOL_ARCHES); do scripts/ports.sh check $$p objtool || exit 1; done

kit-image: $(foreach u,$(UNWINDERS),$(KIT_O)/kit-$(u)) $(KIT_MODULES)

# Compile to a temporary, let objtool-lite validate and annotate it, and
# only then rename it into place: a failed compile or a warning (--werror)
# leaves no object behind that a later make would take as up to date.
define kit_object
	@mkdir -p $(dir $@)
	$(quiet) $(1) $@
	$(Q)$(2) -MMD -MP -MF $(@D)/.$(@F).d -MT $@ -c -o $(@D)/.tmp_$(@F) $< && \
	  $(OBJTOOL) $(OBJTOOL_FLAGS) $(@D)/.tmp_$(@F) && \
	  mv -f $(@D)/.tmp_$(@F) $@ || { rm -f $(@D)/.tmp_$(@F); exit 1; }
endef

$(KIT_O)/%.o: %.c $(OBJTOOL) Makefile
	$(call kit_object,CC,$(CC) $(KIT_CFLAGS))

$(KIT_O)/%.o: %.S $(OBJTOOL) Makefile
	$(call kit_object,AS,$(CC) $(KIT_AFLAGS))

-include $(foreach o,$(KIT_OBJS),$(dir $(o)).$(notdir $(o)).d)

# The hosted kit kernel: static, at a fixed address, the tables it reads
# at boot given start/stop symbols by kit.lds; the ORC tables are sorted
# after the link (orc/host/sort.c), as Linux's sorttable does for vmlinux.
# --eh-frame-hdr: static links leave it out by default; the benchmark
# compares its size with ORC's, and libgcc's unwinder searches through it.
KIT_LDS := kernel/platform/hosted/kit.lds
KIT_LDFLAGS := -static -no-pie -pthread -Wl,--eh-frame-hdr -Wl,-T,$(KIT_LDS)
ORC_SORT := $(if $(wildcard orc/host/sort.c),$(O)/host/orc-sort)

$(KIT_O)/kit-%: $(KIT_COMMON_OBJS) $(KIT_O)/arch/$(ARCH)/unwind_%.o $(KIT_LDS) $(ORC_SORT)
	$(quiet) LD $@
	$(Q)$(CC) $(KIT_LDFLAGS) -o $@.tmp $(filter %.o,$^) && \
	  $(if $(ORC_SORT),$(ORC_SORT) $@.tmp &&) mv -f $@.tmp $@ || \
	  { rm -f $@.tmp; exit 1; }

# orc-sort knows the ORC formats the ports define (arch/<a>/objtool/
# orc_format.c, also linked into objtool-lite), listed like arches.c.
ORC_FORMAT_SRCS := $(foreach a,$(OBJTOOL_ARCHES),arch/$(a)/objtool/orc_format.c)

$(O)/host/orc_formats.c: Makefile $(O)/host/objtool-ports
	$(call gen_port_table,orc/orc_format.h,orc_format,orc_format_,orc_formats)

$(O)/host/orc-sort: orc/host/sort.c $(ORC_FORMAT_SRCS) $(O)/host/orc_formats.c $(OBJTOOL_HDRS)
	@mkdir -p $(dir $@)
	$(quiet) HOSTCC $@
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ $(filter %.c,$^) -lelf

# Module sources live in several folders; each .ko depends on its own source.
$(foreach m,$(KIT_MODULE_SRCS),$(eval $(KIT_O)/modules/$(notdir $(m:.c=.ko)): $(m)))

# kit_module SOURCE: compile SOURCE into $@ as a kit module, through a
# temporary that objtool-lite must pass (--werror) before it is renamed.
define kit_module
	@mkdir -p $(dir $@)
	$(quiet) CC_MOD $@
	$(Q)$(CC) $(KIT_CFLAGS) -DKIT_MODULE -MMD -MP -MF $(@D)/.$(@F).d -MT $@ \
	  -c -o $(@D)/.tmp_$(@F) $(1) && \
	  $(OBJTOOL) --module $(OBJTOOL_FLAGS) $(@D)/.tmp_$(@F) && \
	  mv -f $(@D)/.tmp_$(@F) $@ || { rm -f $(@D)/.tmp_$(@F) $(@D)/.$(@F).d; exit 1; }
endef

$(KIT_O)/modules/%.ko: $(OBJTOOL) Makefile
	$(call kit_module,$(filter %.c,$^))

# a module is rebuilt when a header it includes changes (struct layouts
# are shared with the image that loads it)
-include $(foreach m,$(KIT_MODULES),$(dir $(m)).$(notdir $(m)).d)

# ---------------------------------------------------------------------------
# The patch author's command (docs/klpctl.md, "Writing a patch"):
#   make patch P=path/fix.c [ARCH=<port>]
# builds one C file as a kit module for ARCH exactly as the kit's own
# patch modules are built, into $(O)/<arch>/patches/fix.ko, and prints
# that path.  A missing or misnamed P, a compile error or an objtool-lite
# warning stops it with no .ko left; a patch naming a function the kit
# lacks is refused when it is loaded (klp_enable_patch finds no symbol).
PATCH_KO = $(KIT_O)/patches/$(basename $(notdir $(P))).ko

patch: kit-port-check $(OBJTOOL)
	$(Q)test -n "$(P)" || { echo "make patch: no patch given: make patch P=path/fix.c [ARCH=<port>]" >&2; exit 2; }
	$(Q)case "$(P)" in *.c) ;; *) echo "make patch: $(P): a patch is one C file (.c)" >&2; exit 2;; esac
	$(Q)test -f "$(P)" || { echo "make patch: $(P): no such file" >&2; exit 2; }
	$(Q)$(MAKE) --no-print-directory $(PATCH_KO) PATCH_SRC="$(P)" || \
	  { echo "make patch: $(P): not built (the errors above), no .ko written" >&2; exit 1; }
	@echo "patch: $(PATCH_KO)"

# Always rebuilt: the source may live anywhere and its headers are not tracked.
.PHONY: patch-force
$(KIT_O)/patches/%.ko: $(OBJTOOL) patch-force
	$(call kit_module,$(PATCH_SRC))

# ---------------------------------------------------------------------------
# The two commands of the README, and their helpers.

# CROSS_COMPILE for @1 when building every port from one make: the
# descriptor's prefix, none for the host.  A CROSS_COMPILE given on the
# command line applies to a single-arch build only.
cross_for = $(if $(filter $(1),$(HOSTARCH)),,$(PORT_$(1)_cross))
kit_all = $(foreach a,$(KIT_ARCHES),$(MAKE) --no-print-directory \
	ARCH=$(a) CROSS_COMPILE=$(call cross_for,$(a)) kit kit-image &&) \
	$(foreach a,$(filter-out $(KIT_ARCHES),$(OBJTOOL_ARCHES)),$(MAKE) \
	--no-print-directory ARCH=$(a) CROSS_COMPILE=$(call cross_for,$(a)) kit-lib &&) true

deps:
	$(Q)scripts/deps.sh

corpus: deps
	$(Q)scripts/fetch-corpus.sh $(O)/corpus

check: deps corpus
	$(Q)$(MAKE) --no-print-directory objtool klpctl
	$(Q)$(kit_all)
	$(Q)O=$(O) OBJTOOL=$(OBJTOOL) selftests/run.sh

# --- check-full and fuzz (fuzz/README.md) ----------------------------------
include fuzz/fuzz.mk

# check; the longer tests of selftests/full.cfg (livepatch stress); the
# whole suite again on the sanitizer build (SAN=1, in
# $(SAN_O), sharing this build's corpus); then a bounded fuzz run of every
# target (FUZZ_FULL_TIME seconds each).
SAN_O ?= build-san
FUZZ_FULL_TIME ?= 60
check-full: check
	$(Q)O=$(O) OBJTOOL=$(OBJTOOL) selftests/run.sh -c selftests/full.cfg
	$(Q)scripts/deps-full.sh
	$(Q)mkdir -p $(SAN_O) && { [ -e $(SAN_O)/corpus ] || \
	  ln -s $(abspath $(O)/corpus) $(SAN_O)/corpus; }
	$(Q)$(MAKE) --no-print-directory SAN=1 O=$(SAN_O) check
	$(Q)$(MAKE) --no-print-directory fuzz FUZZ_TIME=$(FUZZ_FULL_TIME)

# The long run: every target until FUZZ_EXECS executions or FUZZ_TIME
# seconds each (whichever first), seeded from every port's kit objects,
# modules and images and the corpus; findings and figures in $(O)/fuzz/.
FUZZ_EXECS ?= 10000000
FUZZ_TIME ?= 86400
.PHONY: fuzz
fuzz: deps corpus
	$(Q)scripts/deps-full.sh
	$(Q)$(MAKE) --no-print-directory objtool
	$(Q)$(kit_all)
	$(Q)$(MAKE) --no-print-directory fuzz-build
	$(Q)O=$(O) FUZZ_EXECS=$(FUZZ_EXECS) FUZZ_TIME=$(FUZZ_TIME) scripts/fuzz/fuzz.sh

demo: deps corpus
	$(Q)$(MAKE) --no-print-directory objtool
	$(Q)$(kit_all)
	$(Q)O=$(O) OBJTOOL=$(OBJTOOL) scripts/demo.sh

# objtool-lite vs upstream objtool on the stripped corpus modules: time
# (N=5 repetitions) and peak RSS; results in $(O)/bench/objtool/.
bench-objtool: deps corpus
	$(Q)$(MAKE) --no-print-directory objtool
	$(Q)O=$(O) OBJTOOL=$(OBJTOOL) bench/objtool/run.sh

# ns per frame of the ORC and frame-pointer unwinders at depths 8, 32, 128:
# the host port natively, the others under qemu-user (labelled emulated); results in
# $(O)/bench/unwind/.
bench-unwind:
	$(Q)$(MAKE) --no-print-directory objtool
	$(Q)$(kit_all)
	$(Q)O=$(O) bench/unwind/run.sh

# What live patching costs (bench/README.md, "Livepatch"): ns per call of a
# patched function against the same call unpatched, and transition time
# under 64/256/1024 tasks with the ORC and the frame-chain unwinder, with
# how the tasks switched; every kit port, BENCH_N image runs each (default
# 5).  Results in $(O)/bench/livepatch/ (results.json, summary.md, PNGs).
bench-livepatch: deps
	$(Q)bench/deps.sh
	$(Q)$(MAKE) --no-print-directory objtool
	$(Q)$(kit_all)
	$(Q)O=$(O) bench/livepatch/run.sh

# objtool-lite as a kernel build's objtool (issue 12): linux-source-6.12
# configured small (bench/kernel/config.sh), built with upstream objtool
# and relinked with OBJTOOL on vmlinux.o; each objtool timed on vmlinux.o,
# their ORC compared, each kernel booted under qemu with a livepatch smoke
# test.  A kernel build: long, not in make check.  Results in
# $(O)/bench/kernel/run/results.txt.
bench-kernel: deps
	$(Q)bench/deps.sh
	$(Q)$(MAKE) --no-print-directory objtool
	$(Q)O=$(O) OBJTOOL=$(OBJTOOL) bench/kernel/run.sh

# The whole benchmark (bench/README.md): per-frame cost of the kit's ORC and
# FP walks against glibc, libgcc, libunwind, libdwfl and SFrame; sampled
# reliability; table sizes; frame-pointer cost.  Bench-only packages come
# from bench/deps.sh.  Results in $(O)/bench/<arch>/results.json and
# $(O)/bench/summary.md, plots in $(O)/bench/*.png.
bench: deps corpus
	$(Q)bench/deps.sh
	$(Q)$(MAKE) --no-print-directory objtool
	$(Q)$(kit_all)
	$(Q)O=$(O) bench/run.sh

# The ports and the halves each has (the builds of every port take the
# kit ports and the objtool ports listed here).
.PHONY: ports
ports:
	@echo "kit ports: $(KIT_ARCHES)"
	@echo "objtool ports: $(OBJTOOL_ARCHES)"
	@$(foreach p,$(PORTS),echo "$(p): kit=$(PORT_$(p)_kit) objtool=$(PORT_$(p)_objtool)";)

# for bench/run.sh: the value of a make variable for ARCH
bench-print-%:
	@echo $($*)

FORCE:

clean:
	rm -rf $(O)
