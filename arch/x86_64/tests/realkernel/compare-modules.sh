#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Issue 12's "same output as upstream" measurement: module objects built
# out of tree against Debian's 6.12 cloud headers, taken as kbuild hands
# them to objtool (objtool=/bin/true), then given to upstream objtool and
# to objtool-lite with kbuild 6.12's whole option set for a module.  For
# each object, these must be equal: the entries of every table either tool
# writes (.retpoline_sites, .return_sites, .call_sites, .static_call_sites,
# .ibt_endbr_seal), the symbols (__pfx_), every executable section's bytes
# and relocations (jump label NOPs, --hacks=noinstr), the warnings, and
# the ORC tables (both dumped by upstream's --dump=orc).
#
# Sources: linux-source-6.12 (fetched with apt-get download into $O when
# missing, about 150 MB): samples/livepatch, the livepatch selftest
# modules, fs/fat, fs/isofs, drivers/block/loop.c, drivers/net/dummy.c and
# five net/sched qdiscs.  Not in make check (the fetch and build take
# minutes); run it by hand:
#
#   arch/x86_64/tests/realkernel/compare-modules.sh
#
# KTAP out; exit 1 on any difference.
set -uo pipefail
cd "$(dirname "$0")/../../../.."
. selftests/lib/ktap.sh
. arch/x86_64/tests/realkernel/guest.sh

O=${O:-build}
OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
OBJTOOL=$(cd "$(dirname "$OBJTOOL")" && pwd)/$(basename "$OBJTOOL")
work=$O/compare-modules
mkdir -p "$work"
work=$(cd "$work" && pwd)
rk_find || exit 1
up="$RK_HDR/tools/objtool/objtool"
opts=(--hacks=jump_label --hacks=noinstr --hacks=skylake --ibt --orc --retpoline --rethunk
      --sls --static-call --uaccess --prefix=16 --link --module)
. arch/x86_64/tests/kbuild/objcmp.sh
tables=("${objcmp_tables[@]}")

src=$work/linux-source-6.12
if [ ! -d "$src/fs/fat" ]; then
	(cd "$work" && rm -f linux-source-6.12_*.deb && apt-get download -q linux-source-6.12 >/dev/null &&
	 dpkg-deb --fsys-tarfile linux-source-6.12_*.deb |
		tar -xO --wildcards './usr/src/linux-source-6.12.tar.xz' |
		tar -xJ --wildcards 'linux-source-6.12/samples/livepatch/*' \
			'linux-source-6.12/tools/testing/selftests/livepatch/test_modules/*' \
			'linux-source-6.12/fs/fat/*' 'linux-source-6.12/fs/isofs/*' \
			'linux-source-6.12/drivers/block/loop.c' 'linux-source-6.12/drivers/net/dummy.c' \
			'linux-source-6.12/net/sched/sch_*.c') ||
		{ echo "compare-modules: fetching linux-source-6.12 failed" >&2; exit 1; }
fi

