// SPDX-License-Identifier: GPL-2.0
/*
 * Table-driven unit tests of the arch relocation code on synthetic
 * buffers: each case starts from an instruction (or zeroes), applies one
 * relocation with S + A given relative to the location, and compares the
 * resulting bytes with what the assembler encodes, or the error with the
 * one expected (ranges are tested on both sides of each limit).  The
 * tables are the port's (arch/<arch>/tests/reloc_cases.c).
 */
#include <elf.h>
#include <string.h>

#include <kit/arch_test.h>
#include <kit/kernel.h>
#include <kit/module.h>
#include <kit/printk.h>
#include <kit/selftest.h>

/*
 * One of the two static functions named kit_modtest_dup in the kit image
 * (the other is in module_test.c): livepatch relocations pick one by
 * position.
 */

__attribute__((used)) static noinline int kit_modtest_dup(void)
{
	barrier();
	return 2;
}

static uint8_t buf[64] __attribute__((aligned(16)));

/* The 4- or 8-byte word at p, in the target's byte order (as the cases say). */
static uint64_t read_width(const void *p, unsigned int width)
{
	uint32_t w;
	uint64_t v;

	if (width == 4) {
		memcpy(&w, p, 4);
		return w;
	}
	memcpy(&v, p, 8);
	return v;
}

static void run_pcrel_cases(void)
{
	for (size_t i = 0; i < arch_nr_reloc_cases; i++) {
		const struct arch_reloc_case *c = &arch_reloc_cases[i];
		struct kit_reloc r = {
			.type = c->type, .loc = buf, .room = c->room ? c->room : 16,
			.val = (uint64_t)(uintptr_t)buf + (uint64_t)c->rel,
		};
		uint64_t want = c->out, got;
		int err;

		memset(buf, 0, sizeof(buf));
		memcpy(buf, &c->insn, 4);
		err = arch_apply_relocation(NULL, &r);
		got = read_width(buf, c->width);
		if (c->out == ARCH_RELOC_OUT_S_A)
			want = r.val;
		if (c->err || err)
			kit_report(err == c->err && (err != -ERANGE || read_width(buf, 4) == c->insn),
				   "%s: %s (expected %s), location %s", c->what, kit_errname(err),
				   kit_errname(c->err),
				   read_width(buf, 4) == c->insn ? "untouched" : "changed");
		else
			kit_report(got == want, "%s: 0x%llx (expected 0x%llx)", c->what,
				   (unsigned long long)got, (unsigned long long)want);
	}
}

static void run_abs_cases(void)
{
	for (size_t i = 0; i < arch_nr_reloc_abs_cases; i++) {
		const struct arch_reloc_abs_case *c = &arch_reloc_abs_cases[i];
		struct kit_reloc r = { .type = c->type, .loc = buf, .room = 16, .val = c->val };
		uint64_t got;
		int err;

		memset(buf, 0, sizeof(buf));
		memcpy(buf, &c->insn, 4);
		err = arch_apply_relocation(NULL, &r);
		got = read_width(buf, c->width);
		if (c->err || err)
			kit_report(err == c->err, "%s: %s (expected %s)", c->what,
				   kit_errname(err), kit_errname(c->err));
		else
			kit_report(got == c->out, "%s: 0x%llx (expected 0x%llx)",
				   c->what, (unsigned long long)got, (unsigned long long)c->out);
	}
}

KIT_SELFTEST(module_relocs)
{
	run_pcrel_cases();
	run_abs_cases();
	arch_test_relocs_extra_report();
	kit_report(arch_reloc_name(999) == NULL, "type 999 has no name");
}
