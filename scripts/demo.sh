#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make demo` until the livepatch demo exists: run objtool-lite over the
# kit's objects (already built and validated by make) and over a sample of
# real objects from the corpus, and print one summary line per set:
# objects, functions checked, warnings, ORC entries, time.  Then boot the
# kit kernel on each arch and sample its tasks' stacks with both
# unwinders: the experiment the kit exists to run.  Last, `kit demo`: a
# livepatch transition step by step (samples/livepatch/demo/demo.c), on
# every port with the kit, with ORC and with frame pointers (natively on
# the host's port, under qemu-user on the others); the host's ORC run in
# full, then one line per run comparing how the tasks switched.
#
# The real objects are each port's demo sample (port_demo_sample in its
# descriptor): corpus kernel modules where the port's corpus is a kernel,
# corpus libraries otherwise.  Objects are copied first (objtool-lite
# writes in place), and the kit's objects and the modules lose the ORC and
# mcount sections already in them, so objtool-lite regenerates them (as
# upstream objtool would on the same stripped input).
set -uo pipefail
cd "$(dirname "$0")/.."
O=${O:-build}
OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
work=$O/demo
rm -rf "$work"
mkdir -p "$work"

kit_ports=$(scripts/ports.sh where kit yes)
host=$(scripts/ports.sh host)

# strip IN OUT: copy without the sections objtool(-lite) generates, so the
# run below regenerates them from scratch.
strip_generated() {
	objcopy --remove-section=.orc_unwind --remove-section=.rela.orc_unwind \
		--remove-section=.orc_unwind_ip --remove-section=.rela.orc_unwind_ip \
		--remove-section=.orc_header \
		--remove-section=__mcount_loc --remove-section=.rela__mcount_loc \
		"$1" "$2"
}

# stat NAME FILE: a "name=value" field of objtool-lite's --stats line.
stat() {
	sed -n "s/.* stats: .*\b$1=\([0-9]*\).*/\1/p" "$2" | head -n 1
}

# run_set LABEL OPTIONS FILES...: one summary line for the set.
run_set() {
	local label=$1 opts=$2 f funcs=0 warns=0 errs=0 orc=0 n=0 t0 t1 v
	shift 2
	t0=$(date +%s%N)
	for f in "$@"; do
		# shellcheck disable=SC2086
		"$OBJTOOL" $opts --stats "$f" >"$f.out" 2>"$f.err" || true
	done
	t1=$(date +%s%N)
	for f in "$@"; do
		n=$((n + 1))
		warns=$((warns + $(grep -c 'warning: objtool:' "$f.err")))
		errs=$((errs + $(grep -c 'error: objtool:' "$f.err")))
		v=$(stat funcs "$f.err"); funcs=$((funcs + ${v:-0}))
		v=$(stat orc_entries "$f.err"); orc=$((orc + ${v:-0}))
	done
	printf '  %-27s %4d objects %6d functions %5d warnings %3d errors %7d ORC entries %6d ms\n' \
		"$label" "$n" "$funcs" "$warns" "$errs" "$orc" $(((t1 - t0) / 1000000))
}

# upstream_set PORT OPTIONS FILES...: the same set through upstream objtool
# (the port's oracle, when installed), on fresh stripped copies: its
# warnings, and how many of objtool-lite's warning lines it prints too.
upstream_set() {
	local a=$1 opts=$2 up f c warns=0 same=0 n=0
	shift 2
	up=$(scripts/ports.sh upstream "$a" 2>/dev/null) || return 0
	for f in "$@"; do
		c=${f%.ko}.upstream.ko
		strip_generated "$O/corpus/$a/$(basename "$f")" "$c"
		# shellcheck disable=SC2086
		"$up" $opts "$c" 2>&1 | grep 'warning: objtool:' | sed "s|^$c:||" | sort >"$c.warn"
		grep 'warning: objtool:' "$f.err" | sed "s|^$f:||" | sort >"$c.lite"
		warns=$((warns + $(wc -l <"$c.warn")))
		same=$((same + $(comm -12 "$c.warn" "$c.lite" | wc -l)))
		n=$((n + 1))
		rm -f "$c"
	done
	printf '  %-27s %4d objects %6s           %5d warnings, %d of them the same lines as objtool-lite'"'"'s\n' \
		"upstream objtool ($a)" "$n" "" "$warns" "$same"
}

