#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The ports of the kit, read from their descriptors: a port is a folder
# arch/<name>/ with a port.mk in it, and nothing else names the ports.  The
# Makefile includes the same descriptors; this is their reader for shell
# code (the selftest runner, the scripts, the benchmarks).
#
# As a command:
#   scripts/ports.sh list              every port, one a line
#   scripts/ports.sh host              the port of this machine (uname -m)
#   scripts/ports.sh get PORT KEY      a descriptor value (port_<KEY>)
#   scripts/ports.sh where KEY [VALUE] ports whose KEY is set (or equals VALUE)
#   scripts/ports.sh cross PORT        CROSS_COMPILE for PORT ("" on its host)
#   scripts/ports.sh qemu PORT         the emulator for PORT ("" on its host)
#   scripts/ports.sh upstream PORT     upstream objtool for PORT (the newest
#                                      file port_upstream_objtool matches);
#                                      exit 1 when none is installed
#   scripts/ports.sh check PORT [kit|objtool]...
#                                      exit 1 with "port PORT lacks ..." when
#                                      a required key or file is missing
# Sourced (". scripts/ports.sh"), it defines the same as port_* functions.
#
# The descriptor format is a subset of make syntax both can read:
# "port_<key> := value" lines and whole-line "#" comments.

# Run from the repository root, or anywhere with KLPKIT_ROOT set.
PORTS_ROOT=${KLPKIT_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}

# Keys every descriptor must set (a value may not be empty), and keys it
# may leave empty.  docs/porting.md explains each.
PORT_REQUIRED_KEYS="uname elf_machine debian_arch cross qemu packages cflags ftrace_section objtool kit"
PORT_OPTIONAL_KEYS="host_packages hostlibs upstream_objtool corpus_kernel corpus_libs demo_sample tests"

# Files a port must write for each half of the kit.  The Makefile checks the
# same lists through "ports.sh check" before building that half.
PORT_KIT_FILES="entry.S ftrace.c ftrace_entry.S module.c stacktrace.c
	text_patching.c unwind_orc.c unwind_fp.c hosted/signal.c lib/memset.S
	lib/syscall.S include/asm/ftrace.h include/asm/linkage.h
	include/asm/ptrace.h include/asm/text-patching.h
	include/asm/unwind_hints.h include/asm/module.h include/asm/orc_types.h
	tests/reloc_cases.c tests/ftrace_test.c tests/task_test.c
	tests/module_test.c tests/modules/modrelocs.c"
PORT_OBJTOOL_FILES="objtool/decode.c objtool/orc.c objtool/orc_format.c
	include/asm/orc_types.h tests/objtool-badinput/hints.S
	tests/objtool-badinput/fallthrough.S"

port_list() {
	local d
	for d in "$PORTS_ROOT"/arch/*/port.mk; do
		[ -f "$d" ] || continue
		d=${d%/port.mk}
		echo "${d##*/}"
	done
}

port_get() {	# port_get PORT KEY
	local f=$PORTS_ROOT/arch/$1/port.mk
	[ -f "$f" ] || { echo "ports: no port '$1' (no arch/$1/port.mk)" >&2; return 1; }
	sed -n "s/^port_$2[[:space:]]*:=[[:space:]]*//p" "$f" | tail -n 1 |
		sed 's/[[:space:]]*$//'
}

port_host() {
	local m p
	m=$(uname -m)
	for p in $(port_list); do
		[ "$(port_get "$p" uname)" = "$m" ] && { echo "$p"; return 0; }
	done
	return 1
}

port_where() {	# port_where KEY [VALUE]
	local p v
	for p in $(port_list); do
		v=$(port_get "$p" "$1")
		if [ $# -ge 2 ]; then
			[ "$v" = "$2" ] && echo "$p"
		else
			[ -n "$v" ] && echo "$p"
		fi
	done
	return 0
}

port_cross() {
	[ "$1" = "$(port_host)" ] || port_get "$1" cross
}

port_qemu() {
	[ "$1" = "$(port_host)" ] || port_get "$1" qemu
}

port_upstream() {
	local f
	# shellcheck disable=SC2046
	for f in $(port_get "$1" upstream_objtool); do
		[ -x "$f" ] && echo "$f"
	done | sort -V | tail -n 1 | grep .
}

# What PORT lacks for the given halves (default: both), one item a line.
# A half is checked only when the descriptor says the port has it
# (port_kit, port_objtool = yes), so a port can land one half first.
port_lacks() {	# port_lacks PORT [kit|objtool]...
	local p=$1 k f half halves files
	shift
	halves=${*:-kit objtool}
	[ -f "$PORTS_ROOT/arch/$p/port.mk" ] || { echo "arch/$p/port.mk"; return; }
	for k in $PORT_REQUIRED_KEYS; do
		[ -n "$(port_get "$p" "$k")" ] || echo "port_$k in arch/$p/port.mk"
	done
	for k in $PORT_OPTIONAL_KEYS; do
		grep -q "^port_$k[[:space:]]*:=" "$PORTS_ROOT/arch/$p/port.mk" ||
			echo "port_$k in arch/$p/port.mk (may be empty)"
	done
	for half in $halves; do
		[ "$(port_get "$p" "$half")" = yes ] || continue
		case $half in
		kit) files=$PORT_KIT_FILES ;;
		objtool) files=$PORT_OBJTOOL_FILES ;;
		*) echo "no half \"$half\" (kit, objtool)"; continue ;;
		esac
		for f in $files; do
			[ -e "$PORTS_ROOT/arch/$p/$f" ] || echo "arch/$p/$f"
		done
	done
}

port_check() {	# port_check PORT [kit|objtool]...
	local missing
	missing=$(port_lacks "$@")
	[ -z "$missing" ] && return 0
	echo "port $1 lacks:" >&2
	sed 's/^/  /' <<<"$missing" >&2
	return 1
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -euo pipefail
	cmd=${1:-}
	[ $# -gt 0 ] && shift
	case $cmd in
	list|host|get|where|cross|qemu|upstream|check|lacks) "port_$cmd" "$@" ;;
	*)	sed -n '/^# As a command:/,/^# Sourced/p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
	esac
fi
