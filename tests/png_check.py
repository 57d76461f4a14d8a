#!/usr/bin/python3
"""png_check.py SHOT.png COLOUR... - is the screenshot a rendered page?

Decodes the PNG with the standard library alone (zlib and the five PNG
filters), then requires that a fair share of the pixels are not background
and that each COLOUR (#rrggbb) appears on at least 100 pixels.  Exit 0 when
all hold; otherwise 1, saying what is missing.
"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
            if depth != 8 or ctype not in (2, 6):
                raise ValueError("unexpected PNG format")
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def main(path, colours):
    width, height, bpp, rows = decode(path)
    want = {tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)): 0 for c in colours}
    ink = 0
    for row in rows:
        for x in range(0, width * bpp, bpp):
            px = tuple(row[x:x + 3])
            if px != (255, 255, 255):
                ink += 1
            if px in want:
                want[px] += 1
    share = ink / float(width * height)
    problems = []
    if share < 0.02:
        problems.append("blank: %.3f%% of the pixels are not white" % (share * 100))
    for c, n in want.items():
        if n < 100:
            problems.append("colour #%02x%02x%02x on only %d pixels" % (c + (n,)))
    for p in problems:
        print("%s: %s" % (path, p), file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
