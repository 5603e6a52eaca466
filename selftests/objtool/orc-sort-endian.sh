#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# orc-sort on a big-endian image, before any big-endian port exists: the
# sort tool is built here against a test-only format (big-endian, 6-byte
# entries, the type in bits 8-10 of the u16 at byte 4) in place of the
# ports' list, and run on a small ELF64 image written by this script.
# KTAP assertions:
#   - the big-endian image sorts, ips rewritten in big-endian order,
#     entries moved with their ips, a terminator first at equal ips;
#   - the same tables in a little-endian image of that machine are refused;
#   - a header record of another format is refused.
set -uo pipefail
cd "$(dirname "$0")/../.."
O=${O:-build}
w=$O/selftests/orc-sort-endian
rm -rf "$w" && mkdir -p "$w" || exit 1

cat > "$w/format.c" <<'C'
#include <orc/orc_format.h>

static unsigned int be_type(const uint8_t *e)
{
	return (e[4] << 8 | e[5]) >> 8 & 0x7;
}

static const struct orc_format be_test = {
	.name = "be-test", .e_machine = 0x5be5, .big_endian = true,
	.entry_size = 6, .type = be_type,
	.header = { 0xbe, 0xbe, 0xbe, 0xbe, 0xbe, 0xbe, 0xbe, 0xbe, 0xbe, 0xbe,
		    0xbe, 0xbe, 0xbe, 0xbe, 0xbe, 0xbe, 0xbe, 0xbe, 0xbe, 0xbe },
};
const struct orc_format *const orc_formats[] = { &be_test, NULL };
C
gcc -std=gnu11 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -Iobjtool-lite/include -I. \
	-o "$w/orc-sort" orc/host/sort.c "$w/format.c" -lelf 2>"$w/cc.err" ||
	{ cat "$w/cc.err"; echo "cannot build orc-sort with the test format"; exit 1; }

# image ORDER MACHINE HEADER_BYTE OUT: .orc_unwind_ip at 0x2000 holding, in
# slot order, ips 0x1030 0x1010 0x1000 0x1010; entry i is "type, i" with
# the terminator (UNDEFINED) in slot 3.
image() {
	python3 - "$@" <<'PY'
import struct, sys
order, machine, hb, out = sys.argv[1], int(sys.argv[2], 0), int(sys.argv[3], 0), sys.argv[4]
e = '>' if order == 'be' else '<'
ips_abs, types = [0x1030, 0x1010, 0x1000, 0x1010], [2, 2, 1, 0]
ip_addr = 0x2000
ip = b''.join(struct.pack(e + 'i', a - (ip_addr + 4 * i)) for i, a in enumerate(ips_abs))
orc = b''.join(struct.pack(e + 'hhH', i, -i, t << 8 | i) for i, t in enumerate(types))
hdr = bytes([hb]) * 20
names = b'\0.orc_unwind_ip\0.orc_unwind\0.orc_header\0.shstrtab\0'
off = lambda n: names.index(n)
secs = [(b'.orc_unwind_ip', ip, ip_addr), (b'.orc_unwind', orc, 0x3000), (b'.orc_header', hdr, 0x4000)]
body, shdrs, pos = b'', [b'\0' * 64], 64
for name, data, addr in secs:
    shdrs.append(struct.pack(e + 'IIQQQQIIQQ', off(name + b'\0'), 1, 2, addr, pos, len(data), 0, 0, 4, 0))
    body += data; pos += len(data)
shdrs.append(struct.pack(e + 'IIQQQQIIQQ', off(b'.shstrtab\0'), 3, 0, 0, pos, len(names), 0, 0, 1, 0))
body += names; pos += len(names)
pad = (-pos) % 8; body += b'\0' * pad; pos += pad
ident = b'\x7fELF' + bytes([2, 2 if order == 'be' else 1, 1]) + b'\0' * 9
ehdr = ident + struct.pack(e + 'HHIQQQIHHHHHH', 2, machine, 1, 0x1000, 0, pos, 0, 64, 56, 0, 64, len(shdrs), len(shdrs) - 1)
open(out, 'wb').write(ehdr + body + b''.join(shdrs))
PY
}

# dump ORDER IMAGE: "abs_ip:type:slot-of-origin" per slot
dump() {
	python3 - "$@" <<'PY'
import struct, sys
order, path = sys.argv[1], sys.argv[2]
e = '>' if order == 'be' else '<'
d = open(path, 'rb').read()
ip = d[64:80]; orc = d[80:104]
print(' '.join('%#x:%d:%d' % (0x2000 + 4 * i + struct.unpack(e + 'i', ip[4*i:4*i+4])[0],
                              struct.unpack(e + 'H', orc[6*i+4:6*i+6])[0] >> 8,
                              struct.unpack(e + 'h', orc[6*i:6*i+2])[0]) for i in range(4)))
PY
}

. selftests/lib/ktap.sh

image be 0x5be5 0xbe "$w/be.img" && "$w/orc-sort" "$w/be.img" 2>"$w/be.err"
rc=$?
got=$(dump be "$w/be.img")
want="0x1000:1:2 0x1010:0:3 0x1010:2:1 0x1030:2:0"
echo "# big-endian after sort: $got"
check "big-endian image sorted (rc $rc; want $want)" test "$rc" = 0 -a "$got" = "$want"

image le 0x5be5 0xbe "$w/le.img" && ! "$w/orc-sort" "$w/le.img" 2>"$w/le.err"
check "little-endian image of a big-endian format refused: $(cat "$w/le.err")" \
	grep -q 'not a big-endian file' "$w/le.err"

image be 0x5be5 0x11 "$w/hdr.img" && ! "$w/orc-sort" "$w/hdr.img" 2>"$w/hdr.err"
check "another format's .orc_header refused: $(cat "$w/hdr.err")" \
	grep -q 'orc_header record' "$w/hdr.err"
report_summary
