// SPDX-License-Identifier: GPL-2.0
/*
 * One run of objtool-lite (objtool_run(), which main.c wraps) and the
 * reset that lets a process run it again (objtool_reset()).  The command
 * line has upstream objtool's shape: actions are options.
 *
 * Exit status: 0 clean; 1 warnings with --werror, or an error in the
 * input; 2 bad usage.  With --werror a warning also means the input is
 * left untouched.  Exit status 1 always comes with an "error:" line.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <objtool/elf.h>
#include <objtool/warn.h>

#include "passes.h"

static struct objtool_opts opts;

enum { OPT_MODULE = 256, OPT_LINK, OPT_WERROR, OPT_BACKTRACE, OPT_STATS,
       OPT_NO_UNREACHABLE, OPT_DUMP, OPT_JSON, OPT_CHECK_CFI, OPT_DISAS,
       OPT_DRY_RUN, OPT_HACKS, OPT_IBT, OPT_CFI, OPT_MNOP, OPT_RETPOLINE,
       OPT_RETHUNK, OPT_SLS, OPT_STATIC_CALL, OPT_UACCESS, OPT_PREFIX,
       OPT_NOINSTR, OPT_UNRET };

static const struct option_desc {
	struct option opt;
	const char *help;
} options[] = {
	{ { "stackval", no_argument, NULL, 's' }, "validate frame pointer rules" },
	{ { "orc", no_argument, NULL, 'o' }, "generate ORC metadata" },
	{ { "mcount", no_argument, NULL, 'm' }, "annotate mcount/fentry calls for ftrace" },
	{ { "module", no_argument, NULL, OPT_MODULE }, "object is part of a kernel module" },
	{ { "link", no_argument, NULL, OPT_LINK }, "object is a linked object" },
	{ { "werror", no_argument, NULL, OPT_WERROR }, "treat warnings as errors" },
	{ { "backtrace", no_argument, NULL, OPT_BACKTRACE }, "show the path that led to a warning" },
	{ { "stats", no_argument, NULL, OPT_STATS }, "print statistics" },
	{ { "no-unreachable", no_argument, NULL, OPT_NO_UNREACHABLE }, "skip 'unreachable instruction' warnings" },
	{ { "dump", optional_argument, NULL, OPT_DUMP }, "dump metadata (=orc)" },
	{ { "json", no_argument, NULL, OPT_JSON }, "with --dump: one JSON object per entry" },
	{ { "check-cfi", no_argument, NULL, OPT_CHECK_CFI }, "compare the stack state with the object's DWARF CFI" },
	{ { "disas", required_argument, NULL, OPT_DISAS }, "print a function with the stack state per instruction" },
	{ { "dry-run", no_argument, NULL, OPT_DRY_RUN }, "don't write modifications" },
	{ { "verbose", no_argument, NULL, 'v' }, "verbose warnings, internal error locations" },
	/* kbuild 6.12's options (docs/kbuild.md): see kbuild_option() */
	{ { "hacks", optional_argument, NULL, OPT_HACKS }, "jump_label,noinstr,skylake (kbuild; none given: all)" },
	{ { "retpoline", no_argument, NULL, OPT_RETPOLINE }, "list retpoline call sites, warn on indirect branches" },
	{ { "rethunk", no_argument, NULL, OPT_RETHUNK }, "list return thunk sites, warn on bare returns" },
	{ { "sls", no_argument, NULL, OPT_SLS }, "warn on a return or indirect jump without int3 after it" },
	{ { "ibt", no_argument, NULL, OPT_IBT }, "validate ENDBR use, list unused ENDBRs in .ibt_endbr_seal" },
	{ { "cfi", no_argument, NULL, OPT_CFI }, "list kCFI preambles (__cfi_ symbols) in .cfi_sites" },
	{ { "mnop", no_argument, NULL, OPT_MNOP }, "with --mcount: the ftrace calls become NOPs" },
	{ { "static-call", no_argument, NULL, OPT_STATIC_CALL }, "list static call sites in .static_call_sites" },
	{ { "uaccess", no_argument, NULL, OPT_UACCESS }, "validate user access (stac/clac) windows" },
	{ { "prefix", required_argument, NULL, OPT_PREFIX }, "__pfx_ symbols for N bytes of NOPs before functions" },
	{ { "noinstr", no_argument, NULL, OPT_NOINSTR }, "validate that noinstr text calls only noinstr text" },
	{ { "unret", no_argument, NULL, OPT_UNRET }, "validate that entry code untrains before returning" },
	{ { "help", no_argument, NULL, 'h' }, "this text" },
};

