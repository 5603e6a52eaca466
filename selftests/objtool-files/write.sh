#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# objtool-lite replacing objects of $ARCH, built here with the port's gcc
# (issue 8, items 7 and 8; the rules are docs/objtool-files.md).  Each
# case asserts the exit status, the words of the error, the object (the
# new one, or byte-identical to before) and that no *.objtool-* temporary
# is left:
#   - a symlink: its target gets the ORC, the link stays a link;
#   - a file with two hard links, a 0444 file, a file this user may not
#     write: refused, nothing changed;
#   - mode and owner kept (root), set-id bits kept with the owner, and
#     dropped when a user who cannot keep the owner rewrites the file;
#   - two runs on one object: the second waits for the first's lock and
#     builds on its result (no lost update); a rewrite by another program
#     in the middle of a run (stall.c) is detected and nothing replaced;
#   - out of space while writing (a full tmpfs, which gives a short write
#     first) and over RLIMIT_FSIZE: a clear error with the real errno;
#   - each signal that ends a process by default, sent while the temporary
#     exists (the run waits on the object's lock, held here): the run ends
#     by that signal and the temporary is gone; an ignored signal stays
#     ignored; SIGXFSZ is ignored (RLIMIT_FSIZE gives an error instead).
. "$(dirname "$0")/common.sh"

w=$O/selftests/objtool-files-write.$ARCH
mnt=
cleanup() {
	[ -n "$mnt" ] && umount "$mnt" 2>/dev/null
	[ -n "${holder:-}" ] && kill "$holder" 2>/dev/null
}
trap cleanup EXIT
rm -rf "$w"
mkdir -p "$w"
gcc -O2 -Wall -Wextra -Werror -o "$w/stall" "$here/stall.c" || exit 1
root=$([ "$(id -u)" = 0 ] && echo 1 || echo 0)

gen_c "$w/base.c" 100
"$CC" $CFLAGS -c -o "$w/base.o" "$w/base.c" || exit 1
! has_sec "$w/base.o" .orc_unwind
report $? "input has no ORC yet"

# fresh DIR NAME: a copy of base.o in DIR (made), its path on stdout
fresh() {
	mkdir -p "$1"
	cp "$w/base.o" "$1/$2"
	echo "$1/$2"
}

# untouched WHAT FILE DIR: byte-identical to base.o and no temporary in DIR
untouched() {
	cmp -s "$w/base.o" "$2" && [ "$(temps_in "$3")" = 0 ]
	report $? "$1: object unchanged, no temporary left"
}

# --- symlinks ----------------------------------------------------------------
f=$(fresh "$w/sym/real" real.o)
mkdir -p "$w/sym/links"
ln -s ../real/real.o "$w/sym/links/link.o"
"$OBJTOOL" --orc "$w/sym/links/link.o" 2>"$w/err"
expect "symlink" 0 $? "$w/err"
[ -L "$w/sym/links/link.o" ] && [ "$(readlink "$w/sym/links/link.o")" = ../real/real.o ]
report $? "symlink: still the same link"
has_sec "$f" .orc_unwind && [ "$(temps_in "$w/sym/real")" = 0 ] &&
	[ "$(temps_in "$w/sym/links")" = 0 ]
report $? "symlink: its target has the ORC, no temporary in either directory"
ln -s nowhere.o "$w/sym/links/dangling.o"
"$OBJTOOL" --orc "$w/sym/links/dangling.o" 2>"$w/err"
expect "dangling symlink" 1 $? "$w/err" "can't open"

# --- hard links, read-only files -------------------------------------------
f=$(fresh "$w/hard" a.o)
ln "$f" "$w/hard/b.o"
"$OBJTOOL" --orc "$f" 2>"$w/err"
expect "two hard links" 1 $? "$w/err" "has 2 hard links"
untouched "two hard links" "$f" "$w/hard"
cmp -s "$w/base.o" "$w/hard/b.o" && [ "$(stat -c %i "$f")" = "$(stat -c %i "$w/hard/b.o")" ]
report $? "two hard links: still one file under both names"
"$OBJTOOL" --orc --dry-run "$f" 2>"$w/err"
expect "two hard links, --orc --dry-run (edits in memory only)" 0 $? "$w/err"
untouched "two hard links, --dry-run" "$f" "$w/hard"

f=$(fresh "$w/ro" ro.o)
chmod 0444 "$f"
"$OBJTOOL" --orc "$f" 2>"$w/err"
expect "mode 0444" 1 $? "$w/err" "read-only (mode 0444)"
untouched "mode 0444" "$f" "$w/ro"
report "$([ "$(stat -c %a "$f")" = 444 ] && echo 0 || echo 1)" "mode 0444: mode unchanged"
"$OBJTOOL" --stackval "$f" 2>"$w/err"
expect "mode 0444, --stackval (reads only)" 0 $? "$w/err"

