#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Rule 4 of the project: bad input gets a clear error, never a crash, never
# a half-written file.  Prepares the sources (kit objects for x86_64 and
# arm64, one corpus module, and small objects made here with the toolchain:
# a 32-bit object, an executable, a PIE, a shared object, a stripped object,
# unwind hints, a function that falls through), then runs badinput.c, which
# breaks them one way at a time and checks what objtool-lite does.
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

[ -x "$OBJTOOL" ] || { echo "no $OBJTOOL (make objtool)"; exit 1; }
x86=$O/x86_64/kernel/lib/vsprintf.o
a64=$O/arm64/kernel/lib/vsprintf.o
ko=$O/corpus/x86_64/xfs.ko
for f in "$x86" "$a64" "$ko"; do
	[ -f "$f" ] || { echo "missing $f (make check builds the kit and fetches the corpus)"; exit 1; }
done
command -v aarch64-linux-gnu-gcc >/dev/null || { echo "aarch64-linux-gnu-gcc missing (make deps)"; exit 1; }

rm -rf "$work"
mkdir -p "$src"
cp "$x86" "$src/x86_64.o"
cp "$a64" "$src/arm64.o"
cp "$ko" "$src/module.ko"

# Good objects without ORC, for the runs that must write (and leave no
# temporary behind): the same objects with their ORC sections removed.
strip_orc="-R .orc_unwind -R .orc_unwind_ip -R .rela.orc_unwind_ip -R .orc_header"
objcopy $strip_orc "$x86" "$src/noorc-x86_64.o"
aarch64-linux-gnu-objcopy $strip_orc "$a64" "$src/noorc-arm64.o"
objcopy $strip_orc "$ko" "$src/noorc-module.ko"

# objcopy --strip-all drops a relocatable object's symbol table altogether.
objcopy --strip-all "$x86" "$src/stripped.o"

# Linked files: an executable, a PIE and a shared object.
printf 'int main(void) { return 0; }\n' >"$src/tiny.c"
gcc -no-pie -o "$src/exec" "$src/tiny.c"
gcc -pie -fPIE -o "$src/pie" "$src/tiny.c"
gcc -shared -fPIC -o "$src/shared.so" "$src/tiny.c"

# A real 32-bit object (gcc -m32 works for code without headers); where
# the compiler has no 32-bit support, flip EI_CLASS of a 64-bit one.
if ! gcc -m32 -c -o "$src/m32.o" "$src/tiny.c" 2>/dev/null; then
	cp "$x86" "$src/m32.o"
	printf '\001' | dd of="$src/m32.o" bs=1 seek=4 conv=notrunc status=none
fi

# Hand-written asm: unwind hints (Linux 6.12 record layout, 12 bytes), and
# a function that falls through into the next one (no ret).
gcc -c -o "$src/hints-x86_64.o" -x assembler - <<'EOF'
	.text
	.globl entry
	.type entry, @function
entry:
1:	nop
	.pushsection .discard.unwind_hints, "a"
	.long 1b - .
	.short 0
	.byte 0, 1, 0, 0, 0, 0
	.popsection
	ud2
	.size entry, . - entry
EOF
aarch64-linux-gnu-gcc -c -o "$src/hints-arm64.o" -x assembler - <<'EOF'
	.text
	.globl entry
	.type entry, %function
entry:
1:	nop
	.pushsection .discard.unwind_hints, "a"
	.long 1b - .
	.short 0
	.byte 0, 1, 0, 0, 0, 0
	.popsection
	brk #0x800
	.size entry, . - entry
EOF
gcc -c -o "$src/fallthrough-x86_64.o" -x assembler - <<'EOF'
	.text
	.globl first, second
	.type first, @function
first:
	xorl %eax, %eax
	.size first, . - first
	.type second, @function
second:
	ret
	.size second, . - second
EOF
aarch64-linux-gnu-gcc -c -o "$src/fallthrough-arm64.o" -x assembler - <<'EOF'
	.text
	.globl first, second
	.type first, %function
first:
	mov x0, #0
	.size first, . - first
	.type second, %function
second:
	ret
	.size second, . - second
EOF

# (the case table leaves trailing fields zero)
gcc -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-missing-field-initializers \
	-o "$work/badinput" "$here/badinput.c"

vg=
if command -v valgrind >/dev/null; then
	vg=valgrind
fi
OBJTOOL=$OBJTOOL "$work/badinput" "$src" "$work/cases" $vg
