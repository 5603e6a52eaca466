// SPDX-License-Identifier: GPL-2.0
/*
 * --uaccess on x86_64: the functions that may run between stac and clac.
 * Code with user access allowed (EFLAGS.AC set) may call only these: the
 * sanitizers' and tracers' hooks the compiler inserts into any code, and
 * the copy routines that do the user access themselves.  They must not
 * change AC (they may save and restore the flags), and they return with
 * user access still allowed.  The names are upstream objtool 6.12's list;
 * a name that the object does not contain is skipped.
 */
#include "x86.h"

const char *const x86_uaccess_safe[] = {
	/* KASAN reports and checks (outline and inline) */
	"kasan_report", "kasan_check_range", "__asan_loadN_noabort",
	"__asan_load1_noabort", "__asan_load2_noabort", "__asan_load4_noabort",
	"__asan_load8_noabort", "__asan_load16_noabort",
	"__asan_storeN_noabort", "__asan_store1_noabort",
	"__asan_store2_noabort", "__asan_store4_noabort",
	"__asan_store8_noabort", "__asan_store16_noabort",
	"__kasan_check_read", "__kasan_check_write",
	"__asan_report_load_n_noabort", "__asan_report_load1_noabort",
	"__asan_report_load2_noabort", "__asan_report_load4_noabort",
	"__asan_report_load8_noabort", "__asan_report_load16_noabort",
	"__asan_report_store_n_noabort", "__asan_report_store1_noabort",
	"__asan_report_store2_noabort", "__asan_report_store4_noabort",
	"__asan_report_store8_noabort", "__asan_report_store16_noabort",
	/* KCSAN and its compiler hooks */
	"__kcsan_check_access", "__kcsan_mb", "__kcsan_wmb", "__kcsan_rmb",
	"__kcsan_release", "kcsan_found_watchpoint", "kcsan_setup_watchpoint",
	"kcsan_check_scoped_accesses", "kcsan_disable_current",
	"kcsan_enable_current_nowarn", "__tsan_func_entry", "__tsan_func_exit",
	"__tsan_read_range", "__tsan_write_range", "__tsan_read1",
	"__tsan_read2", "__tsan_read4", "__tsan_read8", "__tsan_read16",
	"__tsan_write1", "__tsan_write2", "__tsan_write4", "__tsan_write8",
	"__tsan_write16", "__tsan_read_write1", "__tsan_read_write2",
	"__tsan_read_write4", "__tsan_read_write8", "__tsan_read_write16",
	"__tsan_volatile_read1", "__tsan_volatile_read2",
	"__tsan_volatile_read4", "__tsan_volatile_read8",
	"__tsan_volatile_read16", "__tsan_volatile_write1",
	"__tsan_volatile_write2", "__tsan_volatile_write4",
	"__tsan_volatile_write8", "__tsan_volatile_write16",
	"__tsan_atomic8_load", "__tsan_atomic16_load", "__tsan_atomic32_load",
	"__tsan_atomic64_load", "__tsan_atomic8_store",
	"__tsan_atomic16_store", "__tsan_atomic32_store",
	"__tsan_atomic64_store", "__tsan_atomic8_exchange",
	"__tsan_atomic16_exchange", "__tsan_atomic32_exchange",
	"__tsan_atomic64_exchange", "__tsan_atomic8_fetch_add",
	"__tsan_atomic16_fetch_add", "__tsan_atomic32_fetch_add",
	"__tsan_atomic64_fetch_add", "__tsan_atomic8_fetch_sub",
	"__tsan_atomic16_fetch_sub", "__tsan_atomic32_fetch_sub",
	"__tsan_atomic64_fetch_sub", "__tsan_atomic8_fetch_and",
	"__tsan_atomic16_fetch_and", "__tsan_atomic32_fetch_and",
	"__tsan_atomic64_fetch_and", "__tsan_atomic8_fetch_or",
	"__tsan_atomic16_fetch_or", "__tsan_atomic32_fetch_or",
	"__tsan_atomic64_fetch_or", "__tsan_atomic8_fetch_xor",
	"__tsan_atomic16_fetch_xor", "__tsan_atomic32_fetch_xor",
	"__tsan_atomic64_fetch_xor", "__tsan_atomic8_fetch_nand",
	"__tsan_atomic16_fetch_nand", "__tsan_atomic32_fetch_nand",
	"__tsan_atomic64_fetch_nand", "__tsan_atomic8_compare_exchange_strong",
	"__tsan_atomic16_compare_exchange_strong",
	"__tsan_atomic32_compare_exchange_strong",
	"__tsan_atomic64_compare_exchange_strong",
	"__tsan_atomic8_compare_exchange_weak",
	"__tsan_atomic16_compare_exchange_weak",
	"__tsan_atomic32_compare_exchange_weak",
	"__tsan_atomic64_compare_exchange_weak",
	"__tsan_atomic8_compare_exchange_val",
	"__tsan_atomic16_compare_exchange_val",
	"__tsan_atomic32_compare_exchange_val",
	"__tsan_atomic64_compare_exchange_val", "__tsan_atomic_thread_fence",
	"__tsan_atomic_signal_fence", "__tsan_unaligned_read16",
	"__tsan_unaligned_write16",
	/* KCOV */
	"write_comp_data", "check_kcov_mode", "__sanitizer_cov_trace_pc",
	"__sanitizer_cov_trace_const_cmp1", "__sanitizer_cov_trace_const_cmp2",
	"__sanitizer_cov_trace_const_cmp4", "__sanitizer_cov_trace_const_cmp8",
	"__sanitizer_cov_trace_cmp1", "__sanitizer_cov_trace_cmp2",
	"__sanitizer_cov_trace_cmp4", "__sanitizer_cov_trace_cmp8",
	"__sanitizer_cov_trace_switch",
	/* KMSAN */
	"kmsan_copy_to_user", "kmsan_disable_current", "kmsan_enable_current",
	"kmsan_report", "kmsan_unpoison_entry_regs", "kmsan_unpoison_memory",
	"__msan_chain_origin", "__msan_get_context_state",
	"__msan_instrument_asm_store", "__msan_metadata_ptr_for_load_1",
	"__msan_metadata_ptr_for_load_2", "__msan_metadata_ptr_for_load_4",
	"__msan_metadata_ptr_for_load_8", "__msan_metadata_ptr_for_load_n",
	"__msan_metadata_ptr_for_store_1", "__msan_metadata_ptr_for_store_2",
	"__msan_metadata_ptr_for_store_4", "__msan_metadata_ptr_for_store_8",
	"__msan_metadata_ptr_for_store_n", "__msan_poison_alloca",
	"__msan_warning",
	/* UBSAN */
	"ubsan_type_mismatch_common", "__ubsan_handle_type_mismatch",
	"__ubsan_handle_type_mismatch_v1",
	"__ubsan_handle_shift_out_of_bounds",
	"__ubsan_handle_load_invalid_value",
	/* stack tracking, branch profiling, stack protector */
	"stackleak_track_stack", "ftrace_likely_update", "__stack_chk_fail",
	/* x86 copy and checksum routines that run inside a user access */
	"csum_partial_copy_generic", "copy_mc_fragile",
	"copy_mc_fragile_handle_tail", "copy_mc_enhanced_fast_string",
	"rep_stos_alternative", "rep_movs_alternative", "copy_to_nontemporal",
	NULL,
};
