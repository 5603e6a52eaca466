// SPDX-License-Identifier: GPL-2.0
/*
 * The unwinders people use today, on the kit benchmark's call chain shape,
 * in one process: natively on the host's port; on another port built with
 * its cross compiler against Debian's libraries of that port
 * (bench/scripts/fetch-port-libs.sh) and run under its qemu-user (counts
 * meaningful, times emulated):
 *
 *   fp-raw        the frame pointer chain (x86_64, arm64) or the back chain
 *                 (s390x, ppc64le), no checks (the floor)
 *   backtrace     glibc backtrace()              (dlsym'd from libc.so.6)
 *   unwind-bt     libgcc _Unwind_Backtrace       (dlsym'd from libgcc_s.so.1)
 *   unw-backtrace libunwind unw_backtrace
 *   unw-step      libunwind unw_init_local + unw_step loop
 *   dwfl          elfutils libdwfl dwfl_getthread_frames on this process
 *   sframe-hand   gas --gsframe .sframe (v1), decoded here
 *   libsframe     the same section through binutils' libsframe
 *
 * libunwind exports _Unwind_Backtrace too: the libgcc and libc entry points
 * are taken explicitly from their own libraries.
 *
 * Mode "time": at depths 8, 32, 128 every method walks the same frames
 * (checked against the chain's return addresses, recorded by the chain
 * itself with __builtin_return_address); a method that returns other
 * frames or stops early is reported so, not timed.  Medians of RUNS runs,
 * methods interleaved within each run.
 * Mode "async": SIGPROF samples a running chain at arbitrary instructions;
 * each method unwinds from the signal context; ground truth is the DWARF
 * CFI walk (bench/common/cfiwalk.c) on a copy of the stack.
 * Output: one JSON object on stdout.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elfutils/libdwfl.h>
#include <gnu/libc-version.h>
#include <link.h>
#include <signal.h>
#include <sframe-api.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>
#include <unwind.h>
#define UNW_LOCAL_ONLY
#include <libunwind.h>

#include "../common/cfiwalk.h"
#include "arch.h"

#define NOINL __attribute__((noinline, noipa))
void spin_a(unsigned long), spin_b(unsigned long), spin_c(unsigned long), spinner(void);
#define MAXF 512
#define RUNS 15

typedef int (*method_fn)(uintptr_t *out, int max, const ucontext_t *uc);

static int (*real_backtrace)(void **, int);
static _Unwind_Reason_Code (*real_unwind_backtrace)(_Unwind_Trace_Fn, void *);
static uintptr_t (*real_unwind_getip)(struct _Unwind_Context *);

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* ---- fp-raw */
#if defined(CHAIN_FRAME_RECORDS)
static NOINL int m_fp_raw(uintptr_t *out, int max, const ucontext_t *uc)
{
	uintptr_t *fp = uc ? (uintptr_t *)UC_FP(uc) : __builtin_frame_address(0);
	int n = 0;

	if (uc)
		out[n++] = UC_PC(uc);
	while (n < max && fp) {
		uintptr_t *next = (uintptr_t *)fp[0];

		out[n++] = fp[1];
		if (next <= fp)
			break;
		fp = next;
	}
	return n;
}
#else
/*
 * The back chain: the sp of every frame links to its caller's.  glibc is
 * not built with -mbackchain, so the words its frames hold there are not
 * links: the walk stays below the initial stack's top (glibc's
 * __libc_stack_end), where a wrong link still reads stack memory.
 */
extern void *__libc_stack_end;