# A directory anyone may write in, so that only the file's own mode stops
# another user (the rename alone would let them replace it).
if [ $root = 1 ] && command -v setpriv >/dev/null; then
	nobody=1
	as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	f=$(fresh "$w/other" root.o)
	chmod 0777 "$w/other"
	chmod 0644 "$f"
	as_nobody "$OBJTOOL" --orc "$f" 2>"$w/err"
	expect "another user's 0644 file in a 0777 directory" 1 $? "$w/err" "read-only for this user"
	untouched "another user's file" "$f" "$w/other"
else
	nobody=0
	report_skip "another user's file: needs root and setpriv"
fi

# --- mode and owner -------------------------------------------------------
if [ $root = 1 ]; then
	f=$(fresh "$w/own" own.o)
	chown 1234:2345 "$f"
	chmod 0640 "$f"
	"$OBJTOOL" --orc "$f" 2>"$w/err"
	expect "owner 1234:2345, mode 0640" 0 $? "$w/err"
	[ "$(stat -c '%a %u %g' "$f")" = "640 1234 2345" ] && has_sec "$f" .orc_unwind
	report $? "owner and mode kept ($(stat -c '%a %u %g' "$f"))"
	f=$(fresh "$w/own" suid.o)
	chown 1234:2345 "$f"
	chmod 06755 "$f"
	"$OBJTOOL" --orc "$f" 2>"$w/err"
	expect "set-id file, owner kept" 0 $? "$w/err"
	[ "$(stat -c '%a %u %g' "$f")" = "6755 1234 2345" ]
	report $? "set-id bits kept with the owner ($(stat -c '%a %u %g' "$f"))"
else
	report_skip "owner kept: needs root"
fi
if [ $nobody = 1 ]; then
	f=$(fresh "$w/other" suid.o)
	chown 1234:2345 "$f"
	chmod 06777 "$f"
	as_nobody "$OBJTOOL" --orc "$f" 2>"$w/err"
	expect "set-id file rewritten by another user" 0 $? "$w/err"
	[ "$(stat -c '%a %u %g' "$f")" = "777 65534 65534" ] && has_sec "$f" .orc_unwind
	report $? "owner could not be kept: set-id bits dropped ($(stat -c '%a %u %g' "$f"))"
else
	report_skip "set-id after a change of owner: needs root and setpriv"
fi

# --- two runs on one object ------------------------------------------------
# hold_lock FILE: lock it as a second objtool-lite would, until release_lock
hold_lock() {
	local i
	( exec 9<"$1"; flock -x 9; exec sleep 120 ) &
	holder=$!
	for ((i = 0; i < 500; i++)); do
		flock -n "$1" true || return 0
		sleep 0.01
	done
	return 1
}
release_lock() {
	kill "$holder"
	wait "$holder" 2>/dev/null
	holder=
}

# The second update: --mcount where it adds a section on this port.
f=$(fresh "$w/mc" probe.o)
"$OBJTOOL" --mcount "$f" 2>/dev/null
if ! cmp -s "$w/base.o" "$f"; then
	second=--mcount second_sec=__mcount_loc
else
	second=--orc second_sec=
fi
f=$(fresh "$w/conc" c.o)
hold_lock "$f" || exit 1
"$OBJTOOL" --orc "$f" 2>"$w/err1" & p1=$!
"$OBJTOOL" $second "$f" 2>"$w/err2" & p2=$!
sleep 0.5
kill -0 $p1 2>/dev/null && kill -0 $p2 2>/dev/null && cmp -s "$w/base.o" "$f"
report $? "two runs: both wait while the object is locked"
release_lock
wait $p1; rc1=$?
wait $p2; rc2=$?
if [ -n "$second_sec" ]; then
	[ $rc1 = 0 ] && [ $rc2 = 0 ] && has_sec "$f" .orc_unwind && has_sec "$f" "$second_sec"
	report $? "--orc and $second at once: both updates in the result (exit $rc1, $rc2)"
else
	# the same update twice: the one that ran second saw the first's ORC
	[ $((rc1 + rc2)) = 1 ] && grep -q "already has .orc_unwind" <<<"$(cat "$w/err1" "$w/err2")" &&
		has_sec "$f" .orc_unwind
	report $? "--orc twice at once: the second run sees the first's result (exit $rc1, $rc2)"
fi
report "$(temps_in "$w/conc")" "two runs: no temporary left"

