# SPDX-License-Identifier: GPL-2.0
#
# Shared by read.sh and write.sh: the port's toolchain, a work directory,
# the objects both build with it, and small assertions.  Sourced from the
# repository root with ARCH, O and OBJTOOL set (selftests/run.sh).
set -uo pipefail
export LC_ALL=C
ARCH=${ARCH:?}
O=${O:-build}
OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
[ -x "$OBJTOOL" ] || { echo "no $OBJTOOL (make objtool)"; exit 1; }
OBJTOOL=$(realpath "$OBJTOOL")
cross=$(scripts/ports.sh cross "$ARCH")
CC=${cross}gcc
OBJDUMP=${cross}objdump
READELF=${cross}readelf
command -v "$CC" >/dev/null || { echo "no $CC (make deps)"; exit 1; }
here=$PWD/selftests/objtool-files

. selftests/lib/ktap.sh

# The port's kernel flags, and none of its unwind tables: the assembler
# then makes no section symbols, so objtool-lite must add one per section.
CFLAGS="$(scripts/ports.sh get "$ARCH" cflags) -O2 -fno-pic -ffunction-sections \
-fno-asynchronous-unwind-tables -fno-omit-frame-pointer"

# gen_c FILE N: N small functions, each calling the one before (relocations
# against globals, which move when section symbols are added) and touching
# a global variable.
gen_c() {
	local i
	{
		echo "extern int ext(int); int counter;"
		echo "int f0(int x) { counter++; return ext(x) + 3; }"
		for ((i = 1; i < $2; i++)); do
			echo "int f$i(int x) { counter += $i; return f$((i - 1))(x) * $((i + 2)) + $i; }"
		done
	} >"$1"
}

# Temporaries objtool-lite left in DIR (none expected, ever).
temps_in() {
	find "$1" -maxdepth 1 -name '*.objtool-*' | wc -l
}

# has_sec FILE SECTION
has_sec() {	# not "| grep -q": under pipefail, readelf's SIGPIPE fails it
	"$READELF" -SW "$1" 2>/dev/null | grep -c " $2 " >/dev/null
}

# expect WHAT RC_WANTED RC_GOT ERRFILE [KEYWORDS]: status and stderr words
expect() {
	local what=$1 want=$2 got=$3 err=$4 words=${5:-}
	report "$([ "$got" = "$want" ] && echo 0 || echo 1)" "$what: exit $want (got $got)"
	if [ -n "$words" ]; then
		grep -qF -- "$words" "$err"
		report $? "$what: stderr says '$words'"
	fi
}
