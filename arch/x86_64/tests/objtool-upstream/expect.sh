# SPDX-License-Identifier: GPL-2.0
# What selftests/objtool-upstream/compare.sh expects of this port's corpus
# (sourced).  The ORC differences that are explained are listed, one by
# one, in known-differences.tsv beside this file.

# Upstream objtool refuses these two: module linking dropped the
# annotation that marks an intra-function call in .altinstr_replacement
# (see scripts/compare-upstream.sh).  Any other refusal would mean the
# comparison silently lost coverage.
EXPECTED_REFUSED="kvm-amd.ko kvm-intel.ko"

# The modules the mutation tests use: a small one, and one on which
# upstream warns (a missing warning must be caught).
SMALL_MODULE=xts.ko
WARNED_MODULE=poly1305-x86_64.ko