#define NR_OPTIONS (sizeof(options) / sizeof(options[0]))

static void usage(FILE *f)
{
	fprintf(f, "\n Usage: objtool-lite <actions> [<options>] file.o\n\n");
	for (size_t i = 0; i < NR_OPTIONS; i++) {
		const struct option *o = &options[i].opt;
		char name[40];

		snprintf(name, sizeof(name), "--%s%s", o->name,
			 o->has_arg == required_argument ? "=<arg>" :
			 o->has_arg == optional_argument ? "[=<arg>]" : "");
		fprintf(f, "    %-24s %s\n", name, options[i].help);
	}
	fputs("\n Supported machines:", f);
	for (const struct objtool_arch *const *a = objtool_arches; *a; a++)
		fprintf(f, " %s", (*a)->name);
	fputs("\n\n", f);
}

static int parse_one_hack(const char *all, const char *arg, size_t len)
{
	if (len == 10 && !strncmp(arg, "jump_label", len))
		opts.hack_jump_label = true;
	else if (len == 7 && !strncmp(arg, "skylake", len))
		opts.hack_skylake = true;
	else if (len == 7 && !strncmp(arg, "noinstr", len))
		opts.hack_noinstr = true;
	else {
		fprintf(stderr, "objtool-lite: --hacks=%s: unknown hack '%.*s' (jump_label, noinstr, skylake)\n",
			all, (int)len, arg);
		return -1;
	}
	return 0;
}

/* Upstream's forms: --hacks (all of them) or a comma-separated list. */
static int parse_hack(const char *arg)
{
	if (!arg)
		return parse_one_hack("", "jump_label", 10) || parse_one_hack("", "noinstr", 7) ||
		       parse_one_hack("", "skylake", 7);
	for (const char *p = arg;;) {
		size_t len = strcspn(p, ",");

		if (parse_one_hack(arg, p, len))
			return -1;
		if (!p[len])
			return 0;
		p += len + 1;
	}
}

/* --prefix=N as kbuild passes it (CONFIG_FUNCTION_PADDING_BYTES): 1..64 */
static int parse_prefix(const char *arg)
{
	char *end;
	long n = strtol(arg, &end, 10);

	if (!*arg || *end || n < 1 || n > 64) {
		fprintf(stderr, "objtool-lite: --prefix=%s: expected a number of bytes, 1 to 64\n", arg);
		return -1;
	}
	opts.prefix = n;
	return 0;
}

static int kbuild_option(int c)
{
	switch (c) {
	case OPT_HACKS: return parse_hack(optarg);
	case OPT_RETPOLINE: opts.retpoline = true; return 0;
	case OPT_RETHUNK: opts.rethunk = true; return 0;
	case OPT_SLS: opts.sls = true; return 0;
	case OPT_IBT: opts.ibt = true; return 0;
	case OPT_CFI: opts.cfi = true; return 0;
	case OPT_MNOP: opts.mnop = true; return 0;
	case OPT_STATIC_CALL: opts.static_call = true; return 0;
	case OPT_UACCESS: opts.uaccess = true; return 0;
	case OPT_PREFIX: return parse_prefix(optarg);
	case OPT_NOINSTR: opts.noinstr = true; return 0;
	case OPT_UNRET: opts.unret = true; return 0;
	}
	return 1;
}