# Another program rewrites the object in the middle of a writing run.
"$CC" -O0 -fasynchronous-unwind-tables -c -o "$w/chg.o" "$w/base.c" || exit 1
mkdir -p "$w/chg"
cp "$w/chg.o" "$w/chg/x.o"
"$w/stall" "$w/chg/x.o" 0 2 "$OBJTOOL" --orc --check-cfi --verbose "$w/chg/x.o" >"$w/err" 2>"$w/stall.err"
rc=$?
grep -q "^stall" "$w/stall.err" && report_info "$(cat "$w/stall.err")"
expect "object truncated by another program mid-run" 1 $rc "$w/err" "changed by another program"
[ "$(stat -c %s "$w/chg/x.o")" = 0 ] && [ "$(temps_in "$w/chg")" = 0 ]
report $? "object truncated mid-run: left as the other program made it, no temporary"

# --- out of space, over the size limit ------------------------------------
size=$(stat -c %s "$w/base.o")
if [ $root = 1 ] && mkdir -p "$w/full" && mount -t tmpfs -o size=$((size + 65536)) tmpfs "$w/full"; then
	mnt=$w/full
	cp "$w/base.o" "$mnt/full.o"
	dd if=/dev/zero of="$mnt/filler" bs=4096 2>/dev/null
	# 8 KiB free: the first write is short, the next fails
	truncate -s $(($(stat -c %s "$mnt/filler") - 8192)) "$mnt/filler"
	"$OBJTOOL" --orc "$mnt/full.o" 2>"$w/err"
	expect "full filesystem" 1 $? "$w/err" "No space left on device"
	! grep -q '\.objtool-' "$w/err" && grep -q "full.o is unchanged" "$w/err"
	report $? "full filesystem: the error names the object, not a temporary ($(head -c 300 "$w/err"))"
	untouched "full filesystem" "$mnt/full.o" "$mnt"
	umount "$mnt" && mnt=
else
	report_skip "full filesystem: needs root and mount -t tmpfs"
fi
f=$(fresh "$w/fsize" big.o)
(ulimit -f $((size / 1024 + 1)); exec "$OBJTOOL" --orc "$f") 2>"$w/err"
expect "RLIMIT_FSIZE below the new size (153: killed by SIGXFSZ)" 1 $? "$w/err" "File too large"
untouched "RLIMIT_FSIZE" "$f" "$w/fsize"

# --- signals ----------------------------------------------------------------
ulimit -c 0
# signalled SIG [PREP]: a run waiting on the lock, with its temporary, gets SIG
signalled() {
	local sig=$1 prep=${2:-} i rc f
	f=$(fresh "$w/sig" "$sig.o")
	hold_lock "$f" || return 1
	set -m		# keeps SIGINT and SIGQUIT (a background job without it ignores them)
	( eval "$prep"; exec "$OBJTOOL" --orc "$f" ) 2>"$w/err" & pid=$!
	set +m
	for ((i = 0; i < 500 && $(temps_in "$w/sig") == 0; i++)); do sleep 0.01; done
	if [ "$(temps_in "$w/sig")" != 1 ]; then
		report 1 "SIG$sig: the run made a temporary and waits for the lock"
		release_lock
		wait $pid
		return 255
	fi
	kill -s "$sig" $pid
	sleep 0.1
	release_lock
	# (stderr: bash's own "Hangup" line for the job)
	{ wait $pid; rc=$?; } 2>/dev/null
	return $rc
}
for sig in HUP INT QUIT USR1 USR2 PIPE ALRM TERM XCPU VTALRM PROF IO PWR SYS RTMIN RTMAX; do
	signalled $sig 2>/dev/null	# (bash reports each job its signal ended)
	rc=$?
	num=$(kill -l "$sig")
	report "$([ $rc = $((128 + num)) ] && echo 0 || echo 1)" "SIG$sig: the run ends by it (exit $rc)"
	untouched "SIG$sig" "$w/sig/$sig.o" "$w/sig"
	rm -f "$w/sig/$sig.o"
done
signalled USR1 "trap '' USR1" 2>/dev/null
rc=$?
[ $rc = 0 ] && has_sec "$w/sig/USR1.o" .orc_unwind && [ "$(temps_in "$w/sig")" = 0 ]
report $? "SIGUSR1 ignored by the caller: stays ignored, the run completes (exit $rc)"
rm -f "$w/sig/USR1.o"
signalled XFSZ 2>/dev/null
rc=$?
[ $rc = 0 ] && has_sec "$w/sig/XFSZ.o" .orc_unwind && [ "$(temps_in "$w/sig")" = 0 ]
report $? "SIGXFSZ: ignored, the run completes (exit $rc)"

report_summary
