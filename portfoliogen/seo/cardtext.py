"""Fitting a card's text (wrapped, shrunk, ellipsised) and laying a line from cached glyphs, with
Pillow's FreeType fonts."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

from PIL import Image, ImageDraw, ImageFont, features

from portfoliogen.seo.glyphs import BOLD, REGULAR, drawable, is_rtl

_RAQM = features.check("raqm")


@lru_cache(maxsize=64)
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    layout = ImageFont.Layout.RAQM if _RAQM else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(BOLD if bold else REGULAR), size, layout_engine=layout)


def printable(text: str, bold: bool = True) -> str | None:
    """`text` if the bundled font (and layout engine) can draw it, else None."""
    text = drawable(" ".join(text.split()), BOLD if bold else REGULAR) if text else None
    if text and is_rtl(text) and not _RAQM:
        return None  # without raqm Arabic would come out unshaped and reversed
    return text


def _width(draw: ImageDraw.ImageDraw, text: str, font) -> float:
    return draw.textlength(text, font=font, direction=_direction(text))


def _direction(text: str) -> str | None:
    return ("rtl" if is_rtl(text) else "ltr") if _RAQM else None


def _split_long(draw, word: str, font, width: int, max_parts: int | None = None) -> list[str]:
    """A word wider than the line (a URL, CJK without spaces) broken by
    characters; after `max_parts` parts, the rest of it as one."""
    parts, current = [], ""
    for index, ch in enumerate(word):
        if current and _width(draw, current + ch, font) > width:
            parts.append(current)
            current = ch
            if max_parts is not None and len(parts) >= max_parts:
                return parts + [word[index:]]
        else:
            current += ch
    return parts + ([current] if current else [])


# Text never overflows: a title is wrapped, then shrunk, then cut with an ellipsis. A title in a
# script the bundled fonts lack (CJK...) is not drawn as boxes: the card shows the freelancer's name
# instead. Right-to-left text is laid out by libraqm when Pillow has it, else it falls back the
# same way.
def wrap(draw, text: str, font, width: int, max_lines: int | None = None) -> list[str]:
    """`text` in lines no wider than `width`; with `max_lines`, stop after
    max_lines + 1 lines (enough to tell it does not fit, and to ellipsise the
    last): a title of 50,000 characters costs no more than a long one."""
    lines: list[str] = []
    current, current_w = "", 0.0
    # Left-to-right text is measured word by word and summed (a line is its words and spaces);
    # shaped right-to-left text only as a whole line.
    additive = _direction(text) != "rtl"
    space_w = _word_width(font, " ") if additive else 0.0
    for word in text.split():
        room = None if max_lines is None else max_lines + 1 - len(lines)
        word_w = _word_width(font, word) if additive else _width(draw, word, font)
        for piece in (_split_long(draw, word, font, width, room) if word_w > width else [word]):
            piece_w = (word_w if piece is word else _width(draw, piece, font)) if additive else 0.0
            candidate = f"{current} {piece}" if current else piece
            candidate_w = (current_w + space_w + piece_w if current else piece_w) if additive \
                else _width(draw, candidate, font)
            if current and candidate_w > width:
                lines.append(current)
                if max_lines is not None and len(lines) > max_lines:
                    return lines
                current, current_w = piece, piece_w
            else:
                current, current_w = candidate, candidate_w
    if current:
        lines.append(current)
    return lines


@lru_cache(maxsize=4096)
def _word_width(font, word: str) -> float:
    return font.getlength(word)


def _clip(draw, line: str, font, width: int) -> str:
    """The shortest beginning of `line` that is wider than `width` (or all of
    it): ellipsise never keeps more, so it need not measure the rest."""
    start = 0
    while True:
        space = line.find(" ", start)
        end = len(line) if space < 0 else space
        if _width(draw, line[:end], font) > width:
            break
        if space < 0:
            return line
        start = space + 1
    for cut in range(start + 1, end):   # the word that overflows, by characters
        if _width(draw, line[:cut], font) > width:
            return line[:cut]
    return line[:end]


def ellipsise(draw, line: str, font, width: int) -> str:
    """Drop words (then characters) until `line…` fits."""
    line = _clip(draw, line, font, width)
    while line:
        candidate = line.rstrip(" ,;:.–—-") + "…"
        if _width(draw, candidate, font) <= width:
            return candidate
        line = line.rsplit(" ", 1)[0] if " " in line else line[:-1]
    return "…"


def fit_text(draw, text: str, width: int, height: int, *, bold: bool = True,
             sizes: tuple[int, ...] = (76, 70, 64, 58, 52, 48, 44, 40),
             line_height: float = 1.16, max_lines: int = 4) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which `text` fits the box; at the smallest, the
    lines that fit, the last one ellipsised."""
    for size in sizes:
        font = _font(bold, size)
        allowed = min(max_lines, int(height // (size * line_height)))
        lines = wrap(draw, text, font, width, allowed)
        if len(lines) <= allowed:
            return font, lines
    font = _font(bold, sizes[-1])
    allowed = max(1, min(max_lines, int(height // (sizes[-1] * line_height))))
    lines = wrap(draw, text, font, width, allowed)
    if len(lines) > allowed:
        lines = lines[:allowed - 1] + [ellipsise(draw, " ".join(lines[allowed - 1:]), font, width)]
    return font, lines


def _one_line(draw, text: str, font, width: int) -> str:
    return text if _width(draw, text, font) <= width else ellipsise(draw, text, font, width)


# ---------------------------------------------------------------- glyph runs
# FreeType draws a glyph at whole pixels: the pen position (26.6 fixed point, as the layout adds
# advances) rounded, so a glyph's coverage is the same wherever it lands, and the line ImageDraw
# draws is its glyphs' coverages, each laid "over" the others (a + b(255 - a)/255, which is also
# paste(255, box, glyph)). Rasterising was 80% of drawing a card; a glyph cached per font and
# character costs a paste. Characters that do not compose like that with the next (a ligature:
# "fi") are one unit, drawn together; a line in which they would make a longer unit (marks, right
# to left) is drawn by ImageDraw.
def _compose(text: str, font, x: float, y: float) -> tuple[tuple, Image.Image] | None:
    """(box, mask) of a left-to-right line, as ImageDraw.text at (x, y) with fill 255 over 0
    draws it, from cached glyphs; None when it must be drawn by ImageDraw."""
    units: list[str] = []
    for ch in text:
        units.append(ch)
        while len(units) > 1 and not _pair_composes(font.path, units[-2], units[-1]):
            units[-2:] = [units[-2] + units[-1]]
            if len(units[-1]) > 3:
                return None
    if len(units) == 1 and not _pair_composes(font.path, units[0], ""):
        return None
    return _placed(units, font, x, y)


def _placed(units: list[str], font, x: float, y: float) -> tuple[tuple, Image.Image] | None:
    ix, iy = int(x), int(y)
    fx = round((x - ix) * 64)
    dy = -((32 - round((y - iy) * 64)) >> 6)   # ImageDraw's vertical start at a fraction
    placed, pen = [], 0
    last = len(units) - 1
    for index, unit in enumerate(units):
        glyph = _glyph(font, unit)
        if glyph is not None:
            bitmap, width, height, left, top = glyph
            gx, gy = ix + ((fx + pen + 32) >> 6) + left, iy + dy + top
            placed.append((bitmap, gx, gy, gx + width, gy + height))
        if index < last:   # the advance of `unit` before the next (kerning is in it)
            nxt = units[index + 1]
            pen += _length64(font, unit + nxt) - _length64(font, nxt)
    if not placed:
        return None
    x0, y0 = min(g[1] for g in placed), min(g[2] for g in placed)
    x1, y1 = max(g[3] for g in placed), max(g[4] for g in placed)
    mask = Image.new("L", (x1 - x0, y1 - y0))
    core = mask.im   # Image.paste's checks cost more than the paste of a glyph
    for bitmap, gx, gy, gx1, gy1 in placed:
        core.paste(255, (gx - x0, gy - y0, gx1 - x0, gy1 - y0), bitmap)
    return (x0, y0, x1, y1), mask


@lru_cache(maxsize=4096)
def _glyph(font, text: str) -> tuple[Any, int, int, int, int] | None:
    """The coverage of `text` drawn alone (a character, or a ligature), its size, and its top left
    corner from the pen at a whole pixel."""
    pad = font.size
    while True:
        im = Image.new("L", (pad * 3, pad * 3))
        ImageDraw.Draw(im).text((pad, pad), text, font=font, fill=255, direction="ltr")
        box = im.getbbox()
        if box is None:
            return None
        if box[0] > 0 and box[1] > 0 and box[2] < im.width and box[3] < im.height:
            return im.crop(box).im, box[2] - box[0], box[3] - box[1], box[0] - pad, box[1] - pad
        pad *= 2   # it may reach past the canvas


@lru_cache(maxsize=16384)
def _length64(font, text: str) -> int:
    return round(font.getlength(text, direction="ltr") * 64)


@lru_cache(maxsize=16384)
def _pair_composes(path: str, left: str, right: str) -> bool:
    """Does ImageDraw draw `left + right` as `left` and `right` drawn alone, laid at their advances
    (no ligature across, no mark moved, no reordering)? Whether it does is the font's (its
    substitutions and positionings), not the size's: checked once per pair, on the pixels, at
    the largest title size."""
    if not _RAQM or any(unicodedata.bidirectional(ch) not in _LTR_CLASSES
                        or unicodedata.category(ch)[0] in "MC" for ch in left + right):
        return False
    font = _font(path == str(BOLD), 76)
    pad = font.size
    placed = _placed([left, right] if right else [left], font, pad, pad)
    drawn = Image.new("L", (pad * 6, pad * 3) if placed is None else
                      (max(pad * 6, placed[0][2] + pad), max(pad * 3, placed[0][3] + pad)))
    ImageDraw.Draw(drawn).text((pad, pad), left + right, font=font, fill=255, direction="ltr")
    ours = Image.new("L", drawn.size)
    if placed is not None:
        if min(placed[0][:2]) < 0:
            return False
        ours.paste(placed[1], placed[0][:2])
    return drawn.tobytes() == ours.tobytes()


def warm_pairs(lines: list[tuple[str, bool]]) -> None:
    """_pair_composes of each two neighbouring characters of these (text, bold?) lines, made now
    (before forking: cards.py); a line as drawn (wrapped, ellipsised) asks for these and few others."""
    pairs: set[tuple[str, str, str]] = set()
    for text, bold in lines:
        path = _font(bold, 76).path
        pairs.update((path, left, right) for left, right in zip(text, text[1:]))
    for pair in sorted(pairs):
        _pair_composes(*pair)


# Bidirectional classes that never reorder a left-to-right line.
_LTR_CLASSES = frozenset(("L", "EN", "ES", "ET", "CS", "ON", "WS"))
