#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A port is one folder: no architecture name and no arch #if in C, asm,
# shell or make code outside arch/ and bench/ (docs and data files are
# excepted).  Words counted: the port names and their aliases, and the
# compilers' arch macros.
#
# The seam is not finished: selftests/seam/arch-names.known lists the files
# that still name an arch, with how many lines do.  That list only shrinks:
# the test fails (KTAP) when a file not on it names an arch, when a listed
# file names one on more lines than listed, and when a listed file is clean
# (so the list is kept exact).
set -uo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."

words='x86_64|x86|amd64|arm64|aarch64|s390x?|ppc64(le|el)?|powerpc(64)?(le)?|__x86_64__|__aarch64__|__s390x__|__powerpc64__|__PPC64__|EM_X86_64|EM_AARCH64|EM_S390|EM_PPC64'
known=selftests/seam/arch-names.known

count_lines() {	# lines of code files outside arch/ and bench/ naming an arch
	git ls-files -co --exclude-standard -- . ':!arch/**' ':!bench/**' ':!docs/**' |
	grep -E '\.(c|h|S|sh)$|(^|/)Makefile$|\.mk$|^\.ci/run$' |
	grep -v "^$known\$" | grep -v '^selftests/seam/arch-names.sh$' |
	while read -r f; do
		[ "${1:-}" = --files ] && { echo "$f"; continue; }
		[ -f "$f" ] || continue
		n=$(grep -cwE "$words" "$f")
		[ "$n" -gt 0 ] && echo "$f $n"
	done
}

if [ "${1:-}" = --list ]; then count_lines; exit 0; fi

declare -A allowed
while read -r f n; do
	[[ -z $f || $f == \#* ]] && continue
	allowed[$f]=$n
done <"$known"

echo "KTAP version 1"
nr=0 bad=0 total=0
declare -A seen=()
while read -r f n; do
	seen[$f]=1 total=$((total + n))
	nr=$((nr + 1))
	if [ -z "${allowed[$f]:-}" ]; then
		echo "not ok $nr $f names an arch on $n lines (a new leak: move it into arch/<port>/)"
		grep -nwE "$words" "$f" | head -n 5 | sed 's/^/#   /'
		bad=1
	elif [ "$n" -gt "${allowed[$f]}" ]; then
		echo "not ok $nr $f names an arch on $n lines, more than the ${allowed[$f]} known"
		bad=1
	else
		echo "ok $nr $f: $n lines, known ($known)"
	fi
done < <(count_lines)
for f in "${!allowed[@]}"; do
	[ -n "${seen[$f]:-}" ] && continue
	nr=$((nr + 1))
	echo "not ok $nr $f is listed in $known but names no arch now: drop it from the list"
	bad=1
done
if [ "$nr" = 0 ]; then
	scanned=$(count_lines --files | wc -l)
	nr=1
	if [ "$scanned" -gt 100 ]; then
		echo "ok 1 no code outside arch/ and bench/ names an arch ($scanned files read)"
	else
		echo "not ok 1 only $scanned code files found: the scan is broken"
		bad=1
	fi
fi
echo "1..$nr"
echo "# $total lines in ${#seen[@]} files outside arch/ still name an arch"
exit $bad