static int parse_options(int argc, char **argv)
{
	struct option longopts[NR_OPTIONS + 1];
	int c;

	for (size_t i = 0; i < NR_OPTIONS; i++)
		longopts[i] = options[i].opt;
	memset(&longopts[NR_OPTIONS], 0, sizeof(longopts[0]));

	while ((c = getopt_long(argc, argv, "somvh", longopts, NULL)) != -1) {
		switch (c) {
		case 's': opts.stackval = true; break;
		case 'o': opts.orc = true; break;
		case 'm': opts.mcount = true; break;
		case 'v': opts.verbose = verbose_errors = true; break;
		case OPT_MODULE: opts.module = true; break;
		case OPT_LINK: opts.link = true; break;
		case OPT_WERROR: opts.werror = true; break;
		case OPT_BACKTRACE: opts.backtrace = true; break;
		case OPT_STATS: opts.stats = true; break;
		case OPT_NO_UNREACHABLE: opts.no_unreachable = true; break;
		case OPT_JSON: opts.json = true; break;
		case OPT_CHECK_CFI: opts.check_cfi = true; break;
		case OPT_DRY_RUN: opts.dry_run = true; break;
		case OPT_DISAS: opts.disas = optarg; break;
		case OPT_DUMP:
			opts.dump = optarg ? optarg : "orc";
			if (strcmp(opts.dump, "orc")) {
				fprintf(stderr, "objtool-lite: --dump supports only 'orc'\n");
				return -1;
			}
			break;
		case 'h':
			/* a return, not exit(): the caller may be a longer-lived process */
			usage(stdout);
			return 1;
		case '?':
			/* getopt_long named the option; say what we are */
			fprintf(stderr, "objtool-lite: unknown option %s (see --help)\n",
				argv[optind - 1]);
			return -1;
		default:
			if (kbuild_option(c))
				return -1;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "objtool-lite: exactly one object file expected\n");
		usage(stderr);
		return -1;
	}
	/* upstream's rule, which it applies only here: --unret is no action */
	if (opts.unret && !opts.rethunk && !opts.dump && !opts.stackval && !opts.orc &&
	    !opts.mcount && !opts.retpoline && !opts.sls && !opts.hack_jump_label &&
	    !opts.hack_noinstr && !opts.ibt && !opts.static_call && !opts.uaccess &&
	    !opts.noinstr) {
		fprintf(stderr, "objtool-lite: --unret requires --rethunk\n");
		return -1;
	}
	if (!opts.dump && !opts.stackval && !opts.orc && !opts.mcount &&
	    !opts.check_cfi && !opts.disas && !opts.retpoline && !opts.rethunk &&
	    !opts.sls && !opts.hack_jump_label && !opts.hack_skylake &&
	    !opts.hack_noinstr && !opts.ibt && !opts.static_call && !opts.uaccess &&
	    !opts.noinstr) {
		fprintf(stderr, "objtool-lite: no action given (--stackval, --orc, --mcount, --check-cfi, --disas, --dump)\n");
		return -1;
	}
	if (opts.mnop && !opts.mcount) {
		fprintf(stderr, "objtool-lite: --mnop requires --mcount\n");
		return -1;
	}
	/*
	 * As upstream: a reference may come from another file of the link
	 * (--ibt), and a callee's section is known only once it is linked in
	 * (--noinstr).
	 */
	if (opts.ibt && !opts.link) {
		fprintf(stderr, "objtool-lite: --ibt requires --link\n");
		return -1;
	}
	if (opts.noinstr && !opts.link) {
		fprintf(stderr, "objtool-lite: --noinstr requires --link\n");
		return -1;
	}
	if (opts.unret && !opts.link) {
		fprintf(stderr, "objtool-lite: --unret requires --link\n");
		return -1;
	}
	if (opts.json && !opts.dump) {
		fprintf(stderr, "objtool-lite: --json goes with --dump\n");
		return -1;
	}
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int analyse(struct objtool_file *file)
{
	unsigned long since;

	/* --link, as upstream's, means vmlinux.o: still relocatable */
	if (file->ehdr.e_type != ET_REL) {
		ERROR("%s: not a relocatable object (ELF type %u): objtool-lite annotates .o/.ko files",
		      file->path, file->ehdr.e_type);
		return -1;
	}
	if (decode_sections(file) || (opts.ibt && ibt_read_noendbr(file)) ||
	    add_branches(file) || (opts.hack_noinstr && noinstr_hack(file)) ||
	    add_special(file) || add_hints(file) || sites_read_hints(file))
		return -1;
	if (opts.ibt)
		ibt_check_hints(file);
	if (add_reachable(file) || mark_noreturns(file) ||
	    (opts.uaccess && uaccess_mark_safe(file)) || (opts.noinstr && noinstr_read(file)) ||
	    (opts.unret && unret_read(file)))
		return -1;
	/* upstream's order: the retpoline check, the walk, the others */
	since = file->warnings;
	if ((opts.retpoline && sites_check(file, CHECK_RETPOLINE)) || check_file(file, since))
		return -1;
	if (opts.check_cfi && check_cfi(file))
		return -1;
	if (opts.disas && disas_func(file, opts.disas))
		return -1;
	if ((opts.unret && unret_check(file)) || (opts.ibt && ibt_check(file)) ||
	    (opts.sls && sites_check(file, CHECK_SLS)))
		return -1;
	if (opts.werror && file->warnings)
		return 0;	/* nothing is written: the build stops here */
	/* first: it lists symbols in table order, before any are added */
	if (opts.cfi && kcfi_create(file))
		return -1;
	if (opts.static_call && static_call_create(file))
		return -1;
	/* before ORC: the padding gets its function's entry state */
	if (opts.prefix && prefix_create(file))
		return -1;
	if (opts.ibt && ibt_seal_create(file))
		return -1;
	if (opts.orc && orc_create(file))
		return -1;
	if (opts.mcount && mcount_create(file))
		return -1;
	if (sites_create(file) || (opts.hack_jump_label && jump_label_nops(file)))
		return -1;
	return 0;
}

static void print_stats(const struct objtool_file *file, double secs)
{
	fprintf(stderr,
		"%s: stats: insns=%lu funcs=%lu orc_entries=%lu mcount=%lu cfi_states=%lu warnings=%lu time=%.3fs\n",
		objname, file->nr_insns, file->nr_funcs_checked, file->nr_orc_entries,
		file->nr_mcount, cfi_interned_count(), file->warnings, secs);
}

/*
 * A build log is read from the error up: the failing run says so in an
 * "error:" line even when the cause was printed as a warning.
 */
static int exit_status(const struct objtool_file *file, int ret, bool writable)
{
	const char *unchanged = writable ? "; the file is left unchanged" : "";

	if (ret) {
		if (!nr_errors)
			ERROR("%s: failed after the message above%s", objname, unchanged);
		return 1;
	}
	if (opts.werror && file->warnings) {
		ERROR("%s: %lu warning%s, fatal with --werror%s", objname,
		      file->warnings, file->warnings == 1 ? "" : "s", unchanged);
		return 1;
	}
	return 0;
}

int objtool_run(int argc, char **argv)
{
	struct objtool_file file = { .opts = &opts, .fd = -1 };
	bool writable, nothing = false;
	double start = now();
	int ret;

	/* a port with a gap fails every run, the build's first one included */
	if (arch_check())
		return 1;
	ret = parse_options(argc, argv);
	if (ret)
		return ret > 0 ? 0 : 2;	/* --help, or bad usage */
	objname = argv[optind];
	writable = (opts.orc || opts.mcount || opts.retpoline || opts.rethunk ||
		    opts.hack_jump_label || opts.hack_skylake || opts.hack_noinstr ||
		    opts.ibt || opts.static_call || opts.prefix || opts.cfi) &&
		   !opts.dry_run && !opts.dump;

	ret = elf_open_file(&file, objname, writable);
	if (ret > 0) {		/* no code here (LTO): said so, not an error */
		nothing = true;
		ret = 0;
	} else if (!ret)
		ret = opts.dump ? orc_dump(&file) : analyse(&file);
	if (!ret && !nothing && !(opts.werror && file.warnings))
		ret = elf_write_file(&file);
	if (opts.stats)
		print_stats(&file, now() - start);
	noinstr_release(&file);
	decode_release(&file);
	elf_close_file(&file);
	return exit_status(&file, ret, writable);
}

/*
 * Every piece of state that outlives a run goes back to its initial
 * value: the options, getopt's scan, the diagnostics' counters, the
 * interned stack states, the symbol-name table, the pending temporary and
 * the signal actions, and every port's caches (->reset).  The caches are
 * keyed by file and section pointers that the next run may get again for
 * other objects: without this a second run could read the first one's.
 * What a run allocated and did not free is not dropped here: see
 * fuzz/README.md.
 */
void objtool_reset(void)
{
	memset(&opts, 0, sizeof(opts));
	/* glibc: 0, not 1, also restarts the scan inside a bundle (-so) */
	optind = 0;
	optarg = NULL;
	warn_reset();
	cfi_reset();
	elf_reset();
	for (const struct objtool_arch *const *a = objtool_arches; *a; a++)
		(*a)->reset();
}
