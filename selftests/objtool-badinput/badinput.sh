#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Rule 4 of the project: bad input gets a clear error, never a crash, never
# a half-written file.  Prepares the sources (per port with both halves: a
# kit object, the same without ORC, and from arch/<p>/tests/objtool-badinput/
# an object with a hand-written unwind hint and one whose function falls
# through; a corpus kernel module; and small host objects made here with
# the toolchain: a 32-bit object, an executable, a PIE, a shared object, a
# stripped object), then runs badinput.c, which breaks them one way at a
# time and checks what objtool-lite does.
#
# valgrind, when installed, reruns the small cases under
# `valgrind --error-exitcode=99 -q` to catch memory errors that do not crash.
set -euo pipefail
cd "$(dirname "$0")/../.."
O=${O:-build}
OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
here=selftests/objtool-badinput
work=$O/selftests/objtool-badinput
src=$work/src
host=$(scripts/ports.sh host)
strip_orc="-R .orc_unwind -R .orc_unwind_ip -R .rela.orc_unwind_ip -R .orc_header"

[ -x "$OBJTOOL" ] || { echo "no $OBJTOOL (make objtool)"; exit 1; }
ports=$(comm -12 <(scripts/ports.sh where kit yes | sort) <(scripts/ports.sh where objtool yes | sort))
kernel_port=$(scripts/ports.sh where corpus_kernel | head -n 1)
# The largest module of the corpus: the interrupted run needs a write that
# takes long enough to be caught with its temporary in place.
ko=$(ls -S "$O/corpus/$kernel_port"/*.ko 2>/dev/null | head -n 1)
for p in $ports; do
	[ -f "$O/$p/kernel/lib/vsprintf.o" ] ||
		{ echo "missing $O/$p/kernel/lib/vsprintf.o (make check builds the kit)"; exit 1; }
done
[ -n "$ko" ] || { echo "no corpus kernel module (make corpus)"; exit 1; }
[ -f "$O/$host/kernel/lib/vsprintf.o" ] || { echo "no kit object for the host ($host)"; exit 1; }

rm -rf "$work"
mkdir -p "$src"
for p in $ports; do
	cross=$(scripts/ports.sh cross "$p")
	command -v "${cross}gcc" >/dev/null || { echo "${cross}gcc missing (make deps)"; exit 1; }
	cp "$O/$p/kernel/lib/vsprintf.o" "$src/$p.o"
	# A good object without ORC, for the runs that must write (and leave
	# no temporary behind).
	"${cross}objcopy" $strip_orc "$src/$p.o" "$src/noorc-$p.o"
	"${cross}gcc" -I"$here" -c -o "$src/hints-$p.o" "arch/$p/tests/objtool-badinput/hints.S"
	"${cross}gcc" -c -o "$src/fallthrough-$p.o" "arch/$p/tests/objtool-badinput/fallthrough.S"
done
cp "$ko" "$src/module.ko"
objcopy $strip_orc "$ko" "$src/noorc-module.ko"

# objcopy --strip-all drops a relocatable object's symbol table altogether.
objcopy --strip-all "$O/$host/kernel/lib/vsprintf.o" "$src/stripped.o"

# Linked files: an executable, a PIE and a shared object.
printf 'int main(void) { return 0; }\n' >"$src/tiny.c"
gcc -no-pie -o "$src/exec" "$src/tiny.c"
gcc -pie -fPIE -o "$src/pie" "$src/tiny.c"
gcc -shared -fPIC -o "$src/shared.so" "$src/tiny.c"

# A real 32-bit object (gcc -m32 works for code without headers); where
# the compiler has no 32-bit support, flip EI_CLASS of a 64-bit one.
if ! gcc -m32 -c -o "$src/m32.o" "$src/tiny.c" 2>/dev/null; then
	cp "$O/$host/kernel/lib/vsprintf.o" "$src/m32.o"
	printf '\001' | dd of="$src/m32.o" bs=1 seek=4 conv=notrunc status=none
fi

# (the case table leaves trailing fields zero)
gcc -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-missing-field-initializers \
	-o "$work/badinput" "$here/badinput.c"

# An ASan build (make SAN=1) checks memory itself and cannot run under
# valgrind.  (Not "ldd | grep -q": under pipefail, grep's early exit can
# fail ldd with SIGPIPE, and the ASan build was then run under valgrind.)
vg=
if command -v valgrind >/dev/null && ! grep -q libasan <<<"$(ldd "$OBJTOOL" 2>/dev/null)"; then
	vg=--valgrind
fi
# shellcheck disable=SC2086
OBJTOOL=$OBJTOOL "$work/badinput" $vg "$src" "$work/cases" $ports
