"""A paletted PNG whose rows are mostly those of a layer many images share: the shared rows are
compressed once, and each image compresses only its own rows. Pure (zlib and struct, no PIL).

Deflating all 1200x630 bytes of a social card costs 1.6 ms at any zlib level (adler32 alone
0.4 ms), more than drawing it. A zlib stream can be cut into pieces that each start with an empty
dictionary and end on a byte boundary (Z_FULL_FLUSH), so the pieces of the shared rows are
compressed once per layer, and a card deflates only the bands of rows its text touches; the
checksum of the shared rows is combined, not recomputed. The pixels are those of the whole
image compressed at once; the bytes differ (a few more, one flush per band)."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

BAND = 8         # rows per piece of the shared layer
_MOD = 65521     # adler32's modulus


@dataclass(frozen=True)
class SharedRows:
    """The rows of a paletted layer, as bands ready to be spliced into a PNG."""

    width: int
    height: int
    head: bytes                       # signature, IHDR, PLTE
    pieces: tuple[bytes, ...]         # each band deflated on its own, ending with a full flush
    checks: tuple[tuple[int, int], ...]   # each band's (adler32, length of its filtered rows)


def shared_rows(rows: bytes, width: int, height: int, palette: bytes) -> SharedRows:
    """`rows`: each row as PNG filters it, a 0 (no filter) then one byte per pixel (`width + 1`
    bytes a row); `palette`: 3 bytes per colour. Compressed once: as small as zlib makes it."""
    pieces, checks = [], []
    line = width + 1
    for top in range(0, height, BAND):
        raw = rows[top * line:min(height, top + BAND) * line]
        pieces.append(_deflate(raw, 9, zlib.Z_DEFAULT_STRATEGY))
        checks.append((zlib.adler32(raw), len(raw)))
    head = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0))
            + _chunk(b"PLTE", palette))
    return SharedRows(width, height, head, tuple(pieces), tuple(checks))


def band_rows(layer: SharedRows, top: int, bottom: int) -> tuple[int, int]:
    """The rows of the bands that rows top..bottom (exclusive) fall in: the rows to pass to
    `encode`."""
    return top // BAND * BAND, min(layer.height, -(-bottom // BAND) * BAND)


def encode(layer: SharedRows, parts: list[tuple[int, bytes]]) -> bytes:
    """The PNG of the layer with some of its rows replaced: `parts` is (top, raw) pairs in order,
    `raw` rows as shared_rows takes them, `top` and `top + len(raw) // (width + 1)` as band_rows
    gives them, no two in one band. Only these rows are compressed, and run-length only (Z_RLE):
    on a card as fast as zlib gets, and smaller than levels 1-3 (benchmarks/cards.py)."""
    pieces, check, band = [b"\x78\x5e"], 1, 0
    for top, raw in parts:
        first = top // BAND
        for adler, length in layer.checks[band:first]:
            check = _combine(check, adler, length)
        pieces += layer.pieces[band:first]
        pieces.append(_deflate(raw, 1, zlib.Z_RLE))
        check = zlib.adler32(raw, check)
        band = first + -(-len(raw) // ((layer.width + 1) * BAND))
    for adler, length in layer.checks[band:]:
        check = _combine(check, adler, length)
    pieces += layer.pieces[band:]
    stream = b"".join((*pieces, b"\x03\x00", struct.pack(">I", check)))
    return layer.head + _chunk(b"IDAT", stream) + _chunk(b"IEND", b"")


def _deflate(raw: bytes, level: int, strategy: int) -> bytes:
    """A piece of a zlib stream: no header, its own dictionary, ending on a byte (not final).
    Run-length pieces with a small hash table (memLevel 5): zlib slides all of it every 32 KiB
    of input, a third of the time at memLevel 9 (0.53 vs 0.75 ms for a card's text rows)."""
    deflater = zlib.compressobj(level, zlib.DEFLATED, -15, 5 if strategy == zlib.Z_RLE else 9, strategy)
    return deflater.compress(raw) + deflater.flush(zlib.Z_FULL_FLUSH)


def _combine(adler1: int, adler2: int, length2: int) -> int:
    """adler32 of a + b from adler32(a), adler32(b) and len(b) (zlib's adler32_combine)."""
    rem = length2 % _MOD
    sum1 = ((adler1 & 0xFFFF) + (adler2 & 0xFFFF) + _MOD - 1) % _MOD
    sum2 = (rem * (adler1 & 0xFFFF) + (adler1 >> 16) + (adler2 >> 16) + _MOD - rem) % _MOD
    return sum1 | (sum2 << 16)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