# Module folders: each gets a Kbuild when it has none usable out of tree.
rm -rf "$work"/m && mkdir -p "$work"/m/{samples,selftests,misc,sched}
cp "$src"/samples/livepatch/*.c "$work/m/samples/"
cp "$src"/tools/testing/selftests/livepatch/test_modules/*.c "$work/m/selftests/"
cp -r "$src/fs/fat" "$work/m/fat"
cp -r "$src/fs/isofs" "$work/m/isofs"
cp "$src/drivers/block/loop.c" "$src/drivers/net/dummy.c" "$work/m/misc/"
cp "$src"/net/sched/sch_{fq,tbf,prio,sfq,red}.c "$work/m/sched/"
for d in samples selftests misc sched; do
	echo "obj-m += $(cd "$work/m/$d" && ls *.c | sed 's/\.c$/.o/' | tr '\n' ' ')" >"$work/m/$d/Kbuild"
done
for d in samples selftests fat isofs misc sched; do
	separate_make -C "$RK_HDR" M="$work/m/$d" objtool=/bin/true CONFIG_FAT_FS=m CONFIG_VFAT_FS=m \
		CONFIG_MSDOS_FS=m CONFIG_ISO9660_FS=m CONFIG_JOLIET=y CONFIG_ZISOFS=y \
		modules >"$work/m/$d.log" 2>&1
	report $? "$d builds out of tree (objtool not run)"
done

relocs() { objcmp_relocs "$@"; }
symbols() { objcmp_symbols "$@"; }
code() { objcmp_code "$@"; }

# Each compiled object (not the linked composite of a multi-file module,
# not the .mod.o that modpost generates).
mkdir -p "$work/w"
total=0 same=0 nobj=0 nsc=0 nseal=0 npfx=0 nwarn=0
for o in $(ls "$work"/m/*/*.o | grep -v -e '\.mod\.o$' -e '/fat/fat\.o$' -e '/fat/vfat\.o$' \
	   -e '/fat/msdos\.o$' -e '/isofs/isofs\.o$'); do
	n=$(basename "$(dirname "$o")")-$(basename "$o" .o)
	w=$work/w/$n
	cp "$o" "$w.up.o"
	cp "$o" "$w.lite.o"
	SRCARCH=x86 "$up" "${opts[@]}" "$w.up.o" 2>&1 | sed "s|$w.up.o|OBJ|" >"$w.up.w"
	"$OBJTOOL" "${opts[@]}" "$w.lite.o" 2>&1 | sed "s|$w.lite.o|OBJ|" >"$w.lite.w"
	bad=""
	for s in "${tables[@]}"; do
		cmp -s <(relocs "$w.up.o" $s) <(relocs "$w.lite.o" $s) || bad+=" $s"
	done
	cmp -s <(symbols "$w.up.o") <(symbols "$w.lite.o") || bad+=" symbols"
	cmp -s <(code "$w.up.o") <(code "$w.lite.o") || bad+=" code"
	cmp -s "$w.up.w" "$w.lite.w" || bad+=" warnings"
	SRCARCH=x86 "$up" --dump=orc "$w.up.o" 2>/dev/null | sort >"$w.up.orc"
	SRCARCH=x86 "$up" --dump=orc "$w.lite.o" 2>/dev/null | sort >"$w.lite.orc"
	u=$(wc -l <"$w.up.orc")
	s=$(comm -12 "$w.up.orc" "$w.lite.orc" | wc -l)
	[ "$u" = "$s" ] && [ "$(wc -l <"$w.lite.orc")" = "$u" ] || bad+=" ORC"
	total=$((total + u)) same=$((same + s)) nobj=$((nobj + 1))
	n_sc=$(relocs "$w.up.o" .static_call_sites | wc -l) n_seal=$(relocs "$w.up.o" .ibt_endbr_seal | wc -l)
	n_pfx=$(symbols "$w.up.o" | grep -c ' __pfx_')
	nsc=$((nsc + n_sc / 2)) nseal=$((nseal + n_seal)) npfx=$((npfx + n_pfx))
	nwarn=$((nwarn + $(wc -l <"$w.up.w")))
	[ -z "$bad" ]
	report $? "$n: $u ORC entries, $(relocs "$w.up.o" .return_sites | wc -l) return sites, $(relocs "$w.up.o" .call_sites | wc -l) call sites, $(relocs "$w.up.o" .retpoline_sites | wc -l) retpoline sites, $((n_sc / 2)) static calls, $n_seal sealed, $n_pfx __pfx_${bad:+; differs:$bad}"
done
report_info "$nobj objects: $same of $total upstream ORC entries identical; $nsc static call sites, $nseal sealed landing pads, $npfx __pfx_ symbols, $nwarn upstream warnings"
[ "$nobj" -gt 30 ]
report $? "more than 30 objects were compared"
report_summary
