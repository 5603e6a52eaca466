# SPDX-License-Identifier: GPL-2.0
#
# Sourced by the arm64 objtool-lite tests built from source at test time:
#	. "$(dirname "$0")/objtool-setup.sh" NAME
# cds to the top of the tree, sets O, OBJTOOL, CC and OBJDUMP (the arm64
# cross tools, or the native ones on an arm64 host), skips (77) without
# them, makes an empty work directory $work ($O/selftests/NAME.arm64) and
# starts KTAP output (selftests/lib/ktap.sh: report, check, report_summary).
set -uo pipefail
export LC_ALL=C
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
O=${O:-build}
OBJTOOL=${OBJTOOL:-$O/host/objtool-lite}
CC=${CC_ARM64:-aarch64-linux-gnu-gcc}
OBJDUMP=${OBJDUMP_ARM64:-aarch64-linux-gnu-objdump}
[ "$(uname -m)" = aarch64 ] && ! command -v "$CC" >/dev/null && CC=gcc OBJDUMP=objdump

command -v "$CC" >/dev/null || { echo "SKIP: no arm64 compiler ($CC)"; exit 77; }
command -v "$OBJDUMP" >/dev/null || { echo "SKIP: no arm64 objdump ($OBJDUMP)"; exit 77; }
[ -x "$OBJTOOL" ] || { echo "no $OBJTOOL (make objtool)"; exit 1; }

work=$O/selftests/${1:?objtool-setup.sh: no test name}.arm64
rm -rf "$work"
mkdir -p "$work"
. selftests/lib/ktap.sh