static NOINL int m_fp_raw(uintptr_t *out, int max, const ucontext_t *uc)
{
	struct cur_regs r;
	uintptr_t *sp;
	int n = 0;

	if (uc) {
		sp = (uintptr_t *)UC_SP(uc);
		out[n++] = UC_PC(uc);
	} else {
		CAPTURE(r);
		sp = (uintptr_t *)r.sp;
	}
	while (n < max && sp) {
		uintptr_t *next = (uintptr_t *)sp[0];

		if (next <= sp || next + CHAIN_BACK_RA_SLOT + 1 > (uintptr_t *)__libc_stack_end)
			break;
		out[n++] = next[CHAIN_BACK_RA_SLOT];
		sp = next;
	}
	return n;
}
#endif

/* ---- backtrace() and _Unwind_Backtrace */
static NOINL int m_backtrace(uintptr_t *out, int max, const ucontext_t *uc)
{
	(void)uc;
	return real_backtrace((void **)out, max);
}

struct ubt { uintptr_t *out; int n, max; };
static _Unwind_Reason_Code ubt_cb(struct _Unwind_Context *c, void *arg)
{
	struct ubt *b = arg;

	if (b->n >= b->max)
		return _URC_END_OF_STACK;
	b->out[b->n++] = real_unwind_getip(c);
	return _URC_NO_REASON;
}

static NOINL int m_unwind_bt(uintptr_t *out, int max, const ucontext_t *uc)
{
	struct ubt b = { out, 0, max };

	(void)uc;
	real_unwind_backtrace(ubt_cb, &b);
	return b.n;
}

/* ---- libunwind */
static NOINL int m_unw_backtrace(uintptr_t *out, int max, const ucontext_t *uc)
{
	(void)uc;
	return unw_backtrace((void **)out, max);
}

/* the loop apart from unw_getcontext, which may return twice (ppc64: getcontext) */
static NOINL int unw_walk(unw_cursor_t *cur, uintptr_t *out, int max)
{
	unw_word_t ip;
	int n = 0;

	do {
		if (unw_get_reg(cur, UNW_REG_IP, &ip) < 0 || !ip)
			break;
		out[n++] = ip;
	} while (n < max && unw_step(cur) > 0);
	return n;
}

static NOINL int m_unw_step(uintptr_t *out, int max, const ucontext_t *uc)
{
	unw_context_t ctx;
	unw_cursor_t cur;

	if (uc) {
		if (unw_init_local2(&cur, (unw_context_t *)uc, UNW_INIT_SIGNAL_FRAME) < 0)
			return 0;
	} else {
		unw_getcontext(&ctx);
		if (unw_init_local(&cur, &ctx) < 0)
			return 0;
	}
	return unw_walk(&cur, out, max);
}

/* ---- libdwfl on our own process: memory read directly, regs given */
static Dwfl *dwfl;
static struct cfiw_regs dw_init;	/* the initial frame, by DWARF number */
static pid_t self_pid;

static pid_t dw_next_thread(Dwfl *d, void *arg, void **targ)
{
	(void)d; (void)arg;
	if (*targ)
		return 0;
	*targ = (void *)1;
	return self_pid;
}

static bool dw_get_thread(Dwfl *d, pid_t tid, void *arg, void **targ)
{
	(void)d; (void)arg;
	*targ = (void *)1;
	return tid == self_pid;
}

static bool dw_memory_read(Dwfl *d, Dwarf_Addr addr, Dwarf_Word *res, void *arg)
{
	(void)d; (void)arg;
	if (addr < 4096)
		return false;
	*res = *(const Dwarf_Word *)addr;
	return true;
}

static bool dw_set_initial_registers(Dwfl_Thread *t, void *arg)
{
	static const struct dw_range ranges[] = DW_RANGES;

	(void)arg;
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		_Static_assert(sizeof(Dwarf_Word) == sizeof(dw_init.v[0]), "register width");
		if (!dwfl_thread_state_registers(t, ranges[i].first, ranges[i].n,
						 (const Dwarf_Word *)&dw_init.v[ranges[i].first]))
			return false;
	}
	dwfl_thread_state_register_pc(t, dw_init.pc);
	return true;
}