echo "klpkit demo: objtool-lite on the kit and on real objects"
for a in $kit_ports; do
	files=()
	mkdir -p "$work/kit-$a"
	for o in $(find "$O/$a" -name '*.o' -not -path "$O/$a/selftests/*" | sort); do
		f=$work/kit-$a/$(echo "${o#"$O/$a/"}" | tr / _)
		strip_generated "$o" "$f"
		files+=("$f")
	done
	run_set "kit objects ($a)" "--stackval --orc" "${files[@]}"
done

for a in $(scripts/ports.sh where demo_sample); do
	files=()
	mkdir -p "$work/$a"
	if [ -n "$(scripts/ports.sh get "$a" corpus_kernel)" ]; then
		for m in $(scripts/ports.sh get "$a" demo_sample); do
			f=$work/$a/$m.ko
			strip_generated "$O/corpus/$a/$m.ko" "$f"
			files+=("$f")
		done
		run_set "kernel modules ($a)" "--module --orc" "${files[@]}"
		upstream_set "$a" "--module --orc" "${files[@]}"
	else
		for l in $(scripts/ports.sh get "$a" demo_sample); do
			mkdir -p "$work/$a/$l"
			cp "$O/corpus/$a/$l"/*.o "$work/$a/$l/"
			files+=("$work/$a/$l"/*.o)
		done
		run_set "static-lib objects ($a)" "--orc" "${files[@]}"
	fi
done

# The kit kernel: tasks running, sleeping and interrupted at random points,
# each sample unwound reliably with ORC and with the port's frame chain
# (frame pointers, or the back chain) and checked against the task's known
# call chain (selftests/kit-tests/unwind_task_test.c).
echo
echo "klpkit demo: the kit kernel samples its tasks' stacks"
for a in $kit_ports; do
	for u in orc fp; do
		log=$work/kit-$a-$u.log
		ARCH=$a O=$O selftests/kit/run-kit.sh $u selftest unwind >"$log" 2>&1
		# the image names its unwinder: orc, fp, or backchain where the
		# port's frame chain is a back chain
		name=$(sed -n 's/^ *# \([a-z]*\): reliable [0-9]*, unreliable.*/\1/p' "$log" | head -n 1)
		printf '  %-7s %-9s %s; %s\n' "$a" "${name:-$u}" \
			"$(sed -n "s/^ *# ${name:-$u}: \(reliable [0-9]*, unreliable [0-9]*\)/\1/p" "$log" | head -n 1)" \
			"$(grep -o "[0-9]* wrong of [0-9]*" "$log" | head -n 1) reliable traces"
	done
done

# The livepatch transition, step by step: every run loads a patch, replaces
# it with a cumulative one and disables that (3 transitions).
echo
runs=$(for a in $host $kit_ports; do echo "$a:orc $a:fp"; done | awk '!seen[$0]++')
for r in $runs; do
	a=${r%:*} u=${r#*:}
	ARCH=$a O=$O selftests/kit/run-kit.sh "$u" demo >"$work/demo-$a-$u.log" 2>&1 ||
		echo "  kit demo ($a $u) FAILED: $work/demo-$a-$u.log"
done
cat "$work/demo-$host-orc.log"
echo
echo "klpkit demo: how tasks switched, 3 transitions per run (kit demo on each image)"
printf '  %-12s %8s %10s %11s %11s %8s %5s %11s\n' run boundary checkpoint \
	"stack check" "fake signal" refused busy "time"
for r in $runs; do
	a=${r%:*} u=${r#*:}
	l=$(grep '^demo totals' "$work/demo-$a-$u.log")
	f() { sed -n "s/.*[:,] $1 \([0-9.]*\).*/\1/p" <<<"$l"; }
	printf '  %-12s %8s %10s %11s %11s %8s %5s %8s ms  %s\n' "$a $u" "$(f boundary)" \
		"$(f checkpoint)" "$(f 'stack check')" "$(f 'fake signal')" "$(f refused)" \
		"$(f busy)" "$(f time)" \
		"$(grep -q '^demo: ok' "$work/demo-$a-$u.log" && echo ok || echo FAILED)"
done
echo "logs: $work/*/*.err $work/kit-*.log $work/demo-*.log"
