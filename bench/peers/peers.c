// SPDX-License-Identifier: GPL-2.0
/*
 * The unwinders people use today, on the kit benchmark's call chain shape,
 * in one process: natively on the host's port; on another port built with
 * its cross compiler against Debian's libraries of that port
 * (bench/scripts/fetch-port-libs.sh) and run under its qemu-user (counts
 * meaningful, times emulated):
 *
 *   fp-raw        the rbp chain, no checks (the floor)
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

/* registers of the current frame (of the caller of this macro's function) */
struct cur_regs { uintptr_t pc, sp, fp; };
#if defined(__x86_64__)
#define UC_PC(uc)	((uintptr_t)(uc)->uc_mcontext.gregs[REG_RIP])
#define UC_SP(uc)	((uintptr_t)(uc)->uc_mcontext.gregs[REG_RSP])
#define UC_FP(uc)	((uintptr_t)(uc)->uc_mcontext.gregs[REG_RBP])
#define UC_LR(uc)	((uintptr_t)0)
#define CAPTURE(r) __asm__ volatile("lea 0(%%rip), %0\n\tmov %%rsp, %1\n\tmov %%rbp, %2" \
				    : "=r"((r).pc), "=r"((r).sp), "=r"((r).fp))
/* DWARF register numbers elfutils takes for the initial frame */
#define DW_NREGS	17
#define DW_FP		6
#define DW_SP		7
#define DW_PC		16
#elif defined(__aarch64__)
#define UC_PC(uc)	((uintptr_t)(uc)->uc_mcontext.pc)
#define UC_SP(uc)	((uintptr_t)(uc)->uc_mcontext.sp)
#define UC_FP(uc)	((uintptr_t)(uc)->uc_mcontext.regs[29])
#define UC_LR(uc)	((uintptr_t)(uc)->uc_mcontext.regs[30])
#define CAPTURE(r) __asm__ volatile("adr %0, .\n\tmov %1, sp\n\tmov %2, x29" \
				    : "=r"((r).pc), "=r"((r).sp), "=r"((r).fp))
/* x0..x30, sp (31); the pc is passed separately */
#define DW_NREGS	32
#define DW_FP		29
#define DW_SP		31
#define DW_PC		32
#else
#error "peers: x86_64 or arm64"
#endif

/* ---- fp-raw */
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

static NOINL int m_unw_step(uintptr_t *out, int max, const ucontext_t *uc)
{
	unw_context_t ctx;
	unw_cursor_t cur;
	unw_word_t ip;
	int n = 0;

	if (uc) {
		if (unw_init_local2(&cur, (unw_context_t *)uc, UNW_INIT_SIGNAL_FRAME) < 0)
			return 0;
	} else {
		unw_getcontext(&ctx);
		if (unw_init_local(&cur, &ctx) < 0)
			return 0;
	}
	do {
		if (unw_get_reg(&cur, UNW_REG_IP, &ip) < 0 || !ip)
			break;
		out[n++] = ip;
	} while (n < max && unw_step(&cur) > 0);
	return n;
}

/* ---- libdwfl on our own process: memory read directly, regs given */
static Dwfl *dwfl;
static Dwarf_Word dwfl_init_regs[DW_PC + 1];
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
	(void)arg;
	return dwfl_thread_state_registers(t, 0, DW_NREGS, dwfl_init_regs) &&
	       (dwfl_thread_state_register_pc(t, dwfl_init_regs[DW_PC]), true);
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

	memset(dwfl_init_regs, 0, sizeof(dwfl_init_regs));
	if (uc) {
#if defined(__x86_64__)
		const greg_t *g = uc->uc_mcontext.gregs;
		static const int map[17] = { REG_RAX, REG_RDX, REG_RCX, REG_RBX, REG_RSI, REG_RDI,
			REG_RBP, REG_RSP, REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13,
			REG_R14, REG_R15, REG_RIP };

		for (int i = 0; i < 17; i++)
			dwfl_init_regs[i] = g[map[i]];
#else
		for (int i = 0; i < 31; i++)
			dwfl_init_regs[i] = uc->uc_mcontext.regs[i];
		dwfl_init_regs[DW_SP] = UC_SP(uc);
		dwfl_init_regs[DW_PC] = UC_PC(uc);
#endif
	} else {
		struct cur_regs r;

		CAPTURE(r);
		dwfl_init_regs[DW_FP] = r.fp;
		dwfl_init_regs[DW_SP] = r.sp;
		dwfl_init_regs[DW_PC] = r.pc;
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

/*
 * libunwind 1.6's aarch64 unw_backtrace (its fast trace, src/aarch64/Gtrace.c)
 * returns each caller's return address minus 1, where every other method
 * returns the return address: that method's frames are compared with that
 * offset allowed (it is reported in the output, "ra_minus_1").
 */
static bool ra_minus_1(unsigned int m)
{
#if defined(__aarch64__)
	return methods[m].fn == m_unw_backtrace;
#else
	(void)m;
	return false;
#endif
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
			result_status[m][cur_di] = "unavailable";
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
	struct cfiw_regs r = { pc, sp, UC_FP(uc), UC_LR(uc) };
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
	stack_copy_base = sp & ~7ul;
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
		if (methods[m].from_handler)	/* skip the handler's frames */
			while (k < n && !same_pc(m, out[k], pc))
				k++;
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
	method_ok[6] = sframe_setup();
	sfd = sf_sec ? sframe_decode((const char *)sf_sec, sf_size, &err) : NULL;
	method_ok[7] = sfd && !err;

	printf("{\n  \"arch\": \"%s\",\n  \"libraries\": {\"libunwind\": \"%d.%d.%d\", \"elfutils\": \"%s\", \"glibc\": \"%s\"},\n",
#if defined(__aarch64__)
	       "arm64",
#else
	       "x86_64",
#endif
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

	/* main's frame and a little above it: all the truth walk needs */
	main_frame_top = (uintptr_t)__builtin_frame_address(0) + 64;
	sigaction(SIGPROF, &sa, NULL);
	setitimer(ITIMER_PROF, &it, NULL);
	spinner();
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_PROF, &it, NULL);
	printf("  \"async\": {\"samples\": %u, \"no_truth\": %u, \"outside_chain\": %u, \"methods\": [\n",
	       async_samples, async_notruth, async_outside);
	for (unsigned int m = 0; m < NM; m++)
		printf("    {\"method\": \"%s\", \"available\": %s,%s \"correct\": %u, \"truncated\": %u, \"wrong\": %u}%s\n",
		       methods[m].name, method_ok[m] ? "true" : "false",
		       ra_minus_1(m) ? " \"ra_minus_1\": true," : "", async_counts[m][0],
		       async_counts[m][1], async_counts[m][2], m == NM - 1 ? "" : ",");
	printf("  ]}\n}\n");
	return 0;
}