static const Dwfl_Thread_Callbacks dw_cbs = {
	.next_thread = dw_next_thread,
	.get_thread = dw_get_thread,
	.memory_read = dw_memory_read,
	.set_initial_registers = dw_set_initial_registers,
};

static char *dw_debuginfo_path;
static const Dwfl_Callbacks dwfl_cbs = {
	.find_elf = dwfl_linux_proc_find_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.debuginfo_path = &dw_debuginfo_path,
};

static bool dwfl_setup(void)
{
	self_pid = getpid();
	dwfl = dwfl_begin(&dwfl_cbs);
	if (!dwfl || dwfl_linux_proc_report(dwfl, self_pid) || dwfl_report_end(dwfl, NULL, NULL))
		return false;
	return dwfl_attach_state(dwfl, NULL, self_pid, &dw_cbs, NULL);
}

struct dwb { uintptr_t *out; int n, max; };
static int dw_frame_cb(Dwfl_Frame *f, void *arg)
{
	struct dwb *b = arg;
	Dwarf_Addr pc;

	if (!dwfl_frame_pc(f, &pc, NULL))
		return DWARF_CB_ABORT;
	b->out[b->n++] = pc;
	return b->n >= b->max ? DWARF_CB_ABORT : DWARF_CB_OK;
}

static NOINL int m_dwfl(uintptr_t *out, int max, const ucontext_t *uc)
{
	struct dwb b = { out, 0, max };

	if (uc) {
		uc_dwarf_regs(uc, &dw_init);
	} else {
		struct cur_regs r;

		CAPTURE(r);
		memset(&dw_init, 0, sizeof(dw_init));
		dw_init.v[DW_FP] = r.fp;
		dw_init.v[DW_SP] = r.sp;
		dw_init.pc = r.pc;
	}
	dwfl_getthread_frames(dwfl, self_pid, dw_frame_cb, &b);
	if (!uc && b.n)	/* the first pc is inside this function, not a return address */
		memmove(out, out + 1, --b.n * sizeof(*out));
	return b.n;
}

/* ---- SFrame v1, by hand (this executable's PT_GNU_SFRAME) */
static const uint8_t *sf_sec;
static size_t sf_size;
static const uint8_t *sf_fdes, *sf_fres;
static uint32_t sf_nfdes;
static int8_t sf_ra_fixed;
static bool sf_ra_tracked;	/* aarch64: FREs give cfa[, ra[, fp]]; amd64: cfa[, fp], RA at a fixed offset */

struct __attribute__((packed)) sf_fde { int32_t start; uint32_t size, fre_off, nfres; uint8_t info; };

