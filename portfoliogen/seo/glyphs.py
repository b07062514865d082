"""Which characters the bundled fonts can draw: a small reader of a TrueType font's cmap
table (formats 4 and 12). Pure: no PIL, and no fontTools at run time."""

from __future__ import annotations

import struct
import unicodedata
from functools import cache
from pathlib import Path

FONT_DIR = Path(__file__).parent / "fonts"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
REGULAR = FONT_DIR / "DejaVuSans.ttf"

# Right-to-left scripts the bundled fonts cover (Hebrew, Arabic and their
# presentation forms): a line in them is laid out right-aligned.
_RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


# So a social card can tell before drawing whether a title would come out as empty boxes.
@cache
def coverage(font: Path) -> frozenset[int]:
    """Every code point the font maps to a glyph."""
    data = font.read_bytes()
    num_tables = struct.unpack_from(">H", data, 4)[0]
    tables = {}
    for i in range(num_tables):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag] = (offset, length)
    cmap_offset = tables[b"cmap"][0]
    _, count = struct.unpack_from(">HH", data, cmap_offset)
    best: tuple[int, int] | None = None  # (rank, subtable offset)
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap_offset + 4 + 8 * i)
        rank = {(3, 10): 0, (0, 4): 1, (3, 1): 2, (0, 3): 3}.get((platform, encoding))
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, cmap_offset + offset)
    if best is None:
        return frozenset()
    return frozenset(_read_subtable(data, best[1]))


def _read_subtable(data: bytes, at: int) -> set[int]:
    fmt = struct.unpack_from(">H", data, at)[0]
    points: set[int] = set()
    if fmt == 4:
        seg_x2 = struct.unpack_from(">H", data, at + 6)[0]
        ends = at + 14
        starts = ends + seg_x2 + 2
        deltas = starts + seg_x2
        range_offsets = deltas + seg_x2
        for s in range(seg_x2 // 2):
            end = struct.unpack_from(">H", data, ends + 2 * s)[0]
            start = struct.unpack_from(">H", data, starts + 2 * s)[0]
            delta = struct.unpack_from(">h", data, deltas + 2 * s)[0]
            ro_at = range_offsets + 2 * s
            ro = struct.unpack_from(">H", data, ro_at)[0]
            for cp in range(start, min(end, 0xFFFE) + 1):
                if ro == 0:
                    glyph = (cp + delta) & 0xFFFF
                else:
                    glyph = struct.unpack_from(">H", data, ro_at + ro + 2 * (cp - start))[0]
                    glyph = (glyph + delta) & 0xFFFF if glyph else 0
                if glyph:
                    points.add(cp)
    elif fmt == 12:
        groups = struct.unpack_from(">I", data, at + 12)[0]
        for g in range(groups):
            start, end, first_glyph = struct.unpack_from(">III", data, at + 16 + 12 * g)
            points.update(range(start, end + 1) if first_glyph else range(start + 1, end + 1))
    return points


def missing(text: str, font: Path = BOLD) -> set[str]:
    """Characters of `text` the font cannot draw (spaces and format
    characters such as joiners and bidi marks need no glyph)."""
    covered = coverage(font)
    return {ch for ch in text
            if ord(ch) not in covered and unicodedata.category(ch)[0] not in ("Z", "C")}


def drawable(text: str, font: Path = BOLD) -> str | None:
    """`text` as the font can draw it, or None when letters or digits are
    missing (a title half in boxes is worse than none). Missing symbols
    alone (an emoji) are dropped."""
    gone = missing(text, font)
    if any(unicodedata.category(ch)[0] in ("L", "N", "M") for ch in gone):
        return None
    if gone:
        text = " ".join("".join(ch for ch in text if ch not in gone).split())
    return text or None


def is_rtl(text: str) -> bool:
    """True when the first strongly directional character is right-to-left."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return any(lo <= ord(ch) <= hi for ch in text for lo, hi in _RTL_RANGES)
