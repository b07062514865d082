"""A PNG card, drawn and mapped only where its text goes (its glyphs laid from a cache, the text
mapped through a lookup table, only its rows compressed), has, pixel for pixel, the palette and
the indices of the whole card drawn by ImageDraw and mapped onto the palette."""

from __future__ import annotations

import io
import zlib

import pytest
from PIL import Image

from portfoliogen.seo import cardpng, cards
from portfoliogen.seo.social import CardSpec

TITLES = [
    "Checkout redesign for a regional bank",
    "Ag Qy 0123 — à é ö " * 6,                      # wrapped, shrunk, then ellipsised
    "x" * 300,                                        # one word broken by characters
    "مرحبا بالعالم تصميم المنتج",                     # right to left
    "Z̷̢̛̮a̵̧͎l̶̡g̸͉o̵̤ ễ ǅ stacked marks",               # marks above and below the line
    "设计系统",                                        # a script the fonts lack: the name instead
    "",
    "Office fintech: fluffy first-flow offline",      # ligatures (fi, ff, fl, ffl)
    "AVATAR Tywo Wave — “quoted” 40% × 3, L’Tâche",  # kerned pairs, punctuation
    "Éÿ ÅÇ ÊÑ Ôg jpq ÂÜ gyp ÉÎ Qjg ÖÄ",               # accents over descenders: lines close
]
LABELS = ["Case study · Acme", "שלום עולם", "", "Label " * 40]


def _whole_card(spec: CardSpec) -> Image.Image:
    return cards.draw_card(spec).quantize(palette=cards._palette(spec.accent, spec.name, spec.host),
                                          dither=Image.Dither.NONE)


def _same_pixels(data: bytes, whole: Image.Image) -> None:
    im = Image.open(io.BytesIO(data))
    im.load()
    assert (im.format, im.mode, im.size) == ("PNG", "P", (1200, 630))
    assert im.getpalette()[:192] == whole.getpalette()[:192]
    assert im.tobytes() == whole.tobytes()


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("label", LABELS)
def test_mapped_in_part_as_in_whole(title: str, label: str) -> None:
    for accent in ("#4338ca", "#ffcc00"):
        spec = CardSpec(slug="s", title=title, label=label, name="Mira Solberg", host="example.com", accent=accent)
        assert spec.format == "png"
        _same_pixels(cards.render_card(spec), _whole_card(spec))


def test_a_plain_title_is_laid_from_cached_glyphs() -> None:
    """The fast path is the one taken (else the test above would only check the slow one)."""
    spec = CardSpec(slug="s", title="Checkout redesign for a regional bank", label="Case study · Acme",
                    name="Mira Solberg", host="example.com", accent="#4338ca")
    layer, lines = cards._card_text(spec)
    assert lines and all(cards._compose(text, font, x, y) is not None for (x, y), text, font, *_ in lines)
    assert cards._compose("مرحبا", lines[-1][2], 72, 100.5) is None          # right to left


def test_a_wrong_title_shows() -> None:
    a = CardSpec(slug="s", title="Checkout redesign", label="Case study", name="Mira", host="example.com",
                 accent="#4338ca")
    b = CardSpec(slug="s", title="Checkout redesigN", label="Case study", name="Mira", host="example.com",
                 accent="#4338ca")
    assert Image.open(io.BytesIO(cards.render_card(a))).tobytes() != \
        Image.open(io.BytesIO(cards.render_card(b))).tobytes()
    _same_pixels(cards.render_card(b), _whole_card(b))


def test_spliced_stream_is_one_valid_zlib_stream() -> None:
    spec = CardSpec(slug="s", title="Checkout redesign", label="Case study", name="Mira", host="example.com",
                    accent="#0f766e")
    data = cards.render_card(spec)
    at, chunks = 8, {}
    while at < len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        assert zlib.crc32(kind + body) == int.from_bytes(data[at + 8 + length:at + 12 + length], "big")
        chunks[kind] = body
        at += 12 + length
    assert list(chunks) == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]
    raw = zlib.decompress(chunks[b"IDAT"])          # checks the adler32 of the spliced rows
    assert len(raw) == 630 * 1201 and all(raw[row * 1201] == 0 for row in range(630))


def test_adler32_combine() -> None:
    a, b = bytes(range(256)) * 37, b"\xff" * 70_000 + b"x"
    assert cardpng._combine(zlib.adler32(a), zlib.adler32(b), len(b)) == zlib.adler32(a + b)