static int phdr_cb(struct dl_phdr_info *info, size_t sz, void *arg)
{
	(void)sz; (void)arg;
	if (info->dlpi_name && info->dlpi_name[0])
		return 0;	/* the executable only */
	for (int i = 0; i < info->dlpi_phnum; i++)
		if (info->dlpi_phdr[i].p_type == 0x6474e554) {	/* PT_GNU_SFRAME */
			sf_sec = (const uint8_t *)(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
			sf_size = info->dlpi_phdr[i].p_memsz;
			return 1;
		}
	return 0;
}

static bool sframe_setup(void)
{
	dl_iterate_phdr(phdr_cb, NULL);
	if (!sf_sec || sf_size < 28 || *(const uint16_t *)sf_sec != 0xdee2 || sf_sec[2] != 1 ||
	    !(sf_sec[3] & 1) /* FDEs sorted */)
		return false;
	sf_ra_fixed = (int8_t)sf_sec[6];
	sf_ra_tracked = sf_sec[4] == 1 || sf_sec[4] == 2;	/* SFRAME_ABI_AARCH64_ENDIAN_{BIG,LITTLE} */
	sf_nfdes = *(const uint32_t *)(sf_sec + 8);
	sf_fdes = sf_sec + 28 + sf_sec[7] + *(const uint32_t *)(sf_sec + 20);
	sf_fres = sf_sec + 28 + sf_sec[7] + *(const uint32_t *)(sf_sec + 24);
	return true;
}

/*
 * CFA base (0 fp, 1 sp), CFA offset, fp offset (has_fp), ra offset (has_ra;
 * without it the RA is at sf_ra_fixed on amd64, in the link register on
 * aarch64) for pc
 */
static bool sf_lookup(uintptr_t pc, int *base, long *cfa_off, long *fp_off, bool *has_fp,
		      long *ra_off, bool *has_ra)
{
	const struct sf_fde *f = (const struct sf_fde *)sf_fdes;
	long rel = (long)(pc - (uintptr_t)sf_sec);
	uint32_t lo = 0, hi = sf_nfdes;
	const uint8_t *p;
	unsigned int type, asz;
	uint32_t off = 0;
	bool found = false;

	while (lo < hi) {	/* rightmost start <= rel */
		uint32_t mid = (lo + hi) / 2;

		if (f[mid].start <= rel)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return false;
	f += lo - 1;
	if (rel >= (long)f->start + f->size || (f->info >> 4) & 1 /* PCMASK */)
		return false;
	rel -= f->start;
	type = f->info & 0xf;
	asz = 1u << type;	/* ADDR1, ADDR2, ADDR4 */
	p = sf_fres + f->fre_off;
	for (uint32_t i = 0; i < f->nfres; i++) {
		uint32_t start = asz == 1 ? p[0] : asz == 2 ? *(const uint16_t *)p : *(const uint32_t *)p;
		uint8_t info = p[asz];
		unsigned int cnt = (info >> 1) & 0xf, osz = 1u << ((info >> 5) & 3);

		if (start > rel)
			break;
		found = true;
		*base = info & 1;
		off = 0;
		{
			const uint8_t *o = p + asz + 1;
			long v[3] = { 0 };

			for (unsigned int k = 0; k < cnt && k < 3; k++)
				v[k] = osz == 1 ? (int8_t)o[k] : osz == 2 ? ((const int16_t *)o)[k] :
				       ((const int32_t *)o)[k];
			*cfa_off = v[0];
			if (sf_ra_tracked) {
				*has_ra = cnt >= 2;
				*ra_off = v[1];
				*has_fp = cnt >= 3;
				*fp_off = v[2];
			} else {
				*has_ra = false;
				*has_fp = cnt >= 2;	/* amd64: RA fixed, so offsets are cfa[, fp] */
				*fp_off = v[1];
			}
		}
		p += asz + 1 + cnt * osz;
	}
	(void)off;
	return found;
}

static int sf_walk(uintptr_t *out, int max, uintptr_t pc, uintptr_t sp, uintptr_t fp,
		   uintptr_t lr, bool intr, bool via_lib);

static NOINL int m_sframe_hand(uintptr_t *out, int max, const ucontext_t *uc)
{
	struct cur_regs r;

	if (uc)
		return sf_walk(out, max, UC_PC(uc), UC_SP(uc), UC_FP(uc), UC_LR(uc), true, false);
	CAPTURE(r);
	max++;
	int n = sf_walk(out, max, r.pc, r.sp, r.fp, 0, true, false);
	if (n > 0)
		memmove(out, out + 1, --n * sizeof(*out));
	return n;
}

/* ---- libsframe over the same section */
static sframe_decoder_ctx *sfd;

static bool sf_lookup_lib(uintptr_t pc, int *base, long *cfa_off, long *fp_off, bool *has_fp,
			  long *ra_off, bool *has_ra)
{
	sframe_frame_row_entry fre;
	int err = 0;

	if (sframe_find_fre(sfd, (int32_t)(pc - (uintptr_t)sf_sec), &fre))
		return false;
	*base = sframe_fre_get_base_reg_id(&fre, &err) == SFRAME_BASE_REG_SP;
	*cfa_off = sframe_fre_get_cfa_offset(sfd, &fre, &err);
	if (err)
		return false;
	*fp_off = sframe_fre_get_fp_offset(sfd, &fre, &err);
	*has_fp = !err;
	err = 0;
	*ra_off = sf_ra_tracked ? sframe_fre_get_ra_offset(sfd, &fre, &err) : 0;
	*has_ra = sf_ra_tracked && !err;
	return true;
}

static int sf_walk(uintptr_t *out, int max, uintptr_t pc, uintptr_t sp, uintptr_t fp,
		   uintptr_t lr, bool intr, bool via_lib)
{
	int n = 0;

	while (n < max) {
		int base;
		long cfa_off, fp_off, ra_off;
		bool has_fp, has_ra;
		uintptr_t cfa;

		out[n++] = pc;
		if (!(via_lib ? sf_lookup_lib : sf_lookup)(intr ? pc : pc - 1, &base, &cfa_off,
							   &fp_off, &has_fp, &ra_off, &has_ra))
			break;
		cfa = (base ? sp : fp) + cfa_off;
		/* arm64 leaves and entries have no frame yet: cfa == sp, the RA in lr */
		if (cfa < sp || (cfa == sp && !intr) || cfa & 7)
			break;
		if (has_fp)
			fp = *(const uintptr_t *)(cfa + fp_off);
		if (has_ra)
			pc = *(const uintptr_t *)(cfa + ra_off);
		else if (!sf_ra_tracked)
			pc = *(const uintptr_t *)(cfa + sf_ra_fixed);
		else if (intr)
			pc = lr;	/* aarch64: RA still in the link register */
		else
			break;
		sp = cfa;
		intr = false;
	}
	return n;
}

static NOINL int m_libsframe(uintptr_t *out, int max, const ucontext_t *uc)
{
	struct cur_regs r;

	if (uc)
		return sf_walk(out, max, UC_PC(uc), UC_SP(uc), UC_FP(uc), UC_LR(uc), true, true);
	CAPTURE(r);
	max++;
	int n = sf_walk(out, max, r.pc, r.sp, r.fp, 0, true, true);
	if (n > 0)
		memmove(out, out + 1, --n * sizeof(*out));
	return n;
}

static const struct method {
	const char *name;
	method_fn fn;
	bool from_handler;	/* runs inside the handler, walks through the signal frame */
} methods[] = {
	{ "fp-raw", m_fp_raw, false },
	{ "backtrace", m_backtrace, true },
	{ "unwind-bt", m_unwind_bt, true },
	{ "unw-backtrace", m_unw_backtrace, true },
	{ "unw-step", m_unw_step, false },
	{ "dwfl", m_dwfl, false },
	{ "sframe-hand", m_sframe_hand, false },
	{ "libsframe", m_libsframe, false },
};
#define NM (sizeof(methods) / sizeof(methods[0]))
static bool method_ok[NM];
static const char *method_off[NM];	/* why a method is not ok */

/*
 * A method whose frames are compared with an offset allowed (reported in
 * the output, "ra_minus_1"): see UNW_BT_RA_MINUS_1 in arch.h.
 */
static bool ra_minus_1(unsigned int m)
{
	return UNW_BT_RA_MINUS_1 && methods[m].fn == m_unw_backtrace;
}

static bool same_pc(unsigned int m, uintptr_t got, uintptr_t want)
{
	return got == want || (ra_minus_1(m) && got + 1 == want);
}

/* ---------------------------------------------------------------- timing */
static uintptr_t truth[MAXF];	/* truth[0]: ra of measure; then one per level */
static unsigned int cur_depth;
static double result_ns[NM][3][RUNS];
static int result_frames[NM][3];
static const char *result_status[NM][3];
static int cur_di;
static volatile int sink;

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* where truth[0..len) appears in out[0..n) (index of truth[0]), or why not */
static const char *check(unsigned int m, const uintptr_t *out, int n, int len, int *at)
{
	int k;

	for (k = 0; k < n && !same_pc(m, out[k], truth[0]); k++)
		;
	if (k == n)
		return n < 3 ? "stopped early" : "wrong";
	for (int i = 0; i < len; i++) {
		if (k + i >= n)
			return "stopped early";
		if (!same_pc(m, out[k + i], truth[i]))
			return "wrong";
	}
	*at = k;
	return NULL;
}

static NOINL void measure(void)
{
	int len = cur_depth + 2;
	static uintptr_t out[MAXF];

	truth[0] = (uintptr_t)__builtin_return_address(0);
	for (unsigned int m = 0; m < NM; m++) {
		int at = 0, n;
		const char *why;

		if (!method_ok[m]) {
			result_status[m][cur_di] = method_off[m];
			continue;
		}
		/* probe: where does the truth start in this method's output? */
		n = methods[m].fn(out, MAXF, NULL);
		why = check(m, out, n, len, &at);
		result_status[m][cur_di] = why ? why : "ok";
		result_frames[m][cur_di] = why ? n : at + len;
	}
	for (int run = 0; run < RUNS; run++) {
		for (unsigned int m = 0; m < NM; m++) {
			int frames = result_frames[m][cur_di], walks;
			uint64_t t0, t1;

			if (strcmp(result_status[m][cur_di], "ok"))
				continue;
			/* ~3 ms per run and method */
			t0 = now_ns();
			methods[m].fn(out, frames, NULL);
			t1 = now_ns();
			walks = (int)(3000000 / (t1 - t0 + 1)) + 1;
			if (walks > 20000)
				walks = 20000;
			t0 = now_ns();
			for (int w = 0; w < walks; w++)
				methods[m].fn(out, frames, NULL);
			t1 = now_ns();
			result_ns[m][cur_di][run] = (double)(t1 - t0) / walks / frames;
		}
	}
}

static NOINL int recurse(unsigned int level)
{
	int r;

	truth[cur_depth - level + 1] = (uintptr_t)__builtin_return_address(0);
	if (level == cur_depth) {
		measure();
		return 0;
	}
	r = recurse(level + 1);
	__asm__ volatile("" ::: "memory");
	sink++;
	return r + 1;
}

/* ---------------------------------------------------------------- async */
#define NSAMP_MAX 20000
static volatile unsigned long spin_sink;
static volatile int stop_spin;

NOINL void spin_c(unsigned long n) { for (unsigned long i = 0; i < n; i++) spin_sink += i; }
NOINL void spin_b(unsigned long n) { spin_c(n); spin_sink++; spin_c(n / 2); spin_sink++; }
NOINL void spin_a(unsigned long n) { spin_b(n); spin_sink++; }
NOINL void spinner(void) { while (!stop_spin) { spin_a(200); spin_c(50); } }

static struct cfiw *cfiw;
static uintptr_t main_lo, main_hi, spin_lo, spin_hi;
static unsigned int async_counts[NM][3];	/* correct, truncated, wrong */
static unsigned int async_lost[NM];	/* of truncated: the interrupted pc never came */
static unsigned int async_samples, async_notruth, async_outside;
static int nsamples;

static uint8_t stack_copy[16384];
static uintptr_t stack_copy_base, stack_copy_len, main_frame_top;

static bool copy_read(uint64_t addr, uint64_t *v, void *ctx)
{
	(void)ctx;
	if (addr < stack_copy_base || addr + 8 > stack_copy_base + stack_copy_len || addr & 7)
		return false;
	memcpy(v, stack_copy + (addr - stack_copy_base), 8);
	return true;
}

static void on_prof(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	uintptr_t pc = UC_PC(uc), sp = UC_SP(uc);
	uint64_t gt[64];
	static uintptr_t out[MAXF];
	struct cfiw_regs r;
	int ng;

	(void)sig; (void)si;
	if (async_samples >= (unsigned int)nsamples) {
		stop_spin = 1;
		return;
	}
	if (pc < spin_lo || pc >= spin_hi) {
		async_outside++;	/* not in the chain's code (libc, the loop's helpers) */
		return;
	}
	async_samples++;
	uc_dwarf_regs(uc, &r);
	stack_copy_base = (sp - RED_ZONE) & ~7ul;	/* a leaf's saved registers may be below sp */
	stack_copy_len = main_frame_top - stack_copy_base;
	if (stack_copy_len > sizeof(stack_copy))
		stack_copy_len = sizeof(stack_copy);
	memcpy(stack_copy, (void *)stack_copy_base, stack_copy_len);
	ng = cfiw_walk(cfiw, &r, copy_read, NULL, main_lo, main_hi, gt, 64);
	if (ng < 0) {
		if (getenv("BENCH_DEBUG") && async_notruth < 5)
			fprintf(stderr, "no truth: pc %lx, failed at line %d pc %lx\n", (unsigned long)pc,
				cfiw_fail_line, (unsigned long)cfiw_fail_pc);
		async_notruth++;
		return;
	}
	for (unsigned int m = 0; m < NM; m++) {
		int n, k = 0, i;

		if (!method_ok[m])
			continue;
		n = methods[m].fn(out, MAXF, uc);
		if (methods[m].from_handler) {	/* skip the handler's frames */
			while (k < n && !same_pc(m, out[k], pc))
				k++;
			if (k == n)	/* did not get through the signal frame */
				async_lost[m]++;
		}
		for (i = 0; i < ng && k + i < n; i++)
			if (!same_pc(m, out[k + i], gt[i]))
				break;
		if (i == ng)
			async_counts[m][0]++;
		else if (k + i >= n)
			async_counts[m][1]++;	/* a correct prefix, then it stopped */
		else
			async_counts[m][2]++;
	}
}

static bool sym_range(const char *name, uintptr_t *lo, uintptr_t *hi)
{
	Dl_info info;
	ElfW(Sym) *sym;
	void *p = dlsym(RTLD_DEFAULT, name);

	if (!p || !dladdr1(p, &info, (void **)&sym, RTLD_DL_SYMENT) || !sym)
		return false;
	*lo = (uintptr_t)p;
	*hi = *lo + sym->st_size;
	return true;
}

int main(int argc, char **argv)
{
	static const unsigned int depths[3] = { 8, 32, 128 };
	const char *mode = argc > 1 ? argv[1] : "time";
	void *libc = dlopen("libc.so.6", RTLD_NOW), *gcc = dlopen("libgcc_s.so.1", RTLD_NOW);
	int err = 0;

	real_backtrace = libc ? dlsym(libc, "backtrace") : NULL;
	real_unwind_backtrace = gcc ? dlsym(gcc, "_Unwind_Backtrace") : NULL;
	real_unwind_getip = gcc ? dlsym(gcc, "_Unwind_GetIP") : NULL;
	method_ok[0] = true;
	method_ok[1] = real_backtrace;
	method_ok[2] = real_unwind_backtrace && real_unwind_getip;
	method_ok[3] = method_ok[4] = true;
	method_ok[5] = dwfl_setup();
	method_ok[6] = HAVE_SFRAME && sframe_setup();
	sfd = sf_sec ? sframe_decode((const char *)sf_sec, sf_size, &err) : NULL;
	method_ok[7] = HAVE_SFRAME && sfd && !err;
	for (unsigned int m = 0; m < NM; m++)
		method_off[m] = "unavailable";
	if (!HAVE_SFRAME)	/* no SFrame ABI for this port in gas (not built with --gsframe) */
		method_off[6] = method_off[7] = "unsupported";

	printf("{\n  \"arch\": \"%s\",\n  \"libraries\": {\"libunwind\": \"%d.%d.%d\", \"elfutils\": \"%s\", \"glibc\": \"%s\"},\n",
	       ARCH_NAME,
	       UNW_VERSION_MAJOR, UNW_VERSION_MINOR, (int)UNW_VERSION_EXTRA, dwfl_version(NULL),
	       gnu_get_libc_version());
	if (!strcmp(mode, "time")) {
		printf("  \"per_frame\": [\n");
		for (cur_di = 0; cur_di < 3; cur_di++) {
			cur_depth = depths[cur_di];
			sink += recurse(0);
			for (unsigned int m = 0; m < NM; m++) {
				double *v = result_ns[m][cur_di];
				bool ok = !strcmp(result_status[m][cur_di], "ok");

				qsort(v, RUNS, sizeof(*v), cmp_d);
				printf("    {\"method\": \"%s\", \"depth\": %u, \"status\": \"%s\", \"frames\": %d%s",
				       methods[m].name, cur_depth, result_status[m][cur_di],
				       result_frames[m][cur_di], ra_minus_1(m) ? ", \"ra_minus_1\": true" : "");
				if (ok)
					printf(", \"ns_per_frame\": {\"median\": %.3f, \"min\": %.3f, \"max\": %.3f}",
					       v[RUNS / 2], v[0], v[RUNS - 1]);
				printf("}%s\n", cur_di == 2 && m == NM - 1 ? "" : ",");
			}
		}
		printf("  ]\n}\n");
		return 0;
	}
	/* async */
	nsamples = argc > 2 ? atoi(argv[2]) : 2000;
	cfiw = cfiw_open("/proc/self/exe");
	if (!cfiw || !sym_range("main", &main_lo, &main_hi)) {
		fprintf(stderr, "peers: no CFI or symbols for ground truth\n");
		return 1;
	}
	{
		uintptr_t lo, hi;
		/* the chain's code: spin_c .. spinner (contiguous in .text, checked) */
		const char *names[] = { "spin_a", "spin_b", "spin_c", "spinner" };

		spin_lo = UINTPTR_MAX; spin_hi = 0;
		for (int i = 0; i < 4; i++) {
			if (!sym_range(names[i], &lo, &hi))
				return 1;
			if (lo < spin_lo) spin_lo = lo;
			if (hi > spin_hi) spin_hi = hi;
		}
	}
	struct sigaction sa = { .sa_sigaction = on_prof, .sa_flags = SA_SIGINFO | SA_RESTART };
	struct itimerval it = { { 0, 997 }, { 0, 997 } };

	/*
	 * main's frame and a little above it: all the truth walk needs (on
	 * s390x spinner saves its registers in main's 160-byte save area)
	 */
	main_frame_top = (uintptr_t)__builtin_frame_address(0) + 256;
	sigaction(SIGPROF, &sa, NULL);
	setitimer(ITIMER_PROF, &it, NULL);
	spinner();
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_PROF, &it, NULL);
	printf("  \"async\": {\"samples\": %u, \"no_truth\": %u, \"outside_chain\": %u, \"methods\": [\n",
	       async_samples, async_notruth, async_outside);
	for (unsigned int m = 0; m < NM; m++) {
		printf("    {\"method\": \"%s\", \"available\": %s,", methods[m].name,
		       method_ok[m] ? "true" : "false");
		if (!method_ok[m])
			printf(" \"status\": \"%s\",", method_off[m]);
		if (async_lost[m])
			printf(" \"no_signal_frame\": %u,", async_lost[m]);
		printf("%s \"correct\": %u, \"truncated\": %u, \"wrong\": %u}%s\n",
		       ra_minus_1(m) ? " \"ra_minus_1\": true," : "", async_counts[m][0],
		       async_counts[m][1], async_counts[m][2], m == NM - 1 ? "" : ",");
	}
	printf("  ]}\n}\n");
	return 0;
}
