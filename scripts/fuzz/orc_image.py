#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# orc_image.py IMAGE K OUT [reversed]: a minimal linked image holding the
# first K entries of IMAGE's ORC tables (all of them when K is larger):
# IMAGE's ELF file header (type, machine, byte order), no program headers,
# and four sections: .orc_unwind_ip at its address in IMAGE, .orc_unwind,
# IMAGE's whole .orc_header, and the section names.  With "reversed" the
# K entries are stored last to first (each ip rewritten for its new slot),
# so the sort has work to do.
#
# Why: orc-sort reads nothing else, and the fuzz target (fuzz/orc_sort.c)
# runs at a few hundred inputs a second on the 1.5 MB images themselves:
# most of each run went to copying and mutating bytes the sort never looks
# at, and the rest to sorting thousands of entries per input.
import struct
import sys

SHT_PROGBITS, SHT_STRTAB = 1, 3
SHF_ALLOC = 2


def main():
    image, k, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rev = len(sys.argv) > 4 and sys.argv[4] == "reversed"
    data = open(image, "rb").read()
    if data[:4] != b"\x7fELF" or data[4] != 2:
        sys.exit(f"orc_image.py: {image}: not an ELF64 file")
    bo = "<" if data[5] == 1 else ">"
    eh = struct.unpack_from(bo + "16sHHIQQQIHHHHHH", data, 0)
    shoff, shentsize, shnum, shstrndx = eh[6], eh[11], eh[12], eh[13]
    shdrs = [struct.unpack_from(bo + "IIQQQQIIQQ", data, shoff + i * shentsize)
             for i in range(shnum)]
    names = shdrs[shstrndx]

    def name(sh):
        off = names[4] + sh[0]
        return data[off:data.index(b"\0", off)].decode()

    secs = {name(sh): sh for sh in shdrs}
    try:
        ip_sh, orc_sh, hdr_sh = (secs[n] for n in
                                 (".orc_unwind_ip", ".orc_unwind", ".orc_header"))
    except KeyError as e:
        sys.exit(f"orc_image.py: {image}: no {e.args[0]} section")
    n = ip_sh[5] // 4
    if n == 0 or orc_sh[5] % n:
        sys.exit(f"orc_image.py: {image}: ORC tables of inconsistent sizes")
    esz = orc_sh[5] // n
    k = min(k, n)
    base = ip_sh[3]
    ips = struct.unpack_from(bo + f"{n}i", data, ip_sh[4])
    addrs = [base + 4 * i + ips[i] for i in range(k)]
    orcs = [data[orc_sh[4] + i * esz:orc_sh[4] + (i + 1) * esz] for i in range(k)]
    if rev:
        addrs.reverse()
        orcs.reverse()
    ip_bytes = b"".join(struct.pack(bo + "i", a - (base + 4 * j))
                        for j, a in enumerate(addrs))
    orc_bytes = b"".join(orcs)
    hdr_bytes = data[hdr_sh[4]:hdr_sh[4] + hdr_sh[5]]
    strtab = b"\0.orc_unwind_ip\0.orc_unwind\0.orc_header\0.shstrtab\0"

    body = b""
    placed = []
    for blob, align in ((ip_bytes, 4), (orc_bytes, 2), (hdr_bytes, 4), (strtab, 1)):
        off = 64 + len(body)
        pad = -off % align
        body += b"\0" * pad
        placed.append(64 + len(body))
        body += blob
    body += b"\0" * (-(64 + len(body)) % 8)
    shoff_new = 64 + len(body)
    addr_orc = base + len(ip_bytes)
    addr_hdr = addr_orc + len(orc_bytes)

    def shdr(nm, typ, flags, addr, off, size, align):
        return struct.pack(bo + "IIQQQQIIQQ", nm, typ, flags, addr, off, size, 0, 0, align, 0)

    shdr_bytes = (b"\0" * 64 +
                  shdr(1, SHT_PROGBITS, SHF_ALLOC, base, placed[0], len(ip_bytes), 4) +
                  shdr(16, SHT_PROGBITS, SHF_ALLOC, addr_orc, placed[1], len(orc_bytes), 2) +
                  shdr(28, SHT_PROGBITS, SHF_ALLOC, addr_hdr, placed[2], len(hdr_bytes), 4) +
                  shdr(40, SHT_STRTAB, 0, 0, placed[3], len(strtab), 1))
    ehdr = struct.pack(bo + "16sHHIQQQIHHHHHH", eh[0], eh[1], eh[2], eh[3], eh[4],
                       0, shoff_new, eh[7], 64, 0, 0, 64, 5, 4)
    with open(out, "wb") as f:
        f.write(ehdr + body + shdr_bytes)


main()
