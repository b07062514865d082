"""Drawing social cards (1200x630) and the favicon family with Pillow: every PIL use of
the seo package lives here."""

from __future__ import annotations

import base64
import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps, features

from portfoliogen import parallel
from portfoliogen.fsutil import Stamps, data_digest, write_atomic
from portfoliogen.seo.glyphs import BOLD, REGULAR, drawable, is_rtl
from portfoliogen.seo.social import (
    CARD_SIZE,
    PICTURE_PANEL,
    CardSpec,
    IconSpec,
    card_file,
    icon_files,
    initials,
    text_on,
)
from portfoliogen.seo.xmltext import xml_attr, xml_text

PAD = 72
JPEG_QUALITY = 85
PNG_LEVEL = 3
_RAQM = features.check("raqm")


# ---------------------------------------------------------------- cache
# One of the two modules that import PIL (with images/decode.py; an import-linter contract in
# pyproject.toml keeps it so). What to draw and the file names are decided before, in social.py;
# this module only turns a CardSpec / IconSpec into bytes, through the card cache (`cards_dir`,
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
    # On every core; each worker sends back the digest of what it wrote, so no card is read again.
    digests = parallel.run(_draw_card, missing, len(missing))
    for (_spec, path), digest in zip(missing, digests):
        stamps.remember(path, digest)
    return out


def _draw_card(missing: list[tuple[CardSpec, Path]], index: int) -> str:
    spec, path = missing[index]
    data = render_card(spec)
    write_atomic(path, data)
    return data_digest(data)


def write_icons(spec: IconSpec, cards_dir: Path, stamps: Stamps | None = None) -> dict[str, Path]:
    """'favicon.ico', ... -> the file in the cache."""
    if stamps is None:
        stamps = card_stamps(cards_dir)
        out = write_icons(spec, cards_dir, stamps)
        stamps.save()
        return out
    files = icon_files(cards_dir, spec)
    if not all(stamps.check(path) for path in files.values()):
        for name, data in render_icons(spec).items():
            write_atomic(files[name], data)
            stamps.remember(files[name])
    return files


# ---------------------------------------------------------------- fonts and text
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


# ---------------------------------------------------------------- colours
def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


# ---------------------------------------------------------------- cards
def render_card(spec: CardSpec) -> bytes:
    return encode_card(spec, card_pixels(spec))


def card_pixels(spec: CardSpec) -> Image.Image:
    """The card as it is encoded: RGB for a JPEG, paletted for a PNG."""
    return draw_card(spec) if spec.format == "jpeg" else _paletted_card(spec)


def encode_card(spec: CardSpec, pixels: Image.Image) -> bytes:
    buf = io.BytesIO()
    if spec.format == "jpeg":
        pixels.save(buf, "JPEG", quality=JPEG_QUALITY, progressive=True)
    else:
        # Flat colours and text: 64 colours look the same, and the file is a third of the size.
        # Mapping onto the palette of a reference card is 5x faster than quantizing each card,
        # and the same for every card. compress_level 3: a sixth larger than 6, three times faster
        # (benchmarks/cards.py).
        pixels.save(buf, "PNG", compress_level=PNG_LEVEL)
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


# A PNG card is the shared layer mapped onto the palette once, with only the box its label and
# title cover drawn and mapped per card: each pixel maps on its own (no dithering), so the bytes
# are those of mapping the whole card, with a third of the pixels mapped.
def _paletted_card(spec: CardSpec) -> Image.Image:
    layer, lines = _card_text(spec)
    shared = _shared_layer(*layer)[0]
    palette = _palette(spec.accent, spec.name, spec.host)
    box = _ink_box(lines, shared.size)
    card = _paletted_layer(layer, (spec.accent, spec.name, spec.host)).copy()
    if box is not None:
        region = shared.crop(box)
        _draw_lines(ImageDraw.Draw(region), lines, box[:2])
        card.paste(region.quantize(palette=palette, dither=Image.Dither.NONE), box[:2])
    return card


@lru_cache(maxsize=4)
def _paletted_layer(layer: tuple, palette_key: tuple[str, str, str]) -> Image.Image:
    return _shared_layer(*layer)[0].quantize(palette=_palette(*palette_key), dither=Image.Dither.NONE)


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
    y = H - PAD - 62
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


# ---------------------------------------------------------------- icons
def render_icons(spec: IconSpec) -> dict[str, bytes]:
    square = _icon_square(spec, 512)
    out = {}
    for name, size in (("apple-touch-icon.png", 180), ("icon-192.png", 192), ("icon-512.png", 512)):
        out[name] = _png(square.resize((size, size), Image.Resampling.LANCZOS))
    rounded = _rounded(square)
    buf = io.BytesIO()
    rounded.save(buf, "ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    out["favicon.ico"] = buf.getvalue()
    out["favicon.svg"] = _svg_icon(spec, square)
    return out


def _icon_square(spec: IconSpec, size: int) -> Image.Image:
    if spec.picture is not None:
        picture = _open_picture(spec.picture.path)
        if picture is not None:
            return ImageOps.fit(picture, (size, size), Image.Resampling.LANCZOS, centering=(0.5, 0.4))
    square = Image.new("RGB", (size, size), _rgb(spec.accent))
    letters = printable(initials(spec.name))
    if letters:
        draw = ImageDraw.Draw(square)
        font = _font(True, int(size * (0.42 if len(letters) > 1 else 0.56)))
        draw.text((size / 2, size / 2), letters, font=font, fill=_rgb(text_on(spec.accent)), anchor="mm")
    return square


def _rounded(square: Image.Image) -> Image.Image:
    size = square.size[0]
    mask = Image.new("L", (size * 2, size * 2), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, size * 2 - 1, size * 2 - 1), radius=size * 2 // 5, fill=255)
    out = square.convert("RGBA")
    out.putalpha(mask.resize((size, size), Image.Resampling.LANCZOS))
    return out


def _png(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def _svg_icon(spec: IconSpec, square: Image.Image) -> bytes:
    if spec.picture is not None:
        buf = io.BytesIO()
        square.resize((96, 96), Image.Resampling.LANCZOS).save(buf, "JPEG", quality=80)
        data = base64.b64encode(buf.getvalue()).decode("ascii")
        body = ('<clipPath id="c"><rect width="64" height="64" rx="14"/></clipPath>'
                f'<image width="64" height="64" clip-path="url(#c)" href="data:image/jpeg;base64,{data}"/>')
    else:
        letters = initials(spec.name)
        size = 27 if len(letters) > 1 else 36
        body = (f'<rect width="64" height="64" rx="14" fill="{xml_attr(spec.accent)}"/>'
                f'<text x="32" y="32" dy=".35em" text-anchor="middle" font-family="DejaVu Sans,Verdana,'
                f'system-ui,sans-serif" font-weight="700" font-size="{size}" '
                f'fill="{xml_attr(text_on(spec.accent))}">'
                f'{xml_text(letters)}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">{body}</svg>\n').encode("utf-8")
