#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# elf_swap.py IN OUT: IN, a 64-bit relocatable ELF file, with its ELF
# structures (file header, section headers, symbols, relocations, group
# and extended-index words) rewritten in the other byte order, the rest of
# the bytes as they were.
#
# Why: the module loader fuzz targets are the kit's loader built for the
# host, which reads ELF structures in its own byte order; a port of the
# other order (a big-endian one on a little-endian host) would see every
# one of its modules refused at the header check, and its relocations
# would never be fuzzed.  Its modules, swapped, get past that check into
# that port's relocation code.  Section contents stay as the compiler left
# them (the target runs no module code, and the values relocations write
# are written in the host's order either way).
import struct
import sys

SHT_SYMTAB, SHT_RELA, SHT_REL, SHT_DYNSYM = 2, 4, 9, 11
SHT_GROUP, SHT_SYMTAB_SHNDX = 17, 18

EHDR = "16sHHIQQQIHHHHHH"
SHDR = "IIQQQQIIQQ"
SYM = "IBBHQQ"
RELA = "QQq"
REL = "QQ"


def swap_records(data, off, size, fmt, src, dst):
    """Rewrite the records of format fmt in data[off:off+size]."""
    rec = struct.calcsize(fmt)
    for at in range(off, off + size - size % rec, rec):
        data[at:at + rec] = struct.pack(dst + fmt, *struct.unpack_from(src + fmt, data, at))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: elf_swap.py IN OUT")
    data = bytearray(open(sys.argv[1], "rb").read())
    if len(data) < 64 or data[:4] != b"\x7fELF" or data[4] != 2 or data[5] not in (1, 2):
        sys.exit(f"elf_swap: {sys.argv[1]}: not a 64-bit ELF file")
    src, dst = ("<", ">") if data[5] == 1 else (">", "<")
    hdr = list(struct.unpack_from(src + EHDR, data, 0))
    shoff, shentsize, shnum = hdr[6], hdr[11], hdr[12]
    if shentsize != struct.calcsize(SHDR) or shoff + shnum * shentsize > len(data):
        sys.exit(f"elf_swap: {sys.argv[1]}: section headers out of the file")
    ident = bytearray(hdr[0])
    ident[5] = 3 - ident[5]
    hdr[0] = bytes(ident)
    data[0:64] = struct.pack(dst + EHDR, *hdr)
    for i in range(shnum):
        at = shoff + i * shentsize
        sh = struct.unpack_from(src + SHDR, data, at)
        kind, off, size = sh[1], sh[4], sh[5]
        if off + size <= len(data):
            if kind in (SHT_SYMTAB, SHT_DYNSYM):
                swap_records(data, off, size, SYM, src, dst)
            elif kind == SHT_RELA:
                swap_records(data, off, size, RELA, src, dst)
            elif kind == SHT_REL:
                swap_records(data, off, size, REL, src, dst)
            elif kind in (SHT_GROUP, SHT_SYMTAB_SHNDX):
                swap_records(data, off, size, "I", src, dst)
        data[at:at + shentsize] = struct.pack(dst + SHDR, *sh)
    open(sys.argv[2], "wb").write(data)


if __name__ == "__main__":
    main()
