/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arch half of the in-kit selftests (selftests/kit-tests/): what a
 * port's own test cases provide, in arch/<arch>/tests/, so that common
 * tests never test machine code or relocation types by #ifdef.  Every
 * hook is required (a port without its tests fails the link) but the one
 * marked [default], whose weak definition is in the test using it.  Hooks
 * named *_report() make their own kit_report() assertions (a fixed
 * number per port, so KTAP counts stay stable).
 */
#ifndef _KIT_ARCH_TEST_H
#define _KIT_ARCH_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kit_module;

/* --- unwinding (unwind_test.c) ----------------------------------------- */

/* Set an ORC entry's frame type, for fake tables (in arch/<arch>/stacktrace.c). */
void arch_unwind_test_set_type(void *entry, unsigned int type);

/* --- tasks (task_test.c) ------------------------------------------------ */

/*
 * The frame-pointer walk of a new kthread ended at its entry frame, whose
 * frame record ends at last_cfa; entry_sp and stack_top are the task's.
 * Asserts where the arch's entry frame lies (one kit_report()).
 */
void arch_test_task_entry_frame_report(unsigned long last_cfa, unsigned long entry_sp,
				       unsigned long stack_top);
/* --- ftrace (ftrace_test.c) --------------------------------------------- */

/*
 * Write at p "int f(int x) { return x + 1; }" with an ftrace site, as the
 * compiler makes it, ready to run (caches maintained); returns its size.
 */
size_t arch_test_make_traced_func(uint8_t *p);

/* --- relocations on synthetic buffers (module_reloc_test.c) ------------- */

/* P-relative: S + A - P is rel; the location starts as insn. */
struct arch_reloc_case {
	const char *what;
	unsigned int type;
	uint32_t insn;		/* initial 32-bit word at the location */
	int64_t rel;		/* S + A - P */
	int err;		/* expected result */
	uint64_t out;		/* expected word(s) after, when err == 0 */
	unsigned int width;	/* bytes compared: 4 or 8 */
	unsigned int room;	/* bytes available (0: 16) */
};
/* out for an absolute type in the P-relative table: S + A itself */
#define ARCH_RELOC_OUT_S_A	(~0ULL)

/* Absolute: S + A is val. */
struct arch_reloc_abs_case {
	const char *what;
	unsigned int type;
	uint32_t insn;		/* initial 32-bit word at the location */
	uint64_t val;		/* S + A */
	int err;
	uint64_t out;
	unsigned int width;	/* bytes compared: 4 or 8 */
};

extern const struct arch_reloc_case arch_reloc_cases[];
extern const size_t arch_nr_reloc_cases;
extern const struct arch_reloc_abs_case arch_reloc_abs_cases[];
extern const size_t arch_nr_reloc_abs_cases;
/* The arch's own relocation checks beyond the tables (PLT/veneers). */
void arch_test_relocs_extra_report(void);

/* --- the module loader (module_test.c) ---------------------------------- */

/*
 * modrelocs.ko (arch/<arch>/tests/modules/modrelocs.c) is loaded as mod:
 * call each of its relocation functions and check what they were linked
 * to.  Every port's modrelocs also defines modrel_call_strlen (compiled
 * code calling kit_strlen) and relocates .text against kit_memcpy.
 */
void arch_test_modrelocs_report(struct kit_module *mod);
/*
 * Where the far-placement test maps a module (bytes above kit text):
 * beyond arch_test_branch_reach, the reach of a direct call.  A port with
 * veneers (arch_module_plt_entry_size != 0) must load it there; one
 * without must refuse with a range error.
 */
extern const unsigned long arch_test_far_distance;
extern const unsigned long arch_test_branch_reach;

#endif /* _KIT_ARCH_TEST_H */
