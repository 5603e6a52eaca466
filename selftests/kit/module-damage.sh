#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The module loader on damaged modules, through `kit load` (kernel/module_cmd.c):
# every kit module and sample livepatch module of $ARCH ($O/$ARCH/modules)
# gets the structured corruptions of selftests/kit/module_damage_cases.h
# (made here by the generator, never stored) and some random ones.  Each
# structured copy must be refused with the loader's message naming the
# problem and the right error; each random copy loaded or refused, never a
# crash; after every damaged copy the good modtest module must load, run
# its init and exit and unload; and the loader must hold nothing it did
# not hold before (kit load checks modules, module memory, ftrace records
# around each load; a leaked ORC table or ftrace site would also make a
# later modtest load fail, as its memory is reused and the ORC slots are
# few).  KTAP.
set -uo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."
ARCH=${ARCH:?}
O=${O:-build}
. selftests/lib/ktap.sh

work=$O/selftests/$ARCH/module-damage
rm -rf "$work"
mkdir -p "$work/ko"
mods=("$O/$ARCH"/modules/*.ko)
good=$O/$ARCH/modules/modtest.ko
kit=(selftests/kit/run-kit.sh orc load)
# random copies per module: 40 in make check; more by hand, e.g. 1500
RANDOM_COPIES=${RANDOM_COPIES:-40}

# The generator reads ELF structures as they lie, so it is built for the
# port (its byte order) and run where the kit runs: natively, or static
# under the port's qemu-user.
cross=$(scripts/ports.sh cross "$ARCH")
qemu=$(scripts/ports.sh qemu "$ARCH")
if [ -n "$cross" ]; then
	"${cross}gcc" -std=gnu11 -O2 -Wall -Wextra -Werror -static -o "$work/module-damage" \
		selftests/kit/module_damage.c
else
	${HOSTCC:-cc} -std=gnu11 -O2 -Wall -Wextra -Werror -o "$work/module-damage" \
		selftests/kit/module_damage.c
fi
damage=(${qemu:+$qemu} "$work/module-damage")
check "the generator builds" [ -x "$work/module-damage" ] || { report_summary; exit 1; }
check "there are modules ($ARCH: ${#mods[@]}) and modtest among them" [ -f "$good" ]

# The command itself: its usage, an unreadable path, a good module run.
ARCH=$ARCH O=$O "${kit[@]}" >"$work/usage.out" 2>&1
rc=$?
check "kit load without a path: exit 2 and its usage" \
	bash -c "[ $rc = 2 ] && grep -q '^usage: kit load \[--init|--no-init\] PATH.ko' '$work/usage.out'"
ARCH=$ARCH O=$O "${kit[@]}" "$work/none.ko" >"$work/none.out" 2>&1
rc=$?
check "a missing file: exit 1, 'cannot read ... ENOENT'" \
	bash -c "[ $rc = 1 ] && grep -qx 'load: none: cannot read $work/none.ko: ENOENT' '$work/none.out'"
ARCH=$ARCH O=$O "${kit[@]}" "$good" >"$work/good.out" 2>&1
rc=$?
check "modtest: exit 0, loaded with its tables, init and exit ran, unloaded" \
	bash -c "[ $rc = 0 ] &&
		 grep -qE '^load: modtest: loaded \([0-9]+ bytes, [1-9][0-9]* ORC entries, [1-9][0-9]* ftrace sites\)$' '$work/good.out' &&
		 grep -q '^modtest: hello from modtest' '$work/good.out' &&
		 grep -q '^modtest: exit' '$work/good.out' &&
		 grep -qx 'load: modtest: unloaded' '$work/good.out'"

# Which modules load as they are: those get the relocation-stage cases too.
ARCH=$ARCH O=$O "${kit[@]}" --no-init "${mods[@]}" >"$work/intact.out" 2>&1
args=()
for m in "${mods[@]}"; do
	n=$(basename "$m" .ko)
	if grep -qx "load: $n: loaded and unloaded (no module code run)" "$work/intact.out"; then
		args+=("+$m")
	else
		args+=("$m")
	fi
done
check "modtest and modrelocs load intact" \
	bash -c "grep -q '^+.*/modtest.ko\$' <(printf '%s\n' ${args[*]}) &&
		 grep -q '^+.*/modrelocs.ko\$' <(printf '%s\n' ${args[*]})"

"${damage[@]}" "$work/ko" "${args[@]}" --random "$RANDOM_COPIES" >"$work/manifest"
check "the generator wrote $(wc -l <"$work/manifest") damaged copies" [ -s "$work/manifest" ]

# Kit runs of up to 1000 copies each (the argument list has a limit):
# each damaged copy with no module code run, then the good one, run.
split -l 1000 -d -a 4 "$work/manifest" "$work/batch."
: >"$work/kit.out"
rcs=()
for b in "$work"/batch.*; do
	loadargs=()
	while read -r name err msg; do
		loadargs+=(--no-init "$work/ko/$name.ko" --init "$good")
	done <"$b"
	ARCH=$ARCH O=$O "${kit[@]}" "${loadargs[@]}" >>"$work/kit.out" 2>&1
	rcs+=($?)
done
report_info "${#rcs[@]} kit load runs: exit ${rcs[*]}, $(wc -l <"$work/kit.out") lines"
check "kit load exits 1 (some refused), not a crash or a leak (3)" \
	bash -c "! printf '%s\n' ${rcs[*]} | grep -vqx 1"
check "no LEAKED line" bash -c "! grep -q ': LEAKED:' '$work/kit.out'"

# Per copy, from its lines in the kit's output: the loader's messages
# ("kit: module NAME: ...") and its last result line ("load: NAME: ...").
# One awk pass prints "STATUS<tab>DESCRIPTION" for each copy.
verdicts=$(awk '
	FNR == NR { name[++n] = $1; err[$1] = $2; msg[$1] = substr($0, length($1 $2) + 3); next }
	/^kit: module / { m = $3; sub(/:$/, "", m); said[m] = said[m] "\n" $0; next }
	/^load: / { m = $2; sub(/:$/, "", m); res[m] = substr($0, length("load: " m ": ") + 1) }
	END {
		for (i = 1; i <= n; i++) {
			c = name[i]; e = err[c]; r = res[c]
			if (e == "-") {
				ok = r == "loaded and unloaded (no module code run)"
				d = c ": loads"
			} else if (e == "?") {
				ok = r == "loaded and unloaded (no module code run)" ||
				     (r ~ /^refused: / && said[c] != "")
				d = c ": " r " (a refusal with its message)"
			} else {
				ok = r == "refused: " e && index(said[c], msg[c]) > 0
				d = c ": " e ", \x27" msg[c] "\x27"
			}
			printf "%d\t%s\n", !ok, d
		}
	}' "$work/manifest" "$work/kit.out")
while IFS=$'\t' read -r st d; do
	report "$st" "$d"
done <<<"$verdicts"

nbad=$(wc -l <"$work/manifest")
ngood=$(grep -c '^load: modtest: unloaded$' "$work/kit.out")
nhello=$(grep -c '^modtest: hello from modtest' "$work/kit.out")
check "after each of $nbad damaged copies modtest loaded, ran and unloaded ($ngood, $nhello inits)" \
	[ "$ngood" = "$nbad" ] && [ "$nhello" = "$nbad" ]

report_summary
