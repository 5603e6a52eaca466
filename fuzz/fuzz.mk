# The libFuzzer targets (fuzz/README.md), included by the top Makefile.
# Everything goes to $(FUZZ_BUILD); the sources are the tools' own, built
# with clang, -fsanitize=fuzzer and ASan + UBSan, every UBSan check fatal.

FUZZ_BUILD := $(O)/fuzz/bin
FUZZ_CC := clang
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
# -O2, as the tools' own build: at -O1 the same 200,000 inputs (same queue,
# same -seed) took 16% longer in objtool:check, and the edges -O1 has and
# -O2 merges are not in the tool that ships.
FUZZ_CFLAGS := -std=gnu11 -O2 -g -D_GNU_SOURCE -Iobjtool-lite/include -I. \
	$(FUZZ_SAN) -fsanitize=fuzzer-no-link
# In-process targets around a one-shot tool: every block the tool allocates
# is tracked (fuzz/alloc_track.c), so a run frees what it leaves.
FUZZ_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free \
	-Wl,--wrap=strdup,--wrap=strndup,--wrap=asprintf
FUZZ_LDFLAGS := $(FUZZ_SAN) -fsanitize=fuzzer

fuzz_obj = $(patsubst %.c,$(O)/fuzz/obj/%.o,$(1))

# The harness's own bookkeeping is not code under test: built without
# coverage.  Its compares were a tenth of a run (the allocation set's
# sweep, slot by slot) and the features they gave the fuzzer were noise.
$(call fuzz_obj,fuzz/alloc_track.c fuzz/fork.c): \
	FUZZ_CFLAGS := $(filter-out -fsanitize=fuzzer-no-link,$(FUZZ_CFLAGS))

$(O)/fuzz/obj/%.o: %.c $(OBJTOOL_HDRS) $(wildcard fuzz/*.h)
	@mkdir -p $(dir $@)
	$(quiet) FUZZCC $<
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(O)/fuzz/obj/%.o: $(O)/host/%.c $(OBJTOOL_HDRS)
	@mkdir -p $(dir $@)
	$(quiet) FUZZCC $<
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

# objtool-lite without its main(): fuzz/objtool.c calls objtool_run().
FUZZ_OBJTOOL_OBJS := $(call fuzz_obj,fuzz/objtool.c fuzz/fork.c fuzz/alloc_track.c \
	$(filter-out objtool-lite/main.c,$(OBJTOOL_SRCS))) \
	$(O)/fuzz/obj/arches.o

$(FUZZ_BUILD)/objtool: $(FUZZ_OBJTOOL_OBJS)
	@mkdir -p $(dir $@)
	$(quiet) FUZZLD $@
	$(Q)$(FUZZ_CC) -o $@ $^ $(FUZZ_LDFLAGS) $(FUZZ_WRAP) $(HOSTLIBS)

FUZZ_ORC_SORT_OBJS := $(call fuzz_obj,fuzz/orc_sort.c fuzz/alloc_track.c $(ORC_FORMAT_SRCS)) \
	$(O)/fuzz/obj/orc_formats.o

$(FUZZ_BUILD)/orc-sort: $(FUZZ_ORC_SORT_OBJS)
	@mkdir -p $(dir $@)
	$(quiet) FUZZLD $@
	$(Q)$(FUZZ_CC) -o $@ $^ $(FUZZ_LDFLAGS) $(FUZZ_WRAP) -lelf

# Kit code built for the host with port P's headers, in $(O)/fuzz/kit-P/.
# fuzz_kit_rules P: the compile rule for that port.
define fuzz_kit_rules
$(O)/fuzz/kit-$(1)/%.o: %.c $(wildcard kernel/include/kit/*.h arch/$(1)/include/asm/*.h) \
		$(OBJTOOL_HDRS) $(wildcard fuzz/*.h) kernel/module_internal.h
	@mkdir -p $$(dir $$@)
	$$(quiet) FUZZCC $$@
	$$(Q)$$(FUZZ_CC) $$(FUZZ_CFLAGS) -DKIT_FTRACE_SECTION='"$$(PORT_$(1)_ftrace_section)"' \
		-Ikernel/include -Iarch/$(1)/include -c -o $$@ $$<
endef
$(foreach p,$(KIT_ARCHES),$(eval $(call fuzz_kit_rules,$(p))))
fuzz_kit_obj = $(patsubst %.c,$(O)/fuzz/kit-$(1)/%.o,$(2))
FUZZ_KIT_LIB := fuzz/kit_stubs.c kernel/lib/sort.c kernel/lib/string.c \
	kernel/lib/vsprintf.c kernel/lib/parser.c

# The ORC runtime is arch-neutral (the format comes with each input): built
# once, with the host port's headers.
FUZZ_ORC_LOOKUP_OBJS := $(call fuzz_kit_obj,$(HOSTARCH),fuzz/orc_lookup.c $(FUZZ_KIT_LIB)) \
	$(call fuzz_obj,$(ORC_FORMAT_SRCS)) $(O)/fuzz/obj/orc_formats.o

$(FUZZ_BUILD)/orc-lookup: $(FUZZ_ORC_LOOKUP_OBJS)
	@mkdir -p $(dir $@)
	$(quiet) FUZZLD $@
	$(Q)$(FUZZ_CC) -o $@ $^ $(FUZZ_LDFLAGS)

# The module loader: one binary per port with a kit half, with its relocations.
# Every loader file but the glue to kallsyms, ORC and ftrace, which
# fuzz/module.c replaces, and the kit's "load" command.
FUZZ_MODULE_SRCS = fuzz/module.c fuzz/module_orc.c \
	$(filter-out kernel/module_glue.c kernel/module_cmd.c,$(wildcard kernel/module*.c)) \
	kernel/arch_default.c arch/$(1)/module.c $(FUZZ_KIT_LIB)
define fuzz_module_rules
$(FUZZ_BUILD)/module-$(1): $(call fuzz_kit_obj,$(1),$(call FUZZ_MODULE_SRCS,$(1))) \
		$(call fuzz_obj,$(ORC_FORMAT_SRCS)) $(O)/fuzz/obj/orc_formats.o
	@mkdir -p $$(dir $$@)
	$$(quiet) FUZZLD $$@
	$$(Q)$$(FUZZ_CC) -o $$@ $$^ $$(FUZZ_LDFLAGS)
endef
$(foreach p,$(KIT_ARCHES),$(eval $(call fuzz_module_rules,$(p))))

# Not FUZZ_TARGETS: that is scripts/fuzz/fuzz.sh's environment, and make
# would export its own value of a variable the environment also sets.
FUZZ_BINS := $(FUZZ_BUILD)/objtool $(FUZZ_BUILD)/orc-sort $(FUZZ_BUILD)/orc-lookup \
	$(foreach p,$(KIT_ARCHES),$(FUZZ_BUILD)/module-$(p))

.PHONY: fuzz-build
fuzz-build: $(FUZZ_BINS)
