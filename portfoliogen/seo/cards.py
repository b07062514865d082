"""Drawing social cards (1200x630) with Pillow: the shared layer, the label and title over
it, PNG (paletted) or JPEG. With cardtext.py (fitting and laying text) and icons.py (the favicon
family), the seo package's only PIL users."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageOps

from portfoliogen import parallel
from portfoliogen.fsutil import Stamps, data_digest, write_atomic
from portfoliogen.seo import cardpng
from portfoliogen.seo.cardtext import (_compose, _direction, _font, _one_line, _width, fit_text, printable,
                                       warm_pairs)
from portfoliogen.seo.social import CARD_SIZE, PICTURE_PANEL, CardSpec, card_file, initials, text_on

PAD = 72
FOOTER_TOP = CARD_SIZE[1] - PAD - 62    # the monogram disc, the name and host below
JPEG_QUALITY = 85


# ---------------------------------------------------------------- cache
# With cardtext.py and icons.py, the seo modules that import PIL (images/decode.py the other; an
# import-linter contract in pyproject.toml keeps it so). What to draw and the file names are
# decided before, in social.py; this module only turns a CardSpec into bytes (icons.py an IconSpec), through the card cache (`cards_dir`,
# cache_dir/cards/ as build/cachedirs.py names it): a file named after the spec's hash is never
# drawn twice, unless its bytes are no longer those drawn (cards/stamps.json, see fsutil.Stamps).
def card_stamps(cards_dir: Path) -> Stamps:
    return Stamps(cards_dir / "stamps.json")


def write_cards(specs: list[CardSpec], cards_dir: Path, stamps: Stamps | None = None) -> dict[str, Path]:
    """url_path -> the card's file in the cache, drawing only missing (or altered) ones.
    Saves `stamps` when it makes them (a caller that passes its own saves them)."""
    if stamps is None:
        stamps = card_stamps(cards_dir)
        out = write_cards(specs, cards_dir, stamps)
        stamps.save()
        return out
    out: dict[str, Path] = {}
    missing: list[tuple[CardSpec, Path]] = []
    for spec in specs:
        if spec.url_path in out:
            continue
        path = card_file(cards_dir, spec)
        if not stamps.check(path):
            missing.append((spec, path))
        out[spec.url_path] = path
    if parallel.forks(len(missing)):
        _warm([spec for spec, _path in missing])
    # On every core; each worker sends back the digest of what it wrote, so no card is read again.
    digests = parallel.run(_draw_card, missing, len(missing))
    for (_spec, path), digest in zip(missing, digests):
        stamps.remember(path, digest)
    return out


# What every card is drawn with, each worker would make for itself: the shared layer and its
# palette (~40 ms), and whether each two neighbouring characters draw as their glyphs side by side
# (cardtext._pair_composes: ~0.2 ms a pair, ~650 pairs in a thousand English titles, most of them
# in every worker's share). Made once before the workers fork, they inherit it.
def _warm(specs: list[CardSpec]) -> None:
    layers: dict[tuple, CardSpec] = {}
    lines: list[tuple[str, bool]] = []
    for spec in specs:
        title = printable(spec.title)
        layers.setdefault((spec.accent, spec.name, spec.host, spec.picture, spec.picture_focus, title is None), spec)
        lines += [(title or printable(spec.name) or spec.host, True),
                  (printable(spec.label, bold=False) or spec.host, False)]
    for spec in layers.values():
        card_pixels(spec)
    warm_pairs(lines)


def _draw_card(missing: list[tuple[CardSpec, Path]], index: int) -> str:
    spec, path = missing[index]
    data = render_card(spec)
    write_atomic(path, data)
    return data_digest(data)



# ---------------------------------------------------------------- colours
def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


# ---------------------------------------------------------------- cards
def render_card(spec: CardSpec) -> bytes:
    return encode_card(spec, card_pixels(spec))


def card_pixels(spec: CardSpec) -> Image.Image | PngRows:
    """The card as it is encoded: RGB for a JPEG; for a PNG, its own rows of palette indices."""
    return draw_card(spec) if spec.format == "jpeg" else _png_rows(spec)


def encode_card(spec: CardSpec, pixels: Image.Image | PngRows) -> bytes:
    if isinstance(pixels, PngRows):
        return cardpng.encode(pixels.layer.rows, [(top, rows.tobytes()) for top, rows in pixels.parts])
    buf = io.BytesIO()
    pixels.save(buf, "JPEG", quality=JPEG_QUALITY, progressive=True)
    return buf.getvalue()


@lru_cache(maxsize=8)
def _palette(accent: str, name: str, host: str) -> Image.Image:
    """64 colours from a reference card in the same colours (deterministic:
    it never depends on which card a worker happened to draw first)."""
    reference = CardSpec(slug="reference", title="Reference title: Ag Qy 0123 — à é ö",
                         label="Label · reference", name=name, host=host, accent=accent)
    return draw_card(reference).quantize(64, method=Image.Quantize.FASTOCTREE)


def _colours(accent_hex: str) -> tuple[tuple[int, int, int], ...]:
    accent = _rgb(accent_hex)
    fg = _rgb(text_on(accent_hex))
    return accent, fg, _mix(accent, fg, 0.72), _mix(accent, (0, 0, 0), 0.28)   # + secondary text, shapes


# A card is a layer every card of the site shares (colours, shapes, the photo, the name and host)
# and its own label and title: the shared layer is drawn once per worker and copied.
def draw_card(spec: CardSpec) -> Image.Image:
    layer, lines = _card_text(spec)
    card = _shared_layer(*layer)[0].copy()
    _draw_lines(ImageDraw.Draw(card), lines, (0, 0))
    return card


# A PNG card (flat colours and text: 64 colours look the same, and the file is a third of the
# size) is the shared layer mapped onto the palette of a reference card once (5x faster than
# quantizing each card, and the same for every card), with only the rows its label and title
# cover drawn, mapped and compressed per card (seo/cardpng.py). Text over the flat accent is drawn
# as a mask ('L'), and a mask value maps to one palette index per text colour (a lookup table):
# the pixels are those of drawing the RGB card and mapping it whole, each pixel mapping on its
# own (no dithering). Lines whose boxes touch, or text off the flat accent, are drawn in RGB over
# a crop of the shared layer and mapped, as the whole card would be.
@dataclass(frozen=True)
class PngLayer:
    indices: Image.Image        # 'L': palette indices, a column of zeros (PNG's filter byte) first
    rows: cardpng.SharedRows
    accent: int                 # the accent's palette index
    flat: tuple[int, int]       # (x, y): the card is all accent left of x and above y
    luts: dict                  # fill -> mask value -> palette index


@dataclass(frozen=True)
class PngRows:
    layer: PngLayer
    parts: tuple[tuple[int, Image.Image], ...]   # (top, 'L': the card's rows from top, as in indices)


@lru_cache(maxsize=4)
def _png_layer(layer: tuple, palette_key: tuple[str, str, str]) -> PngLayer:
    shared = _shared_layer(*layer)[0]
    palette = _palette(*palette_key)
    mapped = shared.quantize(palette=palette, dither=Image.Dither.NONE)
    W, H = shared.size
    indices = Image.new("L", (W + 1, H))
    indices.paste(Image.frombytes("L", (W, H), mapped.tobytes()), (1, 0))
    accent = _indices(Image.new("RGB", (1, 1), _rgb(palette_key[0])), palette)[0]
    # Above the monogram disc, everything right of the first pixel that is not the accent.
    above = Image.frombytes("L", (W, FOOTER_TOP), mapped.tobytes()[:W * FOOTER_TOP])
    other = above.point([0 if v == accent else 255 for v in range(256)]).getbbox()
    rows = cardpng.shared_rows(indices.tobytes(), W, H, bytes(palette.getpalette()[:192]))
    return PngLayer(indices, rows, accent, (W if other is None else other[0], FOOTER_TOP), {})


def _indices(rgb: Image.Image, palette: Image.Image) -> bytes:
    return rgb.quantize(palette=palette, dither=Image.Dither.NONE).tobytes()


def _lut(base: PngLayer, fill: tuple[int, int, int], palette_key: tuple[str, str, str]) -> list[int]:
    """Mask value -> the palette index of `fill` drawn at that coverage over the accent, blended as
    ImageDraw.text blends it."""
    lut = base.luts.get(fill)
    if lut is None:
        ramp = Image.new("RGB", (256, 1), _rgb(palette_key[0]))
        ramp.paste(fill, (0, 0), Image.frombytes("L", (256, 1), bytes(range(256))))
        lut = base.luts[fill] = list(_indices(ramp, _palette(*palette_key)))
    return lut


def _png_rows(spec: CardSpec) -> PngRows:
    layer, lines = _card_text(spec)
    key = (spec.accent, spec.name, spec.host)
    base = _png_layer(layer, key)
    groups = _text_masks(lines, base.flat)
    if groups is None:
        return _png_rows_drawn(spec, layer, lines, base)
    # The label's rows and the title's, apart when a band of rows between them has no text.
    spans: list[list] = []
    for fill, (box, mask) in sorted(groups.items(), key=lambda item: item[1][0][1]):
        top, bottom = cardpng.band_rows(base.rows, box[1], box[3])
        if spans and top <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], bottom)
            spans[-1][2].append((fill, box, mask))
        else:
            spans.append([top, bottom, [(fill, box, mask)]])
    parts = []
    for top, bottom, texts in spans:
        rows = base.indices.crop((0, top, base.indices.width, bottom))
        for fill, box, mask in texts:   # (Image.point rounds its table each call: 0.1 ms a card)
            left, up = box[0] + 1, box[1] - top
            rows.im.paste(mask.im.point(_lut(base, fill, key), None), (left, up, left + mask.width, up + mask.height))
        parts.append((top, rows))
    return PngRows(base, tuple(parts))


def _png_rows_drawn(spec: CardSpec, layer: tuple, lines: list[_Line], base: PngLayer) -> PngRows:
    """The rows of the card, its text drawn in RGB and mapped onto the palette."""
    shared = _shared_layer(*layer)[0]
    box = _ink_box(lines, shared.size) or (0, 0, 1, 1)
    top, bottom = cardpng.band_rows(base.rows, box[1], box[3])
    rows = base.indices.crop((0, top, base.indices.width, bottom))
    region = shared.crop(box)
    _draw_lines(ImageDraw.Draw(region), lines, box[:2])
    mapped = _indices(region, _palette(spec.accent, spec.name, spec.host))
    rows.paste(Image.frombytes("L", region.size, mapped), (box[0] + 1, box[1] - top))
    return PngRows(base, ((top, rows),))


def _text_masks(lines: list[_Line], flat: tuple[int, int]) -> dict | None:
    """fill -> (box, 'L' mask of the lines in that colour) when no two lines' ink meet and all
    of it lies on the flat accent; else None."""
    drawn = []
    for (x, y), text, font, fill, direction in lines:
        mask = _compose(text, font, x, y) if direction != "rtl" else None
        if mask is None:
            mask = _drawn_mask(text, font, x, y, direction)
        if mask is not None:
            drawn.append((fill, *mask))
    groups: dict = {}
    for fill, box, mask in drawn:
        if box[0] < 0 or box[1] < 0 or box[2] > flat[0] or box[3] > flat[1]:
            return None
        for other_fill, other_box, other in drawn:
            if other is not mask and _meet(box, mask, other_box, other):
                return None
        groups.setdefault(fill, []).append((box, mask))
    out = {}
    for fill, parts in groups.items():
        box = (min(b[0] for b, _m in parts), min(b[1] for b, _m in parts),
               max(b[2] for b, _m in parts), max(b[3] for b, _m in parts))
        if len(parts) == 1:
            out[fill] = parts[0]
            continue
        group = Image.new("L", (box[2] - box[0], box[3] - box[1]))
        for b, mask in parts:   # no ink meets: each pixel of the group is one line's, or none
            group.paste(255, (b[0] - box[0], b[1] - box[1]), mask)
        out[fill] = (box, group)
    return out


def _meet(box_a, mask_a: Image.Image, box_b, mask_b: Image.Image) -> bool:
    """Do two masks have ink on a common pixel?"""
    x0, y0 = max(box_a[0], box_b[0]), max(box_a[1], box_b[1])
    x1, y1 = min(box_a[2], box_b[2]), min(box_a[3], box_b[3])
    if x0 >= x1 or y0 >= y1:
        return False
    a = mask_a.crop((x0 - box_a[0], y0 - box_a[1], x1 - box_a[0], y1 - box_a[1]))
    b = mask_b.crop((x0 - box_b[0], y0 - box_b[1], x1 - box_b[0], y1 - box_b[1]))
    return ImageChops.multiply(a, b).getbbox() is not None


def _drawn_mask(text: str, font, x: float, y: float, direction) -> tuple[tuple, Image.Image] | None:
    """(box, mask) of a line as ImageDraw.text draws it (ligatures, marks, right to left): drawn
    with fill 255 over 0, a mask holds what the text covers of each pixel."""
    left, top, right, bottom = _glyph_box(text, font, direction)
    if right <= left or bottom <= top:
        return None
    # Its position in the mask stays positive (ImageDraw truncates a negative one the other way).
    box = (int(x) + min(0, left - 2), int(y) + min(0, top - 2), int(x) + right + 2, int(y) + bottom + 2)
    mask = Image.new("L", (box[2] - box[0], box[3] - box[1]))
    ImageDraw.Draw(mask).text((x - box[0], y - box[1]), text, font=font, fill=255, direction=direction)
    return box, mask



# (xy, text, font, fill, direction) of each line drawn over the shared layer.
_Line = tuple[tuple[float, float], str, ImageFont.FreeTypeFont, tuple[int, int, int], str | None]


def _card_text(spec: CardSpec) -> tuple[tuple, list[_Line]]:
    """The shared layer's arguments, and the card's label and title lines."""
    title = printable(spec.title)
    # The fonts cannot draw the title: the name stands in for it (and is not repeated below).
    shows_name = title is not None
    if title is None:
        title = printable(spec.name) or spec.host
    layer = (spec.accent, spec.name, shows_name, spec.host, spec.picture, spec.picture_focus)
    panel_w = _shared_layer(*layer)[1]
    draw = ImageDraw.Draw(_MEASURE)   # measures as a card's own would (an RGB image's font mode)
    _accent, fg, soft, _deep = _colours(spec.accent)
    W, H = CARD_SIZE
    inner = (panel_w if panel_w < W else W - 280) - 2 * PAD
    label = printable(spec.label, bold=False) or spec.host

    label_font = _font(False, 28)
    lines = [_line(draw, (PAD, PAD), _one_line(draw, label, label_font, inner), label_font, soft, inner)]

    top, bottom = PAD + 70, H - PAD - 100
    font, title_lines = fit_text(draw, title, inner, bottom - top)
    size = font.size
    block = len(title_lines) * size * 1.16
    y = top + max(0, (bottom - top - block) / 2 - size * 0.1)
    for text in title_lines:
        lines.append(_line(draw, (PAD, y), text, font, fg, inner))
        y += size * 1.16
    return layer, lines


_MEASURE = Image.new("RGB", (1, 1))


@lru_cache(maxsize=1024)   # labels repeat ("Case study · <client>")
def _glyph_box(text: str, font, direction: str | None) -> tuple[int, int, int, int]:
    return font.getbbox(text, direction=direction)


def _line(draw, xy, text: str, font, fill, width: int) -> _Line:
    """A line left-aligned, or right-aligned in a box `width` wide when RTL."""
    x, y = xy
    direction = _direction(text)
    if direction == "rtl":
        x = x + width - _width(draw, text, font)
    return (x, y), text, font, fill, direction


def _draw_lines(draw: ImageDraw.ImageDraw, lines: list[_Line], origin: tuple[int, int]) -> None:
    """Draw `lines` into an image whose top left corner is `origin` of the card. The offsets are
    whole pixels, and subtracting one from a coordinate is exact: the text lands on the same
    sub-pixel position, and its pixels are the same."""
    ox, oy = origin
    for (x, y), text, font, fill, direction in lines:
        draw.text((x - ox, y - oy), text, font=font, fill=fill, direction=direction)


def _ink_box(lines: list[_Line], size: tuple[int, int]) -> tuple[int, int, int, int] | None:
    """The box of the card that drawing `lines` may change (None: nothing): each line's glyph
    box, as ImageDraw.text places it at the whole pixel below its position, with a margin."""
    boxes = []
    for (x, y), text, font, _fill, direction in lines:
        left, top, right, bottom = _glyph_box(text, font, direction)
        if right > left and bottom > top:
            boxes.append((int(x) + left - 2, int(y) + top - 2, int(x) + right + 2, int(y) + bottom + 2))
    if not boxes:
        return None
    x0 = max(0, min(min(b[0] for b in boxes), min(int(line[0][0]) for line in lines)))
    y0 = max(0, min(min(b[1] for b in boxes), min(int(line[0][1]) for line in lines)))
    return x0, y0, min(size[0], max(b[2] for b in boxes)), min(size[1], max(b[3] for b in boxes))


@lru_cache(maxsize=4)
def _shared_layer(accent_hex: str, name_text: str, shows_name: bool, host: str, picture,
                  focus: float) -> tuple[Image.Image, int]:
    """(the card without label and title, the width of its text panel)."""
    accent, fg, soft, deep = _colours(accent_hex)
    W, H = CARD_SIZE
    card = Image.new("RGB", (W, H), accent)
    draw = ImageDraw.Draw(card)

    panel_w = W
    if picture is not None:
        opened = _open_picture(picture.path)
        if opened is not None:
            panel_w = W - PICTURE_PANEL[0]
            crop = ImageOps.fit(opened, PICTURE_PANEL, Image.Resampling.LANCZOS, centering=(0.5, focus))
            card.paste(crop, (panel_w, 0))
    else:
        # Without a picture, a quiet shape on the right keeps the card from looking empty.
        r = 300
        draw.ellipse((W - r - 40, -r // 2, W + r - 40, r + r // 2), fill=_mix(accent, deep, 0.55))
        draw.ellipse((W - 260, H - 170, W + 60, H + 150), fill=_mix(accent, deep, 0.35))
    # A strip along the bottom of the text panel.
    draw.rectangle((0, H - 14, panel_w, H), fill=deep)

    inner = (panel_w if panel_w < W else W - 280) - 2 * PAD
    name = (printable(name_text) or "") if shows_name else ""
    # Bottom: a monogram disc, the name, the host.
    y = FOOTER_TOP
    x = PAD
    mono = printable(initials(name_text))
    disc = 62
    draw.ellipse((x, y, x + disc, y + disc), fill=fg)
    if mono:
        mfont = _font(True, 26 if len(mono) > 1 else 30)
        draw.text((x + disc / 2, y + disc / 2), mono, font=mfont, fill=accent, anchor="mm")
    x += disc + 20
    if name:
        nfont = _font(True, 30)
        draw.text((x, y - 2), _one_line(draw, name, nfont, inner - disc - 20), font=nfont, fill=fg,
                  direction=_direction(name))
        hfont = _font(False, 24)
        draw.text((x, y + 36), _one_line(draw, host, hfont, inner - disc - 20), font=hfont, fill=soft)
    else:
        hfont = _font(False, 28)
        draw.text((x, y + disc / 2), _one_line(draw, host, hfont, inner - disc - 20),
                  font=hfont, fill=fg, anchor="lm")
    return card, panel_w


def _open_picture(path: str) -> Image.Image | None:
    try:
        with Image.open(path) as im:
            im = ImageOps.exif_transpose(im)
            if im.mode in ("RGBA", "LA", "P"):
                im = im.convert("RGBA")
                flat = Image.new("RGB", im.size, (255, 255, 255))
                flat.paste(im, mask=im.getchannel("A"))
                return flat
            return im.convert("RGB")
    except (OSError, ValueError):
        return None
